// What each role may read, from the server's catalogue. The server is the authority (it answers
// 403 to anything else); this only decides which navigation entries are shown, which pages say
// "You don't have access" up front, and which realtime topics are asked for.

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

/** Whether `role` reads all of every collection (then one "*" topic covers it). */
function readsEverything(role) {
  const grants = grantsOf(role);
  return Boolean(grants) && collectionNames().every((name) => grants[name] && grants[name].read === 'all');
}

/** Whether `role` may open the page at `path` ("/orders", "/live-tracking"…). */
export function canOpen(role, path) {
  const needs = PAGE_NEEDS[path] || [path.replace(/^\//, '')];
  return needs.every((name) => canRead(role, name));
}

/** The realtime topics to subscribe to: "*" when the role reads everything, else its collections. */
export function topicsFor(role) {
  if (role === null || role === undefined || readsEverything(role)) return ['*'];
  return collectionNames().filter((name) => canRead(role, name));
}
