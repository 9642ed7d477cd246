// Form field widgets. Each widget owns its label, input and error line, reads its value in the
// API's shape (cents, integers, null for "empty") and shows the server's message for its field.

import { h, uid } from './dom.js';
import { centsToInput, formatMoney, formatNumber, moneyExample, parseMoney } from './format.js';
import { recordPicker } from './picker.js';

function labelled(spec, control, { inline = false } = {}) {
  const id = control.id || uid(`f-${spec.name}`);
  control.id = id;
  const errorId = `${id}-error`;
  const hintId = spec.hint ? `${id}-hint` : null;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const labelText = [spec.label, !spec.required && !inline && spec.type !== 'checkbox'
    ? h('span', { class: 'field-optional' }, ' (optional)') : null];
  const label = h('label', { for: id, class: 'field-label' }, labelText);
  const el = h('div', {
    class: ['field', `field-${spec.type || 'text'}`, spec.wide ? 'field-wide' : null],
    'data-field': spec.name,
  },
  inline ? h('div', { class: 'field-inline' }, control, label) : [label, control],
  hintId ? h('p', { class: 'field-hint', id: hintId }, spec.hint) : null,
  error);
  const setError = (message) => {
    error.textContent = message || '';
    error.hidden = !message;
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  };
  return { el, setError };
}

function optionList(options) {
  return options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
}

function basicInput(spec) {
  const common = {
    name: spec.name,
    required: spec.required || undefined,
    placeholder: spec.placeholder,
    autocomplete: spec.autocomplete || 'off',
    maxlength: spec.maxLength,
  };
  switch (spec.type) {
    case 'textarea':
      return h('textarea', { ...common, rows: spec.rows || 3 });
    case 'number':
      return h('input', { ...common, type: 'number', step: spec.step || '1', min: spec.min, max: spec.max, inputmode: 'numeric' });
    case 'decimal':
      return h('input', { ...common, type: 'number', step: 'any', min: spec.min, max: spec.max, inputmode: 'decimal' });
    case 'money':
      return h('input', { ...common, type: 'text', inputmode: 'decimal', placeholder: spec.placeholder || centsToInput(0) });
    case 'email':
    case 'tel':
    case 'date':
    case 'month':
      return h('input', { ...common, type: spec.type });
    default:
      return h('input', { ...common, type: 'text' });
  }
}

function textField(spec) {
  const input = basicInput(spec);
  const { el, setError } = labelled(spec, input);
  if (spec.suggestions) {
    // Suggested values (`suggestions()` resolves to strings) in a datalist: typing stays free.
    const list = h('datalist', { id: uid(`f-${spec.name}-suggestions`) });
    input.setAttribute('list', list.id);
    el.append(list);
    spec.suggestions().then((values) => list.replaceChildren(...values.map((value) => h('option', { value })))).catch(() => {});
  }
  // The field's `min` / `max` (an amount's in cents), said the way the field shows numbers.
  const within = (value, show) => {
    if (spec.min !== undefined && value < spec.min) return { error: `Enter ${show(spec.min)} or more.` };
    if (spec.max !== undefined && value > spec.max) return { error: `Enter ${show(spec.max)} or less.` };
    return { value };
  };
  const read = () => {
    const raw = input.value.trim();
    if (raw === '') return { value: null };
    switch (spec.type) {
      case 'number': {
        const n = Number(raw);
        return Number.isInteger(n) ? within(n, formatNumber) : { error: 'Enter a whole number.' };
      }
      case 'decimal': {
        const n = Number(raw);
        return Number.isFinite(n) ? within(n, String) : { error: 'Enter a number.' };
      }
      case 'money': {
        const cents = parseMoney(raw);
        return Number.isNaN(cents) ? { error: `Enter an amount such as ${moneyExample()}.` } : within(cents, formatMoney);
      }
      default:
        return { value: raw };
    }
  };
  const write = (value) => {
    if (value === null || value === undefined) input.value = '';
    else input.value = spec.type === 'money' ? centsToInput(value) : String(value);
  };
  return { name: spec.name, el, input, read, write, setError, focus: () => input.focus() };
}

