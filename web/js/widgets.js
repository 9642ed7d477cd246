// Small pieces shared by pages: status badges, KPI cards, action buttons that report failures,
// and the menu a row's secondary actions fold into.

import { describeError, noAccessText } from './api.js';
import { h, uid } from './dom.js';
import { observe, toaster } from './context.js';
import { DASH, formatCoordinate, formatDateAndTime, humanize } from './format.js';

/** A status pill reading `label`; its colour comes from CSS (.badge-<value>). */
export function badge(value, family = 'status', label = humanize(value)) {
  if (value === null || value === undefined || value === '') return h('span', { class: 'muted' }, '—');
  const slug = String(value).replace(/[^a-z0-9_-]/gi, '');
  return h('span', { class: ['badge', `badge-${family}`, `badge-${slug}`], 'data-value': String(value) }, label);
}

/** A timestamp for a table cell: it may break between the date and the time, never inside either. */
export function dateTime(value) {
  const parts = formatDateAndTime(value);
  if (!parts) return DASH;
  return h('time', { datetime: value }, h('span', { class: 'nowrap' }, parts[0]), ' ', h('span', { class: 'nowrap' }, parts[1]));
}

/** A position for a table cell (class "position"): latitude and longitude may go on two lines, each whole. */
export function coordinates(lat, lng) {
  if (lat === null || lat === undefined) return DASH;
  return h('span', null, h('span', { class: 'nowrap' }, `${formatCoordinate(lat)},`), ' ', h('span', { class: 'nowrap' }, formatCoordinate(lng)));
}

export function yesNo(value) {
  return badge(value ? 'yes' : 'no', 'bool');
}

/**
 * Run an action from a button: disables it while running, reports failure in an error toast.
 * Resolves true on success.
 */
export async function runAction(button, failureTitle, fn) {
  if (button) button.disabled = true;
  try {
    await fn();
    return true;
  } catch (error) {
    toaster.error(failureTitle, describeError(error));
    return false;
  } finally {
    if (button && button.isConnected) button.disabled = false;
  }
}

/** A button with a stable data-action hook. */
export function actionButton({ label, action, kind = 'default', title, onClick, disabled }) {
  return h('button', {
    type: 'button',
    class: ['button', 'button-small', kind !== 'default' ? `button-${kind}` : null],
    'data-action': action,
    title,
    disabled,
    onClick,
  }, label);
}

/**
 * A panel that observes one query and renders it: render(data) returns the panel's content.
 * `follows` names the page filters its query narrows by (a summary of the whole collection
 * follows none). Returns { el, destroy, update, covers } as pages expect of panels: `covers(filters)`
 * tells whether the panel shows only records those filters select, so the page may listen to
 * them alone (live-topics.js).
 */
export function queryPanel({ title, query, render, className, testid, follows = [] }) {
  const body = h('div', { class: 'panel-body' }, h('p', { class: 'muted' }, 'Loading…'));
  const el = h('section', { class: ['panel', className], 'aria-label': title, 'data-testid': testid },
    h('h2', { class: 'panel-title' }, title), body);
  // `query` may depend on the page's filters: `(filters) => query`, observed again when they change.
  const queryFor = typeof query === 'function' ? query : () => query;
  let shown = null;
  let stop = null;
  let filters = {};
  const show = (next) => {
    if (shown && JSON.stringify(next.key) === JSON.stringify(shown.key)) return;
    stop?.();
    shown = next;
    stop = observe(next, ({ data, error, status }) => {
      if (status === 'loading') return;
      if (data === undefined) {
        body.replaceChildren(error?.isForbidden
          ? h('p', { class: 'no-access' }, noAccessText(title.toLowerCase()))
          : h('p', { class: 'panel-error' }, error ? describeError(error) : 'Not available.'));
        return;
      }
      body.replaceChildren(render(data, filters));
      el.classList.toggle('panel-stale', Boolean(error));
    });
  };
  show(queryFor(filters));
  return {
    el,
    destroy: () => stop?.(),
    covers: (next) => Object.keys(next).every((name) => follows.includes(name)),
    update: (next) => {
      filters = next || {};
      show(queryFor(filters));
    },
  };
}

/** KPI tiles: [{ label, value, tone }] */
export function statTiles(tiles) {
  return h('dl', { class: 'stats' }, tiles.map((t) => h('div', { class: ['stat', t.tone ? `stat-${t.tone}` : null], 'data-stat': t.id },
    h('dt', { class: 'stat-label' }, t.label),
    h('dd', { class: 'stat-value' }, t.value))));
}

/**
 * A "More" button opening a menu of `buttons` (a popover, so no table or card clips it; it sits
 * under the button by CSS anchor positioning). `label` names what the actions act on.
 */
export function actionMenu(buttons, label) {
  const menu = h('div', { class: 'row-menu', id: uid('row-menu'), popover: 'auto', role: 'menu', 'aria-label': `Actions for ${label}` }, buttons);
  const toggle = h('button', {
    type: 'button', class: 'button button-small row-menu-toggle', 'data-action': 'more',
    'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': `More actions for ${label}`,
    popovertarget: menu.id,
  }, 'More');
  for (const button of buttons) {
    button.setAttribute('role', 'menuitem');
    button.classList.add('row-menu-item');
    button.addEventListener('click', () => menu.hidePopover());
  }
  menu.addEventListener('toggle', (event) => {
    const open = event.newState === 'open';
    toggle.setAttribute('aria-expanded', String(open));
    if (open) buttons[0]?.focus();
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const at = buttons.indexOf(document.activeElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  });
  return h('span', { class: 'row-menu-host' }, toggle, menu);
}
