// The citizen portal: Solid + Vite, one single-page app for every county, served by the API at
// /{tenant}/… with its assets under /portal/ (from dist/portal).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/portal/',
  plugins: [solid()],
  build: {
    outDir: '../dist/portal',
    emptyOutDir: true,
    // Cheap phones run old WebViews (QQ/UC/vendor browsers on Chromium 7x–8x, iOS 12 Safari).
    target: ['es2019', 'chrome70', 'safari12'],
    sourcemap: false,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8787' },
  },
});
