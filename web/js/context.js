// The app-wide singletons every page uses: the query cache and the toaster, plus the fetchers
// that turn REST calls into cache entries ({ data, seq }).

import { api, MAX_IDS } from './api.js';
import { QueryCache } from './query.js';
import { Toaster } from './toasts.js';

export const cache = new QueryCache();

/**
 * Who is signed in: GET /api/me's answer ({ token_id, name, role… }), or null (none, or no
 * log-in); and the app's realtime client while the app runs (forms say who else is on a record).
 */
export const session = { me: null, realtime: null };

export const toaster = new Toaster({
  get container() { return document.querySelector('[data-testid="toasts"]'); },
});

const unwrap = (promise) => promise.then(({ data, seq }) => ({ data, seq }));

/** Query key + fetcher for a page of a collection: ["orders", {limit, offset, status…}]. */
export function listQuery(collection, params = {}) {
  return { key: [collection, params], fetcher: () => unwrap(api.list(collection, params)) };
}

/** Query key + fetcher for one record: ["order", 42]. */
export function recordQuery(collection, key, id) {
  return { key: [key, id], fetcher: () => unwrap(api.get(collection, id)) };
}

/** Query key + fetcher for a read-only view: ["inventory-kpis"]. */
export function viewQuery(name, params) {
  const key = params ? [name, params] : [name];
  return { key, fetcher: () => unwrap(api.view(name, params)) };
}

/** Observe a query built by one of the helpers above. */
export function observe(query, listener) {
  return cache.observe(query.key, query.fetcher, listener);
}

/**
 * The records of `collection` with exactly these ids (the names on a screen), newest first:
 * ["customers", {ids: "3,17,42", limit}], so any customers event refetches it. At most MAX_IDS.
 */
export function idsQuery(collection, ids) {
  const unique = [...new Set(ids.filter((id) => Number.isInteger(id) && id > 0))].sort((a, b) => a - b).slice(0, MAX_IDS);
  return listQuery(collection, { ids: unique.join(','), limit: Math.max(unique.length, 1) });
}

/** Map id -> record for these ids of `collection` (cached; records the caller cannot see are absent). */
export async function recordsByIds(collection, ids) {
  const query = idsQuery(collection, ids);
  if (!query.key[1].ids) return new Map();
  const data = await cache.fetch(query.key, query.fetcher);
  return new Map((data?.items || []).map((record) => [record.id, record]));
}
