// The order form's line-items editor: each line is a service, a product or a free-text item,
// with a quantity and an optional unit price (blank means the catalogue price). Each line shows
// its amount and the form the order's total as they are edited, computed as the server does.

import { recordsByIds } from '../context.js';
import { h, uid } from '../dom.js';
import { centsToInput, DASH, formatMoney, moneyExample, parseMoney } from '../format.js';
import { recordPicker } from '../picker.js';

/** A line in the request's shape, used both to send and to compare with the saved order. */
export function normalizeItem(item) {
  const out = {};
  if (item.service_id) out.service_id = item.service_id;
  if (item.product_id) out.product_id = item.product_id;
  if (item.description) out.description = item.description;
  out.quantity = item.quantity;
  if (item.unit_price_cents !== null && item.unit_price_cents !== undefined) out.unit_price_cents = item.unit_price_cents;
  return out;
}

export const itemsFromOrder = (order) => (order.items || []).map(normalizeItem);

/**
 * A line's amount in cents, as the server computes `line_total_cents`: quantity × (the typed unit
 * price, else the catalogue price, else 0). Null while the line is incomplete (nothing picked, a
 * quantity that is not a whole number ≥ 1, a price that does not read as money).
 */
export function lineAmount({ kind, picked, catalogPrice, quantityText, priceText }) {
  const quantity = Number(quantityText);
  if (!Number.isInteger(quantity) || quantity < 1) return null;
  if (kind !== 'custom' && !picked) return null;
  const typed = priceText.trim() === '' ? null : parseMoney(priceText.trim());
  if (Number.isNaN(typed)) return null;
  if (typed === null && kind === 'custom') return null;
  if (typed === null && (catalogPrice === null || catalogPrice === undefined)) return null;
  return quantity * (typed ?? catalogPrice);
}

const KINDS = [
  { value: 'service', label: 'Service' },
  { value: 'product', label: 'Product' },
  { value: 'custom', label: 'Other' },
];

