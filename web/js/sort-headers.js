// A list's column headers, sortable where the server sorts: a header is then a button that sorts
// by its field ascending, then descending, then back to newest first, its aria-sort and arrow
// saying which. The sort itself lives in the URL (`?sort=price_cents`, `-price_cents`).

import { fieldsOf } from './catalog.js';
import { h } from './dom.js';

/** The fields the server sorts a list of `collection` by (the catalogue's sortable fields). */
export function sortableFields(collection) {
  return new Set(fieldsOf(collection).filter((field) => field.sortable).map((field) => field.name));
}

/** `name` / `-name` from the URL, when the list may be sorted by `name`; else null. */
export function readSort(sortable, value) {
  if (!value) return null;
  const field = value.startsWith('-') ? value.slice(1) : value;
  return sortable.has(field) ? value : null;
}

/**
 * The field a column sorts by, or null: its `sort` (`false` for none), else the field its id
 * names (`total` → `total_cents`, `updated` → `updated_at`), when the server sorts by it.
 */
function sortField(sortable, column) {
  if (column.sort === false) return null;
  const candidates = column.sort ? [column.sort] : [column.id, `${column.id}_cents`, `${column.id}_at`];
  return candidates.find((name) => sortable.has(name)) ?? null;
}

function header(column, sortable, onSort) {
  const field = sortField(sortable, column);
  const th = h('th', { scope: 'col', class: [column.className, field ? 'sortable' : null] });
  if (!field) {
    th.append(column.label);
    return { th, field };
  }
  const arrow = h('span', { class: 'sort-arrow', 'aria-hidden': 'true' });
  const button = h('button', { type: 'button', class: 'sort-button', 'data-sort': field, onClick: () => onSort(field) }, column.label, arrow);
  th.append(button);
  return { th, field, button, arrow, label: column.label.toLowerCase() };
}

/**
 * The headers of `columns`; `onSort(field)` runs on a click (`nextSort` says what it asks for),
 * and `show(sort)` marks the header the list is sorted by.
 */
export function sortHeaders(columns, sortable, onSort) {
  const headers = columns.map((column) => header(column, sortable, onSort));
  return {
    cells: headers.map(({ th }) => th),
    show(sort) {
      for (const { th, field, button, arrow, label } of headers) {
        if (!field) continue;
        const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : null;
        if (direction) th.setAttribute('aria-sort', direction);
        else th.removeAttribute('aria-sort');
        arrow.textContent = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '';
        button.title = direction === 'ascending' ? `Sort by ${label}, descending`
          : direction === 'descending' ? 'Back to newest first' : `Sort by ${label}`;
      }
    },
  };
}

/** Ascending, then descending, then none (newest first). */
export function nextSort(sort, field) {
  return sort === field ? `-${field}` : sort === `-${field}` ? null : field;
}
