// Orders: line items, totals and the status workflow (pending → … → delivered, or cancelled).
// Columns, filters and form fields come from the catalogue; this page adds the lines' form, the
// status step buttons and the rules on what may change in which status.

import { api } from '../api.js';
import { collection, stateRule, statusSteps } from '../catalog.js';
import { viewQuery } from '../context.js';
import { resourcePage } from '../resource.js';
import { humanize } from '../format.js';
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

// The statuses the status action takes some order to: what the bulk bar offers.
const stepTargets = () => [...new Set((collection('orders')?.status_machine?.steps || []).filter((s) => s.by === 'status').map((s) => s.to))];

export const ordersPage = resourcePage({
  collection: 'orders',
  title: 'Orders',
  description: 'Orders from intake to delivery.',
  watch: { tracking: () => viewQuery('live-tracking-orders') },
  lockedIntro: (order) => `Order #${order.id} is ${order.status.replace(/_/g, ' ')}: work has started, so only its notes can change.`,
  columns: {
    hide: ['notes'],
    show: ['updated_at'],
    set: { updated_at: { compare: false } },
  },
  canDelete: (order) => stateRule('orders', 'deletable').includes(order.status),
  // Many orders at once: POST /api/orders/bulk/status; "12 orders confirmed".
  bulk: {
    action: 'status',
    get field() {
      return { name: 'status', label: 'Set status to', type: 'select', options: stepTargets().map((to) => ({ value: to, label: humanize(to) })) };
    },
    body: (ids, status) => ({ ids, status }),
    done: (n, status) => `${n} ${n === 1 ? 'order' : 'orders'} ${DONE[status] || status}`,
    confirm: (n, status) => (status === 'cancelled'
      ? { title: `Cancel ${n} ${n === 1 ? 'order' : 'orders'}?`, message: 'They will be cancelled. This cannot be undone.', confirmLabel: 'Cancel orders', danger: true }
      : null),
  },
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
  form: {
    set: {
      customer_id: { editableWhen: editable },
      delivery_address: { editableWhen: editable },
      items: { widget: orderItemsWidget, fromRecord: itemsFromOrder, editableWhen: editable },
    },
  },
});
