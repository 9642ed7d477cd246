// Invoices, receivable and payable, with the accounts receivable / payable summaries.

import { api } from '../api.js';
import { statusOptions } from '../catalog.js';
import { viewQuery } from '../context.js';
import { h } from '../dom.js';
import { resourcePage } from '../resource.js';
import { badge, queryPanel, statTiles } from '../widgets.js';
import { formatMoney, formatNumber, formatPlain, humanize, today } from '../format.js';

const KINDS = ['receivable', 'payable'].map((k) => ({ value: k, label: humanize(k) }));
const AGING = [
  ['current', 'Current'],
  ['days_1_30', '1–30 days'],
  ['days_31_60', '31–60 days'],
  ['days_61_90', '61–90 days'],
  ['days_over_90', 'Over 90 days'],
];

function inDays(days) {
  const d = new Date(`${today()}T00:00:00`);
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function agingPanel(name, title) {
  return () => queryPanel({
    title,
    testid: name,
    query: viewQuery(name),
    render: (summary) => h('div', null,
      statTiles([
        { id: 'open_count', label: 'Open invoices', value: formatNumber(summary.open_count) },
        { id: 'open_total_cents', label: 'Open total', value: formatMoney(summary.open_total_cents) },
      ]),
      h('table', { class: 'table table-compact' },
        h('caption', { class: 'visually-hidden' }, `${title} aging`),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Aging'), h('th', { scope: 'col', class: 'num' }, 'Amount'))),
        h('tbody', null, AGING.map(([key, label]) => h('tr', { class: key === 'days_over_90' && summary.aging?.[key] ? 'row-warn' : null },
          h('th', { scope: 'row' }, label),
          h('td', { class: 'num' }, formatMoney(summary.aging?.[key] ?? 0))))))),
  });
}

/**
 * Picking a customer names them as the counterparty when the field is empty or still holds the
 * previous customer's name: a counterparty the user typed is never overwritten.
 */
function fillCounterparty(customer, previous, fields) {
  const counterparty = fields.get('counterparty');
  if (!customer || !counterparty) return;
  const { value } = counterparty.read();
  if (value === null || value === undefined || (previous && value === previous.name)) counterparty.write(customer.name);
}

const setStatus = (status) => (record) => api.update('invoices', record.id, { status }, record.version);
// An invoice's status is an editable field (PATCH accepts any status), so a step can be taken
// back: Undo sets the previous status on the version the step produced.
const restoreStatus = (record, { data }) => api.update('invoices', record.id, { status: record.status }, data.version);
const UPDATE = { operation: 'update' };

export const invoicesPage = resourcePage({
  collection: 'invoices',
  title: 'Invoices',
  description: 'Money owed to you (receivable) and by you (payable).',
  recordLabel: (r) => r.number,
  panels: [agingPanel('accounts-receivable', 'Accounts receivable'), agingPanel('accounts-payable', 'Accounts payable')],
  columns: [
    { id: 'number', label: 'Number', className: 'mono', render: (r) => r.number },
    { id: 'kind', label: 'Kind', render: (r) => badge(r.kind, 'kind') },
    { id: 'counterparty', label: 'Counterparty', render: (r) => r.counterparty },
    { id: 'amount', label: 'Amount', className: 'num', render: (r) => formatMoney(r.amount_cents) },
    { id: 'issue_date', label: 'Issued', className: 'nowrap', render: (r) => formatPlain(r.issue_date) },
    { id: 'due_date', label: 'Due', className: 'nowrap', render: (r) => formatPlain(r.due_date) },
    { id: 'status', label: 'Status', render: (r) => badge(r.status) },
  ],
  filters: [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'Number, counterparty or customer' },
    { name: 'kind', label: 'Kind', type: 'select', anyLabel: 'All kinds', options: KINDS },
    { name: 'status', label: 'Status', type: 'select', anyLabel: 'All statuses', loadOptions: statusOptions('invoices') },
    {
      name: 'overdue', label: 'Due', type: 'select', anyLabel: 'Any due date',
      options: [{ value: 'true', label: 'Overdue' }, { value: 'false', label: 'Not overdue' }],
    },
  ],
  rowActions: (r) => [
    r.status === 'draft' && {
      label: 'Issue', action: 'status:open', kind: 'primary', needs: UPDATE, done: 'issued', run: setStatus('open'), undo: restoreStatus,
    },
    r.status === 'open' && {
      label: 'Mark paid', action: 'status:paid', kind: 'primary', needs: UPDATE, done: 'marked paid', run: setStatus('paid'), undo: restoreStatus,
    },
    (r.status === 'draft' || r.status === 'open') && {
      label: 'Void', action: 'status:void', kind: 'danger-ghost', needs: UPDATE, done: 'voided', run: setStatus('void'),
      confirm: { title: 'Void invoice?', message: `Invoice ${r.number} will be void.`, confirmLabel: 'Void invoice', danger: true },
    },
  ].filter(Boolean),
  fields: [
    { name: 'number', label: 'Invoice number', required: true },
    { name: 'kind', label: 'Kind', type: 'select', options: KINDS, required: true, default: 'receivable' },
    { name: 'counterparty', label: 'Counterparty', required: true },
    {
      name: 'customer_id', label: 'Customer', type: 'picker', collection: 'customers', optionLabel: (c) => `${c.name} · ${c.email}`, noun: 'customer',
      onPick: fillCounterparty,
    },
    { name: 'amount_cents', label: 'Amount', type: 'money', required: true },
    { name: 'status', label: 'Status', type: 'select', loadOptions: statusOptions('invoices'), required: true, default: 'draft' },
    { name: 'issue_date', label: 'Issue date', type: 'date', required: true, default: today },
    { name: 'due_date', label: 'Due date', type: 'date', required: true, default: () => inDays(30) },
  ],
});
