// Orders: line items, totals and the status workflow (pending → … → delivered, or cancelled).

import { api } from '../api.js';
import { statusOptions, statusSteps } from '../catalog.js';
import { lookupOptions } from '../context.js';
import { resourcePage } from '../resource.js';
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

export function customerName(order, lookups) {
  if (order.customer_name) return order.customer_name;
  return lookups.customers?.get(order.customer_id)?.name ?? `Customer #${order.customer_id}`;
}

export const ordersPage = resourcePage({
  collection: 'orders',
  title: 'Orders',
  description: 'Orders from intake to delivery.',
  recordLabel: (r) => `#${r.id}`,
  lookups: ['customers'],
  columns: [
    { id: 'id', label: 'Order', className: 'mono', render: (r) => `#${r.id}` },
    { id: 'customer', label: 'Customer', render: (r, lookups) => customerName(r, lookups) },
    { id: 'status', label: 'Status', render: (r) => badge(r.status) },
    { id: 'items', label: 'Items', className: 'num', render: (r) => String((r.items || []).reduce((n, i) => n + (i.quantity || 0), 0)) },
    { id: 'total', label: 'Total', className: 'num', render: (r) => formatMoney(r.total_cents) },
    { id: 'address', label: 'Delivery address', className: 'col-wide', render: (r) => formatPlain(r.delivery_address) },
    { id: 'updated', label: 'Updated', className: 'col-date', render: (r) => dateTime(r.updated_at) },
  ],
  filters: [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'Address or notes' },
    { name: 'status', label: 'Status', type: 'select', anyLabel: 'All statuses', loadOptions: statusOptions('orders') },
    {
      name: 'customer_id', label: 'Customer', type: 'select', anyLabel: 'All customers',
      loadOptions: () => lookupOptions('customers', (c) => c.name),
    },
  ],
  // The server deletes only orders that are pending or cancelled (others answer `order_locked`).
  canDelete: (order) => ['pending', 'cancelled'].includes(order.status),
  // The steps the server's order machine allows from here (the catalogue's `status_machine`).
  rowActions: (order) => statusSteps('orders', order.status).map((next) => ({
    label: ACTION_LABELS[next],
    action: `status:${next}`,
    kind: next === 'cancelled' ? 'danger-ghost' : 'primary',
    needs: { action: 'status' },
    done: DONE[next],
    run: () => api.action('orders', order.id, 'status', { status: next }),
    confirm: next === 'cancelled'
      ? { title: 'Cancel order?', message: `Order #${order.id} will be cancelled. This cannot be undone.`, confirmLabel: 'Cancel order', danger: true }
      : null,
  })),
  fields: [
    {
      name: 'customer_id', label: 'Customer', type: 'select', numeric: true, required: true,
      loadOptions: () => lookupOptions('customers', (c) => c.name),
    },
    { name: 'delivery_address', label: 'Delivery address', wide: true },
    { name: 'items', label: 'Items', widget: orderItemsWidget, fromRecord: itemsFromOrder, required: true },
    { name: 'notes', label: 'Notes', type: 'textarea', wide: true },
  ],
});
