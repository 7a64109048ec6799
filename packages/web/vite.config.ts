import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Where the API runs in development (`DOCKET_API_URL`, default the server's default port). In production the
 * server serves the built app itself, so there is no proxy.
 */
const apiTarget = process.env.DOCKET_API_URL ?? 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/healthz': { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The server's CSP allows fonts from 'self' only: never inline assets (fonts or images) as data: URLs.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
            },
            {
              name: 'uswds',
              test: /node_modules[\\/](@trussworks|focus-trap|focus-trap-react|tabbable)[\\/]/,
            },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
});
