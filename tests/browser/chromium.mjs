// The system Chromium driven by playwright-core, as the browser suites (run.mjs, react-example.mjs)
// launch it, and the console errors Chromium itself prints while the server is down.

import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

// What a page's console shows while the server is down (the reconnect tests only).
export const NETWORK_DOWN_ERRORS = [
  /WebSocket connection to '.*' failed/,
  /Failed to load resource: net::ERR_CONNECTION_(REFUSED|RESET|CLOSED)/,
];

/**
 * Check that Chromium and playwright-core are there before anything else starts, and return
 * the function that launches the browser. Exits (as `suite`) with 3 without Chromium, 2 without
 * playwright-core.
 */
export async function chromiumLauncher(suite) {
  if (!existsSync(CHROMIUM)) {
    console.error(`${suite}: Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(3);
  }
  const { chromium } = await import('playwright-core').catch(() => {
    console.error(`${suite}: playwright-core is not installed. Run: npm ci --prefix tests/browser`);
    process.exit(2);
  });
  return () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A test's failure (as opposed to a bug in the suite itself). */
export class TestFailure extends Error {}

export function assert(condition, message) {
  if (!condition) throw new TestFailure(message);
}
