// The server's catalogue (GET /api/catalog): its collections with their words and query keys,
// its actions and views, and what each role may do. Loaded once when the app starts; every
// other module asks it instead of keeping its own copy.

import { request } from './api.js';
import { humanize } from './format.js';

let current = null;

/** Fetches the catalogue (once per page load). Throws ApiError when the server does not answer. */
export async function loadCatalog() {
  if (!current) current = (await request('GET', '/catalog')).data;
  return current;
}

/** The loaded catalogue; `loadCatalog` must have resolved first. */
export function catalog() {
  if (!current) throw new Error('the catalogue is not loaded yet');
  return current;
}

/** The catalogue entry of `name` ("orders"), or null. */
export function collection(name) {
  return catalog().collections.find((c) => c.name === name) || null;
}

/** The names of every collection, in the server's order. */
export function collectionNames() {
  return catalog().collections.map((c) => c.name);
}

/** What `role` may do with each collection it reaches, by collection name; null for no such role. */
export function grantsOf(role) {
  const entry = catalog().roles.find((r) => r.name === role);
  if (!entry) return null;
  return Object.fromEntries(entry.collections.map((grants) => [grants.collection, grants]));
}

/** Where a record of `name` in `status` may go by its status action (the server's machine). */
export function statusSteps(name, status) {
  const steps = collection(name)?.status_machine?.steps || [];
  const found = steps.find(([from]) => from === status);
  return found ? found[1] : [];
}

/** A select's `loadOptions` offering every status of `name` ("orders"), from the server. */
export function statusOptions(name) {
  return async () => (collection(name)?.statuses || []).map((s) => ({ value: s, label: humanize(s) }));
}
