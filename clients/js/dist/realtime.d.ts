/** ws://host/ws, or wss:// when the page itself came over https. */
export function defaultUrl(loc?: Location): string;
/**
 * The event stream's URL for a WebSocket URL: http(s), /sse instead of /ws, its query (a ticket)
 * kept, with the topics and, when known, `since`.
 * @param {string} wsUrl
 * @param {string[]} topics
 * @param {number | null} since
 */
export function streamUrl(wsUrl: string, topics: string[], since: number | null): string;
/** @typedef {import('./schema.js').components['schemas']} Schemas */
/** @typedef {Schemas['Event']} EventFrame a change: `entity_action`, its record, `seq`, `invalidate`, `by` */
/** @typedef {Schemas['WelcomeFrame']} WelcomeFrame */
/** @typedef {Schemas['SubscribedFrame']} SubscribedFrame */
/** @typedef {Schemas['ResyncFrame']} ResyncFrame */
/** @typedef {Schemas['ErrorFrame']} ErrorFrame */
/** @typedef {Schemas['OperatorFrame'] & Record<string, unknown>} OperatorFrame */
/** @typedef {Schemas['ServerFrame']} ServerFrame */
/** @typedef {Schemas['PresenceChangeFrame'] | Schemas['PresenceSnapshotFrame']} PresenceFrame */
/** @typedef {Schemas['PresenceFrame']['state']} PresenceState */
/** @typedef {'connected' | 'reconnecting' | 'offline'} Status */
/** @typedef {{ code: number, reason: string, opened?: boolean }} Close */
/** @typedef {'up' | 'down' | 'denied'} ProbeAnswer */
/**
 * What each listener of `on` receives.
 * @typedef {{
 *   event: [EventFrame], resync: [ResyncFrame | WelcomeFrame], state: [Status, Status],
 *   subscribed: [SubscribedFrame], error: [ErrorFrame], operator: [OperatorFrame], presence: [PresenceFrame],
 *   closed: [Close], denied: [Close],
 * }} RealtimeEvents
 */
/**
 * @typedef {object} RealtimeOptions
 * @property {string | (() => string | Promise<string>)} [url] defaults to ws(s)://<this host>/ws. A
 *   function is called before every connect, so each attempt can carry a fresh one-time ticket; when
 *   it throws an error whose `status` is 401 or 403 the client stops as after a 1008 close
 * @property {string[]} [topics] defaults to ["*"]: every entity
 * @property {number} [baseDelayMs] first reconnect delay (doubles per attempt)
 * @property {number} [maxDelayMs] reconnect delay ceiling
 * @property {(() => Promise<ProbeAnswer>) | null} [probe] asked instead of opening a socket after a
 *   handshake failed (a browser cannot tell a refused handshake from a server that is down):
 *   UP opens the socket, DOWN waits for the next attempt, DENIED stops as a 1008 close does
 * @property {(state: Status, previous: Status) => void} [onStatus] told each change of `state`
 * @property {'auto' | 'websocket' | 'sse'} [transport] `auto` (the default): a WebSocket, and the
 *   event stream (GET /sse, read with fetch) after two WebSocket handshakes in a row failed while
 *   the stream opens; a WebSocket is tried first again on each reconnect. Over the stream, frames
 *   come one way only: a change of topics reconnects, and `presence` is not sent
 * @property {typeof WebSocket} [WebSocketImpl] defaults to the global WebSocket (Node 20: pass `ws`)
 * @property {typeof fetch} [fetchImpl] for the event stream; defaults to the global fetch
 * @property {Pick<Console, 'log' | 'warn'>} [log] defaults to the console
 */
/** @type {Status} */
export const CONNECTED: Status;
/** @type {Status} */
export const RECONNECTING: Status;
/** @type {Status} */
export const OFFLINE: Status;
export const POLICY_VIOLATION: 1008;
export const BASE_DELAY_MS: 500;
export const MAX_DELAY_MS: 30000;
/** @type {ProbeAnswer} */
export const UP: ProbeAnswer;
/** @type {ProbeAnswer} */
export const DOWN: ProbeAnswer;
/** @type {ProbeAnswer} */
export const DENIED: ProbeAnswer;
export class RealtimeClient {
    /** @param {RealtimeOptions} [options] */
    constructor({ url, topics, baseDelayMs, maxDelayMs, probe, onStatus, transport, WebSocketImpl, fetchImpl, log, }?: RealtimeOptions);
    onOnline: () => void;
    onOffline: () => void;
    onVisible: () => void;
    /** connected | reconnecting | offline */
    get state(): Status;
    /** The seq of the last event received (what a reconnect resumes from). */
    get lastSeq(): number | null;
    get topics(): string[];
    /**
     * Listen: 'event' (frame), 'resync' (frame), 'state' (state, previous), 'subscribed' (frame),
     * 'error' (frame), 'closed' ({ code, reason, opened }: a drop that will be retried; opened is
     * false when the handshake itself failed) and 'denied' ({ code, reason }: the server closed the
     * connection with 1008, the client has stopped and will not reconnect).
     * Returns a function that removes the listener.
     * @template {keyof RealtimeEvents} K
     * @param {K} type
     * @param {(...args: RealtimeEvents[K]) => void} listener
     * @returns {() => void}
     */
    on<K extends keyof RealtimeEvents>(type: K, listener: (...args: RealtimeEvents[K]) => void): () => void;
    /**
     * Open the connection. `since`: the seq the data already loaded is consistent with.
     * @param {{ since?: number | null }} [options]
     */
    connect({ since }?: {
        since?: number | null;
    }): void;
    /** Close for good (until connect() again). */
    disconnect(): void;
    /**
     * Hold more topics. `since`: the seq what the caller shows of them is consistent with (usually
     * `lastSeq`, the last event it applied), so the server replays what changed for them after it;
     * a topic that replaces a narrower one (`orders` after `orders?status=pending`) needs it.
     * @param {string[]} topics
     * @param {{ since?: number | null }} [options]
     */
    subscribe(topics: string[], { since }?: {
        since?: number | null;
    }): void;
    /** @param {string[]} topics */
    unsubscribe(topics: string[]): void;
    /**
     * Say what this client is doing on a record topic it holds (`orders:42`): others there get a
     * `presence` frame. Said again after every reconnect; unsubscribing the topic leaves it.
     * @param {string} topic
     * @param {PresenceState} state
     */
    presence(topic: string, state: PresenceState): void;
    #private;
}
/**
 * GET /sse read with fetch, shaped like the WebSocket the client otherwise holds: `onopen` when
 * the stream starts, `onmessage({ data })` for each event's JSON, `onheartbeat` for the server's
 * `: ping` comments, `onclose({ code, reason })` when it ends (the code of its last `: close`
 * comment; 1008 when the server refused the credentials, 1006 when it could not be reached).
 * One way: `send` does nothing. (fetch rather than EventSource: it reads every event whatever its
 * name, sends the cookie across allowed origins, and does not reconnect on its own.)
 */
