// A form field holding a list of records of another collection (a transit batch's orders): a
// picker searches the server as the user types, each pick is added as a chip with a Remove button.

import { recordsByIds } from './context.js';
import { h, uid } from './dom.js';
import { recordPicker } from './picker.js';

/**
 * The field widget for spec: { name, label, collection, noun, optionLabel(record), chipLabel(record),
 * prepare(records) -> promise (to look up what the labels name), hint }. Its value is the ids in
 * the order they were picked; a record already in the list is offered but cannot be picked again.
 */
export function recordListField(spec) {
  let ids = [];
  const known = new Map(); // id -> record, for the chips' labels
  const inputId = uid(`f-${spec.name}`);
  const chips = h('ul', { class: 'chips', 'aria-label': `Chosen ${spec.noun}s`, 'data-testid': `${spec.name}-chips` });
  const empty = h('p', { class: 'chips-empty' }, `No ${spec.noun}s yet.`);
  const error = h('p', { class: 'field-error', id: `${inputId}-error`, hidden: true });
  const hintId = spec.hint ? `${inputId}-hint` : null;

  const picker = recordPicker({
    collection: spec.collection,
    id: inputId,
    noun: spec.noun,
    placeholder: `Search ${spec.noun}s to add…`,
    prepare: spec.prepare,
    label: (record) => `${spec.optionLabel(record)}${ids.includes(record.id) ? ' (added)' : ''}`,
    retired: (record) => ids.includes(record.id),
    onChange: (id, record) => {
      if (id === null) return;
      if (record) known.set(id, record);
      if (!ids.includes(id)) ids = [...ids, id];
      picker.setValue(null); // the field stays ready for the next pick
      render();
    },
  });
  picker.input.setAttribute('aria-describedby', [hintId, error.id].filter(Boolean).join(' '));

  function render() {
    chips.replaceChildren(...ids.map((id) => {
      const record = known.get(id);
      const text = record ? spec.chipLabel(record) : `#${id}`;
      const remove = h('button', {
        type: 'button', class: 'chip-remove', 'aria-label': `Remove ${text}`, 'data-action': 'remove-chip',
      }, '×');
      remove.addEventListener('click', () => {
        const at = ids.indexOf(id);
        ids = ids.filter((other) => other !== id);
        render();
        // Focus the next chip's button, else the search field, so the keyboard stays in the list.
        (chips.querySelectorAll('.chip-remove')[at] || chips.querySelectorAll('.chip-remove')[at - 1] || picker.input).focus();
      });
      return h('li', { class: 'chip', 'data-id': String(id) }, h('span', { class: 'chip-text' }, text), remove);
    }));
    empty.hidden = ids.length > 0;
  }

  /** Names for chips of records loaded with the form (an existing batch's orders). */
  async function lookUp(wanted) {
    const missing = wanted.filter((id) => !known.has(id));
    if (!missing.length) return;
    const found = await recordsByIds(spec.collection, missing);
    await spec.prepare?.([...found.values()]);
    for (const [id, record] of found) known.set(id, record);
    render();
  }

  const el = h('div', { class: ['field', 'field-records', 'field-wide'], 'data-field': spec.name },
    h('label', { for: inputId, class: 'field-label' }, spec.label),
    picker.el,
    hintId ? h('p', { class: 'field-hint', id: hintId }, spec.hint) : null,
    chips, empty, error);

  return {
    name: spec.name,
    el,
    input: picker.input,
    read: () => (picker.pending()
      ? { error: `Choose ${spec.noun}s from the list, or clear the search.` }
      : { value: [...ids] }),
    write: (value) => {
      ids = Array.isArray(value) ? [...value] : [];
      render();
      lookUp(ids).catch(() => {});
    },
    setError: (message) => {
      error.textContent = message || '';
      error.hidden = !message;
      if (message) picker.input.setAttribute('aria-invalid', 'true');
      else picker.input.removeAttribute('aria-invalid');
    },
    focus: () => picker.focus(),
  };
}
