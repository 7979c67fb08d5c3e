// Identifiers. Rows use UUIDv7 (RFC 9562): time-ordered, so new rows land at the right
// edge of their indexes instead of scattering writes across them, and "newest first" is
// "highest id first". Within one process ids are strictly increasing: the 12-bit rand_a
// field holds a counter for ids made in the same millisecond (RFC 9562, method 1).
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;
// One randomBytes call per 256 ids: a call per id cost ~5% of the server's CPU on batches.
let pool = Buffer.alloc(0);
let at = 0;
/** The offset of 16 fresh random bytes in `pool`, which the caller may overwrite (each is used once). */
function random16(): number {
  if (at + 16 > pool.length) {
    pool = randomBytes(4096);
    at = 0;
  }
  at += 16;
  return at - 16;
}

export function uuidv7(now = Date.now()): string {
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    seq++;
    if (seq > 0xfff) {
      ms++;
      seq = 0;
    }
  } else seq = 0;
  lastMs = ms;
  // Written into the pool's own bytes: no Buffer per id.
  const o = random16();
  const b = pool;
  b.writeUIntBE(ms, o, 6);
  b[o + 6] = 0x70 | (seq >> 8);
  b[o + 7] = seq & 0xff;
  b[o + 8] = (b[o + 8]! & 0x3f) | 0x80;
  const h = b.toString('hex', o, o + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => uuidPattern.test(s);
