// What a list page shows of a collection, derived from the fields the catalogue declares for it:
// a column per field (formatted by its kind), the filters the server accepts, and the create and
// edit form. A field the server adds shows up in all three with no change here. A page adds only
// what is particular to it, as overrides on each list (see `applyOverrides`, docs/web-app.md).

import { collection, fieldsOf, recordName } from './catalog.js';
import { DASH, formatMoney, formatNumber, formatPlain, humanize } from './format.js';
import { recordListField } from './record-list-field.js';
import { badge, dateTime, yesNo } from './widgets.js';

// Fields every record carries that a table leaves out unless its page shows them (`show`).
const QUIET_COLUMNS = new Set(['version', 'created_at', 'updated_at']);

const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (word) => (/(s|x|ch|sh)$/.test(word) ? `${word}es` : /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`);
const isEmpty = (value) => value === null || value === undefined || value === '';

/** "customer_id" -> "customer", "price_cents" -> "price", "updated_at" -> "updated": a column's id (its cells' data-col). */
function columnId(name) {
  return name === 'id' ? name : name.replace(/_(id|cents|at)$/, '');
}

/**
 * A record's name in its page's own rows, buttons and toasts: its display field, or "#12" for a
 * collection known by its numbers (the noun is said beside it: "Order #12 confirmed").
 */
export function recordLabel(name, record) {
  const display = collection(name)?.display;
  return display && !isEmpty(record[display]) ? String(record[display]) : `#${record.id}`;
}

/**
 * The cell text for record `id` of collection `name` that a reference points to: its name from
 * `lookups` (the records on screen, fetched by id), "…" while they are looked up, "#id" for a
 * record that is gone or the role may not read, or for a collection known by its numbers.
 */
export function referenceText(name, id, lookups) {
  if (isEmpty(id)) return DASH;
  if (!collection(name)?.display) return `#${id}`;
  const names = lookups[name];
  const record = names?.get(id);
  if (record) return recordName(name, record);
  return !names || names.loading ? '…' : `#${id}`;
}

/** How a picker of `name` lists a record: its name, then its email when it has one (two customers may share a name). */
export function pickerLabel(name) {
  const emails = fieldsOf(name).filter((f) => f.kind === 'email').map((f) => f.name);
  return (record) => [recordName(name, record), ...emails.map((field) => record[field])].filter((part) => !isEmpty(part)).join(' · ');
}

// How each kind of field reads in a cell: its class and its text (or element) for a present value.
const CELLS = {
  id: { className: 'mono', show: (id) => `#${id}` },
  money: { className: 'num', show: formatMoney },
  integer: { className: 'num', show: formatNumber },
  number: { className: 'num', show: formatNumber },
  date: { className: 'nowrap', show: formatPlain },
  month: { className: 'nowrap', show: formatPlain },
  phone: { className: 'nowrap', show: formatPlain },
  long_text: { className: 'col-wide', show: formatPlain },
  timestamp: { className: 'col-date' },
  references: { className: 'col-wide', show: (ids) => (ids.length ? ids.map((id) => `#${id}`).join(', ') : DASH) },
  lines: { className: 'num', show: (lines) => formatNumber(lines.reduce((n, line) => n + (line.quantity || 0), 0)) },
};

function column(entry, field, valueLabel = humanize) {
  const cell = CELLS[field.kind] || { show: formatPlain };
  const sortable = field.sortable && field.kind !== 'reference' && field.kind !== 'references';
  // A reference to a collection known by its numbers reads "#12", set as numbers are.
  const numbered = field.kind === 'reference' && !collection(field.references)?.display;
  return {
    id: columnId(field.name),
    name: field.name,
    label: field.kind === 'id' ? capitalize(entry.label) : field.label,
    className: numbered ? 'mono' : cell.className,
    // A reference's column shows a name, not the id a sort would order by.
    sort: sortable ? field.name : false,
    hidden: QUIET_COLUMNS.has(field.name) || (field.kind === 'id' && Boolean(entry.display)),
    render(record, lookups) {
      const value = record[field.name];
      switch (field.kind) {
        case 'boolean': return yesNo(value);
        case 'timestamp': return dateTime(value);
        case 'enum': return badge(value, field.name, isEmpty(value) ? undefined : valueLabel(value));
        case 'reference': return referenceText(field.references, value, lookups);
        default: return isEmpty(value) ? DASH : cell.show(value);
      }
    },
  };
}

