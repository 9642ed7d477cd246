// The REST client: one fetch wrapper that knows Switchboard's error shape, the X-Switchboard-Seq
// header and ETag/If-Match versions. Pages never call fetch() directly.

import { trackWrite } from './own-changes.js';

export const API_BASE = '/api';

/** The most ids one `?ids=` lookup may name, and the largest page the server gives (its limits). */
export const MAX_IDS = 500;
export const MAX_PAGE = 500;

/** A failed request. status 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details || {};
  }

  get isValidation() { return this.status === 422; }
  get isStale() { return this.status === 412; }
  get isNotFound() { return this.status === 404; }
  get isForbidden() { return this.status === 403; }
}

function buildQuery(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function parseSeq(headers) {
  const raw = headers.get('X-Switchboard-Seq');
  if (raw === null || raw.trim() === '') return null;
  const seq = Number(raw);
  return Number.isFinite(seq) ? seq : null;
}

function parseEtag(headers) {
  const raw = headers.get('ETag');
  return raw ? raw.replace(/^W\//, '').replace(/"/g, '') : null;
}

async function errorFrom(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: keep the status text */ }
  const error = body && body.error ? body.error : {};
  const message = error.message || response.statusText || `Request failed (${response.status})`;
  if (response.status === 401) {
    // The session is gone (logged out elsewhere, expired, revoked): app.js shows the log-in screen.
    window.dispatchEvent(new CustomEvent('switchboard:unauthorized', { detail: { message } }));
  }
  return new ApiError(response.status, error.code || `http_${response.status}`, message, error.details);
}

/**
 * One request. Resolves to { data, status, seq, etag } or throws ApiError.
 * `version` becomes If-Match: "<version>".
 */
export async function request(method, path, { params, body, version, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (version !== undefined && version !== null) headers['If-Match'] = `"${version}"`;
  // A write's events come back over the socket: this tab's own are told apart (one toast, not two).
  const written = trackWrite(method, path, body);
  let response;
  try {
    response = await fetch(`${API_BASE}${path}${buildQuery(params)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    written(false);
    if (cause && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    written(false);
    throw await errorFrom(response);
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  written(true, data);
  return { data, status: response.status, seq: parseSeq(response.headers), etag: parseEtag(response.headers) };
}

const path = (collection, id, suffix = '') =>
  `/${collection}${id === undefined ? '' : `/${encodeURIComponent(id)}`}${suffix}`;

// Every change to an existing record says which version of it the user saw (`version` becomes
// If-Match), so the server answers 412 instead of acting on a record that changed meanwhile.
export const api = {
  list: (collection, params, opts) => request('GET', path(collection), { params, ...opts }),
  get: (collection, id, opts) => request('GET', path(collection, id), opts),
  create: (collection, body) => request('POST', path(collection), { body }),
  update: (collection, id, changes, version) => request('PATCH', path(collection, id), { body: changes, version }),
  remove: (collection, id, version) => request('DELETE', path(collection, id), { version }),
  /**
   * A domain action: POST /api/{collection}/{id}/{action} (or /api/{collection}/{action} without
   * id), with If-Match: "<version>" when acting on a record the user saw.
   */
  action: (collection, id, action, body = {}, version) => request('POST', path(collection, id, `/${action}`), { body, version }),
  /** A record's audit entries, newest first: { items, limit, next_after } (`after` pages on). */
  history: (collection, id, params, opts) => request('GET', path(collection, id, '/history'), { params, ...opts }),
  /** A bulk change of many records at once, all or nothing: POST /api/{collection}/bulk/{action}. */
  bulk: (collection, action, body) => request('POST', `/${collection}/bulk/${action}`, { body }),
  /** The address of a list as CSV, with the list's filters, search and sort. */
  csvUrl: (collection, params) => `${API_BASE}${path(collection)}${buildQuery({ ...params, format: 'csv' })}`,
  /** A read-only view such as /api/inventory-kpis. */
  view: (name, params, opts) => request('GET', `/${name}`, { params, ...opts }),
};

/** "You don't have access to invoices." for a page or panel the role may not read. */
export function noAccessText(what) {
  return `You don't have access to ${what}.`;
}

/** Human text for an error, used in toasts and form banners. */
export function describeError(error) {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
