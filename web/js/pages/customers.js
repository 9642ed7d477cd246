// Customers, with their computed segment and the "recompute segments" action.

import { api } from '../api.js';
import { cache, toaster } from '../context.js';
import { resourcePage } from '../resource.js';
import { badge } from '../widgets.js';
import { formatPlain } from '../format.js';

const SEGMENTS = ['new', 'regular', 'vip', 'dormant'];
const segmentLabel = (s) => (s === 'vip' ? 'VIP' : s.charAt(0).toUpperCase() + s.slice(1));

export const customersPage = resourcePage({
  collection: 'customers',
  title: 'Customers',
  description: 'Everyone you sell to, segmented by order history.',
  recordLabel: (r) => r.name,
  columns: [
    { id: 'name', label: 'Name', render: (r) => r.name },
    { id: 'email', label: 'Email', render: (r) => r.email },
    { id: 'phone', label: 'Phone', className: 'nowrap', render: (r) => formatPlain(r.phone) },
    { id: 'segment', label: 'Segment', render: (r) => badge(r.segment, 'segment') },
    { id: 'address', label: 'Address', className: 'col-wide', render: (r) => formatPlain(r.address) },
  ],
  filters: [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'Name, email or phone' },
    { name: 'segment', label: 'Segment', type: 'select', anyLabel: 'All segments', options: SEGMENTS.map((s) => ({ value: s, label: segmentLabel(s) })) },
  ],
  headerActions: [{
    label: 'Recompute segments',
    action: 'recompute-segments',
    needs: { action: 'recompute' },
    failure: 'Could not recompute segments',
    run: async () => {
      await api.action('customers', 'segments', 'recompute');
      cache.invalidate(['customers']);
      toaster.success('Segments recomputed', 'Customer segments reflect the latest orders.');
    },
  }],
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'email', label: 'Email', type: 'email', required: true },
    { name: 'phone', label: 'Phone', type: 'tel' },
    { name: 'address', label: 'Address', wide: true },
    { name: 'notes', label: 'Notes', type: 'textarea', wide: true },
  ],
});
