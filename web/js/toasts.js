// Toast notifications. Realtime toasts are keyed by collection: a burst of events for one entity
// updates one toast with a count ("Orders updated (5)") rather than stacking a flood, and says who
// made them ("… by Dispatch desk", or "… by 2 people" for a burst by several). The stack
// holds at most MAX_TOASTS and sits in the page's flow at the bottom of the workspace (sticky), so
// the page always has room to scroll its last rows clear of it; a row that just changed and lies
// under the stack is scrolled above it.

import { h } from './dom.js';

const VISIBLE_MS = 4_000;
const ERROR_VISIBLE_MS = 8_000;
const MAX_TOASTS = 4;
// Space left between a revealed row and the stack.
const REVEAL_MARGIN_PX = 8;

export class Toaster {
  /** host: anything with a `container` element (a getter, so the toaster can exist before the DOM). */
  constructor(host) {
    this.host = host;
    this.byKey = new Map(); // key -> { el, title, count, restart }
  }

  get container() { return this.host.container; }

  /**
   * Show a toast. kind: info | success | error. While a toast with the same `key` is showing,
   * another one with that key adds to its count ("Title (2)") and keeps it up for another full
   * period instead. action: { label, onClick } adds a button (Undo) that closes the toast when
   * clicked; such a toast stays longer, to give time to reach it. by: the name of who made the
   * change ("Orders updated by Dispatch desk"); a coalesced toast names everyone it counts.
   */
  show({ title, body = '', kind = 'info', key = null, timeoutMs, action = null, by = null }) {
    const visibleMs = timeoutMs ?? (kind === 'error' || action ? ERROR_VISIBLE_MS : VISIBLE_MS);
    const shown = key ? this.byKey.get(key) : null;
    if (shown) {
      // A longer title may take another line: a reader at the bottom stays there, as for a new toast.
      const stayAtBottom = atPageBottom();
      shown.count += 1;
      if (by) shown.names.add(by);
      shown.titleEl.textContent = titleText(shown.title, shown.count, shown.names);
      shown.el.dataset.count = String(shown.count);
      shown.restart();
      if (stayAtBottom) window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
      return shown.el;
    }
    const wasAtBottom = atPageBottom();
    const names = new Set(by ? [by] : []);
    const titleEl = h('p', { class: 'toast-title' }, titleText(title, 1, names));
    const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss notification' }, '×');
    const el = h('div', {
      class: ['toast', `toast-${kind}`],
      role: kind === 'error' ? 'alert' : 'status',
      'data-kind': kind,
      'data-key': key || undefined,
      'data-count': '1',
    },
    h('div', { class: 'toast-text' },
      titleEl,
      body ? h('span', { class: 'visually-hidden' }, ' - ') : null,
      body ? h('p', { class: 'toast-body' }, body) : null),
    action ? h('button', { type: 'button', class: 'button button-small toast-action', 'data-action': 'toast-action' }, action.label) : null,
    close);

    let timer = null;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.#dismiss(el), visibleMs);
    };
    restart();
    close.addEventListener('click', () => {
      clearTimeout(timer);
      this.#dismiss(el);
    });
    el.querySelector('.toast-action')?.addEventListener('click', () => {
      clearTimeout(timer);
      this.#dismiss(el);
      action.onClick();
    });
    if (key) this.byKey.set(key, { el, titleEl, title, count: 1, names, restart });
    this.container.append(el);
    // Over the cap, the oldest goes, but a toast that offers something (Undo, Deactivate) or
    // reports an error stays while there is an informational one to drop instead.
    const live = () => [...this.container.children].filter((t) => !t.classList.contains('toast-leaving'));
    while (live().length > MAX_TOASTS) {
      const shown = live();
      const plain = shown.find((t) => t.dataset.kind !== 'error' && !t.querySelector('.toast-action'));
      this.#forget(plain || shown[0]).remove();
    }
    // The stack takes room at the end of the page: a reader at the bottom stays there, so the
    // stack pushes the page up rather than covering its last rows.
    if (wasAtBottom) window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
    return el;
  }

  /**
   * If `element` (a row that just changed) is in view but under the stack, scroll it just above
   * the stack, as long as that does not push its top out of view.
   */
  reveal(element) {
    const stack = this.container;
    if (!stack || !element?.isConnected || !stack.children.length) return;
    const box = element.getBoundingClientRect();
    const stackTop = stack.firstElementChild.getBoundingClientRect().top;
    if (box.bottom <= stackTop - REVEAL_MARGIN_PX || box.top >= window.innerHeight) return;
    const by = box.bottom - stackTop + REVEAL_MARGIN_PX;
    const clearTop = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
    if (box.top - by < clearTop) return;
    window.scrollBy({ top: by, behavior: 'instant' });
  }

  #forget(el) {
    const { key } = el.dataset;
    if (key && this.byKey.get(key)?.el === el) this.byKey.delete(key);
    return el;
  }

  #dismiss(el) {
    if (!el.isConnected) return;
    this.#forget(el).classList.add('toast-leaving');
    setTimeout(() => el.remove(), 180);
  }

  success(title, body, action = null) { return this.show({ title, body, kind: 'success', action }); }

  error(title, body, action = null) { return this.show({ title, body, kind: 'error', action }); }
}

/** "Orders updated", "Orders updated (3)", "Orders updated (3) by Dispatch desk", "… by 2 people". */
function titleText(title, count, names) {
  const counted = count > 1 ? `${title} (${count})` : title;
  if (names.size === 0) return counted;
  return `${counted} by ${names.size === 1 ? [...names][0] : `${names.size} people`}`;
}

function atPageBottom() {
  const doc = document.documentElement;
  return doc.scrollHeight > window.innerHeight && window.scrollY + window.innerHeight >= doc.scrollHeight - 2;
}
