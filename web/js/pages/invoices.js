// Invoices, receivable and payable, with the accounts receivable / payable summaries. Columns,
// filters and form fields come from the catalogue; this page adds the status steps, the
// counterparty filled from the customer and the dates a new invoice starts with.

import { api } from '../api.js';
import { viewQuery } from '../context.js';
import { h } from '../dom.js';
import { resourcePage } from '../resource.js';
import { queryPanel, statTiles } from '../widgets.js';
import { formatMoney, formatNumber, today } from '../format.js';

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
  panels: [agingPanel('accounts-receivable', 'Accounts receivable'), agingPanel('accounts-payable', 'Accounts payable')],
  // The counterparty names the customer, so the table does not say it twice.
  columns: { hide: ['customer_id'], set: { issue_date: { label: 'Issued' }, due_date: { label: 'Due' } } },
  // Many invoices at once (marking a batch paid): POST /api/invoices/bulk/status.
  bulk: {
    action: 'status',
    field: {
      name: 'status', label: 'Mark as', type: 'select',
      options: [{ value: 'paid', label: 'Paid' }, { value: 'open', label: 'Open (issued)' }, { value: 'void', label: 'Void' }],
    },
    initial: 'paid',
    body: (ids, status) => ({ ids, status }),
    done: (n, status) => `${n} ${n === 1 ? 'invoice' : 'invoices'} ${{ paid: 'marked paid', open: 'issued', void: 'voided' }[status] || status}`,
    confirm: (n, status) => (status === 'void'
      ? { title: `Void ${n} ${n === 1 ? 'invoice' : 'invoices'}?`, message: 'They will be void.', confirmLabel: 'Void invoices', danger: true }
      : null),
  },
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
  form: {
    set: {
      number: { label: 'Invoice number', hint: 'Generated (INV-…) when left empty.' },
      kind: { default: 'receivable' },
      customer_id: { onPick: fillCounterparty },
      issue_date: { default: today },
      due_date: { default: () => inDays(30) },
    },
  },
});
