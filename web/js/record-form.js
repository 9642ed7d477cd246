// Create and edit forms for any collection: POST for a new record, PATCH with only the changed
// fields and If-Match for an existing one. A 412 or a realtime change to the record while the
// form is open is shown to the user with the other person's version; an edit form offers only
// the fields the server lets change in the record's state.

import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { cache, observe, recordQuery, recordsByIds, session, toaster } from './context.js';
import { entity, invalidationKeys } from './entities.js';
import { sameValue } from './fields.js';
import { formDialog } from './dialogs.js';
import { conflictAuthor, conflictDialog, currentRecord, differences, isConflict } from './conflict.js';
import { DASH, formatMoney } from './format.js';
import { historyPanel } from './history-panel.js';
import { presenceLine } from './presence.js';

function fieldsFor(cfg, mode, record) {
  if (mode === 'create') return cfg.fields;
  // A value a record must carry may be changed, not cleared: in an edit form it is required.
  return editableFields(cfg, record).map((f) => (f.nullable === false && f.type !== 'checkbox' ? { ...f, required: true } : f));
}

/** The fields an edit form of `record` offers: `editableWhen(record)` says which the server lets change in its state. */
export function editableFields(cfg, record) {
  return cfg.fields.filter((f) => !f.createOnly && (!f.editableWhen || f.editableWhen(record)));
}

/**
 * A field's value as words, to compare versions: money as money, a choice by its label, a
 * picked record by its name when `lookups` has it.
 */
export function fieldText(field, value, lookups = {}) {
  if (value === null || value === undefined || value === '') return DASH;
  switch (field.type) {
    case 'money': return formatMoney(value);
    case 'checkbox': return value ? 'Yes' : 'No';
    case 'idlist': return Array.isArray(value) && value.length ? value.map((id) => `#${id}`).join(', ') : DASH;
    case 'picker': return lookups[field.collection]?.get(value) ? field.optionLabel(lookups[field.collection].get(value)) : `#${value}`;
    case 'select': {
      const option = (field.options || []).find((o) => (typeof o === 'string' ? o : String(o.value)) === String(value));
      return option ? (typeof option === 'string' ? option : option.label) : String(value);
    }
    default:
      if (field.name === 'items' && Array.isArray(value)) {
        return value.map((item) => `${item.quantity} × ${item.description || (item.service_id ? `service #${item.service_id}` : `product #${item.product_id}`)}`).join('; ');
      }
      return String(value);
  }
}

/** The names of the records the picker fields of `records` name, for `fieldText`. */
async function pickerLookups(fields, records) {
  const lookups = {};
  for (const field of fields.filter((f) => f.type === 'picker')) {
    const ids = records.map((r) => r[field.name]).filter((id) => id !== null && id !== undefined);
    lookups[field.collection] = await recordsByIds(field.collection, ids).catch(() => new Map());
  }
  return lookups;
}

function initialValues(fields, record) {
  const values = {};
  for (const field of fields) {
    if (record) values[field.name] = field.fromRecord ? field.fromRecord(record) : record[field.name];
    else values[field.name] = typeof field.default === 'function' ? field.default() : (field.default ?? null);
  }
  return values;
}

/** Body for POST: empty optional values are left out so the server applies its defaults. */
function createBody(values) {
  const body = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined) body[name] = value;
  }
  return body;
}

/** Body for PATCH: only what differs from the record; clearing a field sends null. */
function changesBody(fields, values, record) {
  const changes = {};
  for (const field of fields) {
    const before = field.fromRecord ? field.fromRecord(record) : record[field.name];
    if (!sameValue(before, values[field.name])) changes[field.name] = values[field.name] ?? null;
  }
  return changes;
}

export function invalidateRecord(collection, id) {
  for (const key of invalidationKeys(collection, id)) cache.invalidate(key);
}

