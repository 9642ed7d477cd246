// Transit batches: groups of orders moved together between sites (planned → in transit → completed).
// The server moves a batch forward only, so its steps offer no Undo; completing asks first.
// Columns, filters and form fields come from the catalogue; this page adds the steps and names
// the batch's orders by their customers.

import { api } from '../api.js';
import { actionAllowed, stateRule } from '../catalog.js';
import { recordsByIds } from '../context.js';
import { humanize } from '../format.js';
import { resourcePage } from '../resource.js';

// The server's rules (from the catalogue): a batch's orders change, and it is deleted, only in
// the statuses its `state_rules` name (planned); its steps name the action that takes each, and
// initiating needs at least one order.
const ordersEditable = (batch) => stateRule('transit-batches', 'orders_editable').includes(batch.status);

// The batch form's orders are picked by searching them (number, customer's name, address: the
// orders list's `q`); each is shown by number and customer. The server takes an order in any
// status, so every order is offered, its status shown.
const customers = new Map();
async function lookUpCustomers(orders) {
  const ids = [...new Set(orders.map((o) => o.customer_id))].filter((id) => !customers.has(id));
  if (ids.length) for (const [id, customer] of await recordsByIds('customers', ids)) customers.set(id, customer);
}
const customerOf = (order) => customers.get(order.customer_id)?.name ?? `Customer #${order.customer_id}`;

const ordersField = {
  prepare: lookUpCustomers,
  optionLabel: (o) => `#${o.id} · ${customerOf(o)} · ${humanize(o.status)}`,
  chipLabel: (o) => `#${o.id} · ${customerOf(o)}`,
};

export const transitBatchesPage = resourcePage({
  collection: 'transit-batches',
  title: 'Transit Batches',
  description: 'Orders moved together from one site to another.',
  recordLabel: (r) => r.code,
  // A batch is known by its code, not its number.
  columns: { hide: ['id'] },
  canDelete: (batch) => stateRule('transit-batches', 'deletable').includes(batch.status),
  lockedIntro: (batch) => `Transit batch ${batch.code} is ${batch.status.replace(/_/g, ' ')}: its orders can no longer change.`,
  rowActions: (batch) => [
    actionAllowed('transit-batches', batch.status, 'initiate') && (batch.order_ids || []).length > 0 && {
      label: 'Initiate', action: 'initiate', kind: 'primary', needs: { action: 'initiate' }, done: 'initiated',
      run: () => api.action('transit-batches', batch.id, 'initiate', {}, batch.version),
    },
    actionAllowed('transit-batches', batch.status, 'complete') && {
      label: 'Complete', action: 'complete', kind: 'primary', needs: { action: 'complete' }, done: 'completed',
      run: () => api.action('transit-batches', batch.id, 'complete', {}, batch.version),
      // Final: a completed batch cannot be reopened.
      confirm: {
        title: 'Complete transit batch?',
        message: `Transit batch ${batch.code} will be marked completed. This cannot be undone.`,
        confirmLabel: 'Complete batch',
      },
    },
  ].filter(Boolean),
  form: {
    set: {
      code: { hint: 'Generated (TB-…) when left empty.' },
      order_ids: { ...ordersField, hint: 'Type an order\'s number or its customer\'s name.', editableWhen: ordersEditable },
    },
  },
});
