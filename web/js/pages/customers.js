// Customers, with their computed segment and the "recompute segments" action. Columns, filters
// and form fields come from the catalogue.

import { api } from '../api.js';
import { cache, toaster } from '../context.js';
import { resourcePage } from '../resource.js';
import { humanize } from '../format.js';

export const customersPage = resourcePage({
  collection: 'customers',
  title: 'Customers',
  description: 'Everyone you sell to, segmented by order history.',
  valueLabels: { segment: (s) => (s === 'vip' ? 'VIP' : humanize(s)) },
  columns: { hide: ['notes'] },
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
});
