// The list page every collection shares, its columns, filters and forms derived from the
// catalogue's fields (collection-spec.js) under the page's overrides: filters, sort and paging
// kept in the URL hash, a live table
// (its query key is ["<collection>", {filters, sort, limit, offset}], so any event that invalidates
// ["<collection>"] refetches it), create/edit/delete and each page's domain actions, each shown
// only when the signed-in role's grants in the catalogue allow it.
//
// A row action ({ label, action, kind, needs, run | open, confirm, done, undo }) declares what it
// `needs` ({ action: "status" } or { operation: "update" }); `confirm` asks first (destructive or
// final steps); `done` ("confirmed") names the result in a toast, which offers Undo when
// `undo(record, result)` is given (only where the server accepts the reverse step). Every action
// and delete sends the version the user saw (If-Match): a 412 shows what changed instead.
// Every list links to its CSV (the same filters, search and sort); a page that declares `bulk`
// has row checkboxes and a bulk bar (bulk-bar.js) for the roles that may use it.

import { api, describeError, noAccessText } from './api.js';
import { h, replaceChildren } from './dom.js';
import { confirmDialog } from './dialogs.js';
import { idsQuery, listQuery, observe, toaster } from './context.js';
import { entity } from './entities.js';
import { PAGE_SIZES, renderPager, renderTotals } from './list-footer.js';
import { derivePage } from './collection-spec.js';
import { conflictAuthor, conflictDialog, currentRecord, differences, isConflict } from './conflict.js';
import { capitalize, editableFields, fieldText, invalidateRecord, openRecordForm } from './record-form.js';
import { filterBar } from './filter-bar.js';
import { nextSort, readSort, sortableFields, sortHeaders } from './sort-headers.js';
import { mayUse, mayWrite } from './roles.js';
import { actionButton, actionMenu, runAction } from './widgets.js';
import { BulkSelection, bulkOffered } from './bulk-bar.js';

export const DEFAULT_LIMIT = 50;

const isDanger = (action) => action.kind === 'danger-ghost';
// A row shows at most this many buttons; past it, the first step stays and the rest fold into
// "More", so the actions column fits a 1280 px screen.
const INLINE_ACTIONS = 2;

function readState(cfg, query, sortable) {
  const state = { limit: DEFAULT_LIMIT, offset: 0, filters: {}, sort: readSort(sortable, query.get('sort')) };
  const limit = Number(query.get('limit'));
  if (PAGE_SIZES.includes(limit)) state.limit = limit;
  const offset = Number(query.get('offset'));
  if (Number.isInteger(offset) && offset > 0) state.offset = offset;
  for (const filter of cfg.filters || []) {
    const value = query.get(filter.name);
    if (value !== null && value !== '') state.filters[filter.name] = value;
  }
  return state;
}

function stateParams(state) {
  const params = { ...state.filters, limit: state.limit, offset: state.offset };
  if (state.sort) params.sort = state.sort;
  return params;
}

/**
 * Build a page definition (what the router mounts) from a page's config: its collection, its
 * words, actions and panels, and its overrides of what the catalogue's fields give
 * (collection-spec.js `derivePage`; derived at the first mount, once the catalogue is loaded).
 */
export function resourcePage(page) {
  let cfg = null;
  return {
    title: page.title,
    mount(root, ctx) {
      cfg ||= derivePage(page);
      const view = new ResourceView(cfg, ctx);
      root.append(view.el);
      view.update(ctx.query);
      return view;
    },
  };
}

class ResourceView {
  constructor(cfg, ctx) {
    this.cfg = cfg;
    this.ctx = ctx;
    this.meta = entity(cfg.collection);
    this.sortable = sortableFields(cfg.collection);
    this.role = ctx.role ?? null;
    this.state = null;
    this.stopList = null;
    this.snapshot = null;
    this.versions = null; // id -> version of the rows shown, to highlight what changed
    this.lookups = {}; // collection -> Map id -> record, for the names of the records on screen
    this.lookupWatch = {}; // collection -> { hash, stop }
    // Records the server said left the filtered list (`left`), id -> the event's seq: hidden
    // until the list's data is at least that recent.
    this.departed = new Map();
    this.watched = {}; // name -> data of the page's other queries (cfg.watch)
    this.cleanups = [];
    // Row checkboxes and the bulk bar, for a page with a bulk action the server has (its
    // catalogue entry's `bulk`) and this role may use.
    this.bulk = bulkOffered(cfg) && this.may({ bulk: cfg.bulk.action }) ? new BulkSelection(cfg, () => this.snapshot?.data?.items || []) : null;
    this.build();
  }

