// One realtime connection per (QueryClient, Switchboard), shared by every component that asks for
// it and counted: the first user opens it, the last one to leave closes it. Users come with their
// topics (the connection holds the union and subscribes or unsubscribes only the differences) and
// their callbacks, which it calls for each event after applying the event to the cache once.
import { toastFor, } from '@switchboard/client';
import { applyEvent, applyResync, appliedSeqOf } from './apply-event.js';
const NOBODY = { people: [], count: 0 };
export class SharedConnection {
    queryClient;
    #realtime;
    #users = new Set();
    #topicCounts = new Map();
    #watchers = new Set();
    /** Who is on each record topic held, from the presence frames (a new object on each change). */
    #presence = new Map();
    #catalog = null;
    #snapshot;
    constructor(queryClient, client, topics) {
        this.queryClient = queryClient;
        for (const topic of topics)
            this.#topicCounts.set(topic, (this.#topicCounts.get(topic) ?? 0) + 1);
        this.#realtime = client.realtime({ topics: [...this.#topicCounts.keys()] });
        this.#snapshot = { status: this.#realtime.state, lastSeq: this.#realtime.lastSeq };
        client.catalog().then((catalog) => { this.#catalog = catalog; }, () => { });
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
    get snapshot() {
        return this.#snapshot;
    }
    /** Called when status or lastSeq change (for useSyncExternalStore). */
    watch(onChange) {
        this.#watchers.add(onChange);
        return () => this.#watchers.delete(onChange);
    }
    /**
     * Open, resuming from `since`; without one, from the last event applied to this QueryClient by an
     * earlier connection, so that what happened while none was open is replayed (and a server whose
     * log restarted below it answers with a resync instead of events this cache would skip).
     */
    connect(since) {
        this.#realtime.connect({ since: since ?? appliedSeqOf(this.queryClient) ?? null });
    }
    addUser(user) {
        this.#users.add(user);
    }
    /** Removes the user; returns how many remain. */
    removeUser(user) {
        this.#users.delete(user);
        return this.#users.size;
    }
    /** One user's topics went from `before` to `after`: subscribe or unsubscribe what the union gained or lost. */
    changeTopics(before, after) {
        // Counting the new topics up before the old ones down: a topic in both never reaches 0 or 1.
        const gained = after.filter((topic) => this.#count(topic, +1) === 1);
        const lost = before.filter((topic) => this.#count(topic, -1) === 0);
        if (gained.length)
            this.#realtime.subscribe(gained);
        if (lost.length)
            this.#realtime.unsubscribe(lost);
        lost.forEach((topic) => this.#presence.delete(topic));
    }
    disconnect() {
        this.#realtime.disconnect();
    }
    /** Say what this client is doing on `topic` (a record topic it holds). */
    announce(topic, state) {
        this.#realtime.presence(topic, state);
    }
    /** Who else is on `topic` (stable between changes, for useSyncExternalStore). */
    presenceOf(topic) {
        return this.#presence.get(topic) ?? NOBODY;
    }
    #onPresence(frame) {
        const people = new Map((this.#presence.get(frame.topic)?.people ?? []).map((p) => [p.id, p]));
        if (frame.action === 'snapshot') {
            people.clear();
            for (const p of frame.present)
                people.set(p.id, p);
        }
        else if (frame.action === 'leave') {
            people.delete(frame.who.id);
        }
        else if (frame.state) {
            people.set(frame.who.id, { ...frame.who, state: frame.state });
        }
        this.#presence.set(frame.topic, { people: [...people.values()], count: frame.count });
        for (const watcher of [...this.#watchers])
            watcher();
    }
    #count(topic, delta) {
        const count = (this.#topicCounts.get(topic) ?? 0) + delta;
        if (count > 0)
            this.#topicCounts.set(topic, count);
        else
            this.#topicCounts.delete(topic);
        return count;
    }
    #onEvent(event) {
        this.#update();
        if (!applyEvent(this.queryClient, event))
            return;
        // Before the catalogue has loaded, toastFor words the toast from the entity's name.
        const toast = toastFor(event, this.#catalog);
        this.#each((c) => c.onEvent?.(event, { toast }));
    }
    #each(call) {
        for (const user of [...this.#users])
            call(user.callbacks());
    }
    #update() {
        const status = this.#realtime.state;
        const lastSeq = this.#realtime.lastSeq;
        if (status === this.#snapshot.status && lastSeq === this.#snapshot.lastSeq)
            return;
        this.#snapshot = { status, lastSeq };
        for (const watcher of [...this.#watchers])
            watcher();
    }
}
// ---------------------------------------------------------------- the registry
const connections = new WeakMap();
/**
 * Join the connection for (queryClient, client), opening it (with `since`) if this is its first
 * user. `since` is only read then: later users find it open and resuming from where it is.
 */
export function acquireConnection(queryClient, client, user, topics, since) {
    let byClient = connections.get(queryClient);
    if (!byClient)
        connections.set(queryClient, (byClient = new Map()));
    let connection = byClient.get(client);
    if (connection) {
        connection.changeTopics([], topics);
        connection.addUser(user);
    }
    else {
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
            if (released)
                return;
            shared.changeTopics(current, next);
            current = next;
        },
        release() {
            if (released)
                return;
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