/** A column per field, in the catalogue's order; the quiet ones (`version`, timestamps, a named record's number) hidden. */
export function deriveColumns(name, valueLabels = {}) {
  const entry = collection(name);
  return fieldsOf(name).map((field) => column(entry, field, valueLabels[field.name]));
}

function choice(values, valueLabel = humanize) {
  return values.map((value) => ({ value, label: valueLabel(value) }));
}

const yesOrNo = (label) => [{ value: 'true', label }, { value: 'false', label: `Not ${label.toLowerCase()}` }];

/** The filter for a field the server filters by equality (`?name=value`). */
function equalityFilter(field, valueLabel) {
  const base = { name: field.name, label: field.label };
  switch (field.kind) {
    case 'enum':
      return { ...base, type: 'select', anyLabel: `All ${plural(field.label.toLowerCase())}`, options: choice(field.values || [], valueLabel) };
    case 'boolean':
      return { ...base, type: 'select', anyLabel: 'Any', options: yesOrNo(field.label) };
    case 'reference': {
      const target = collection(field.references);
      return {
        ...base, type: 'picker', collection: field.references, optionLabel: pickerLabel(field.references),
        noun: target?.label || 'record', placeholder: `All ${(target?.plural_label || 'records').toLowerCase()}`,
      };
    }
    case 'integer':
    case 'id':
      return { ...base, type: 'number' };
    case 'date':
    case 'month':
      return { ...base, type: field.kind };
    default:
      return { ...base, type: 'text' };
  }
}

/** A collection's own filters that are no one field (`overdue`, low stock): booleans and choices. */
function specialFilter(filter, valueLabel) {
  const base = { name: filter.name, label: filter.label };
  if (filter.kind === 'boolean') return { ...base, type: 'select', anyLabel: 'Any', options: yesOrNo(filter.label) };
  if (filter.values) return { ...base, type: 'select', anyLabel: 'Any', options: choice(filter.values, valueLabel) };
  return { ...base, type: filter.kind === 'date' ? 'date' : 'text' };
}

/** "Number, name, email or phone": what the search box searches (an acronym such as SKU kept). */
function searchHint(entry, fields) {
  const word = (label) => (label === label.toUpperCase() ? label : label.toLowerCase());
  const words = [...(entry.display ? [] : ['number']), ...fields.map((f) => word(f.label))];
  const text = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0] || '';
  return capitalize(text);
}

/**
 * The filters a list offers: a search box over the searchable fields, a control per field the
 * server filters (`eq`: a select, a picker or an input; `range`: from / to dates) and the
 * collection's special filters. Each filter's name is its query parameter.
 */
export function deriveFilters(name, valueLabels = {}) {
  const entry = collection(name);
  const fields = fieldsOf(name);
  const searchable = fields.filter((f) => f.searchable);
  const filters = [];
  if (searchable.length) filters.push({ name: 'q', label: 'Search', type: 'search', placeholder: searchHint(entry, searchable) });
  for (const field of fields) {
    if (field.filter === 'eq') filters.push(equalityFilter(field, valueLabels[field.name]));
    if (field.filter === 'range') {
      filters.push({ name: 'from', label: `${field.label} from`, type: 'date' });
      filters.push({ name: 'to', label: `${field.label} to`, type: 'date' });
    }
  }
  for (const filter of entry.filters || []) if (filter.name !== 'ids') filters.push(specialFilter(filter, valueLabels[filter.name]));
  return filters;
}

// The form widget (fields.js `type`) each kind of field is typed into.
const INPUTS = {
  text: 'text', email: 'email', phone: 'tel', money: 'money', integer: 'number', number: 'decimal',
  boolean: 'checkbox', date: 'date', month: 'month', long_text: 'textarea', enum: 'select', reference: 'picker', references: 'idlist',
};