  build() {
    const { cfg, meta } = this;
    const headerActions = (cfg.headerActions || []).filter((a) => this.may(a.needs)).map((a) => {
      const button = actionButton({ label: a.label, action: a.action, onClick: () => runAction(button, a.failure || `${a.label} failed`, a.run) });
      return button;
    });
    // The list as CSV, as filtered, searched and sorted now (its href follows `update`).
    this.csvLink = h('a', { class: 'button', 'data-action': 'export-csv', href: api.csvUrl(cfg.collection, {}), download: '' }, 'Export CSV');
    headerActions.unshift(this.csvLink);
    if (cfg.canCreate !== false && this.may({ operation: 'create' })) {
      headerActions.push(h('button', {
        type: 'button', class: 'button button-primary', 'data-action': 'create',
        onClick: () => openRecordForm(cfg),
      }, `New ${meta.singular}`));
    }

    this.panels = (cfg.panels || []).map((make) => make(this.ctx));
    this.cleanups.push(...this.panels.map((p) => p.destroy));

    this.filterBar = filterBar({
      collection: cfg.collection, filters: cfg.filters || [], what: meta.plural.toLowerCase(), onApply: () => this.applyFilters(),
    });

    this.tbody = h('tbody');
    this.headers = sortHeaders(cfg.columns, this.sortable, (field) => {
      const sort = nextSort(this.state?.sort, field);
      this.ctx.setQuery({ ...this.state.filters, sort, limit: this.state.limit === DEFAULT_LIMIT ? null : this.state.limit });
    });
    this.table = h('table', { class: 'table', 'data-testid': `${cfg.collection}-table` },
      h('caption', { class: 'visually-hidden' }, cfg.title),
      h('thead', null, h('tr', null,
        this.headers.cells,
        h('th', { scope: 'col', class: 'col-actions' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      this.tbody);
    this.summary = h('p', { class: 'table-summary', 'aria-live': 'polite' });
    this.refreshing = h('span', { class: 'refreshing', hidden: true }, 'Refreshing…');
    // Under the table: how many match the filters, and the money they add up to (`sums`).
    this.totals = h('p', { class: 'table-totals', 'data-testid': `${cfg.collection}-totals`, 'aria-live': 'polite' });
    this.pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
    this.tableScroll = h('div', { class: 'table-scroll', tabindex: '-1' }, this.table);

    this.el = h('section', { class: 'page', 'data-page': cfg.collection },
      h('header', { class: 'page-header' },
        h('div', null,
          h('h1', { class: 'page-title', tabindex: '-1' }, cfg.title),
          cfg.description ? h('p', { class: 'page-description' }, cfg.description) : null,
          cfg.note ? cfg.note(this.ctx) : null),
        h('div', { class: 'page-actions' }, headerActions)),
      this.panels.length ? h('div', { class: 'panels' }, this.panels.map((p) => p.el)) : null,
      h('div', { class: 'card' },
        this.filterBar.el,
        this.bulk?.el,
        h('div', { class: 'table-toolbar' }, this.bulk?.selectAllControl(), this.summary, this.refreshing),
        this.tableScroll,
        this.totals,
        this.pager));

    // Other queries the row buttons depend on (the open deliveries of orders out for delivery…).
    for (const [name, query] of Object.entries(cfg.watch || {})) {
      this.cleanups.push(observe(query(), ({ data, status }) => {
        if (status === 'loading') return;
        this.watched[name] = data ?? null;
        if (this.snapshot) this.renderRows();
      }));
    }
    this.cleanups.push(() => Object.values(this.lookupWatch).forEach((w) => w.stop()));
  }

  /**
   * The names of exactly the records the rows refer to (`cfg.lookups`: { customers: (r) => [ids] }),
   * one `?ids=` request per collection, observed so a rename shows at once.
   */
  watchLookups(items) {
    for (const [collection, idsOf] of Object.entries(this.cfg.lookups || {})) {
      const ids = [...new Set(items.flatMap(idsOf).filter((id) => id !== null && id !== undefined))];
      const query = idsQuery(collection, ids);
      const hash = query.key[1].ids;
      if (this.lookupWatch[collection]?.hash === hash) continue;
      this.lookupWatch[collection]?.stop();
      // Until the new ids are looked up, the names already known stay; the rest read "…".
      const known = new Map([...(this.lookups[collection] || new Map())].filter(([id]) => ids.includes(id)));
      known.loading = true;
      this.lookups[collection] = known;
      if (!hash) {
        this.lookupWatch[collection] = { hash, stop: () => {} };
        this.lookups[collection] = new Map();
        continue;
      }
      const stop = observe(query, ({ data, status }) => {
        if (status === 'loading') return;
        // Records the role may not read (a 403) are named by their number instead.
        this.lookups[collection] = new Map((data?.items || []).map((r) => [r.id, r]));
        if (this.snapshot) this.renderRows();
      });
      this.lookupWatch[collection] = { hash, stop };
    }
  }

  applyFilters() {
    this.ctx.setQuery({ ...this.filterBar.read(), sort: this.state.sort, limit: this.state.limit === DEFAULT_LIMIT ? null : this.state.limit });
  }

  goTo(offset, limit = this.state.limit) {
    this.ctx.setQuery({ ...this.state.filters, sort: this.state.sort, offset: offset || null, limit: limit === DEFAULT_LIMIT ? null : limit });
  }

  /** Called by the router with the hash's query (first mount, filter changes, back/forward). */
  update(query) {
    const next = readState(this.cfg, query, this.sortable);
    this.filterBar.show(next.filters);
    const changed = !this.state || JSON.stringify(stateParams(next)) !== JSON.stringify(stateParams(this.state));
    this.state = next;
    this.csvLink.href = api.csvUrl(this.cfg.collection, { ...next.filters, sort: next.sort });
    this.headers.show(next.sort);
    // Panels that follow the filters (budget vs actual by period) look again.
    for (const panel of this.panels) panel.update?.(next.filters);
    if (!changed) return;
    this.stopList?.();
    this.snapshot = null;
    this.versions = null;
    this.departed.clear();
    this.listen(next.filters);
    this.renderStatus('Loading…');
    this.stopList = observe(listQuery(this.cfg.collection, stateParams(next)), (snap) => this.onList(snap));
  }

  /**
   * Realtime events for only the records `filters` select, when the server can filter them and
   * every panel shows no more than they do (a summary of the whole collection needs every change).
   */
  listen(filters) {
    const narrow = this.panels.every((panel) => panel.covers?.(filters));
    this.ctx.live?.showList(this.cfg.collection, narrow ? filters : {}, (ids, seq) => this.dropDeparted(ids, seq));
  }

  /** Records `ids` left the filter with event `seq`: off the list now, before its refetch. */
  dropDeparted(ids, seq) {
    for (const id of ids) this.departed.set(id, Number.isFinite(seq) ? seq : Infinity);
    if (this.snapshot) this.renderRows();
  }

  /** The list's records less those that left it after its data was read. */
  shownItems() {
    const { items = [] } = this.snapshot.data;
    const dataSeq = this.snapshot.seq ?? -Infinity;
    for (const [id, seq] of this.departed) if (seq <= dataSeq) this.departed.delete(id);
    return this.departed.size ? items.filter((record) => !this.departed.has(record.id)) : items;
  }

  unmount() {
    this.ctx.live?.leaveList(this.cfg.collection);
    this.filterBar.stop();
    this.stopList?.();
    this.cleanups.forEach((fn) => fn?.());
  }

  onList(snap) {
    this.refreshing.hidden = !(snap.fetching && snap.data !== undefined);
    if (snap.data === undefined) {
      if (snap.status === 'error') this.renderError(snap.error);
      return;
    }
    const sameData = this.snapshot && this.snapshot.data === snap.data;
    this.snapshot = snap;
    if (!sameData) {
      this.watchLookups(snap.data.items || []);
      this.renderRows();
      renderPager(this.pager, { ...this.state, total: snap.data.total ?? 0, collection: this.cfg.collection }, (offset, limit) => this.goTo(offset, limit));
    }
  }

  renderStatus(text) {
    this.summary.textContent = text;
    this.totals.replaceChildren();
    replaceChildren(this.tbody, h('tr', { class: 'row-status' },
      h('td', { colspan: String(this.columnCount()), class: 'muted' }, text)));
    this.pager.replaceChildren();
  }

  renderError(error) {
    this.totals.replaceChildren();
    if (error?.isForbidden) {
      // The role may not read this collection: say so instead of offering a retry.
      this.summary.textContent = '';
      replaceChildren(this.tbody, h('tr', { class: 'row-status' },
        h('td', { colspan: String(this.columnCount()), class: 'no-access', 'data-testid': 'no-access' },
          noAccessText(this.meta.plural.toLowerCase()))));
      this.pager.replaceChildren();
      return;
    }
    this.summary.textContent = `Could not load ${this.meta.plural.toLowerCase()}.`;
    const retry = h('button', { type: 'button', class: 'button button-small', onClick: () => { this.state = null; this.update(this.ctx.query); } }, 'Try again');
    replaceChildren(this.tbody, h('tr', { class: 'row-status' },
      h('td', { colspan: String(this.columnCount()) },
        h('span', { class: 'panel-error' }, describeError(error)), ' ', retry)));
  }

  renderRows() {
    const items = this.shownItems();
    const total = (this.snapshot.data.total ?? 0) - ((this.snapshot.data.items?.length ?? 0) - items.length);
    const focus = this.rememberFocus();
    const previous = this.versions;
    this.versions = new Map(items.map((r) => [r.id, r.version]));
    if (items.length === 0) {
      const filtered = Object.keys(this.state.filters).length > 0;
      replaceChildren(this.tbody, h('tr', { class: 'row-status' },
        h('td', { colspan: String(this.columnCount()), class: 'muted' },
          filtered ? `No ${this.meta.plural.toLowerCase()} match these filters.` : `No ${this.meta.plural.toLowerCase()} yet.`)));
    } else {
      replaceChildren(this.tbody, items.map((record) => {
        const changed = previous && previous.get(record.id) !== record.version;
        const row = h('tr', { 'data-id': String(record.id), class: changed ? 'row-changed' : null },
          this.cfg.columns.map((c) => h('td', { class: c.className, 'data-col': c.id }, c.render(record, this.lookups))),
          h('td', { class: 'col-actions' }, h('div', { class: 'row-actions' }, this.rowButtons(record))));
        if (this.bulk) row.firstElementChild.prepend(this.bulk.rowBox(record, this.cfg.recordLabel(record)));
        return row;
      }));
    }
    const start = items.length ? this.state.offset + 1 : 0;
    const end = this.state.offset + items.length;
    this.summary.textContent = items.length
      ? `Showing ${start}–${end} of ${total} ${total === 1 ? this.meta.singular : this.meta.plural.toLowerCase()}`
      : `0 of ${total} ${this.meta.plural.toLowerCase()}`;
    renderTotals(this.totals, this.snapshot.data, this.meta);
    this.bulk?.sync();
    this.restoreFocus(focus);
    // The realtime toast for this change is up by now: keep the changed row out from under it.
    toaster.reveal(this.tbody.querySelector('tr.row-changed'));
  }

  /** The table's columns: the fields' and the actions'. */
  columnCount() {
    return this.cfg.columns.length + 1;
  }

  /** Whether the signed-in role may use a button that needs `needs` on this collection. */
  may(needs) {
    return mayUse(this.role, this.cfg.collection, needs);
  }

  rowButtons(record) {
    const { cfg, meta } = this;
    const label = cfg.recordLabel(record);
    const actions = this.actionsFor(record);
    // Forward steps first, then the destructive ones, so "More" holds the rarer choices.
    const ordered = [...actions.filter((a) => !isDanger(a)), ...actions.filter(isDanger)];
    const buttons = ordered.map((a) => this.actionButton(record, label, a));
    const at = buttons.findIndex((b) => b.classList.contains('button-danger-ghost'));
    const rest = at < 0 ? buttons.length : at;
    // Edit offers only the fields the server lets change in the record's state (`editableWhen`):
    // none, no button; just one, a button named for it ("Notes…", data-action "edit-notes").
    const editable = cfg.canEdit !== false && mayWrite(this.role, cfg.collection, 'update') ? editableFields(cfg, record) : [];
    if (editable.length) {
      const one = editable.length === 1 && cfg.fields.filter((f) => !f.createOnly).length > 1 ? editable[0] : null;
      const edit = actionButton({
        label: one ? `${one.label}…` : 'Edit',
        action: one ? `edit-${one.name}` : 'edit',
        onClick: () => openRecordForm(cfg, record),
      });
      edit.setAttribute('aria-label', one ? `Edit ${one.label.toLowerCase()} of ${meta.singular} ${label}` : `Edit ${meta.singular} ${label}`);
      buttons.splice(rest, 0, edit);
    }
    if (this.deletable(record)) buttons.push(this.deleteButton(record, label));
    if (buttons.length <= INLINE_ACTIONS) return buttons;
    return [buttons[0], actionMenu(buttons.slice(1), `${meta.singular} ${label}`)];
  }

  /** The row actions offered for `record` in its state, to this role. */
  actionsFor(record) {
    return (this.cfg.rowActions ? this.cfg.rowActions(record, this.lookups, this.watched) : []).filter((a) => this.may(a.needs));
  }

  /** Whether Delete is offered: the grant, and `canDelete` (a function of the record where the server refuses some states). */
  deletable(record) {
    const { cfg } = this;
    const allowed = typeof cfg.canDelete === 'function' ? cfg.canDelete(record, this.watched) : cfg.canDelete !== false;
    return allowed && mayWrite(this.role, cfg.collection, 'delete');
  }

  /** What a 412 compares: the columns as the table shows them, then the fields of the forms. */
  comparedFields() {
    const columns = this.cfg.columns.filter((c) => c.compare !== false)
      .map((c) => ({ label: c.label, show: (r) => c.render(r, this.lookups) }));
    const fields = this.cfg.fields.filter((f) => !f.widget)
      .map((f) => ({ label: f.label, show: (r) => fieldText(f, f.fromRecord ? f.fromRecord(r) : r[f.name], this.lookups) }));
    return [...columns, ...fields];
  }

  /**
   * The server refused a change to `record` with 412: fetch its current version, show it beside
   * what the user saw, and re-apply the change on it if asked (`reapplyFor(current)` answers
   * { label, run } while the change is still possible in the current state, else null). `refusal`
   * is the 412 itself: it names who changed the record, and carries it as it now is.
   */
  async resolveConflict(record, intent, reapplyFor, refusal = null) {
    const { cfg, meta } = this;
    const what = `${capitalize(meta.singular)} ${cfg.recordLabel(record)}`;
    invalidateRecord(cfg.collection, record.id);
    let current;
    try {
      current = await currentRecord(refusal, async () => (await api.get(cfg.collection, record.id)).data);
    } catch (error) {
      if (error?.isNotFound) {
        toaster.error(`${what} was deleted by someone else`, `Your change (${intent}) was not made.`);
        return;
      }
      throw error;
    }
    const reapply = reapplyFor(current);
    const choice = await conflictDialog({
      what, current, intent, reapplyLabel: reapply?.label, rows: differences(this.comparedFields(), current, record), ...conflictAuthor(refusal, current),
    });
    if (choice === 'reapply' && reapply) await reapply.run();
  }

  actionButton(record, label, a) {
    const { meta } = this;
    const button = actionButton({
      label: a.label, action: a.action, kind: a.kind, title: a.title,
      onClick: async () => {
        if (a.open) {
          // A form of its own (assign, location): a 412 from it is resolved like any action's.
          a.open(record, {
            conflict: (intent, reapplyFor, refusal) => this.resolveConflict(record, intent, reapplyFor ?? (() => null), refusal),
          });
          return;
        }
        if (a.confirm && !(await confirmDialog(a.confirm))) return;
        await this.perform(record, label, a, button);
      },
    });
    button.setAttribute('aria-label', `${a.label} ${meta.singular} ${label}`);
    return button;
  }

  /** Runs row action `a` on `record` (the version the user saw), then says what happened. */
  perform(record, label, a, button) {
    const { cfg, meta } = this;
    const name = `${capitalize(meta.singular)} ${label}`;
    return runAction(button, a.failure || `Could not ${a.label.toLowerCase()} ${meta.singular} ${label}`, async () => {
      let result;
      try {
        result = await a.run(record, button);
      } catch (error) {
        if (!isConflict(error)) throw error;
        await this.resolveConflict(record, a.label.toLowerCase(), (current) => {
          const again = this.actionsFor(current).find((next) => next.action === a.action && !next.open);
          return again ? { label: `${a.label} anyway`, run: () => this.perform(current, cfg.recordLabel(current), again, null) } : null;
        }, error);
        return;
      }
      invalidateRecord(cfg.collection, record.id);
      if (!a.done) return;
      const undo = a.undo && {
        label: 'Undo',
        onClick: () => runAction(null, `Could not undo: ${name} ${a.done}`, async () => {
          await a.undo(record, result);
          invalidateRecord(cfg.collection, record.id);
          toaster.success(`Undone: ${name} ${a.done}`);
        }),
      };
      toaster.success(`${name} ${a.done}`, '', undo);
    });
  }

  deleteButton(record, label) {
    const { cfg, meta } = this;
    const del = actionButton({
      label: 'Delete', action: 'delete', kind: 'danger-ghost',
      onClick: async () => {
        const ok = await confirmDialog({
          title: `Delete ${meta.singular}?`,
          message: `${capitalize(meta.singular)} ${label} will be deleted. This cannot be undone.`,
          confirmLabel: 'Delete',
          danger: true,
        });
        if (!ok) return;
        await this.remove(record, label, del);
      },
    });
    del.setAttribute('aria-label', `Delete ${meta.singular} ${label}`);
    return del;
  }

  /** DELETE with the version the user saw; a 412 shows what changed, and may delete theirs. */
  async remove(record, label, del) {
    const { cfg, meta } = this;
    try {
      if (del) del.disabled = true;
      await api.remove(cfg.collection, record.id, record.version);
      invalidateRecord(cfg.collection, record.id);
      toaster.success(`${capitalize(meta.singular)} deleted`, label);
    } catch (error) {
      if (isConflict(error)) {
        await this.resolveConflict(record, 'delete it', (current) => (this.deletable(current)
          ? { label: 'Delete anyway', run: () => this.remove(current, cfg.recordLabel(current), null) }
          : null), error).catch((failure) => toaster.error(`Could not delete ${meta.singular} ${label}`, describeError(failure)));
        return;
      }
      // Still in use: where the record can be deactivated instead (services, employees), the
      // refusal offers it, since that is what the person most likely wants.
      const offer = error.code === 'in_use' && record.active === true && mayWrite(this.role, cfg.collection, 'update') && {
        label: 'Deactivate',
        onClick: () => runAction(null, `Could not deactivate ${meta.singular} ${label}`, async () => {
          await api.update(cfg.collection, record.id, { active: false }, record.version);
          invalidateRecord(cfg.collection, record.id);
          toaster.success(`${capitalize(meta.singular)} deactivated`, label);
        }),
      };
      toaster.error(`Could not delete ${meta.singular} ${label}`, describeError(error), offer || null);
    } finally {
      if (del?.isConnected) del.disabled = false;
    }
  }

  rememberFocus() {
    const active = document.activeElement;
    if (!active || !this.tbody.contains(active)) return null;
    const row = active.closest('tr[data-id]');
    return row ? { id: row.dataset.id, action: active.dataset.action } : { id: null };
  }

  restoreFocus(focus) {
    if (!focus) return;
    const row = focus.id ? this.tbody.querySelector(`tr[data-id="${CSS.escape(focus.id)}"]`) : null;
    let target = row && (row.querySelector(`[data-action="${CSS.escape(focus.action || '')}"]`) || row.querySelector('button'));
    // A button folded into the (now closed) More menu cannot take focus: its toggle does.
    if (target?.closest('.row-menu')) target = row.querySelector('[data-action="more"]');
    (target || this.tableScroll).focus();
  }
}

