// The staff web app's files: sent brotli- or gzip-compressed when the browser takes it (the build
// writes .br and .gz beside them), plain otherwise, and never an encoding the browser refused.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { acceptedEncodings } from './app.ts';

let t: TestDatabase;
let app: TestApp;
let root: string;
const script = 'console.log("the staff app");\n'.repeat(200);

beforeAll(async () => {
  t = await createTestDatabase();
  root = await mkdtemp(join(tmpdir(), 'kept-web-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Kept</title><script src="/assets/app-1.js"></script>');
  await writeFile(join(root, 'assets', 'app-1.js'), script);
  await writeFile(join(root, 'assets', 'app-1.js.br'), brotliCompressSync(script));
  await writeFile(join(root, 'assets', 'app-1.js.gz'), gzipSync(script));
  app = buildApp(t.db, { webRoot: root + '/' });
});
afterAll(async () => {
  await t.drop();
  await rm(root, { recursive: true, force: true });
});

const get = async (path: string, acceptEncoding?: string) => {
  const res = await app.request(path, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
};

describe('the web app files', () => {
  it('sends brotli to a browser that takes it, and says so', async () => {
    const { res, body } = await get('/assets/app-1.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(brotliDecompressSync(body).toString()).toBe(script);
    expect(body.length).toBeLessThan(script.length / 10);
  });

  it('sends gzip when brotli is not taken or refused with q=0', async () => {
    for (const header of ['gzip', 'br;q=0, gzip;q=0.8', 'x-gzip']) {
      const { res, body } = await get('/assets/app-1.js', header);
      expect(res.headers.get('content-encoding'), header).toBe('gzip');
      expect(gunzipSync(body).toString()).toBe(script);
    }
  });

  it('sends the plain file without Accept-Encoding, with identity only, or when no packed copy exists', async () => {
    for (const header of [undefined, 'identity', 'gzip;q=0, br;q=0']) {
      const { res, body } = await get('/assets/app-1.js', header);
      expect(res.headers.get('content-encoding'), String(header)).toBeNull();
      expect(body.toString()).toBe(script);
    }
    const { res } = await get('/', 'br');
    expect(res.headers.get('content-encoding')).toBeNull(); // index.html is small: no .br beside it
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('reads Accept-Encoding as the RFC says', () => {
    expect([...acceptedEncodings('gzip, deflate, br')]).toEqual(['gzip', 'deflate', 'br']);
    expect([...acceptedEncodings(' BR ; q=1.0 , gzip;q=0')]).toEqual(['br']);
    expect([...acceptedEncodings('')]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
