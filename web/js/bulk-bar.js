// Checkboxes on a list's rows and the bar that acts on the selected records at once (POST
// /api/{collection}/bulk/{action}, all or nothing): "N selected", the page's control (a status,
// a driver), Apply and Clear. A refusal (409 `bulk_refused`) names the records that could not
// take it, by name, and nothing was changed; a success is one toast and clears the selection.
//
// A page declares its bulk action as `bulk`: { action ("status": the catalogue's bulk action, the
// route's last part), field (a fields.js spec for the control), initial (its first value),
// submitLabel, body(ids, value),
// done(count, value) -> the toast's title, confirm(count, value) -> a confirmDialog's options or
// null }.

import { api, describeError } from './api.js';
import { collection } from './catalog.js';
import { cache, toaster } from './context.js';
import { confirmDialog } from './dialogs.js';
import { h, replaceChildren } from './dom.js';
import { entity, invalidationKeys } from './entities.js';
import { createField } from './fields.js';

/** The most ids one bulk request may carry, where the catalogue does not say (its `max_ids`). */
export const MAX_BULK = 500;

/** The catalogue's entry for the page's bulk action: null where the server has none. */
function bulkEntry(cfg) {
  return (collection(cfg.collection)?.bulk || []).find((entry) => entry.name === cfg.bulk?.action) || null;
}

/** Whether the page's bulk action exists on this server (the catalogue lists it). */
export function bulkOffered(cfg) {
  return Boolean(cfg.bulk && bulkEntry(cfg));
}

const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);

export class BulkSelection {
  /** cfg: the page's config (its `bulk`, collection and `recordLabel`); rows(): the records shown. */
  constructor(cfg, rows) {
    this.cfg = cfg;
    this.spec = cfg.bulk;
    this.meta = entity(cfg.collection);
    this.rows = rows;
    this.max = bulkEntry(cfg)?.max_ids ?? MAX_BULK;
    this.selected = new Set();
    this.boxes = new Map(); // id -> the row's checkbox

    this.all = h('input', { type: 'checkbox', 'data-action': 'select-all' });
    this.all.addEventListener('change', () => {
      for (const record of this.rows()) {
        if (this.all.checked) this.selected.add(record.id);
        else this.selected.delete(record.id);
      }
      this.refresh();
    });

    this.field = createField({ ...this.spec.field, required: true });
    if (this.spec.initial !== undefined) this.field.write(this.spec.initial);
    this.count = h('span', { class: 'bulk-count', 'data-testid': 'bulk-count', 'aria-live': 'polite' });
    this.apply = h('button', { type: 'submit', class: 'button button-primary button-small', 'data-action': 'bulk-apply' }, this.spec.submitLabel || 'Apply');
    this.clear = h('button', { type: 'button', class: 'button button-small', 'data-action': 'bulk-clear' }, 'Clear');
    this.clear.addEventListener('click', () => this.reset());
    this.problem = h('div', { class: 'bulk-error', 'data-testid': 'bulk-error', role: 'alert', hidden: true });
    this.el = h('form', { class: 'bulk-bar', 'data-testid': 'bulk-bar', hidden: true, 'aria-label': `Change the selected ${this.meta.plural.toLowerCase()}` },
      h('div', { class: 'bulk-controls' }, this.count, this.field.el, this.apply, this.clear),
      this.problem);
    this.el.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
  }

  /**
   * Select all, for the table's toolbar (above the header, so the first column stays as narrow as
   * it was: the orders table must still fit its card at 1280 px).
   */
  selectAllControl() {
    return h('label', { class: 'select-all' }, this.all, 'Select all on this page');
  }

  /** A row's checkbox, for the first cell of its row. */
  rowBox(record, label) {
    const box = h('input', {
      type: 'checkbox', class: 'select-box', 'data-action': 'select-row', checked: this.selected.has(record.id),
      'aria-label': `Select ${this.meta.singular} ${label}`,
    });
    box.addEventListener('change', () => {
      if (box.checked) this.selected.add(record.id);
      else this.selected.delete(record.id);
      this.refresh();
    });
    this.boxes.set(record.id, box);
    return box;
  }

  /** After the rows were drawn again: only records still shown stay selected. */
  sync() {
    const shown = new Set(this.rows().map((record) => record.id));
    for (const id of [...this.boxes.keys()]) if (!shown.has(id)) this.boxes.delete(id);
    for (const id of [...this.selected]) if (!shown.has(id)) this.selected.delete(id);
    this.refresh();
  }

  reset() {
    this.selected.clear();
    this.showProblem(null);
    this.refresh();
  }

  refresh() {
    const n = this.selected.size;
    for (const [id, box] of this.boxes) box.checked = this.selected.has(id);
    const shown = this.rows().length;
    this.all.checked = shown > 0 && n === shown;
    this.all.indeterminate = n > 0 && n < shown;
    this.el.hidden = n === 0;
    this.count.textContent = `${n} selected`;
    this.apply.disabled = n === 0 || n > this.max;
    if (n === 0) this.showProblem(null);
  }

  /** "Order #12", "Invoice INV-1042": a record by name, from the rows shown. */
  nameOf(id) {
    const record = this.rows().find((r) => r.id === Number(id));
    return `${capitalize(this.meta.singular)} ${record ? this.cfg.recordLabel(record) : `#${id}`}`;
  }

  showProblem(message, reasons = null) {
    this.problem.hidden = !message;
    if (!message) {
      this.problem.replaceChildren();
      return;
    }
    const lines = Object.entries(reasons || {}).map(([id, why]) => h('li', { 'data-id': String(id) }, `${this.nameOf(id)}: ${why}`));
    replaceChildren(this.problem, h('p', null, message), lines.length ? h('ul', null, lines) : null);
  }

  async run() {
    const { value, error } = this.field.read();
    if (error || value === null || value === undefined) {
      this.field.setError(error || 'Choose one first.');
      return;
    }
    this.field.setError(null);
    const ids = [...this.selected];
    const ask = this.spec.confirm?.(ids.length, value);
    if (ask && !(await confirmDialog(ask))) return;
    this.apply.disabled = true;
    this.showProblem(null);
    try {
      await api.bulk(this.cfg.collection, this.spec.action, this.spec.body(ids, value));
      this.invalidate(ids);
      toaster.success(this.spec.done(ids.length, value));
      this.reset();
    } catch (failure) {
      if (failure?.code === 'bulk_refused' || failure?.status === 422) {
        // Nothing was changed: say why, naming each record the server refused.
        const reasons = failure.details?.reasons || Object.fromEntries((failure.details?.ids || []).map((id) => [id, 'refused']));
        this.showProblem(`Nothing was changed. ${describeError(failure)}`, reasons);
      } else {
        toaster.error(`Could not change the selected ${this.meta.plural.toLowerCase()}`, describeError(failure));
      }
    } finally {
      this.apply.disabled = this.selected.size === 0;
    }
  }

  /** The collection's keys once, and each changed record's own. */
  invalidate(ids) {
    for (const key of invalidationKeys(this.cfg.collection)) cache.invalidate(key);
    for (const id of ids) cache.invalidate([this.meta.key, id]);
  }
}
