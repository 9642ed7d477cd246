// What the app knows about each collection: its words (for toasts and buttons) and the query keys
// a change to it invalidates. The server's event `invalidate` list is authoritative; this table is
// used for the app's own mutations (so a save shows at once even before its event arrives) and for
// an event that carries no list.

export const ENTITIES = {
  orders: { plural: 'Orders', singular: 'order', key: 'order', related: [['live-tracking-orders']] },
  customers: { plural: 'Customers', singular: 'customer', key: 'customer', related: [] },
  employees: { plural: 'Employees', singular: 'employee', key: 'employee', related: [] },
  services: { plural: 'Services', singular: 'service', key: 'service', related: [] },
  products: {
    plural: 'Products', singular: 'product', key: 'product',
    related: [['inventory-items'], ['inventory-kpis']],
  },
  invoices: {
    plural: 'Invoices', singular: 'invoice', key: 'invoice',
    related: [['accounts-receivable'], ['accounts-payable']],
  },
  expenses: { plural: 'Expenses', singular: 'expense', key: 'expense', related: [] },
  budgets: { plural: 'Budgets', singular: 'budget', key: 'budget', related: [['budget-vs-actual']] },
  drivers: { plural: 'Drivers', singular: 'driver', key: 'driver', related: [['live-tracking-drivers']] },
  deliveries: { plural: 'Deliveries', singular: 'delivery', key: 'delivery', related: [] },
  'transit-batches': {
    plural: 'Transit batches', singular: 'transit batch', key: 'transit-batch', related: [],
  },
};

export function entity(collection) {
  return ENTITIES[collection] || null;
}

/** The keys a change to one record invalidates, e.g. [["orders"], ["order", 42], ["live-tracking-orders"]]. */
export function invalidationKeys(collection, id) {
  const meta = entity(collection);
  if (!meta) return [[collection]];
  const keys = [[collection]];
  if (id !== undefined && id !== null) keys.push([meta.key, id]);
  return keys.concat(meta.related);
}

/** The realtime toast for a collection: "Orders updated" / "The list of orders has been updated in real-time." */
export function updateToast(collection) {
  const meta = entity(collection);
  const plural = meta ? meta.plural : collection.replace(/-/g, ' ');
  return {
    title: `${plural.charAt(0).toUpperCase()}${plural.slice(1)} updated`,
    body: `The list of ${plural.toLowerCase()} has been updated in real-time.`,
  };
}
