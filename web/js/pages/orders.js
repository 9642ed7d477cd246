// Orders: line items, totals and the status workflow (pending → … → delivered, or cancelled).

import { api } from '../api.js';
import { stateRule, statusOptions, statusSteps } from '../catalog.js';
import { viewQuery } from '../context.js';
import { nameOf, resourcePage } from '../resource.js';
import { badge, dateTime } from '../widgets.js';
import { formatMoney, formatPlain } from '../format.js';
import { itemsFromOrder, orderItemsWidget } from './order-items.js';


// What the toast says happened: "Order #12 confirmed". No step can be taken back (the server
// moves orders forward only), so none offers Undo; cancelling asks first.
const DONE = {
  confirmed: 'confirmed',
  in_progress: 'started',
  ready: 'marked ready',
  out_for_delivery: 'sent out',
  delivered: 'marked delivered',
  cancelled: 'cancelled',
};

const ACTION_LABELS = {
  confirmed: 'Confirm',
  in_progress: 'Start work',
  ready: 'Mark ready',
  out_for_delivery: 'Send out',
  delivered: 'Mark delivered',
  cancelled: 'Cancel',
};

/** The order's customer by name (looked up by id for the orders on screen). */
export function customerName(order, lookups) {
  if (order.customer_name) return order.customer_name;
  return nameOf(lookups, 'customers', order.customer_id, `Customer #${order.customer_id}`);
}

// The server's rules for orders, from the catalogue's `state_rules`: its customer, address and
// lines change only in the `editable` statuses (notes always), and only `deletable` ones may be
// deleted.
const editable = (order) => stateRule('orders', 'editable').includes(order.status);

// An order whose delivery is in one of `cancel_refused_while_delivery` (picked up, in transit)
// cannot be cancelled: the server refuses (409), since the delivery itself can no longer be
// cancelled. Live Tracking's view names the live delivery of each order out for delivery.
function deliveryUnderway(order, watched) {
  const tracked = (watched.tracking?.items || []).find((t) => t.order_id === order.id);
  return Boolean(tracked && stateRule('orders', 'cancel_refused_while_delivery').includes(tracked.delivery_status));
}

const customerPicker = { collection: 'customers', optionLabel: (c) => `${c.name} · ${c.email}`, noun: 'customer' };

export const ordersPage = resourcePage({
  collection: 'orders',
  title: 'Orders',
  description: 'Orders from intake to delivery.',
  recordLabel: (r) => `#${r.id}`,
  lookups: { customers: (order) => order.customer_id },
  watch: { tracking: () => viewQuery('live-tracking-orders') },
  lockedIntro: (order) => `Order #${order.id} is ${order.status.replace(/_/g, ' ')}: work has started, so only its notes can change.`,
  columns: [
    { id: 'id', label: 'Order', className: 'mono', render: (r) => `#${r.id}` },
    { id: 'customer', label: 'Customer', render: (r, lookups) => customerName(r, lookups) },
    { id: 'status', label: 'Status', render: (r) => badge(r.status) },
    { id: 'items', label: 'Items', className: 'num', render: (r) => String((r.items || []).reduce((n, i) => n + (i.quantity || 0), 0)) },
    { id: 'total', label: 'Total', className: 'num', render: (r) => formatMoney(r.total_cents) },
    { id: 'address', label: 'Delivery address', className: 'col-wide', render: (r) => formatPlain(r.delivery_address) },
    { id: 'updated', label: 'Updated', className: 'col-date', compare: false, render: (r) => dateTime(r.updated_at) },
  ],
  filters: [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'Number, customer, address or notes' },
    { name: 'status', label: 'Status', type: 'select', anyLabel: 'All statuses', loadOptions: statusOptions('orders') },
    { name: 'customer_id', label: 'Customer', type: 'picker', ...customerPicker, placeholder: 'All customers' },
    { name: 'from', label: 'Created from', type: 'date' },
    { name: 'to', label: 'Created to', type: 'date' },
  ],
  canDelete: (order) => stateRule('orders', 'deletable').includes(order.status),
  // The steps the status action may take from here (the catalogue's `status_machine`), less
  // Cancel while the order's delivery is on its way.
  rowActions: (order, lookups, watched) => statusSteps('orders', order.status, 'status')
    .filter((next) => next !== 'cancelled' || !deliveryUnderway(order, watched))
    .map((next) => ({
      label: ACTION_LABELS[next],
      action: `status:${next}`,
      kind: next === 'cancelled' ? 'danger-ghost' : 'primary',
      needs: { action: 'status' },
      done: DONE[next],
      run: () => api.action('orders', order.id, 'status', { status: next }, order.version),
      confirm: next === 'cancelled'
        ? { title: 'Cancel order?', message: `Order #${order.id} will be cancelled. This cannot be undone.`, confirmLabel: 'Cancel order', danger: true }
        : null,
    })),
  fields: [
    { name: 'customer_id', label: 'Customer', type: 'picker', ...customerPicker, required: true, editableWhen: editable },
    { name: 'delivery_address', label: 'Delivery address', wide: true, editableWhen: editable },
    { name: 'items', label: 'Items', widget: orderItemsWidget, fromRecord: itemsFromOrder, required: true, editableWhen: editable },
    { name: 'notes', label: 'Notes', type: 'textarea', wide: true },
  ],
});
