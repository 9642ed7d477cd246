import type { QueryClient } from '@tanstack/react-query';
import { type Close, type EventFrame, type PresenceState, type ResyncFrame, type Status, type Switchboard, type WelcomeFrame } from '@switchboard/client';
export type RealtimeStatus = Status;
export interface Toast {
    title: string;
    description: string;
}
export interface RealtimeCallbacks {
    /** After the event has been applied to the cache; `toast` is the wording to show for it. */
    onEvent?: (event: EventFrame, context: {
        toast: Toast;
    }) => void;
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
export declare class SharedConnection {
    #private;
    private readonly queryClient;
    constructor(queryClient: QueryClient, client: Switchboard, topics: readonly string[]);
    get snapshot(): Snapshot;
    /** Called when status or lastSeq change (for useSyncExternalStore). */
    watch(onChange: () => void): () => void;
    /**
     * Open, resuming from `since`; without one, from the last event applied to this QueryClient by an
     * earlier connection, so that what happened while none was open is replayed (and a server whose
     * log restarted below it answers with a resync instead of events this cache would skip).
     */
    connect(since: number | null | undefined): void;
    addUser(user: ConnectionUser): void;
    /** Removes the user; returns how many remain. */
    removeUser(user: ConnectionUser): number;
    /** One user's topics went from `before` to `after`: subscribe or unsubscribe what the union gained or lost. */
    changeTopics(before: readonly string[], after: readonly string[]): void;
    disconnect(): void;
    /** Say what this client is doing on `topic` (a record topic it holds). */
    announce(topic: string, state: PresenceState): void;
    /** Who else is on `topic` (stable between changes, for useSyncExternalStore). */
    presenceOf(topic: string): Presence;
}
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
export declare function acquireConnection(queryClient: QueryClient, client: Switchboard, user: ConnectionUser, topics: readonly string[], since: number | null | undefined): Lease;
