// The server's catalogue (GET /api/catalog): its collections with their words, query keys and
// fields, its actions and views, and what each role may do. Loaded once when the app starts; every
// other module asks it instead of keeping its own copy.

import { request } from './api.js';

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

/**
 * The fields a record of `name` carries, in the order a table shows them, each as the server
 * declares it: { name, label, kind, required, nullable, writable, default, max_length, minimum,
 * maximum, values, references, sortable, filter, searchable, summed }.
 */
export function fieldsOf(name) {
  return collection(name)?.fields || [];
}

/**
 * How a record of `name` is named in a cell, a picker or a toast: its display field ("Acme
 * Dry Cleaning"), or "<Label> #<id>" ("Order #12") for a collection known by its numbers.
 */
export function recordName(name, record) {
  const entry = collection(name);
  const shown = entry?.display ? record[entry.display] : null;
  if (shown !== null && shown !== undefined && shown !== '') return String(shown);
  const label = entry?.label || 'record';
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} #${record.id}`;
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

/**
 * Where the action called `action` ("status", "assign", …) may take a record of `name` in
 * `status`: the server's machine, whose steps name the action (or rule) that takes each.
 */
export function statusSteps(name, status, action) {
  const steps = collection(name)?.status_machine?.steps || [];
  return steps.filter((step) => step.from === status && step.by === action).map((step) => step.to);
}

/** Whether the action called `action` may be used on a record of `name` in `status`. */
export function actionAllowed(name, status, action) {
  return statusSteps(name, status, action).length > 0;
}

/**
 * What each status of `name` allows besides its steps, as the server declares it (for orders:
 * `editable`, `deletable`, `cancel_refused_while_delivery`; for deliveries: `kept`, `busy`; for
 * transit batches: `orders_editable`, `deletable`), each a list of statuses.
 */
export function stateRule(name, rule) {
  return collection(name)?.state_rules?.[rule] || [];
}
