// The record picker: a search-as-you-type combobox over a whole collection, however large. What
// is typed is the list route's `q` filter (and a number also looks the record up by id, `?ids=`);
// the matches come a page at a time, and the last option ("Show more…") fetches the next page,
// so every record can be reached by scrolling as well as by typing. The current choice is shown
// by name, looked up by its id. Keyboard: arrows move (Down past the last match shows more),
// Enter picks, Escape closes (ARIA 1.2 combobox with a listbox popup).

import { api } from './api.js';
import { h, uid } from './dom.js';
import { recordsByIds } from './context.js';

const SEARCH_DEBOUNCE_MS = 200;
/** How many matches a search fetches at a time; "Show more…" fetches as many again. */
export const PICKER_RESULTS = 20;

/**
 * A picker for `collection`. Options: label(record) -> text, retired(record) -> true when it
 * is shown but cannot be picked ("(inactive)"), placeholder, id (the input's), describedBy,
 * onChange(id, record, previous) after a pick or a clear (the picked and the previously picked
 * record, each null when none or not yet looked up), noun ("customer") for its messages,
 * prepare(records) -> promise, awaited before records are labelled (to look up names the label
 * shows, such as an order's customer).
 * Returns { el, input, value(), setValue(id), pending(), focus() }.
 */
