// Create and edit forms for any collection: POST for a new record, PATCH with only the changed
// fields and If-Match for an existing one. A 412 or a realtime change to the record while the
// form is open is shown to the user with the other person's version.

import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { cache, observe, recordQuery, toaster } from './context.js';
import { entity, invalidationKeys } from './entities.js';
import { sameValue } from './fields.js';
import { formDialog } from './dialogs.js';

function fieldsFor(cfg, mode) {
  return cfg.fields.filter((f) => (mode === 'create' ? !f.editOnly : !f.createOnly));
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
  const fields = fieldsFor(cfg, mode);
  let base = record;
  let stopWatching = null;

  const ui = formDialog({
    title: record ? `Edit ${noun} ${cfg.recordLabel(record)}` : `New ${noun}`,
    fields,
    values: initialValues(fields, record),
    submitLabel: record ? 'Save changes' : `Create ${noun}`,
    testid: `${cfg.collection}-form`,
    onClose: () => stopWatching?.(),
    onSubmit: async (values, form) => {
      if (!base) {
        const { data } = await api.create(cfg.collection, createBody(values));
        invalidateRecord(cfg.collection, data?.id);
        toaster.success(`${capitalize(noun)} created`, data ? cfg.recordLabel(data) : '');
        return true;
      }
      const changes = changesBody(fields, values, base);
      if (Object.keys(changes).length === 0) return true;
      try {
        const { data } = await api.update(cfg.collection, base.id, changes, base.version);
        invalidateRecord(cfg.collection, base.id);
        toaster.success(`${capitalize(noun)} saved`, data ? cfg.recordLabel(data) : '');
        return true;
      } catch (error) {
        if (!(error instanceof ApiError) || !error.isStale) throw error;
        // Someone saved first: load their version with this user's edits on top, to review.
        const { data } = await api.get(cfg.collection, base.id);
        base = data;
        form.write({ ...initialValues(fields, data), ...changes });
        form.notice(null);
        form.banner(`Someone else saved this ${noun} while you were editing. Their version is loaded with your changes on top: review it and save again.`);
        invalidateRecord(cfg.collection, base.id);
        return false;
      }
    },
  });

  if (record) {
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
        h('span', null, `This ${noun} was just changed by someone else.`), load));
    });
  }
  return ui;
}

export function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
