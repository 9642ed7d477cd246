// Deliveries: one per order that leaves the shop; assigned to a driver, then tracked to the door.
// Columns, filters and form fields come from the catalogue; this page adds the assign form, the
// status step buttons and which deliveries are kept.

import { api } from '../api.js';
import { actionAllowed, stateRule, statusSteps } from '../catalog.js';
import { referenceText } from '../collection-spec.js';
import { formDialog } from '../dialogs.js';
import { isConflict } from '../conflict.js';
import { invalidateRecord } from '../record-form.js';
import { resourcePage } from '../resource.js';
import { humanize } from '../format.js';


const ACTION_LABELS = {
  picked_up: 'Picked up',
  in_transit: 'In transit',
  delivered: 'Delivered',
  failed: 'Failed',
  cancelled: 'Cancel',
};

// What the toast says happened: "Delivery #3 picked up". The server moves a delivery forward
// only, so no step offers Undo; cancelling and failing ask first.
const DONE = {
  picked_up: 'picked up',
  in_transit: 'in transit',
  delivered: 'delivered',
  failed: 'marked failed',
  cancelled: 'cancelled',
};

const driverLabel = (d) => `${d.name} (${humanize(d.status).toLowerCase()})`;

// The server assigns a driver only where its machine has an `assign` step (pending, assigned).
const assignable = (delivery) => actionAllowed('deliveries', delivery.status, 'assign');

function assign(delivery, driverId) {
  return api.action('deliveries', delivery.id, 'assign', { driver_id: driverId }, delivery.version)
    .then(() => invalidateRecord('deliveries', delivery.id));
}

function openAssignForm(delivery, { conflict }) {
  const ui = formDialog({
    title: `Assign delivery #${delivery.id}`,
    intro: `Deliver order #${delivery.order_id} to ${delivery.address}.`,
    submitLabel: 'Assign driver',
    testid: 'assign-driver-form',
    fields: [{
      name: 'driver_id', label: 'Driver', type: 'picker', collection: 'drivers', optionLabel: driverLabel, noun: 'driver', required: true,
    }],
    values: { driver_id: delivery.driver_id ?? null },
    onSubmit: async ({ driver_id }) => {
      try {
        await assign(delivery, driver_id);
      } catch (error) {
        if (!isConflict(error)) throw error;
        ui.close();
        await conflict('assign a driver', (current) => (assignable(current)
          ? { label: 'Assign anyway', run: () => assign(current, driver_id) }
          : null), error);
      }
    },
  });
}

export const deliveriesPage = resourcePage({
  collection: 'deliveries',
  title: 'Deliveries',
  description: 'Who takes which order where, and how far it got.',
  // Proof of delivery is kept: the server refuses to delete one in a `kept` status (409).
  canDelete: (delivery) => !stateRule('deliveries', 'kept').includes(delivery.status),
  // Many deliveries to one driver: POST /api/deliveries/bulk/assign.
  bulk: {
    action: 'assign',
    field: { name: 'driver_id', label: 'Driver', type: 'picker', collection: 'drivers', optionLabel: driverLabel, noun: 'driver' },
    submitLabel: 'Assign',
    body: (ids, driverId) => ({ ids, driver_id: driverId }),
    done: (n) => `${n} ${n === 1 ? 'delivery' : 'deliveries'} assigned`,
  },
  columns: {
    set: {
      driver_id: { render: (r, lookups) => (r.driver_id ? referenceText('drivers', r.driver_id, lookups) : 'Unassigned') },
      notes: { className: null },
    },
  },
  filters: {
    // The number a delivery is searched by is its order's.
    set: { q: { placeholder: 'Order number, driver or address' } },
  },
  rowActions: (delivery) => [
    assignable(delivery) && {
      label: delivery.driver_id ? 'Reassign…' : 'Assign…', action: 'assign', kind: 'primary', needs: { action: 'assign' }, open: openAssignForm,
    },
    ...statusSteps('deliveries', delivery.status, 'status').map((next) => ({
      label: ACTION_LABELS[next],
      action: `status:${next}`,
      kind: next === 'cancelled' || next === 'failed' ? 'danger-ghost' : 'default',
      needs: { action: 'status' },
      done: DONE[next],
      run: () => api.action('deliveries', delivery.id, 'status', { status: next }, delivery.version),
      confirm: next === 'cancelled' || next === 'failed'
        ? { title: `${humanize(next)}?`, message: `Delivery #${delivery.id} will be marked ${humanize(next).toLowerCase()}.`, confirmLabel: ACTION_LABELS[next], danger: true }
        : null,
    })),
  ].filter(Boolean),
  form: {
    set: {
      order_id: {
        placeholder: 'Order number, address or notes',
        optionLabel: (o) => `#${o.id} · ${humanize(o.status)}${o.delivery_address ? ` · ${o.delivery_address}` : ''}`,
      },
      address: { hint: "Leave empty to use the order's delivery address." },
    },
  },
});
