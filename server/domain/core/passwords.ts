// Password hashing with scrypt from node:crypto (memory-hard, no native dependency).
// Stored as scrypt$N$r$p$salt$hash so parameters can be raised later without a migration.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((res, rej) => scryptCb(pw, salt, len, opts, (e, k) => (e ? rej(e) : res(k))));

const params = { N: 2 ** 15, r: 8, p: 1 };
const maxmem = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { ...params, maxmem });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem });
  return timingSafeEqual(actual, expected);
}

/**
 * A hash to verify against when the user does not exist, so timing does not reveal it: the same
 * parameters, so verifying costs the same scrypt; its key is random bytes, which no password
 * matches (computing a real hash here held up every start by one scrypt).
 */
export const decoyHash = [
  'scrypt',
  params.N,
  params.r,
  params.p,
  randomBytes(16).toString('base64'),
  randomBytes(32).toString('base64'),
].join('$');
