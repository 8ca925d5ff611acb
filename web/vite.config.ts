import { defineConfig } from 'vitest/config';

// The site is built from src/main into target/dist. Nothing is inlined into index.html and no module-preload
// polyfill is injected, so the page runs under a content security policy without 'unsafe-inline'.
// `npm run dev` serves it on http://localhost:5173 (an origin the local runtime allows) and sends the API and
// the runtime's config.json to `./persona-local up` on its default port.
export default defineConfig({
  root: 'src/main',
  publicDir: false,
  build: {
    outDir: '../../target/dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/v1': 'http://127.0.0.1:3000',
      '/config.json': 'http://127.0.0.1:3000',
    },
  },
  test: {
    root: '.',
    include: ['src/test/ts/**/*.test.ts'],
    environment: 'node',
  },
});
