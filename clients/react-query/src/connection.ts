// One realtime connection per (QueryClient, Switchboard), shared by every component that asks for
// it and counted: the first user opens it, the last one to leave closes it. Users come with their
// topics (the connection holds the union and subscribes or unsubscribes only the differences) and
// their callbacks, which it calls for each event after applying the event to the cache once.

import type { QueryClient } from '@tanstack/react-query';
import {
  toastFor,
  type Catalog,
  type Close,
  type EventFrame,
  type PresenceFrame,
  type PresenceState,
  type RealtimeClient,
  type ResyncFrame,
  type Status,
  type Switchboard,
  type WelcomeFrame,
} from '@switchboard/client';
import { applyEvent, applyResync, appliedSeqOf } from './apply-event.js';

export type RealtimeStatus = Status;

export interface Toast {
  title: string;
  description: string;
}

export interface RealtimeCallbacks {
  /** After the event has been applied to the cache; `toast` is the wording to show for it. */
  onEvent?: (event: EventFrame, context: { toast: Toast }) => void;
  /**
   * The server could not replay what was missed (a resync frame, or a welcome whose seq is behind
   * what was seen: a new database): every query has been invalidated.
   */
  onResync?: (frame: ResyncFrame | WelcomeFrame) => void;
  /** The server closed the session for good (1008: logged out, token revoked or expired). */
  onDenied?: (close: Close) => void;
  onStatus?: (status: RealtimeStatus, previous: RealtimeStatus) => void;
}

/** What the connection needs of one user; the callbacks are read when they are called. */
export interface ConnectionUser {
  callbacks: () => RealtimeCallbacks;
}

export interface Snapshot {
  status: RealtimeStatus;
  lastSeq: number | null;
}

/** Someone else on a record topic, as the server's presence frames tell it. */
export interface PresentPerson {
  /** Stable for their browser session; never a token. */
  id: string;
  name: string;
  role: string;
  state: PresenceState;
}

/** Who else is on a record topic: at most the people the server named, and how many in all. */
export interface Presence {
  /** The others (never this client's own person), editors first in a snapshot. */
  people: PresentPerson[];
  /**
   * Everyone on the topic as of the last presence frame received, this client included once the
   * server counted it (a frame about this client's own arrival is not sent to it, so right after
   * it the count may lag by one; on a busy topic, where `people` stops at 20, snapshots carry it).
   */
  count: number;
}

const NOBODY: Presence = { people: [], count: 0 };

export class SharedConnection {
  readonly #realtime: RealtimeClient;
  readonly #users = new Set<ConnectionUser>();
  readonly #topicCounts = new Map<string, number>();
  readonly #watchers = new Set<() => void>();
  /** Who is on each record topic held, from the presence frames (a new object on each change). */
  readonly #presence = new Map<string, Presence>();
  #catalog: Catalog | null = null;
  #snapshot: Snapshot;

