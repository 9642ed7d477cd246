// Sessions: who is signed in (GET /api/me), log in with an API token (POST /api/login, which sets
// the HttpOnly session cookie) and log out (POST /api/logout). These calls use fetch() directly
// rather than api.js, because a 401 here is an answer ("not signed in"), not an expired session.

import { API_BASE } from './api.js';

async function call(method, path, body) {
  try {
    return await fetch(`${API_BASE}${path}`, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return null; // the server could not be reached
  }
}

async function errorMessage(response, fallback) {
  try {
    const body = await response.json();
    if (body && body.error && body.error.message) return body.error.message;
  } catch { /* not JSON */ }
  return fallback;
}

const UNREACHABLE = 'The server could not be reached. Check your connection and try again.';

/**
 * Who is signed in:
 *   { state: 'signed-in', me }   me = { name, role, driver_id, kind }
 *   { state: 'signed-out' }      401: show the log-in screen
 *   { state: 'open' }            the server has no log-in at all (no /api/me): everything is open
 *   { state: 'unreachable', message }
 */
export async function whoAmI() {
  const response = await call('GET', '/me');
  if (!response) return { state: 'unreachable', message: UNREACHABLE };
  if (response.status === 401) return { state: 'signed-out' };
  if (response.status === 404) return { state: 'open' };
  if (!response.ok) return { state: 'unreachable', message: await errorMessage(response, `The server answered ${response.status}.`) };
  const me = await response.json().catch(() => null);
  if (!me || typeof me.role !== 'string') return { state: 'unreachable', message: 'The server sent an unexpected answer.' };
  return { state: 'signed-in', me };
}

/**
 * Log in with an API token. Resolves to { ok: true } (the cookie is set), { ok: true, open: true }
 * when the server has no log-in, or { ok: false, message } to show beside the field.
 */
export async function logIn(token) {
  const response = await call('POST', '/login', { token });
  if (!response) return { ok: false, message: UNREACHABLE };
  if (response.ok) return { ok: true };
  if (response.status === 404) return { ok: true, open: true };
  if (response.status === 429) {
    const seconds = Number.parseInt(response.headers.get('Retry-After') || '', 10);
    const wait = Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
    return { ok: false, message: `Too many attempts, try again in ${wait} s` };
  }
  if (response.status === 401) return { ok: false, message: await errorMessage(response, 'That token is not valid.') };
  return { ok: false, message: await errorMessage(response, `Log-in failed (${response.status}).`) };
}

/** Log out: the server clears the cookie and closes this session's sockets. False if unreachable. */
export async function logOut() {
  const response = await call('POST', '/logout');
  return response !== null;
}