export function recordPicker({
  collection, label, retired = () => false, placeholder, id, noun = 'record', onChange, prepare = async () => {},
}) {
  const input = h('input', {
    id: id || uid(`picker-${collection}`),
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    placeholder: placeholder || `Search ${noun}s…`,
    'data-picker': collection,
  });
  const listbox = h('ul', { class: 'picker-list', id: uid('picker-list'), role: 'listbox', 'aria-label': `Matching ${noun}s`, hidden: true });
  const status = h('p', { class: 'picker-status', 'aria-live': 'polite', hidden: true });
  input.setAttribute('aria-controls', listbox.id);
  const el = h('div', { class: 'picker' }, input, listbox, status);

  let selected = null; // { id, text, record }
  let options = []; // [{ record, li, off }], and last { more: true, li } while more match
  let listing = null; // { q, records, fetched, total }: what the open list shows of the matches
  let active = -1;
  let timer = null;
  let searchNo = 0;

  const setActive = (index) => {
    options.forEach((o, i) => o.li.setAttribute('aria-selected', String(i === index)));
    active = index;
    const option = options[index];
    if (option) {
      input.setAttribute('aria-activedescendant', option.li.id);
      option.li.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const close = () => {
    clearTimeout(timer);
    searchNo += 1; // a search still under way shows nothing
    listbox.hidden = true;
    status.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };

  const show = (message) => {
    status.textContent = message || '';
    status.hidden = !message;
  };

  const choose = (record) => {
    const previous = selected?.record ?? null;
    selected = { id: record.id, text: label(record), record };
    input.value = selected.text;
    close();
    onChange?.(selected.id, record, previous);
  };

  const moreOption = (shown, total) => {
    const li = h('li', {
      class: 'picker-option picker-more', id: uid('picker-option'), role: 'option', 'aria-selected': 'false', 'data-action': 'more',
    }, `Show more… (${shown} of ${total} shown)`);
    li.addEventListener('mousedown', (event) => event.preventDefault());
    li.addEventListener('click', () => showMore());
    return { more: true, li };
  };

  const render = (records, total, activeAt = null) => {
    options = records.map((record) => {
      const off = retired(record);
      const li = h('li', {
        class: 'picker-option', id: uid('picker-option'), role: 'option', 'aria-selected': 'false',
        'aria-disabled': off ? 'true' : null, 'data-id': String(record.id),
      }, label(record));
      li.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the input
      li.addEventListener('click', () => { if (!off) choose(record); });
      return { record, li, off };
    });
    if (total > records.length) options.push(moreOption(records.length, total));
    listbox.replaceChildren(...options.map((o) => o.li));
    listbox.hidden = options.length === 0;
    input.setAttribute('aria-expanded', String(options.length > 0));
    setActive(activeAt ?? options.findIndex((o) => !o.off && !o.more));
    if (!options.length) show(`No ${noun}s match.`);
    else if (total > records.length) show(`Showing ${records.length} of ${total}: type to narrow, or show more.`);
    else show(null);
  };

  /** The next page of the current matches, added under those shown. */
  const showMore = async () => {
    if (!listing || listing.fetched >= listing.total) return;
    const mine = ++searchNo;
    const from = listing;
    const at = options.findIndex((o) => o.more);
    show('Loading more…');
    try {
      const found = (await api.list(collection, { q: from.q || undefined, limit: PICKER_RESULTS, offset: from.fetched })).data;
      const items = found?.items || [];
      const known = new Set(from.records.map((r) => r.id));
      const added = items.filter((r) => !known.has(r.id));
      await prepare(added);
      if (mine !== searchNo) return;
      listing = { ...from, records: [...from.records, ...added], fetched: from.fetched + items.length, total: found?.total ?? from.total };
      // Past the end (the list shrank meanwhile) there is nothing more to fetch.
      if (!items.length) listing.total = listing.fetched;
      render(listing.records, Math.max(listing.total, listing.records.length), Math.min(at, listing.records.length - 1));
    } catch (error) {
      if (mine !== searchNo) return;
      show(error?.message || 'Loading more failed.');
    }
  };

  const search = async () => {
    const text = input.value.trim();
    // The chosen record's own name lists the newest records, as an empty field does.
    const q = selected && text === selected.text ? '' : text;
    const mine = ++searchNo;
    show('Searching…');
    try {
      const number = /^#?(\d{1,15})$/.exec(q);
      const [found, byId] = await Promise.all([
        api.list(collection, { q: q || undefined, limit: PICKER_RESULTS }).then((r) => r.data),
        number ? recordsByIds(collection, [Number(number[1])]) : Promise.resolve(new Map()),
      ]);
      if (mine !== searchNo) return;
      const items = found?.items || [];
      const records = [...byId.values(), ...items.filter((r) => !byId.has(r.id))];
      await prepare(records);
      if (mine !== searchNo) return;
      listing = { q, records, fetched: items.length, total: found?.total ?? items.length };
      render(records, Math.max(listing.total, records.length));
    } catch (error) {
      if (mine !== searchNo) return;
      listbox.hidden = true;
      show(error?.message || 'Search failed.');
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(search, SEARCH_DEBOUNCE_MS);
  };

  input.addEventListener('input', () => {
    if (input.value.trim() === '' && selected) {
      const previous = selected.record ?? null;
      selected = null;
      onChange?.(null, null, previous);
    }
    schedule();
  });
  // The list opens on typing, a click or Down, not on focus: a form opening on a picker shows no list.
  input.addEventListener('click', () => { if (listbox.hidden) search(); });
  input.addEventListener('blur', () => {
    close();
    // Typed text that was not picked is put back to the choice, so what is shown is what is sent.
    if (selected && input.value.trim() !== '' && input.value !== selected.text) input.value = selected.text;
  });
  input.addEventListener('keydown', (event) => {
    const open = !listbox.hidden;
    const step = (from, dir) => {
      for (let i = 1; i <= options.length; i += 1) {
        const at = (from + dir * i + options.length * 2) % options.length;
        if (!options[at].off) return at;
      }
      return -1;
    };
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) { search(); return; }
      if (event.key === 'ArrowDown' && options[active]?.more) { showMore(); return; }
      setActive(step(active, event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      if (open && options[active]?.more) {
        event.preventDefault();
        showMore();
      } else if (open && options[active] && !options[active].off) {
        event.preventDefault();
        choose(options[active].record);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        event.stopPropagation(); // close the list, not the dialog around it
        close();
      }
    }
  });

  const setValue = (id) => {
    searchNo += 1;
    if (id === null || id === undefined || id === '') {
      selected = null;
      input.value = '';
      return;
    }
    const wanted = Number(id);
    selected = { id: wanted, text: `#${wanted}` };
    input.value = selected.text;
    recordsByIds(collection, [wanted]).then(async (found) => {
      const record = found.get(wanted);
      if (record) await prepare([record]);
      if (!record || selected?.id !== wanted) return;
      const wasShown = input.value === selected.text;
      selected.record = record;
      selected.text = label(record);
      if (wasShown) input.value = selected.text;
    }).catch(() => {}); // the id stays shown as "#N" when it cannot be looked up
  };

  return {
    el,
    input,
    /** The picked id, or null. */
    value: () => selected?.id ?? null,
    setValue,
    /** Whether something was typed but not picked. */
    pending: () => input.value.trim() !== '' && (!selected || input.value !== selected.text),
    focus: () => input.focus(),
  };
}