export class EventStreamSocket {
    /**
     * @param {string} url
     * @param {typeof fetch} fetchImpl
     */
    constructor(url: string, fetchImpl: typeof fetch);
    readyState: number;
    /** @type {(() => void) | null} */ onopen: (() => void) | null;
    /** @type {((message: { data: string }) => void) | null} */ onmessage: ((message: {
        data: string;
    }) => void) | null;
    /** @type {(() => void) | null} */ onheartbeat: (() => void) | null;
    /** @type {((event: { code: number, reason: string }) => void) | null} */ onclose: ((event: {
        code: number;
        reason: string;
    }) => void) | null;
    /** @type {(() => void) | null} */ onerror: (() => void) | null;
    send(): boolean;
    /**
     * @param {number} [code]
     * @param {string} [reason]
     */
    close(code?: number, reason?: string): void;
    #private;
}
export type Schemas = import("./schema.js").components["schemas"];
/**
 * a change: `entity_action`, its record, `seq`, `invalidate`, `by`
 */
export type EventFrame = Schemas["Event"];
export type WelcomeFrame = Schemas["WelcomeFrame"];
export type SubscribedFrame = Schemas["SubscribedFrame"];
export type ResyncFrame = Schemas["ResyncFrame"];
export type ErrorFrame = Schemas["ErrorFrame"];
export type OperatorFrame = Schemas["OperatorFrame"] & Record<string, unknown>;
export type ServerFrame = Schemas["ServerFrame"];
export type PresenceFrame = Schemas["PresenceChangeFrame"] | Schemas["PresenceSnapshotFrame"];
export type PresenceState = Schemas["PresenceFrame"]["state"];
export type Status = "connected" | "reconnecting" | "offline";
export type Close = {
    code: number;
    reason: string;
    opened?: boolean;
};
export type ProbeAnswer = "up" | "down" | "denied";
/**
 * What each listener of `on` receives.
 */
export type RealtimeEvents = {
    event: [EventFrame];
    resync: [ResyncFrame | WelcomeFrame];
    state: [Status, Status];
    subscribed: [SubscribedFrame];
    error: [ErrorFrame];
    operator: [OperatorFrame];
    presence: [PresenceFrame];
    closed: [Close];
    denied: [Close];
};
export type RealtimeOptions = {
    /**
     * defaults to ws(s)://<this host>/ws. A
     * function is called before every connect, so each attempt can carry a fresh one-time ticket; when
     * it throws an error whose `status` is 401 or 403 the client stops as after a 1008 close
     */
    url?: string | (() => string | Promise<string>) | undefined;
    /**
     * defaults to ["*"]: every entity
     */
    topics?: string[] | undefined;
    /**
     * first reconnect delay (doubles per attempt)
     */
    baseDelayMs?: number | undefined;
    /**
     * reconnect delay ceiling
     */
    maxDelayMs?: number | undefined;
    /**
     * asked instead of opening a socket after a
     * handshake failed (a browser cannot tell a refused handshake from a server that is down):
     * UP opens the socket, DOWN waits for the next attempt, DENIED stops as a 1008 close does
     */
    probe?: (() => Promise<ProbeAnswer>) | null | undefined;
    /**
     * told each change of `state`
     */
    onStatus?: ((state: Status, previous: Status) => void) | undefined;
    /**
     * `auto` (the default): a WebSocket, and the
     * event stream (GET /sse, read with fetch) after two WebSocket handshakes in a row failed while
     * the stream opens; a WebSocket is tried first again on each reconnect. Over the stream, frames
     * come one way only: a change of topics reconnects, and `presence` is not sent
     */
    transport?: "auto" | "websocket" | "sse" | undefined;
    /**
     * defaults to the global WebSocket (Node 20: pass `ws`)
     */
    WebSocketImpl?: {
        new (url: string | URL, protocols?: string | string[]): WebSocket;
        prototype: WebSocket;
        readonly CONNECTING: 0;
        readonly OPEN: 1;
        readonly CLOSING: 2;
        readonly CLOSED: 3;
    } | undefined;
    /**
     * for the event stream; defaults to the global fetch
     */
    fetchImpl?: typeof fetch | undefined;
    /**
     * defaults to the console
     */
    log?: Pick<Console, "log" | "warn"> | undefined;
};
