// The filter bar above a list: one control per filter its page offers (collection-spec.js derives
// them from the catalogue's fields), each read and written as the string the URL keeps. A picker
// or a select applies at once; typing applies after a pause.

import { h } from './dom.js';
import { recordPicker } from './picker.js';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * The bar for `filters` ({ name, label, type: search | text | number | date | month | select |
 * picker, placeholder, options, anyLabel, loadOptions, collection, optionLabel, noun }) of
 * `collection`, called `what` in its accessible name; `onApply()` runs when the user changes one.
 * Returns { el, read(), show(values), clear(), stop() }.
 */
export function filterBar({ collection, filters, what, onApply }) {
  const controls = new Map(); // name -> { read, write, element }
  let shown = {}; // what the URL says, for choices that arrive later
  let timer = null;
  const apply = () => {
    clearTimeout(timer);
    onApply();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(apply, SEARCH_DEBOUNCE_MS);
  };

  const pickerControl = (filter, id) => {
    const picker = recordPicker({
      collection: filter.collection, label: filter.optionLabel, id, noun: filter.noun,
      placeholder: filter.placeholder || `Any ${filter.noun}`,
      onChange: apply,
    });
    picker.input.name = filter.name;
    controls.set(filter.name, {
      read: () => (picker.value() === null ? '' : String(picker.value())),
      write: (value) => { if (String(picker.value() ?? '') !== value) picker.setValue(value === '' ? null : Number(value)); },
      element: picker.input,
    });
    return picker.el;
  };

  const selectControl = (filter, id) => {
    const option = (o) => (typeof o === 'string' ? h('option', { value: o }, o) : h('option', { value: String(o.value) }, o.label));
    const select = h('select', { id, name: filter.name }, h('option', { value: '' }, filter.anyLabel || 'All'), (filter.options || []).map(option));
    select.addEventListener('change', apply);
    filter.loadOptions?.().then((options) => {
      const current = select.value;
      select.append(...options.map(option));
      select.value = shown[filter.name] ?? current;
    }, () => {});
    return select;
  };

  const inputControl = (filter, id) => {
    const input = h('input', {
      id, name: filter.name, type: filter.type || 'text', placeholder: filter.placeholder, autocomplete: 'off',
    });
    input.addEventListener('input', schedule);
    input.addEventListener('change', apply);
    return input;
  };

  const field = (filter) => {
    const id = `filter-${collection}-${filter.name}`;
    const picked = filter.type === 'picker';
    const control = picked ? pickerControl(filter, id) : filter.type === 'select' ? selectControl(filter, id) : inputControl(filter, id);
    if (!picked) {
      controls.set(filter.name, {
        read: () => control.value.trim(),
        write: (value) => { control.value = value; },
        element: control,
      });
    }
    return h('div', { class: ['filter', picked ? 'filter-picker' : null] }, h('label', { for: id, class: 'filter-label' }, filter.label), control);
  };

  const clear = () => {
    for (const control of controls.values()) control.write('');
    apply();
  };
  const el = h('form', { class: 'filters', role: 'search', 'aria-label': `Filter ${what}` },
    filters.map(field),
    h('button', { type: 'button', class: 'button button-ghost', 'data-action': 'clear-filters', onClick: clear }, 'Clear filters'));
  el.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });

  return {
    el,
    /** The filters set, by name; empty ones are left out. */
    read() {
      const values = {};
      for (const [name, control] of controls) {
        const value = control.read();
        if (value) values[name] = value;
      }
      return values;
    },
    /** Shows `values` (the URL's), leaving alone the control the user is typing in. */
    show(values) {
      shown = values;
      for (const [name, control] of controls) {
        const value = values[name] ?? '';
        if (control.read() !== value && document.activeElement !== control.element) control.write(value);
      }
    },
    clear,
    stop: () => clearTimeout(timer),
  };
}
