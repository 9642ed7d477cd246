// What sits under a list's table: the totals line ("12 invoices · $3,400.00 total", over every
// match, from the list answer's `total` and `sums`) and the pager (rows per page, position,
// Previous / Next). The list page owns the state; these only draw it.

import { h } from './dom.js';
import { formatMoney, formatNumber, humanize } from './format.js';

/** How many rows a page may show; the first is not the default (DEFAULT_LIMIT is). */
export const PAGE_SIZES = [25, 50, 100];

/**
 * "12 invoices · $3,400.00 total" into `el`: the count and the sums of every record that matches
 * the filters (the catalogue's summed fields), not just this page. `meta`: { singular, plural }.
 */
export function renderTotals(el, { total, sums }, meta) {
  if (total === null || total === undefined) {
    el.replaceChildren();
    return;
  }
  const fields = Object.keys(sums || {});
  const money = fields.map((field) => {
    const label = fields.length === 1 ? 'total' : humanize(field.replace(/_cents$/, '')).toLowerCase();
    return h('span', { class: 'table-sum', 'data-field': field }, `${formatMoney(sums[field])} ${label}`);
  });
  const count = h('span', { class: 'table-count' },
    `${formatNumber(total)} ${total === 1 ? meta.singular : meta.plural.toLowerCase()}`);
  el.replaceChildren(...[count, ...money].flatMap((part, i) => (i ? [' · ', part] : [part])));
}

/**
 * The pager into `el` for `total` records shown `limit` at a time from `offset`; `goTo(offset,
 * limit)` moves. A page left empty (its last records gone) moves to the last page there is.
 */
export function renderPager(el, { total = 0, limit, offset, collection }, goTo) {
  const prev = h('button', { type: 'button', class: 'button button-small', 'data-action': 'page-prev', disabled: offset <= 0 }, 'Previous');
  const next = h('button', { type: 'button', class: 'button button-small', 'data-action': 'page-next', disabled: offset + limit >= total }, 'Next');
  prev.addEventListener('click', () => goTo(Math.max(0, offset - limit)));
  next.addEventListener('click', () => goTo(offset + limit));
  const sizeId = `page-size-${collection}`;
  const size = h('select', { id: sizeId }, PAGE_SIZES.map((n) => h('option', { value: String(n), selected: n === limit }, String(n))));
  size.addEventListener('change', () => goTo(0, Number(size.value)));
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  el.replaceChildren(
    h('div', { class: 'pager-size' }, h('label', { for: sizeId }, 'Rows per page'), size),
    h('span', { class: 'pager-position' }, `Page ${Math.min(page, pages)} of ${pages}`),
    h('div', { class: 'pager-buttons' }, prev, next));
  if (offset > 0 && offset >= total && total > 0) goTo(Math.max(0, (pages - 1) * limit)); // the last page emptied
}
