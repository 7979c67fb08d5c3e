// Builds the staff web app into web/dist, which the server serves on its own port.
// `npm run dev:web` serves it with hot reload and sends API calls to a running `kept start`.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const kept = 'http://127.0.0.1:4180';

/** Writes a .br and a .gz beside each built script, style and page, which the server sends to browsers that take them. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'kept-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir.startsWith('/') ? c.build.outDir : join(c.root, c.build.outDir);
    },
    async closeBundle() {
      for (const name of await readdir(outDir, { recursive: true })) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const body = await readFile(join(outDir, name));
        if (body.length < 1024) continue;
        await writeFile(join(outDir, `${name}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        await writeFile(join(outDir, `${name}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': kept, '/healthz': kept, '/metrics': kept },
  },
});