/** Open the create form (record null) or the edit form of `record` for a page config. */
export function openRecordForm(cfg, record = null) {
  const meta = entity(cfg.collection);
  const noun = meta.singular;
  const mode = record ? 'edit' : 'create';
  const fields = fieldsFor(cfg, mode, record);
  let base = record;
  let stopWatching = null;
  let history = null;
  let presence = null;

  const ui = formDialog({
    title: record ? `Edit ${noun} ${cfg.recordLabel(record)}` : `New ${noun}`,
    intro: record && fields.length < cfg.fields.filter((f) => !f.createOnly).length ? cfg.lockedIntro?.(record) : undefined,
    fields,
    values: initialValues(fields, record),
    submitLabel: record ? 'Save changes' : `Create ${noun}`,
    testid: `${cfg.collection}-form`,
    onClose: () => {
      stopWatching?.();
      history?.destroy();
      presence?.destroy();
    },
    onSubmit: async (values, form) => {
      if (!base) {
        const { data } = await api.create(cfg.collection, createBody(values));
        invalidateRecord(cfg.collection, data?.id);
        toaster.success(`${capitalize(noun)} created`, data ? cfg.recordLabel(data) : '');
        return true;
      }
      const changes = changesBody(fields, values, base);
      if (Object.keys(changes).length === 0) return true;
      for (;;) {
        try {
          const { data } = await api.update(cfg.collection, base.id, changes, base.version);
          invalidateRecord(cfg.collection, base.id);
          toaster.success(`${capitalize(noun)} saved`, data ? cfg.recordLabel(data) : '');
          return true;
        } catch (error) {
          if (!isConflict(error)) throw error;
          // Someone saved first: their values beside this user's, field by field; then theirs
          // (reload), this user's changes again on top of theirs (re-apply), or close (discard).
          const current = await currentRecord(error, async () => (await api.get(cfg.collection, base.id)).data);
          invalidateRecord(cfg.collection, base.id);
          const theirs = initialValues(fields, current);
          const lookups = await pickerLookups(fields, [theirs, values]);
          const compared = fields.map((f) => ({ label: f.label, show: (v) => fieldText(f, v[f.name], lookups) }));
          const choice = await conflictDialog({
            what: `${capitalize(noun)} ${cfg.recordLabel(base)}`, current, form: true, intent: 'your edits', ...conflictAuthor(error, current),
            rows: differences(compared, theirs, values), reapplyLabel: 'Save mine over theirs',
          });
          base = current;
          if (choice === 'discard') return true;
          if (choice === 'reload') {
            form.write(theirs);
            form.notice(null);
            form.banner(`Their version of this ${noun} is loaded; your edits were dropped.`, 'info');
            return false;
          }
          // Re-apply: the fields this user changed (from what they saw), on their version.
        }
      }
    },
  });

  if (record) {
    // Who else has it open, at the top of the form; this user is editing from the first change.
    presence = presenceLine(session.realtime, cfg.collection, record.id, noun);
    ui.dialog.querySelector('.dialog-body').prepend(presence.el);
    ui.dialog.querySelector('form').addEventListener('input', () => presence.editing(), { once: true });
    // Who changed what, under the form; it follows the record live, and names who changed it
    // under the user (its newest entry, once newer than the form).
    let shownSince = null; // the newest entry when the form opened
    const changer = h('span', { 'data-testid': 'changed-by' }, 'someone else');
    history = historyPanel(cfg, record, (newest) => {
      if (shownSince === null) shownSince = newest?.id ?? 0;
      else if (newest && newest.id > shownSince) changer.textContent = newest.by?.name || 'someone else';
    });
    ui.dialog.querySelector('.dialog-body').append(history.el);
    // Watch ["<entity>", id]: a realtime event for this record marks it changed under the user.
    const query = recordQuery(cfg.collection, meta.key, record.id);
    stopWatching = observe(query, ({ data, status, error }) => {
      if (error instanceof ApiError && error.isNotFound) {
        ui.notice(h('span', null, `This ${noun} was deleted by someone else.`));
        return;
      }
      if (status !== 'success' || !data || !base || data.version === base.version) return;
      const load = h('button', { type: 'button', class: 'button button-small' }, 'Load their version');
      load.addEventListener('click', () => {
        base = data;
        ui.write(initialValues(fields, data));
        ui.notice(null);
      });
      ui.notice(h('div', { class: 'notice-row' },
        h('span', null, `This ${noun} was just changed by `, changer, '.'), load));
    });
  }
  return ui;
}

export function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