function formField(field, valueLabel) {
  const target = field.references ? collection(field.references) : null;
  const spec = {
    name: field.name,
    label: field.label,
    kind: field.kind,
    type: INPUTS[field.kind] || 'text',
    required: field.required,
    nullable: field.nullable,
    createOnly: field.writable === 'create',
    // A list default (a batch's orders) is copied for each form.
    default: typeof field.default === 'object' && field.default !== null ? () => structuredClone(field.default) : field.default,
    maxLength: field.max_length ?? undefined,
    min: field.minimum ?? undefined,
    max: field.maximum ?? undefined,
    wide: field.kind === 'long_text' || field.kind === 'references' || field.kind === 'lines',
  };
  if (field.kind === 'enum') spec.options = choice(field.values || [], valueLabel);
  if (target) Object.assign(spec, { collection: field.references, noun: target.label, optionLabel: pickerLabel(field.references) });
  if (field.kind === 'references') Object.assign(spec, { widget: recordListField, chipLabel: spec.optionLabel });
  return spec;
}

/** The form fields: every field a create or an update may set, in the catalogue's order. */
export function deriveFormFields(name, valueLabels = {}) {
  return fieldsOf(name).filter((f) => f.writable !== 'never' && f.kind !== 'id').map((f) => formField(f, valueLabels[f.name]));
}

/**
 * `derived` (columns, filters or form fields, each keyed by its `name`) with a page's overrides:
 * `hide` leaves some out, `show` brings back hidden ones, `set` changes some ({ name: { label,
 * render, … } }), `add` puts in items that are no field ({ after | before: name, … }). An
 * override naming nothing derived is reported: the catalogue changed under the page.
 */
export function applyOverrides(derived, { hide = [], show = [], set = {}, add = [] } = {}, what = 'list') {
  const known = new Set(derived.map((item) => item.name));
  for (const name of [...hide, ...show, ...Object.keys(set)]) {
    if (!known.has(name)) console.error(`the ${what} has no field "${name}" to override`);
  }
  const list = derived
    .filter((item) => !hide.includes(item.name) && (!item.hidden || show.includes(item.name)))
    .map((item) => ({ ...item, ...set[item.name], hidden: false }));
  for (const extra of add) {
    const anchor = list.findIndex((item) => item.name === (extra.after ?? extra.before));
    const at = anchor < 0 ? list.length : extra.after ? anchor + 1 : anchor;
    list.splice(at, 0, extra);
  }
  return list;
}

/** The collections the rows' references name, with how to read the ids from a row: { customers: (row) => [ids] }. */
function deriveLookups(name) {
  const lookups = {};
  for (const field of fieldsOf(name)) {
    if (field.kind !== 'reference' || !collection(field.references)?.display) continue;
    const before = lookups[field.references];
    lookups[field.references] = (row) => [...(before ? before(row) : []), row[field.name]];
  }
  return lookups;
}

/**
 * A page's full configuration: its own settings (title, actions, panels…) with the columns,
 * filters, form fields, lookups and record label derived from the catalogue, under its
 * overrides (`columns`, `filters`, `form`; `valueLabels` names an enum's values in all three:
 * { segment: (value) => "VIP" }). A `lines` field has no generic input: its page
 * gives the widget, or the form leaves it out.
 */
export function derivePage(page) {
  const name = page.collection;
  const where = (list) => `${list} of ${name}`;
  const labels = page.valueLabels;
  return {
    ...page,
    recordLabel: page.recordLabel || ((record) => recordLabel(name, record)),
    columns: applyOverrides(deriveColumns(name, labels), page.columns, where('table')),
    filters: applyOverrides(deriveFilters(name, labels), page.filters, where('filters')),
    fields: applyOverrides(deriveFormFields(name, labels), page.form, where('form')).filter((f) => f.kind !== 'lines' || f.widget),
    lookups: deriveLookups(name),
  };
}
