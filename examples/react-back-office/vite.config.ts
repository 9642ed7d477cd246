import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the app and forwards /api and /ws to Switchboard, so the browser sees one
// origin (no CORS). The built app (`npm run build`) talks to VITE_SWITCHBOARD_URL, or its own
// origin, or the `?server=` of its address (see src/config.ts).
const target = process.env.SWITCHBOARD_URL || 'http://127.0.0.1:5001';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      // The Host header is kept, so Switchboard sees the page's own origin in Origin and Host alike.
      '/api': { target },
      '/ws': { target, ws: true },
    },
  },
});
