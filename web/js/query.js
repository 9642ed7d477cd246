// A tiny React-Query-like cache. Each query has a key (an array such as ["orders", {status: "pending"}]
// or ["order", 42]) stored under JSON of the key; pages observe the keys they show, realtime events
// invalidate keys by prefix, and only the observed (visible) queries are refetched.

const GC_AFTER_MS = 60_000;

function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out = {};
    for (const name of Object.keys(value).sort()) {
      const v = value[name];
      if (v !== undefined && v !== null && v !== '') out[name] = canonical(v);
    }
    return out;
  }
  return value;
}

/** The cache's map key for a query key: JSON with object keys sorted and empty params dropped. */
export function hashKey(key) {
  return JSON.stringify(canonical(key));
}

/** ["orders"] matches ["orders"], ["orders", {…}]; ["order", 42] matches ["order", 42] only. */
export function keyMatches(prefix, key) {
  if (prefix.length > key.length) return false;
  return prefix.every((part, i) => hashKey(part) === hashKey(key[i]));
}

class Query {
  constructor(key, fetcher) {
    this.key = canonical(key);
    this.hash = hashKey(key);
    this.fetcher = fetcher;
    this.observers = new Set();
    this.data = undefined;
    this.error = null;
    this.status = 'idle'; // idle | loading | success | error
    this.fetching = false;
    this.stale = true;
    this.dataSeq = null; // X-Switchboard-Seq the data is consistent with
    this.invalidatedSeq = null; // highest event seq that invalidated this query
    this.refetchQueued = false;
    this.gcTimer = null;
    this.updatedAt = 0;
  }

  snapshot() {
    return { data: this.data, error: this.error, status: this.status, fetching: this.fetching, seq: this.dataSeq };
  }
}

export class QueryCache {
  constructor() {
    this.queries = new Map();
    this.settleWaiters = [];
    this.settledOnce = false;
  }

  #get(key, fetcher) {
    const hash = hashKey(key);
    let query = this.queries.get(hash);
    if (!query) {
      query = new Query(key, fetcher);
      this.queries.set(hash, query);
    } else if (fetcher) {
      query.fetcher = fetcher;
    }
    return query;
  }

  /**
   * Observe a query: listener(snapshot) is called now-ish and on every change.
   * fetcher() must resolve to { data, seq }. Returns an unsubscribe function.
   */
  observe(key, fetcher, listener) {
    const query = this.#get(key, fetcher);
    clearTimeout(query.gcTimer);
    query.observers.add(listener);
    if (query.status !== 'idle') listener(query.snapshot());
    if (query.stale && !query.fetching) this.#fetch(query);
    return () => {
      query.observers.delete(listener);
      if (query.observers.size === 0) this.#scheduleGc(query);
    };
  }

  /** Fetch once (using fresh cached data when there is some), without observing. */
  async fetch(key, fetcher) {
    const query = this.#get(key, fetcher);
    if (query.observers.size === 0) this.#scheduleGc(query);
    if (!query.stale && query.status === 'success') return query.data;
    await this.#fetch(query);
    if (query.status === 'error') throw query.error;
    return query.data;
  }

  /**
   * Mark every query whose key starts with `prefix` stale; refetch the observed ones now,
   * the others when next observed. `seq` is the event's seq: data already at or past it is kept.
   */
  invalidate(prefix, seq = null) {
    for (const query of this.queries.values()) {
      if (!keyMatches(prefix, query.key)) continue;
      if (seq !== null && query.dataSeq !== null && query.dataSeq >= seq && !query.fetching) continue;
      this.#markStale(query, seq);
    }
  }

  /** After a resync (or a gap we cannot replay): everything is stale, visible queries refetch. */
  invalidateAll() {
    for (const query of this.queries.values()) this.#markStale(query, null);
  }

  /** Invalidate queries whose data is older than `seq` (or of unknown age). */
  invalidateOlderThan(seq) {
    for (const query of this.queries.values()) {
      if (query.dataSeq !== null && query.dataSeq >= seq) continue;
      this.#markStale(query, null);
    }
  }

  /** Forget everything (on log-out: the next user must not see this one's data). */
  reset() {
    for (const query of this.queries.values()) {
      clearTimeout(query.gcTimer);
      query.observers.clear();
    }
    this.queries.clear();
    this.settledOnce = false;
  }

  /** Lowest seq among loaded queries: what the data on screen is consistent with. */
  oldestSeq() {
    let oldest = null;
    for (const query of this.queries.values()) {
      if (query.dataSeq === null) continue;
      oldest = oldest === null ? query.dataSeq : Math.min(oldest, query.dataSeq);
    }
    return oldest;
  }

  /** Resolves when the first fetch of this page load has finished (or after timeoutMs). */
  firstSettled(timeoutMs) {
    if (this.settledOnce) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.settleWaiters.push(() => { clearTimeout(timer); resolve(); });
    });
  }

  // seq null means "changed, at an unknown point": any data, even one in flight, is behind.
  #markStale(query, seq) {
    const mark = seq === null ? Infinity : seq;
    query.invalidatedSeq = Math.max(query.invalidatedSeq ?? mark, mark);
    query.stale = true;
    if (query.observers.size > 0) this.#fetch(query);
  }

  #scheduleGc(query) {
    clearTimeout(query.gcTimer);
    query.gcTimer = setTimeout(() => {
      if (query.observers.size === 0) this.queries.delete(query.hash);
    }, GC_AFTER_MS);
  }

  #notify(query) {
    const snap = query.snapshot();
    for (const listener of [...query.observers]) listener(snap);
  }

  async #fetch(query) {
    if (query.fetching) {
      // The response in flight may predate the change that invalidated us: go again after it.
      query.refetchQueued = true;
      return query.promise;
    }
    query.fetching = true;
    query.refetchQueued = false;
    if (query.status === 'idle') query.status = 'loading';
    this.#notify(query);
    query.promise = (async () => {
      try {
        const { data, seq } = await query.fetcher();
        query.data = data;
        query.error = null;
        query.status = 'success';
        query.dataSeq = seq ?? null;
        query.updatedAt = Date.now();
        const behind = query.invalidatedSeq !== null && (query.dataSeq === null || query.dataSeq < query.invalidatedSeq);
        query.stale = query.refetchQueued && behind;
        if (!query.stale) query.invalidatedSeq = null;
      } catch (error) {
        query.error = error;
        query.status = query.data === undefined ? 'error' : 'success';
        query.stale = true;
      } finally {
        query.fetching = false;
      }
      if (this.queries.get(query.hash) !== query) return; // dropped by reset() while in flight
      this.#settled();
      const again = query.refetchQueued && query.stale && query.observers.size > 0;
      query.refetchQueued = false;
      this.#notify(query);
      if (again) await this.#fetch(query);
    })();
    return query.promise;
  }

  #settled() {
    if (this.settledOnce) return;
    this.settledOnce = true;
    for (const waiter of this.settleWaiters.splice(0)) waiter();
  }
}
