// Budgets per category and month, with the budget-vs-actual view. Columns, filters and form
// fields come from the catalogue; this page adds the months a budget exists for as the Period
// filter's choices.

import { cache, viewQuery } from '../context.js';
import { h } from '../dom.js';
import { resourcePage } from '../resource.js';
import { queryPanel } from '../widgets.js';
import { formatMoney, formatPlain, today } from '../format.js';

const thisMonth = () => today().slice(0, 7);

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });

/** "2026-11" -> "November 2026" */
function monthLabel(period) {
  const [year, month] = period.split('-').map(Number);
  return Number.isFinite(year) && Number.isFinite(month) ? monthFormat.format(new Date(year, month - 1, 1)) : period;
}

/**
 * The Period filter's choices: "All months" (the default), this month, and every month a budget
 * exists for, newest first. A select, so the filter reads as words before anything is chosen
 * (an empty month input shows only dashes).
 */
async function periodOptions() {
  const query = viewQuery('budget-vs-actual');
  const data = await cache.fetch(query.key, query.fetcher).catch(() => null);
  const periods = new Set([thisMonth(), ...(data?.items || []).map((item) => item.period)]);
  return [...periods].filter(Boolean).sort().reverse().map((period) => ({ value: period, label: monthLabel(period) }));
}

function varianceCell(item) {
  const over = item.variance_cents < 0;
  return h('td', { class: ['num', over ? 'text-bad' : 'text-good'] },
    formatMoney(item.variance_cents), h('span', { class: 'visually-hidden' }, over ? ' (over budget)' : ' (under budget)'));
}

/** How much of the budget is spent; the meter turns amber past 80% and red when full. */
function usedMeter(item) {
  const max = Math.max(item.budgeted_cents, 1);
  return h('meter', {
    min: '0',
    max: String(max),
    low: String(Math.round(max * 0.8)),
    high: String(max),
    optimum: '0',
    value: String(Math.min(item.actual_cents, max)),
    'aria-label': `${item.category} ${item.period}: ${formatMoney(item.actual_cents)} of ${formatMoney(item.budgeted_cents)}`,
  });
}

const budgetVsActualPanel = () => queryPanel({
  title: 'Budget vs actual',
  testid: 'budget-vs-actual',
  className: 'panel-wide',
  // The page's Period filter narrows the panel too.
  follows: ['period'],
  query: (filters) => viewQuery('budget-vs-actual', filters.period ? { period: filters.period } : undefined),
  render: (data, filters) => {
    const items = data.items || [];
    if (!items.length) {
      return h('p', { class: 'muted' }, filters.period ? `No budgets for ${monthLabel(filters.period)}.` : 'No budgets yet.');
    }
    const head = h('thead', null, h('tr', null,
      ['Category', 'Period'].map((t) => h('th', { scope: 'col' }, t)),
      ['Budgeted', 'Actual', 'Variance'].map((t) => h('th', { scope: 'col', class: 'num' }, t)),
      h('th', { scope: 'col' }, 'Used')));
    const rows = items.map((item) => h('tr', { 'data-id': String(item.budget_id) },
      h('td', null, item.category),
      h('td', null, formatPlain(item.period)),
      h('td', { class: 'num' }, formatMoney(item.budgeted_cents)),
      h('td', { class: 'num' }, formatMoney(item.actual_cents)),
      varianceCell(item),
      h('td', null, usedMeter(item))));
    return h('div', { class: 'table-scroll' }, h('table', { class: 'table table-compact' },
      h('caption', { class: 'visually-hidden' }, 'Budget versus actual spending'),
      head,
      h('tbody', null, rows)));
  },
});

export const budgetsPage = resourcePage({
  collection: 'budgets',
  title: 'Budgets',
  description: 'Monthly budgets per expense category.',
  recordLabel: (r) => `${r.category} ${r.period}`,
  panels: [budgetVsActualPanel],
  filters: {
    set: {
      category: { placeholder: 'e.g. fuel' },
      period: { type: 'select', anyLabel: 'All months', loadOptions: periodOptions },
    },
  },
  form: { set: { period: { default: thisMonth } } },
});
