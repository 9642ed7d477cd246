// Services: what the business sells by the job, priced in cents. Columns, filters and form
// fields come from the catalogue.

import { resourcePage } from '../resource.js';

export const servicesPage = resourcePage({
  collection: 'services',
  title: 'Services',
  description: 'The service catalogue and its prices.',
  columns: {
    set: { duration_minutes: { label: 'Duration', render: (r) => (r.duration_minutes ? `${r.duration_minutes} min` : '—') } },
  },
});
