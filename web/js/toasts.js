// Toast notifications. Realtime toasts are keyed by collection so a burst of events for one
// entity shows one toast while it is on screen rather than a flood.

import { h } from './dom.js';

const VISIBLE_MS = 4_000;
const ERROR_VISIBLE_MS = 8_000;
const MAX_TOASTS = 5;

export class Toaster {
  /** host: anything with a `container` element (a getter, so the toaster can exist before the DOM). */
  constructor(host) {
    this.host = host;
    this.byKey = new Map();
  }

  get container() { return this.host.container; }

  /**
   * Show a toast. kind: info | success | error. While a toast with the same `key` is showing,
   * another one with that key is not added. action: { label, onClick } adds a button (Undo) that
   * closes the toast when clicked; such a toast stays longer, to give time to reach it.
   */
  show({ title, body = '', kind = 'info', key = null, timeoutMs, action = null }) {
    const visibleMs = timeoutMs ?? (kind === 'error' || action ? ERROR_VISIBLE_MS : VISIBLE_MS);
    if (key && this.byKey.has(key)) return this.byKey.get(key);
    const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss notification' }, '×');
    const el = h('div', {
      class: ['toast', `toast-${kind}`],
      role: kind === 'error' ? 'alert' : 'status',
      'data-kind': kind,
      'data-key': key || undefined,
    },
    h('div', { class: 'toast-text' },
      h('p', { class: 'toast-title' }, title),
      body ? h('span', { class: 'visually-hidden' }, ' - ') : null,
      body ? h('p', { class: 'toast-body' }, body) : null),
    action ? h('button', { type: 'button', class: 'button button-small toast-action', 'data-action': 'toast-action' }, action.label) : null,
    close);

    const timer = setTimeout(() => this.#dismiss(el), visibleMs);
    close.addEventListener('click', () => {
      clearTimeout(timer);
      this.#dismiss(el);
    });
    el.querySelector('.toast-action')?.addEventListener('click', () => {
      clearTimeout(timer);
      this.#dismiss(el);
      action.onClick();
    });
    if (key) this.byKey.set(key, el);
    this.container.append(el);
    while (this.container.children.length > MAX_TOASTS) this.#forget(this.container.firstElementChild).remove();
    return el;
  }

  #forget(el) {
    const { key } = el.dataset;
    if (key && this.byKey.get(key) === el) this.byKey.delete(key);
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