export function orderItemsWidget(spec) {
  const listId = uid('items');
  const rows = [];
  const body = h('div', { class: 'items-rows', id: listId });
  const general = h('p', { class: 'field-error', hidden: true });
  // Any service or product, searched on the server; an inactive service stays shown on a line
  // that already has it but cannot be picked.
  const catalog = {
    service: {
      collection: 'services', noun: 'service',
      label: (sv) => `${sv.name} · ${formatMoney(sv.price_cents)}${sv.active === false ? ' (inactive)' : ''}`,
      retired: (sv) => sv.active === false,
    },
    product: { collection: 'products', noun: 'product', label: (p) => `${p.sku} ${p.name} · ${formatMoney(p.price_cents)}` },
  };
  const addButton = h('button', { type: 'button', class: 'button button-small', 'data-action': 'add-item' }, 'Add line');
  const total = h('output', { class: 'items-total-amount', 'data-testid': 'order-total', 'aria-live': 'polite' }, formatMoney(0));
  const totalLine = h('p', { class: 'items-total' }, h('span', { class: 'items-total-label' }, 'Order total'), total);

  /** Each line's amount and the order's total, from what the form holds now. */
  function recompute() {
    let sum = 0;
    let complete = rows.length > 0;
    for (const row of rows) {
      const amount = lineAmount({
        kind: row.kind.value,
        picked: row.picker ? row.picker.value() : null,
        catalogPrice: row.catalogPrice,
        quantityText: row.quantity.value,
        priceText: row.price.value,
      });
      row.amount.textContent = amount === null ? DASH : formatMoney(amount);
      if (amount === null) complete = false;
      else sum += amount;
    }
    total.textContent = formatMoney(sum);
    totalLine.dataset.complete = String(complete);
    total.title = complete ? '' : 'Lines still being filled in are not counted yet.';
  }

  /** The catalogue price of the picked service or product (looked up when the line is loaded). */
  function priceFor(row, kind, id) {
    row.catalogPrice = null;
    if (!id) return;
    recordsByIds(catalog[kind].collection, [id]).then((found) => {
      if (row.picker?.value() !== id) return;
      row.catalogPrice = found.get(id)?.price_cents ?? null;
      recompute();
    }, () => {});
  }

  function fillChoices(row, id = null) {
    const kind = row.kind.value;
    const holder = row.choiceCell;
    row.catalogPrice = null;
    if (kind === 'custom') {
      row.picker = null;
      holder.replaceChildren(h('input', { id: row.choiceId, type: 'text', disabled: true, value: '—', 'aria-label': 'Item (none for other)' }));
      return;
    }
    row.picker = recordPicker({
      ...catalog[kind],
      id: row.choiceId,
      onChange: (_id, record) => {
        row.catalogPrice = record?.price_cents ?? null;
        recompute();
      },
    });
    row.picker.setValue(id);
    holder.replaceChildren(row.picker.el);
    priceFor(row, kind, id);
  }

  function addRow(item = {}) {
    const n = rows.length + 1;
    const ids = { kind: uid('item-kind'), choice: uid('item-choice'), description: uid('item-desc'), quantity: uid('item-qty'), price: uid('item-price'), amount: uid('item-amount') };
    const row = {
      kind: h('select', { id: ids.kind }, KINDS.map((k) => h('option', { value: k.value }, k.label))),
      choiceId: ids.choice,
      choiceCell: h('div', { class: 'items-choice' }),
      picker: null,
      description: h('input', { id: ids.description, type: 'text', autocomplete: 'off' }),
      quantity: h('input', { id: ids.quantity, type: 'number', min: '1', step: '1', inputmode: 'numeric' }),
      price: h('input', { id: ids.price, type: 'text', inputmode: 'decimal', placeholder: 'catalogue' }),
      amount: h('output', { id: ids.amount, class: 'items-amount', 'data-testid': 'line-amount' }, DASH),
      catalogPrice: null,
      error: h('p', { class: 'field-error items-row-error', hidden: true }),
    };
    if (item.product_id) row.kind.value = 'product';
    else if (!item.service_id && item.description) row.kind.value = 'custom';
    else row.kind.value = 'service';
    row.description.value = item.description || '';
    row.quantity.value = String(item.quantity ?? 1);
    row.price.value = centsToInput(item.unit_price_cents);
    const remove = h('button', { type: 'button', class: 'button button-small button-danger-ghost', 'data-action': 'remove-item' }, 'Remove');
    const cell = (label, id, control) => h('div', { class: 'items-cell' },
      h('label', { for: id, class: 'items-label' }, label), control);
    row.el = h('div', { class: 'items-row' },
      cell('Type', ids.kind, row.kind),
      cell('Item', ids.choice, row.choiceCell),
      cell('Description', ids.description, row.description),
      cell('Qty', ids.quantity, row.quantity),
      cell('Unit price', ids.price, row.price),
      cell('Amount', ids.amount, row.amount),
      h('div', { class: 'items-cell items-cell-remove' }, remove),
      row.error);
    row.kind.addEventListener('change', () => {
      fillChoices(row);
      recompute();
    });
    row.quantity.addEventListener('input', recompute);
    row.price.addEventListener('input', recompute);
    remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(row), 1);
      row.el.remove();
      renumber();
      recompute();
      (rows[rows.length - 1]?.kind || addButton).focus();
    });
    fillChoices(row, item.service_id || item.product_id || null);
    rows.push(row);
    body.append(row.el);
    renumber();
    recompute();
    return row;
  }

  function renumber() {
    rows.forEach((row, i) => row.el.setAttribute('aria-label', `Line ${i + 1}`));
  }

  addButton.addEventListener('click', () => addRow().kind.focus());

  const el = h('fieldset', { class: ['field', 'field-items', 'field-wide'], 'data-field': spec.name },
    h('legend', { class: 'field-label' }, spec.label),
    body, general, h('div', { class: 'items-footer' }, addButton, totalLine));

  function setRowError(index, message) {
    const row = rows[index];
    if (!row) return false;
    row.error.textContent = message;
    row.error.hidden = !message;
    return true;
  }

  return {
    name: spec.name,
    el,
    focus: () => (rows[0]?.kind || addButton).focus(),
    write(items) {
      rows.splice(0).forEach((r) => r.el.remove());
      (items && items.length ? items : [{}]).forEach((item) => addRow(item));
    },
    read() {
      if (rows.length === 0) return { error: 'Add at least one line.' };
      const items = [];
      let error = null;
      rows.forEach((row, i) => {
        setRowError(i, null);
        const kind = row.kind.value;
        const quantity = Number(row.quantity.value);
        const priceText = row.price.value.trim();
        const price = priceText === '' ? null : parseMoney(priceText);
        const choice = row.picker ? row.picker.value() : null;
        const description = row.description.value.trim() || null;
        let message = null;
        if (kind !== 'custom' && (!choice || row.picker.pending())) message = `Choose a ${kind} from the list.`;
        else if (kind === 'custom' && !description) message = 'Describe the item.';
        else if (!Number.isInteger(quantity) || quantity < 1) message = 'Quantity must be a whole number of at least 1.';
        else if (Number.isNaN(price)) message = `Enter a unit price such as ${moneyExample()}, or leave it blank.`;
        else if (kind === 'custom' && price === null) message = 'Enter a unit price for this item.';
        if (message) {
          setRowError(i, message);
          error = error || `Line ${i + 1}: ${message}`;
          return;
        }
        items.push(normalizeItem({
          service_id: kind === 'service' ? choice : null,
          product_id: kind === 'product' ? choice : null,
          description,
          quantity,
          unit_price_cents: price,
        }));
      });
      // Row errors are already on their rows (shown), so the form adds no second copy.
      return error ? { error, shown: true } : { value: items };
    },
    setError(message) {
      general.textContent = message || '';
      general.hidden = !message;
      if (!message) rows.forEach((_, i) => setRowError(i, null));
    },
    /** Server details name lines as items[0].quantity or items.0.quantity. */
    setDetail(name, message) {
      const match = /^items(?:\[(\d+)\]|\.(\d+))/.exec(name);
      const index = match ? Number(match[1] ?? match[2]) : -1;
      if (!setRowError(index, String(message))) this.setError(String(message));
    },
  };
}