function checkboxField(spec) {
  const input = h('input', { type: 'checkbox', name: spec.name });
  const { el, setError } = labelled(spec, input, { inline: true });
  return {
    name: spec.name, el, input, setError,
    read: () => ({ value: input.checked }),
    write: (value) => { input.checked = Boolean(value); },
    focus: () => input.focus(),
  };
}

function selectField(spec) {
  const select = h('select', { name: spec.name, required: spec.required || undefined });
  const { el, setError } = labelled(spec, select);
  let current = null;
  const setOptions = (options) => {
    const list = optionList(options);
    const known = new Set(list.map((o) => String(o.value)));
    const items = [];
    if (!spec.required || current === null) {
      items.push(h('option', { value: '' }, spec.emptyLabel || (spec.required ? 'Choose…' : 'None')));
    }
    for (const o of list) items.push(h('option', { value: String(o.value) }, o.label));
    if (current !== null && !known.has(String(current))) {
      items.push(h('option', { value: String(current) }, spec.unknownLabel ? spec.unknownLabel(current) : `#${current}`));
    }
    select.replaceChildren(...items);
    select.value = current === null ? '' : String(current);
  };
  setOptions(spec.options || []);
  const toValue = (raw) => {
    if (raw === '') return null;
    return spec.numeric ? Number(raw) : raw;
  };
  return {
    name: spec.name, el, input: select, setError, setOptions,
    read: () => ({ value: toValue(select.value) }),
    write: (value) => {
      current = value === undefined ? null : value;
      setOptions(spec.options || []);
      if (spec.loadOptions) spec.loadOptions().then(setOptions, () => {});
    },
    focus: () => select.focus(),
  };
}

function idListField(spec) {
  const input = h('input', { type: 'text', name: spec.name, inputmode: 'numeric', placeholder: spec.placeholder || 'e.g. 12, 15, 18' });
  const { el, setError } = labelled(spec, input);
  return {
    name: spec.name, el, input, setError,
    read: () => {
      const parts = input.value.split(/[\s,]+/).filter(Boolean);
      const ids = parts.map(Number);
      if (ids.some((n) => !Number.isInteger(n) || n <= 0)) return { error: 'List ids as whole numbers separated by commas.' };
      return { value: ids };
    },
    write: (value) => { input.value = Array.isArray(value) ? value.join(', ') : ''; },
    focus: () => input.focus(),
  };
}

/**
 * A record of another collection, picked by searching it (spec: collection, optionLabel(record),
 * retired(record), noun): any record, however many there are, shown by its name.
 * spec.onPick(record, previous, fields) runs when the user picks or clears (record null), with
 * the form's widgets by name, so a pick may fill another field.
 */
function pickerField(spec, form) {
  const picker = recordPicker({
    collection: spec.collection, label: spec.optionLabel, retired: spec.retired, noun: spec.noun || spec.label.toLowerCase(),
    placeholder: spec.placeholder,
    onChange: spec.onPick ? (_id, record, previous) => spec.onPick(record, previous, form.fields) : undefined,
  });
  picker.input.name = spec.name;
  const { el, setError } = labelled(spec, picker.input);
  el.replaceChild(picker.el, picker.input);
  picker.el.prepend(picker.input);
  return {
    name: spec.name, el, input: picker.input, setError,
    read: () => (picker.pending()
      ? { error: `Choose a ${spec.noun || spec.label.toLowerCase()} from the list, or clear the field.` }
      : { value: picker.value() }),
    write: (value) => picker.setValue(value),
    focus: () => picker.focus(),
  };
}

/**
 * Build the widget for one field spec (see docs/web-app.md for the spec's shape); `form.fields`
 * is the form's widgets by name, filled once all are built.
 */
export function createField(spec, form = { fields: new Map() }) {
  if (spec.widget) return spec.widget(spec, form);
  switch (spec.type) {
    case 'checkbox': return checkboxField(spec);
    case 'select': return selectField(spec);
    case 'picker': return pickerField(spec, form);
    case 'idlist': return idListField(spec);
    default: return textField(spec);
  }
}

/** Values equal for "did this field change?": null, undefined and '' are all "empty". */
export function sameValue(a, b) {
  const norm = (v) => (v === undefined || v === '' ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
