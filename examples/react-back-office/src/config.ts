/**
 * The Switchboard server the app talks to, first found of:
 * - `?server=http://127.0.0.1:5002` in the page's address, so one build serves a server on any
 *   port (the Chromium tests use it). The log-in page shows the server, so nobody pastes a token
 *   for one they did not mean;
 * - VITE_SWITCHBOARD_URL at build time;
 * - '' (this page's origin: the Vite dev proxy, or files served next to Switchboard).
 */
export function serverUrl(): string {
  const fromAddress = new URLSearchParams(window.location.search).get('server');
  for (const candidate of [fromAddress, import.meta.env.VITE_SWITCHBOARD_URL]) {
    if (candidate && isHttpUrl(candidate)) return candidate.replace(/\/+$/, '');
  }
  return '';
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
