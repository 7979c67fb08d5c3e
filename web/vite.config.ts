// Builds the staff web app into web/dist, which the server serves on its own port.
// `npm run dev:web` serves it with hot reload and sends API calls to a running `kept start`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const kept = 'http://127.0.0.1:4180';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': kept, '/healthz': kept, '/metrics': kept },
  },
});
