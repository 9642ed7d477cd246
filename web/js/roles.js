// What each role may read, mirroring the server's role table. The server is the authority (it
// answers 403 to anything else); this table only decides which navigation entries are shown,
// which pages say "You don't have access" up front, and which realtime topics are asked for.

export const ROLES = ['admin', 'manager', 'dispatcher', 'accountant', 'driver'];

export const ROLE_LABELS = {
  admin: 'Admin',
  manager: 'Manager',
  dispatcher: 'Dispatcher',
  accountant: 'Accountant',
  driver: 'Driver',
};

// Collections (REST collection = realtime topic) each role may read. '*' is everything.
const READS = {
  admin: '*',
  manager: '*', // all business data
  dispatcher: ['orders', 'deliveries', 'drivers', 'transit-batches', 'customers', 'services', 'products'],
  accountant: ['invoices', 'expenses', 'budgets', 'customers', 'orders'],
  driver: ['drivers', 'deliveries'], // the server narrows these to the driver's own records
};

export const COLLECTIONS = [
  'orders', 'customers', 'employees', 'services', 'products', 'invoices', 'expenses', 'budgets',
  'drivers', 'deliveries', 'transit-batches',
];

// What each page needs to be useful; a page is shown when the role can read all of it.
const PAGE_NEEDS = {
  '/live-tracking': ['drivers', 'orders'],
};

/** Whether `role` may read collection `name`. A null role (a server without log-in) reads everything. */
export function canRead(role, name) {
  if (role === null || role === undefined) return true;
  const reads = READS[role];
  if (!reads) return false;
  return reads === '*' || reads.includes(name);
}

/** Whether `role` may open the page at `path` ("/orders", "/live-tracking"…). */
export function canOpen(role, path) {
  const needs = PAGE_NEEDS[path] || [path.replace(/^\//, '')];
  return needs.every((name) => canRead(role, name));
}

/** The realtime topics to subscribe to: "*" when the role reads everything, else its collections. */
export function topicsFor(role) {
  if (role === null || role === undefined || READS[role] === '*') return ['*'];
  return COLLECTIONS.filter((name) => canRead(role, name));
}
