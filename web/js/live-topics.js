// What the app's socket holds: each collection the role reads, by name, except the collection of
// the list page on screen when its filter is one the server can evaluate (equality fields and the
// collection's special filters): then `<collection>?<filter>`, so changes to records the page
// does not show never reach this tab. Leaving the filter takes the whole collection back with
// `since` (the server replays what came meanwhile) and marks what the cache holds of it stale,
// since changes to records outside the filter were not heard while it was held.

import { collection, fieldsOf } from './catalog.js';
import { cache } from './context.js';
import { entity } from './entities.js';

const DIGITS = /^\d+$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const BOOLEANS = ['true', 'false'];

// The frames a server answers with when it cannot hold a filtered topic.
const REFUSALS = new Set(['unknown_topic', 'bad_filter']);

/**
 * How a filter's value is spelled in a topic (trimmed, text lowercased as the server compares
 * it), or null when the server would refuse it: the catalogue says which values each allows.
 */
function topicValue(filter, value) {
  const text = String(value).trim();
  if (!text) return null;
  switch (filter.kind) {
    case 'enum': return (filter.values || []).includes(text) ? text : null;
    case 'boolean': return BOOLEANS.includes(text) ? text : null;
    case 'reference':
    case 'id':
    case 'integer': {
      // A record's id, as the server spells it back ("07" is 7).
      const number = DIGITS.test(text) ? Number(text) : 0;
      return number > 0 && Number.isSafeInteger(number) ? String(number) : null;
    }
    case 'month': return MONTH.test(text) ? text : null;
    case 'date': return DATE.test(text) ? text : null;
    case 'text':
    case 'long_text':
    case 'email': return text.toLowerCase();
    default: return null;
  }
}

/** The filters of `name` a topic may carry, by name: its `eq` fields and its special filters. */
function subscribableFilters(name) {
  const filters = new Map();
  for (const field of fieldsOf(name)) if (field.filter === 'eq') filters.set(field.name, field);
  for (const filter of collection(name)?.filters || []) {
    if (filter.name === 'ids') continue;
    // A special filter with listed values is a choice among them, like an enum field.
    filters.set(filter.name, filter.values ? { ...filter, kind: 'enum' } : filter);
  }
  return filters;
}

/**
 * The topic for the records of `name` that `filters` ({ status: "pending" }, as a list page
 * reads them from its URL) select, spelled as the server acknowledges it (fields sorted, values
 * form-urlencoded): `orders?customer_id=3&status=pending`. Null when there is no filter or one
 * of them cannot be subscribed to (a search, a date range, a value the server would refuse).
 */
export function filterTopic(name, filters) {
  const allowed = subscribableFilters(name);
  const pairs = [];
  for (const [field, value] of Object.entries(filters)) {
    const filter = allowed.get(field);
    const spelled = filter ? topicValue(filter, value) : null;
    if (spelled === null) return null;
    pairs.push([field, spelled]);
  }
  if (!pairs.length) return null;
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${name}?${new URLSearchParams(pairs)}`;
}

export class LiveTopics {
  /**
   * `realtime`: the app's client, created holding `topics` (the role's collections, by name).
   * Narrowing waits for its first `subscribed`, so a server that refuses a filtered topic
   * refuses it alone, not the whole first subscribe.
   */
  constructor(realtime, topics) {
    this.realtime = realtime;
    this.topics = topics;
    this.list = null; // { collection, topic, onLeft } of the list page on screen
    this.held = null; // { collection, topic } narrowed now
    this.ready = false;
    this.refused = new Set(); // filtered topics the server refused
    this.unsupported = false; // the server knows no filtered topics at all
    this.awaiting = null; // the filtered topic subscribed and not yet acknowledged
    realtime.on('subscribed', (frame) => {
      if (this.awaiting && frame.topics?.includes(this.awaiting)) this.awaiting = null;
      if (this.ready) return;
      this.ready = true;
      this.apply();
    });
    realtime.on('error', (frame) => this.refusedBy(frame));
    realtime.on('event', (event) => this.onEvent(event));
  }

  /**
   * The list page of `name` shows the records `filters` select; `onLeft(ids, seq)` is told when
   * records leave them. Holds the filtered topic when it can, else the whole collection.
   */
  showList(name, filters, onLeft) {
    const topic = this.unsupported || !this.topics.includes(name) ? null : filterTopic(name, filters);
    this.list = { collection: name, topic: topic && !this.refused.has(topic) ? topic : null, onLeft };
    this.apply();
  }

  /** The list page of `name` is gone: hold its whole collection again. */
  leaveList(name) {
    if (this.list?.collection !== name) return;
    this.list = null;
    this.apply();
  }

  /** The topics held with `narrowed` ({ collection, topic } or null) in force. */
  holding(narrowed) {
    return this.topics.map((name) => (name === narrowed?.collection ? narrowed.topic : name));
  }

  /** Subscribe what the page needs now, then let go of what it no longer does. */
  apply() {
    if (!this.ready) return;
    const want = this.list?.topic ? { collection: this.list.collection, topic: this.list.topic } : null;
    const had = this.held;
    if (had?.topic === want?.topic) return;
    this.held = want;
    this.awaiting = want?.topic ?? null;
    const before = this.holding(had);
    const after = this.holding(want);
    this.realtime.subscribe(after.filter((topic) => !before.includes(topic)), { since: this.realtime.lastSeq });
    this.realtime.unsubscribe(before.filter((topic) => !after.includes(topic)));
    // Changes to the records outside the filter were not heard: what is cached of them may be
    // behind (the replay covers only what came after the last event applied).
    if (had) for (const key of collectionKeys(had.collection)) cache.invalidate(key);
  }

  /** An error frame answering the filtered subscribe: hold the whole collection instead. */
  refusedBy(frame) {
    const topic = this.awaiting;
    if (!topic || !REFUSALS.has(frame.code)) return;
    this.awaiting = null;
    if (frame.code === 'unknown_topic') this.unsupported = true;
    this.refused.add(topic);
    if (this.list?.topic === topic) this.list = { ...this.list, topic: null };
    this.apply();
  }

  onEvent(event) {
    const topic = this.held?.topic;
    const ids = topic && event.left?.[topic];
    if (Array.isArray(ids) && ids.length && this.list?.topic === topic) this.list.onLeft?.(ids, event.seq);
  }
}

/** The cache keys any change to `name` may make stale: its lists, its records, the views it feeds. */
function collectionKeys(name) {
  const meta = entity(name);
  return meta ? [[name], [meta.key], ...meta.related] : [[name]];
}
