// What each role may read and do, from the server's catalogue. The server is the authority (it
// answers 403 to anything else); this only decides which navigation entries and buttons are shown,
// which pages say "You don't have access" up front, and which realtime topics are asked for.

import { collectionNames, grantsOf } from './catalog.js';

export const ROLE_LABELS = {
  admin: 'Admin',
  manager: 'Manager',
  dispatcher: 'Dispatcher',
  accountant: 'Accountant',
  driver: 'Driver',
};

// What each page needs to be useful; a page is shown when the role can read all of it.
const PAGE_NEEDS = {
  '/live-tracking': ['drivers', 'orders'],
};

/** Whether `role` may read collection `name`. A null role (a server without log-in) reads everything. */
export function canRead(role, name) {
  if (role === null || role === undefined) return true;
  const grants = grantsOf(role);
  return Boolean(grants && grants[name] && grants[name].read !== 'none');
}

/** Whether a grant ("all", "own_driver", "none" or absent) lets the role do anything at all. */
const grants = (grant) => Boolean(grant) && grant !== 'none';

/**
 * Whether `role` may `operation` ("create", "update" or "delete") records of collection `name`.
 * A null role (a server without log-in) may do everything.
 */
export function mayWrite(role, name, operation) {
  if (role === null || role === undefined) return true;
  return grants(grantsOf(role)?.[name]?.[operation]);
}

/** Whether `role` may call the catalogue action `action` ("status", "recompute"…) of collection `name`. */
export function mayCall(role, name, action) {
  if (role === null || role === undefined) return true;
  return grants(grantsOf(role)?.[name]?.actions?.[action]);
}

/** Whether `role` may call the catalogue bulk action `action` ("status", "assign") of collection `name`. */
export function mayBulk(role, name, action) {
  if (role === null || role === undefined) return true;
  return grants(grantsOf(role)?.[name]?.bulk?.[action]);
}

/**
 * Whether `role` may use a button that declares what it needs: { operation: "update" },
 * { action: "status" } or { bulk: "status" } on `name`. A button that declares nothing is shown.
 */
export function mayUse(role, name, needs) {
  if (!needs) return true;
  if (needs.operation) return mayWrite(role, name, needs.operation);
  if (needs.bulk) return mayBulk(role, name, needs.bulk);
  return mayCall(role, name, needs.action);
}

/** Whether `role` may open the page at `path` ("/orders", "/live-tracking"…). */
export function canOpen(role, path) {
  // The operator page is the server's own: admins only (its topic and /api/tokens are).
  if (path === '/operator') return role === null || role === undefined || role === 'admin';
  const needs = PAGE_NEEDS[path] || [path.replace(/^\//, '')];
  return needs.every((name) => canRead(role, name));
}

/**
 * The realtime topics to subscribe to: each collection the role reads, by name (not "*", so a
 * list page can hold a filtered topic in place of its collection: live-topics.js).
 */
export function topicsFor(role) {
  return collectionNames().filter((name) => canRead(role, name));
}
