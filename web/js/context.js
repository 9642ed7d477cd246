// The app-wide singletons every page uses: the query cache and the toaster, plus the fetchers
// that turn REST calls into cache entries ({ data, seq }).

import { api, LOOKUP_LIMIT } from './api.js';
import { QueryCache } from './query.js';
import { Toaster } from './toasts.js';

export const cache = new QueryCache();

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

/** The first LOOKUP_LIMIT records of a small collection, for pick lists (cached, live). */
export function lookupQuery(collection) {
  return listQuery(collection, { limit: LOOKUP_LIMIT, offset: 0 });
}

/** Options for a select that picks a record: [{ value: id, label }]. */
export async function lookupOptions(collection, label, retired = () => false) {
  const query = lookupQuery(collection);
  const data = await cache.fetch(query.key, query.fetcher);
  return (data?.items || []).map((record) => ({ value: record.id, label: label(record), disabled: retired(record) }));
}