  constructor(
    private readonly queryClient: QueryClient,
    client: Switchboard,
    topics: readonly string[],
  ) {
    for (const topic of topics) this.#topicCounts.set(topic, (this.#topicCounts.get(topic) ?? 0) + 1);
    this.#realtime = client.realtime({ topics: [...this.#topicCounts.keys()] });
    this.#snapshot = { status: this.#realtime.state, lastSeq: this.#realtime.lastSeq };
    client.catalog().then(
      (catalog) => { this.#catalog = catalog; },
      () => { /* toasts fall back to the entity's name */ },
    );
    this.#realtime.on('event', (event) => this.#onEvent(event));
    this.#realtime.on('resync', (frame) => {
      applyResync(queryClient, frame.seq);
      this.#each((c) => c.onResync?.(frame));
    });
    this.#realtime.on('subscribed', () => this.#update());
    this.#realtime.on('presence', (frame) => this.#onPresence(frame));
    this.#realtime.on('denied', (close) => this.#each((c) => c.onDenied?.(close)));
    this.#realtime.on('state', (status, previous) => {
      this.#update();
      this.#each((c) => c.onStatus?.(status, previous));
    });
  }

  get snapshot(): Snapshot {
    return this.#snapshot;
  }

  /** Called when status or lastSeq change (for useSyncExternalStore). */
  watch(onChange: () => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }

  /**
   * Open, resuming from `since`; without one, from the last event applied to this QueryClient by an
   * earlier connection, so that what happened while none was open is replayed (and a server whose
   * log restarted below it answers with a resync instead of events this cache would skip).
   */
  connect(since: number | null | undefined): void {
    this.#realtime.connect({ since: since ?? appliedSeqOf(this.queryClient) ?? null });
  }

  addUser(user: ConnectionUser): void {
    this.#users.add(user);
  }

  /** Removes the user; returns how many remain. */
  removeUser(user: ConnectionUser): number {
    this.#users.delete(user);
    return this.#users.size;
  }

  /** One user's topics went from `before` to `after`: subscribe or unsubscribe what the union gained or lost. */
  changeTopics(before: readonly string[], after: readonly string[]): void {
    // Counting the new topics up before the old ones down: a topic in both never reaches 0 or 1.
    const gained = after.filter((topic) => this.#count(topic, +1) === 1);
    const lost = before.filter((topic) => this.#count(topic, -1) === 0);
    if (gained.length) this.#realtime.subscribe(gained);
    if (lost.length) this.#realtime.unsubscribe(lost);
    lost.forEach((topic) => this.#presence.delete(topic));
  }

  disconnect(): void {
    this.#realtime.disconnect();
  }

  /** Say what this client is doing on `topic` (a record topic it holds). */
  announce(topic: string, state: PresenceState): void {
    this.#realtime.presence(topic, state);
  }

  /** Who else is on `topic` (stable between changes, for useSyncExternalStore). */
  presenceOf(topic: string): Presence {
    return this.#presence.get(topic) ?? NOBODY;
  }

  #onPresence(frame: PresenceFrame): void {
    const people = new Map((this.#presence.get(frame.topic)?.people ?? []).map((p) => [p.id, p]));
    if (frame.action === 'snapshot') {
      people.clear();
      for (const p of frame.present) people.set(p.id, p);
    } else if (frame.action === 'leave') {
      people.delete(frame.who.id);
    } else if (frame.state) {
      people.set(frame.who.id, { ...frame.who, state: frame.state });
    }
    this.#presence.set(frame.topic, { people: [...people.values()], count: frame.count });
    for (const watcher of [...this.#watchers]) watcher();
  }

  #count(topic: string, delta: number): number {
    const count = (this.#topicCounts.get(topic) ?? 0) + delta;
    if (count > 0) this.#topicCounts.set(topic, count);
    else this.#topicCounts.delete(topic);
    return count;
  }

  #onEvent(event: EventFrame): void {
    this.#update();
    if (!applyEvent(this.queryClient, event)) return;
    // Before the catalogue has loaded, toastFor words the toast from the entity's name.
    const toast = toastFor(event, this.#catalog);
    this.#each((c) => c.onEvent?.(event, { toast }));
  }

  #each(call: (callbacks: RealtimeCallbacks) => void): void {
    for (const user of [...this.#users]) call(user.callbacks());
  }

  #update(): void {
    const status = this.#realtime.state;
    const lastSeq = this.#realtime.lastSeq;
    if (status === this.#snapshot.status && lastSeq === this.#snapshot.lastSeq) return;
    this.#snapshot = { status, lastSeq };
    for (const watcher of [...this.#watchers]) watcher();
  }
}

// ---------------------------------------------------------------- the registry

const connections = new WeakMap<QueryClient, Map<Switchboard, SharedConnection>>();

/** One user's hold on the shared connection. */
export interface Lease {
  readonly connection: SharedConnection;
  /** Replace this user's topics (compared by content by the caller). */
  setTopics(topics: readonly string[]): void;
  /** Leave; the last user to leave closes the connection. */
  release(): void;
}

/**
 * Join the connection for (queryClient, client), opening it (with `since`) if this is its first
 * user. `since` is only read then: later users find it open and resuming from where it is.
 */
export function acquireConnection(
  queryClient: QueryClient,
  client: Switchboard,
  user: ConnectionUser,
  topics: readonly string[],
  since: number | null | undefined,
): Lease {
  let byClient = connections.get(queryClient);
  if (!byClient) connections.set(queryClient, (byClient = new Map()));
  let connection = byClient.get(client);
  if (connection) {
    connection.changeTopics([], topics);
    connection.addUser(user);
  } else {
    connection = new SharedConnection(queryClient, client, topics);
    byClient.set(client, connection);
    connection.addUser(user);
    connection.connect(since);
  }

  const shared = connection;
  let current = topics;
  let released = false;
  return {
    connection: shared,
    setTopics(next) {
      if (released) return;
      shared.changeTopics(current, next);
      current = next;
    },
    release() {
      if (released) return;
      released = true;
      if (shared.removeUser(user) > 0) {
        shared.changeTopics(current, []);
        return;
      }
      byClient.delete(client);
      shared.disconnect();
    },
  };
}
