// A record's history in its form: who changed what and when, newest first (GET
// /api/{collection}/{id}/history), each field "Label: before → after" read as the table reads it,
// with "Show more" for older entries. Its query key starts with the record's (["order", 42, …]),
// so every event about the record, and this tab's own saves, refetch it: it follows live.

import { api, describeError } from './api.js';
import { collection } from './catalog.js';
import { deriveColumns } from './collection-spec.js';
import { observe, recordsByIds } from './context.js';
import { h, replaceChildren } from './dom.js';
import { entity } from './entities.js';
import { DASH, formatDateTime, formatPlain, humanize } from './format.js';

export const HISTORY_PAGE = 50;

// The record's number and what every write touches: their before → after says nothing to a reader.
const NOISE = new Set(['id', 'version', 'updated_at']);

const isEmpty = (value) => value === null || value === undefined || value === '';

/** The history query of one record: ["order", 42, "history"], under the record's own key. */
export function historyQuery(name, id) {
  const key = entity(name)?.key || name;
  return {
    key: [key, id, 'history'],
    fetcher: () => api.history(name, id, { limit: HISTORY_PAGE }).then(({ data, seq }) => ({ data, seq })),
  };
}

/**
 * How each field reads: the page's own column where it has one (its label and rendering), else
 * the catalogue's; a value shown alone, as a record holding just it.
 */
function fieldReaders(cfg) {
  const readers = new Map();
  for (const column of deriveColumns(cfg.collection)) readers.set(column.name, column);
  for (const column of cfg.columns || []) if (column.name && readers.has(column.name)) readers.set(column.name, { ...readers.get(column.name), ...column });
  return readers;
}

/** The names of the records the entries' reference fields point to, for the cells' `referenceText`. */
async function entryLookups(name, entries) {
  const byTarget = {};
  for (const field of collection(name)?.fields || []) {
    if (field.kind !== 'reference' || !collection(field.references)?.display) continue;
    for (const entry of entries) {
      for (const change of entry.changes || []) {
        if (change.field !== field.name) continue;
        (byTarget[field.references] ||= new Set()).add(change.before).add(change.after);
      }
    }
  }
  const lookups = {};
  await Promise.all(Object.entries(byTarget).map(async ([target, ids]) => {
    lookups[target] = await recordsByIds(target, [...ids].filter(Number.isInteger)).catch(() => new Map());
  }));
  return lookups;
}

function valueNode(reader, value, lookups) {
  if (isEmpty(value)) return DASH;
  if (!reader) return typeof value === 'object' ? JSON.stringify(value) : formatPlain(value);
  try {
    return reader.render({ [reader.name]: value }, lookups);
  } catch {
    return formatPlain(typeof value === 'object' ? JSON.stringify(value) : value);
  }
}

function entryItem(entry, readers, lookups) {
  const who = entry.by?.name || 'The server';
  // A create lists every field; one it left empty says nothing.
  const changes = (entry.changes || []).filter((change) => !NOISE.has(change.field) && !(isEmpty(change.before) && isEmpty(change.after)));
  return h('li', { class: 'history-entry', 'data-entry-id': String(entry.id), 'data-action-name': entry.action },
    h('p', { class: 'history-head' },
      h('strong', { class: 'history-who' }, who),
      h('span', { class: 'muted' }, ' · ', h('time', { datetime: entry.at }, formatDateTime(entry.at)), ' · ', humanize(entry.action))),
    changes.length
      ? h('ul', { class: 'history-changes' }, changes.map((change) => {
        const reader = readers.get(change.field);
        return h('li', { 'data-change': change.field },
          h('span', { class: 'history-field' }, `${reader?.label || humanize(change.field)}: `),
          h('span', { 'data-side': 'before' }, valueNode(reader, change.before, lookups)),
          ' → ',
          h('span', { 'data-side': 'after' }, valueNode(reader, change.after, lookups)));
      }))
      : null);
}

/**
 * The history panel of `record` for a page config: { el, destroy }. Entries beyond the first
 * page are fetched with `after` and kept while the first page follows the record live.
 * `onNewest(entry)` hears the newest entry (or null) each time the first page is loaded.
 */
export function historyPanel(cfg, record, onNewest = () => {}) {
  const readers = fieldReaders(cfg);
  const list = h('ol', { class: 'history-list', 'aria-label': 'Changes, newest first' });
  const status = h('p', { class: 'muted history-status' }, 'Loading history…');
  const more = h('button', { type: 'button', class: 'button button-small', 'data-action': 'history-more', hidden: true }, 'Show more');
  const el = h('section', { class: 'history', 'data-testid': 'history', 'aria-label': 'History' },
    h('h3', { class: 'history-title' }, 'History'), status, list, more);

  let first = null; // the first page, as last fetched
  let older = []; // entries fetched with "Show more"
  let olderNext = null; // where the next "Show more" starts
  let drawn = 0;

  const draw = async () => {
    const ticket = ++drawn;
    const seen = new Set();
    const entries = [...(first?.items || []), ...older].filter((e) => !seen.has(e.id) && seen.add(e.id)).sort((a, b) => b.id - a.id);
    const lookups = await entryLookups(cfg.collection, entries);
    if (ticket !== drawn) return; // a newer draw is under way
    status.hidden = entries.length > 0;
    status.textContent = entries.length ? '' : 'No changes recorded yet.';
    replaceChildren(list, entries.map((entry) => entryItem(entry, readers, lookups)));
    const next = older.length ? olderNext : first?.next_after;
    more.hidden = next === null || next === undefined;
  };

  // Older pages continue from the first page: after it was refetched (newer entries pushed some
  // out of it), fill what lies between it and the older entries already shown.
  const fillGap = async () => {
    if (!older.length || first?.next_after == null) return;
    const { data } = await api.history(cfg.collection, record.id, { limit: HISTORY_PAGE, after: first.next_after });
    older = [...(data.items || []), ...older];
  };

  const stop = observe(historyQuery(cfg.collection, record.id), async ({ data, status: state, error }) => {
    if (state === 'loading') return;
    if (data === undefined) {
      status.hidden = false;
      status.textContent = error?.isForbidden ? 'You may not read the history of this record.' : `History unavailable: ${describeError(error)}`;
      return;
    }
    first = data;
    onNewest(data.items?.[0] ?? null);
    await fillGap().catch(() => {});
    await draw();
  });

  more.addEventListener('click', async () => {
    const after = older.length ? olderNext : first?.next_after;
    if (after === null || after === undefined) return;
    more.disabled = true;
    try {
      const { data } = await api.history(cfg.collection, record.id, { limit: HISTORY_PAGE, after });
      older = [...older, ...(data.items || [])];
      olderNext = data.next_after ?? null;
      await draw();
    } catch (error) {
      status.hidden = false;
      status.textContent = describeError(error);
    } finally {
      more.disabled = false;
    }
  });

  return { el, destroy: stop };
}
