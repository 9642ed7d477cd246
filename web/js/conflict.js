// What the app shows when the server answers 412: the record changed since the user saw it, so
// nothing was done. The dialog names who changed it (the 412's `details.changed_by`, else
// "Someone else") and when, lists field by field their values beside the user's, and lets the
// user take their version (reload), do theirs again on top of it (re-apply), or drop it (discard).

import { ApiError } from './api.js';
import { session } from './context.js';
import { h } from './dom.js';
import { modal } from './dialogs.js';
import { formatDateTime } from './format.js';

/** Whether `error` is the server's 412 `precondition_failed`. */
export function isConflict(error) {
  return error instanceof ApiError && error.isStale;
}

/**
 * Who changed the record and when, from a 412's details ({ changed_by: { token_id, name, role },
 * changed_at }): { who: "Dispatch desk", at }. The user's own token elsewhere (another tab or
 * window) is said so; a server that does not say reads "Someone else", at the record's
 * `updated_at`.
 */
export function conflictAuthor(error, current) {
  const by = error?.details?.changed_by;
  const at = error?.details?.changed_at || current?.updated_at || null;
  if (!by?.name) return { who: 'Someone else', at };
  const me = session.me;
  const mine = me && me.token_id !== undefined && by.token_id === me.token_id;
  return { who: mine ? `${by.name} (you, in another tab)` : by.name, at };
}

/** The record as it now is: the 412 carries it (`details.current`), else `fetch()` it. */
export async function currentRecord(error, fetch) {
  const current = error?.details?.current;
  return current && typeof current === 'object' ? current : fetch();
}

const textOf = (value) => {
  if (value === null || value === undefined) return '—';
  if (value instanceof Node) return value.textContent.replace(/\s+/g, ' ').trim() || '—';
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  return String(value);
};

/**
 * The rows of the comparison: [{ label, theirs, yours }] for every entry of `fields` ({ label,
 * show(record) -> text or node }) whose text differs between `current` and `yours`.
 */
export function differences(fields, current, yours) {
  const rows = [];
  const seen = new Set();
  for (const field of fields) {
    if (seen.has(field.label)) continue;
    seen.add(field.label);
    const theirs = textOf(field.show(current));
    const mine = textOf(field.show(yours));
    if (theirs !== mine) rows.push({ label: field.label, theirs, yours: mine });
  }
  return rows;
}

/**
 * Shows the conflict; resolves to "reload", "reapply" or "discard" (closing the dialog).
 * { title, what ("Order #12"), current (their record), rows (from `differences`), intent (what
 * the user tried: "cancel it"), reapplyLabel (omit when theirs no longer allows it), form (true
 * in an edit form, which offers all three), who and at (from `conflictAuthor`) }.
 */
export function conflictDialog({ what, current, rows, intent, reapplyLabel, form = false, who = 'Someone else', at = current?.updated_at }) {
  return new Promise((resolve) => {
    let choice = 'discard';
    const when = at ? ` at ${formatDateTime(at)}` : '';
    const table = rows.length
      ? h('table', { class: 'table table-compact conflict-table', 'data-testid': 'conflict-diff' },
        h('caption', { class: 'visually-hidden' }, 'Their values beside yours'),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Field'),
          h('th', { scope: 'col' }, 'Theirs (now)'),
          h('th', { scope: 'col' }, 'Yours'))),
        h('tbody', null, rows.map((row) => h('tr', { 'data-field': row.label },
          h('th', { scope: 'row' }, row.label),
          h('td', { 'data-side': 'theirs' }, row.theirs),
          h('td', { 'data-side': 'yours' }, row.yours)))))
      : h('p', { class: 'muted-strong' }, 'None of the fields shown here changed; something else about it did.');
    const button = (label, value, kind) => {
      const el = h('button', { type: 'button', class: ['button', kind], 'data-action': `conflict-${value}` }, label);
      el.addEventListener('click', () => { choice = value; close(); });
      return el;
    };
    const buttons = form
      ? [button('Discard my changes', 'discard'), button('Load their version', 'reload'), reapplyLabel ? button(reapplyLabel, 'reapply', 'button-primary') : null]
      : [button('Keep their version', 'reload', reapplyLabel ? null : 'button-primary'), reapplyLabel ? button(reapplyLabel, 'reapply', 'button-primary') : null];
    const { close } = modal({
      title: `${what} was changed by ${who === 'Someone else' ? 'someone else' : who}`,
      className: 'dialog-conflict',
      body: h('div', { class: 'dialog-body', 'data-testid': 'conflict' },
        h('p', { role: 'alert' }, `${who} changed ${what}${when}, after you opened it, so your change (${intent}) was not made.`),
        table),
      footer: h('footer', { class: 'dialog-footer' }, buttons),
      onClose: () => resolve(choice),
    });
    (buttons.find(Boolean))?.focus();
  });
}
