// Modal dialogs on the native <dialog> element (focus trap, Escape and focus return come free):
// a confirmation and a form that shows the server's 422 details next to its fields.

import { ApiError, describeError } from './api.js';
import { h, uid } from './dom.js';
import { createField } from './fields.js';

/** A modal <dialog>; removed from the page when closed. Returns { dialog, close }. */
export function modal({ title, body, footer, className, onClose, labelledBy }) {
  const titleId = labelledBy || uid('dialog-title');
  const dialog = h('dialog', { class: ['dialog', className], 'aria-labelledby': titleId },
    h('header', { class: 'dialog-header' },
      h('h2', { id: titleId, class: 'dialog-title' }, title),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', 'data-action': 'dialog-close' }, '×')),
    body,
    footer);
  const close = () => { if (dialog.open) dialog.close(); };
  dialog.querySelector('[data-action="dialog-close"]').addEventListener('click', close);
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
  });
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, close };
}

/** Ask before something destructive. Resolves true when confirmed. */
export function confirmDialog({ title, message, confirmLabel = 'Confirm', danger = false }) {
  return new Promise((resolve) => {
    let confirmed = false;
    const cancel = h('button', { type: 'button', class: 'button', 'data-testid': 'confirm-cancel' }, 'Cancel');
    const ok = h('button', {
      type: 'button', class: ['button', danger ? 'button-danger' : 'button-primary'], 'data-testid': 'confirm-ok',
    }, confirmLabel);
    const { close } = modal({
      title,
      className: 'dialog-small',
      body: h('div', { class: 'dialog-body' }, h('p', null, message)),
      footer: h('footer', { class: 'dialog-footer' }, cancel, ok),
      onClose: () => resolve(confirmed),
    });
    cancel.addEventListener('click', close);
    ok.addEventListener('click', () => { confirmed = true; close(); });
    cancel.focus();
  });
}

/**
 * A form in a dialog.
 * onSubmit(values, ui) saves; throwing an ApiError shows it (422 details next to their fields);
 * returning false keeps the dialog open. ui: { write(values), banner(text, kind), fields }.
 */
export function formDialog({ title, intro, fields: specs, values = {}, submitLabel = 'Save', onSubmit, onClose, testid }) {
  const byName = new Map();
  const fields = specs.map((spec) => createField(spec, { fields: byName }));
  for (const field of fields) byName.set(field.name, field);
  const banner = h('div', { class: 'form-banner', role: 'alert', hidden: true });
  const notice = h('div', { class: 'form-notice', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, submitLabel);
  const cancel = h('button', { type: 'button', class: 'button' }, 'Cancel');
  const form = h('form', { class: 'form', 'data-testid': testid },
    h('div', { class: 'dialog-body' },
      intro ? h('p', { class: 'form-intro' }, intro) : null,
      notice,
      banner,
      h('div', { class: 'form-grid' }, fields.map((f) => f.el))),
    h('footer', { class: 'dialog-footer' }, cancel, submit));

  const write = (next) => {
    for (const field of fields) if (Object.hasOwn(next, field.name)) field.write(next[field.name]);
  };
  const showBanner = (text, kind = 'error') => {
    banner.replaceChildren();
    banner.hidden = !text;
    banner.dataset.kind = kind;
    if (!text) return;
    if (Array.isArray(text)) banner.append(h('ul', null, text.map((t) => h('li', null, t))));
    else banner.textContent = text;
  };
  const clearErrors = () => {
    fields.forEach((f) => f.setError(null));
    showBanner(null);
  };
  const showDetails = (details) => {
    const unplaced = [];
    let first = null;
    for (const [name, message] of Object.entries(details || {})) {
      const field = byName.get(name) || byName.get(name.split(/[.[]/)[0]);
      if (field && field.setDetail) field.setDetail(name, message);
      else if (field) field.setError(String(message));
      else unplaced.push(`${name.replace(/_/g, ' ')}: ${message}`);
      first = first || field;
    }
    return { unplaced, first };
  };

  write(values);
  const { dialog, close } = modal({ title, body: form, onClose });
  const ui = {
    fields: byName,
    write,
    banner: showBanner,
    notice: (content) => {
      notice.replaceChildren();
      notice.hidden = !content;
      if (content) notice.append(content);
    },
    close,
    dialog,
  };
  cancel.addEventListener('click', close);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const out = {};
    let invalid = null;
    for (const field of fields) {
      const { value, error, shown } = field.read();
      if (error) {
        if (!shown) field.setError(error);
        invalid = invalid || field;
      } else {
        out[field.name] = value;
      }
    }
    if (invalid) {
      invalid.focus();
      return;
    }
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const result = await onSubmit(out, ui);
      if (result !== false) close();
    } catch (error) {
      if (error instanceof ApiError && error.isValidation) {
        const { unplaced, first } = showDetails(error.details);
        showBanner(unplaced.length ? [error.message, ...unplaced] : error.message);
        first?.focus();
      } else {
        showBanner(describeError(error));
      }
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  fields[0]?.focus();
  return ui;
}
