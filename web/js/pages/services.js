// Services: what the business sells by the job, priced in cents.

import { resourcePage } from '../resource.js';
import { yesNo } from '../widgets.js';
import { formatMoney, formatPlain } from '../format.js';

export const servicesPage = resourcePage({
  collection: 'services',
  title: 'Services',
  description: 'The service catalogue and its prices.',
  recordLabel: (r) => r.name,
  columns: [
    { id: 'name', label: 'Name', render: (r) => r.name },
    { id: 'description', label: 'Description', className: 'col-wide', render: (r) => formatPlain(r.description) },
    { id: 'price', label: 'Price', className: 'num', render: (r) => formatMoney(r.price_cents) },
    { id: 'duration', label: 'Duration', className: 'num', render: (r) => (r.duration_minutes ? `${r.duration_minutes} min` : '—') },
    { id: 'active', label: 'Active', render: (r) => yesNo(r.active) },
  ],
  filters: [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'Name or description' },
    {
      name: 'active', label: 'Status', type: 'select', anyLabel: 'Active and inactive',
      options: [{ value: 'true', label: 'Active' }, { value: 'false', label: 'Inactive' }],
    },
  ],
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'price_cents', label: 'Price', type: 'money', required: true },
    { name: 'duration_minutes', label: 'Duration (minutes)', type: 'number', min: 1 },
    { name: 'active', label: 'Active', type: 'checkbox', default: true },
    { name: 'description', label: 'Description', type: 'textarea', wide: true },
  ],
});
