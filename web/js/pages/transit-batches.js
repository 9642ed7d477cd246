// Transit batches: groups of orders moved together between sites (planned → in transit → completed).
// The server moves a batch forward only, so its steps offer no Undo; completing asks first.

import { api } from '../api.js';
import { statusOptions } from '../catalog.js';
import { resourcePage } from '../resource.js';
import { badge, dateTime } from '../widgets.js';


export const transitBatchesPage = resourcePage({
  collection: 'transit-batches',
  title: 'Transit Batches',
  description: 'Orders moved together from one site to another.',
  recordLabel: (r) => r.code,
  columns: [
    { id: 'code', label: 'Code', className: 'mono', render: (r) => r.code },
    { id: 'origin', label: 'Origin', render: (r) => r.origin },
    { id: 'destination', label: 'Destination', render: (r) => r.destination },
    { id: 'status', label: 'Status', render: (r) => badge(r.status) },
    {
      id: 'orders', label: 'Orders', className: 'col-wide',
      render: (r) => ((r.order_ids || []).length ? r.order_ids.map((id) => `#${id}`).join(', ') : '—'),
    },
    { id: 'initiated', label: 'Initiated', className: 'col-date', render: (r) => dateTime(r.initiated_at) },
    { id: 'completed', label: 'Completed', className: 'col-date', render: (r) => dateTime(r.completed_at) },
  ],
  filters: [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'Code, origin or destination' },
    { name: 'status', label: 'Status', type: 'select', anyLabel: 'All statuses', loadOptions: statusOptions('transit-batches') },
  ],
  rowActions: (batch) => [
    batch.status === 'planned' && {
      label: 'Initiate', action: 'initiate', kind: 'primary', needs: { action: 'initiate' }, done: 'initiated',
      run: () => api.action('transit-batches', batch.id, 'initiate'),
    },
    batch.status === 'in_transit' && {
      label: 'Complete', action: 'complete', kind: 'primary', needs: { action: 'complete' }, done: 'completed',
      run: () => api.action('transit-batches', batch.id, 'complete'),
      // Final: a completed batch cannot be reopened.
      confirm: {
        title: 'Complete transit batch?',
        message: `Transit batch ${batch.code} will be marked completed. This cannot be undone.`,
        confirmLabel: 'Complete batch',
      },
    },
  ].filter(Boolean),
  fields: [
    { name: 'code', label: 'Code', hint: 'Generated (TB-…) when left empty.' },
    { name: 'origin', label: 'Origin', required: true },
    { name: 'destination', label: 'Destination', required: true },
    { name: 'order_ids', label: 'Orders', type: 'idlist', wide: true, hint: 'Order numbers, separated by commas.', default: () => [] },
  ],
});
