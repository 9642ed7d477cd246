import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Each file starts its own server; one file at a time keeps a two-core machine responsive.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The realtime client logs each connection, event and close to the console, as the web app does.
    onConsoleLog: (log) => !/^(WebSocket connected|Realtime update:|Realtime closed by the server:)/.test(log),
  },
});
