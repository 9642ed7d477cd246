// @ts-check
// Switchboard's realtime client: one WebSocket to /ws, topic subscriptions, resume after a drop
// from the last event seq seen, exponential back-off with jitter (to 30 s), and a heartbeat. It knows
// nothing about pages: listeners get events (with their `invalidate` keys), resyncs and connection
// states; an optional `probe` tells "server down" from "handshake refused" without a second request.
// Where a WebSocket cannot be opened (a proxy that refuses upgrades), it reads the same frames from
// the server's event stream (GET /sse) instead: see `transport`.
//
// One implementation: the npm package @switchboard/client exports this file, and the server embeds
// it as the bundled web app's js/realtime.js (build.rs). It has no dependencies and runs as it is in
// a browser; the types in its comments are checked by tsc and published as realtime.d.ts.

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
export const CONNECTED = 'connected';
/** @type {Status} */
export const RECONNECTING = 'reconnecting';
/** @type {Status} */
export const OFFLINE = 'offline';

/** ws://host/ws, or wss:// when the page itself came over https. */
export function defaultUrl(loc = globalThis.location) {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
}

const DEFAULT_HEARTBEAT_MS = 30_000;
// Close code the server uses when a session may no longer listen (logged out, revoked).
export const POLICY_VIOLATION = 1008;
// If the server's welcome never comes, subscribe anyway after this long.
const WELCOME_GRACE_MS = 1_500;
// Reconnect waits: the n-th is drawn from [ceiling / 2, ceiling], ceiling = base × 2^n up to the
// maximum. With these, a server down for a minute sees about eight attempts from each tab.
export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 30_000;
// What a probe answers.
/** @type {ProbeAnswer} */
export const UP = 'up';
// WebSocket handshakes that fail in a row before `auto` tries the event stream (one, once the
// stream has worked for this client).
const FAILURES_BEFORE_STREAM = 2;
/** @type {ProbeAnswer} */
export const DOWN = 'down';
/** @type {ProbeAnswer} */
export const DENIED = 'denied';

export class RealtimeClient {
  /** @type {string | (() => string | Promise<string>)} */
  #url;
  /** @type {Set<string>} */
  #topics;
  /** @type {WebSocket | null} */
  #socket = null;
  /** @type {Status} */
  #state = OFFLINE;
  /** @type {number | null} */
  #lastSeq = null;
  #retries = 0;
  #running = false;
  /** @type {Map<string, Set<(...args: any[]) => void>>} */
  #listeners = new Map();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #retryTimer;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  #heartbeatTimer;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #welcomeTimer;
  #heartbeatMs = DEFAULT_HEARTBEAT_MS;
  /** @type {Map<string, PresenceState>} what this client said it does on each record topic */
  #presence = new Map();
  /** The next ack answers a (re)subscribe of every topic: say again what we do on each. */
  #reannounce = false;
  #lastFrameAt = 0;
  #subscribedOnce = false;
  #baseDelayMs;
  #maxDelayMs;
  /** @type {(() => Promise<ProbeAnswer>) | null} */
  #probe;
  #handshakeFailed = false;
  #preparing = false;
  #WebSocket;
  #fetch;
  #log;
  /** @type {'auto' | 'websocket' | 'sse'} */
  #transport;
  /** WebSocket handshakes failed in a row. */
  #wsFailures = 0;
  /** The event stream opened for this client before. */
  #streamWorked = false;
  /** The open connection is an event stream (one way). */
  #streaming = false;

  /** @param {RealtimeOptions} [options] */
  constructor({
    url = defaultUrl(),
    topics = ['*'],
    baseDelayMs = BASE_DELAY_MS,
    maxDelayMs = MAX_DELAY_MS,
    probe = null,
    onStatus,
    transport = 'auto',
    WebSocketImpl = globalThis.WebSocket,
    fetchImpl = globalThis.fetch,
    log = console,
  } = {}) {
    this.#url = url;
    this.#topics = new Set(topics);
    this.#baseDelayMs = baseDelayMs;
    this.#maxDelayMs = maxDelayMs;
    this.#probe = probe;
    this.#WebSocket = WebSocketImpl;
    this.#fetch = fetchImpl;
    this.#transport = transport;
    this.#log = log;
    if (onStatus) this.on('state', onStatus);
    this.onOnline = () => {
      if (this.#state !== CONNECTED) this.#reconnectNow();
    };
    this.onOffline = () => this.#goOffline();
    // Back from another tab or from sleep: the wait may be up to 30 s long, so try now.
    this.onVisible = () => {
      if (document.visibilityState === 'visible' && this.#state === RECONNECTING) this.#reconnectNow();
    };
  }

  /** connected | reconnecting | offline */
  get state() { return this.#state; }

  /** The seq of the last event received (what a reconnect resumes from). */
  get lastSeq() { return this.#lastSeq; }

  get topics() { return [...this.#topics]; }

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
  on(type, listener) {
    let listeners = this.#listeners.get(type);
    if (!listeners) this.#listeners.set(type, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      this.#listeners.get(type)?.delete(listener);
    };
  }

  /**
   * Open the connection. `since`: the seq the data already loaded is consistent with.
   * @param {{ since?: number | null }} [options]
   */
  connect({ since = null } = {}) {
    if (since !== null && since !== undefined && this.#lastSeq === null) this.#lastSeq = since;
    if (this.#running) return;
    this.#running = true;
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.addEventListener?.('offline', this.onOffline);
    globalThis.document?.addEventListener('visibilitychange', this.onVisible);
    if (globalThis.navigator && navigator.onLine === false) this.#goOffline();
    else this.#tryConnect();
  }

  /** Close for good (until connect() again). */
  disconnect() {
    this.#running = false;
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.removeEventListener?.('offline', this.onOffline);
    globalThis.document?.removeEventListener('visibilitychange', this.onVisible);
    this.#dropSocket(1000, 'client closed');
    clearTimeout(this.#retryTimer);
    this.#setState(OFFLINE);
  }

  /**
   * Hold more topics. `since`: the seq what the caller shows of them is consistent with (usually
   * `lastSeq`, the last event it applied), so the server replays what changed for them after it;
   * a topic that replaces a narrower one (`orders` after `orders?status=pending`) needs it.
   * @param {string[]} topics
   * @param {{ since?: number | null }} [options]
   */
  subscribe(topics, { since = null } = {}) {
    const fresh = topics.filter((t) => !this.#topics.has(t));
    fresh.forEach((t) => this.#topics.add(t));
    if (!fresh.length) return;
    if (this.#streaming) {
      this.#reconnectNow(); // a stream's topics are in its URL, and it resumes from `lastSeq`
      return;
    }
    /** @type {Schemas['SubscribeFrame']} */
    const frame = { type: 'subscribe', topics: fresh };
    if (since !== null && since !== undefined) frame.since = since;
    this.#send(frame);
  }

  /** @param {string[]} topics */
  unsubscribe(topics) {
    topics.forEach((t) => this.#presence.delete(t));
    const known = topics.filter((t) => this.#topics.delete(t));
    if (!known.length) return;
    if (this.#streaming) this.#reconnectNow();
    else this.#send({ type: 'unsubscribe', topics: known });
  }

  /**
   * Say what this client is doing on a record topic it holds (`orders:42`): others there get a
   * `presence` frame. Said again after every reconnect; unsubscribing the topic leaves it.
   * @param {string} topic
   * @param {PresenceState} state
   */
  presence(topic, state) {
    if (this.#presence.get(topic) === state) return;
    this.#presence.set(topic, state);
    this.#send({ type: 'presence', topic, state });
  }

  /**
   * @param {keyof RealtimeEvents} type
   * @param {...any} args
   */
  #emit(type, ...args) {
    for (const listener of [...(this.#listeners.get(type) || [])]) {
      try {
        listener(...args);
      } catch (error) {
        this.#log.warn('Realtime listener failed:', error);
      }
    }
  }

  /** @param {Status} state */
  #setState(state) {
    if (state === this.#state) return;
    const previous = this.#state;
    this.#state = state;
    this.#emit('state', state, previous);
  }

  /** @param {Schemas['ClientFrame']} frame */
  #send(frame) {
    if (this.#socket && this.#socket.readyState === 1) {
      this.#socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** One attempt: the URL (after a failed handshake, the probe first), then the socket. */
  async #tryConnect() {
    clearTimeout(this.#retryTimer);
    if (!this.#running || this.#socket || this.#preparing) return;
    this.#preparing = true;
    let next;
    try {
      next = await this.#prepare();
    } finally {
      this.#preparing = false;
    }
    if (!this.#running || this.#socket) return;
    if (next === DENIED) {
      this.disconnect();
      this.#emit('denied', { code: POLICY_VIOLATION, reason: 'the server refused the session' });
    } else if (next === DOWN) {
      this.#scheduleReconnect();
    } else {
      this.#open(next);
    }
  }

  /**
   * Where the next attempt connects to, or DOWN (wait for the next attempt) or DENIED (stop).
   * @returns {Promise<string>}
   */
  async #prepare() {
    if (this.#handshakeFailed && this.#probe) {
      let answer;
      try {
        answer = await this.#probe();
      } catch {
        answer = DOWN;
      }
      if (answer !== UP) return answer;
    }
    if (typeof this.#url !== 'function') return this.#url;
    try {
      return await this.#url();
    } catch (error) {
      // A ticket refused for the credentials themselves: retrying cannot help.
      const status = /** @type {{ status?: number }} */ (error)?.status;
      if (status === 401 || status === 403) return DENIED;
      this.#log.log('Realtime: could not get a URL to connect to:', error);
      return DOWN;
    }
  }

  /** Whether this attempt reads the event stream rather than opening a WebSocket. */
  #streamNext() {
    if (this.#transport !== 'auto') return this.#transport === 'sse';
    return this.#wsFailures >= (this.#streamWorked ? 1 : FAILURES_BEFORE_STREAM);
  }

  /** @param {string} url */
  #open(url) {
    clearTimeout(this.#retryTimer);
    if (!this.#running || this.#socket) return;
    const streaming = this.#streamNext();
    /** @type {WebSocket | EventStreamSocket} */
    let socket;
    try {
      socket = streaming
        ? new EventStreamSocket(streamUrl(url, [...this.#topics], this.#lastSeq), this.#fetch)
        : new this.#WebSocket(url);
    } catch (error) {
      this.#log.warn('WebSocket could not be created:', error);
      this.#scheduleReconnect();
      return;
    }
    this.#socket = /** @type {WebSocket} */ (socket);
    this.#streaming = streaming;
    // A stream subscribed with its URL: nothing to send when its welcome comes.
    this.#subscribedOnce = streaming;
    if (socket instanceof EventStreamSocket) socket.onheartbeat = () => { this.#lastFrameAt = Date.now(); };
    socket.onopen = () => {
      this.#handshakeFailed = false;
      if (streaming) this.#streamWorked = true;
      else this.#wsFailures = 0;
      this.#log.log(streaming ? 'Event stream connected' : 'WebSocket connected');
      this.#lastFrameAt = Date.now();
      this.#setState(CONNECTED);
      if (!streaming) this.#welcomeTimer = setTimeout(() => this.#subscribeAll(), WELCOME_GRACE_MS);
    };
    socket.onmessage = (/** @type {{ data: any }} */ message) => {
      this.#lastFrameAt = Date.now();
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        this.#log.warn('Realtime: ignored a frame that is not JSON');
        return;
      }
      this.#handle(frame);
    };
    socket.onerror = () => { /* a close event always follows; the browser already logged why */ };
    socket.onclose = (/** @type {{ code?: number, reason?: string } | undefined} */ event) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#stopTimers();
      const opened = this.#state === CONNECTED;
      if (!opened) this.#handshakeFailed = true;
      // A WebSocket that never opened counts towards the stream; a stream that ends (or never
      // opened) sends the next attempt back to a WebSocket.
      if (streaming) this.#wsFailures = 0;
      else if (!opened) this.#wsFailures += 1;
      const close = { code: event?.code ?? 1006, reason: event?.reason || '', opened };
      if (close.code === POLICY_VIOLATION) {
        // The server ended this session (logged out, token revoked): retrying cannot help.
        this.#log.log('Realtime closed by the server:', close);
        this.disconnect();
        this.#emit('denied', close);
        return;
      }
      this.#emit('closed', close);
      if (!this.#running) this.#setState(OFFLINE);
      else if (globalThis.navigator && navigator.onLine === false) this.#goOffline();
      else this.#scheduleReconnect();
    };
  }

  #subscribeAll() {
    clearTimeout(this.#welcomeTimer);
    if (this.#subscribedOnce) return;
    this.#subscribedOnce = true;
    this.#reannounce = true;
    /** @type {Schemas['SubscribeFrame']} */
    const frame = { type: 'subscribe', topics: [...this.#topics] };
    if (this.#lastSeq !== null) frame.since = this.#lastSeq;
    this.#send(frame);
  }

  /** @param {any} frame a frame as it came, parsed but not yet checked */
  #handle(frame) {
    switch (frame.type) {
      case 'welcome': {
        if (Number.isFinite(frame.heartbeat_ms) && frame.heartbeat_ms > 0) this.#heartbeatMs = frame.heartbeat_ms;
        this.#startHeartbeat();
        if (Number.isFinite(frame.seq) && this.#lastSeq !== null && frame.seq < this.#lastSeq) {
          // The server's log is behind what we saw (a fresh database): nothing to resume from.
          this.#lastSeq = frame.seq;
          this.#log.log('Realtime resync:', frame);
          this.#emit('resync', frame);
        }
        this.#subscribeAll();
        break;
      }
      case 'subscribed':
        this.#retries = 0;
        if (this.#lastSeq === null && Number.isFinite(frame.seq)) this.#lastSeq = frame.seq;
        if (this.#reannounce) {
          this.#reannounce = false;
          for (const [topic, state] of this.#presence) {
            if (this.#topics.has(topic)) this.#send({ type: 'presence', topic, state });
          }
        }
        this.#emit('subscribed', frame);
        break;
      case 'resync':
        if (Number.isFinite(frame.seq)) this.#lastSeq = frame.seq;
        this.#log.log('Realtime resync:', frame);
        this.#emit('resync', frame);
        break;
      case 'error':
        this.#log.warn('Realtime error:', frame);
        this.#emit('error', frame);
        break;
      case 'presence':
        // Who else is on a record topic this client holds (no seq, never replayed).
        this.#emit('presence', frame);
        break;
      case 'operator':
        // The server's once-a-second report to admins subscribed to `operator` (no seq).
        this.#emit('operator', frame);
        break;
      case 'pong':
      case 'unsubscribed':
        break;
      default:
        if (typeof frame.entity !== 'string') break;
        if (Number.isFinite(frame.seq)) {
          if (this.#lastSeq !== null && frame.seq <= this.#lastSeq) break; // already seen (replay overlap)
          this.#lastSeq = frame.seq;
        }
        this.#log.log('Realtime update:', frame);
        this.#emit('event', frame);
    }
  }

  #startHeartbeat() {
    clearInterval(this.#heartbeatTimer);
    const every = this.#heartbeatMs;
    this.#heartbeatTimer = setInterval(() => {
      if (Date.now() - this.#lastFrameAt > every * 2 + 1_000) {
        // Nothing heard for two beats: the connection is dead even if no close event came.
        this.#dropSocket(4000, 'heartbeat timeout');
        this.#scheduleReconnect();
        return;
      }
      // A stream's server sends its own heartbeats (comments); it cannot hear ours.
      if (!this.#streaming) this.#send({ type: 'ping' });
    }, every);
  }

  #stopTimers() {
    clearInterval(this.#heartbeatTimer);
    clearTimeout(this.#welcomeTimer);
  }

  /**
   * @param {number} code
   * @param {string} reason
   */
  #dropSocket(code, reason) {
    const socket = this.#socket;
    this.#socket = null;
    this.#stopTimers();
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      if (socket.readyState <= 1) socket.close(code, reason);
    } catch { /* already closing */ }
  }

  #scheduleReconnect() {
    if (!this.#running) return;
    this.#setState(RECONNECTING);
    clearTimeout(this.#retryTimer);
    const ceiling = Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** this.#retries);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.#retries += 1;
    this.#retryTimer = setTimeout(() => this.#tryConnect(), delay);
  }

  // Try now, keeping the back-off where it is: if this attempt fails too, the next wait is no
  // shorter than the last, so flipping tabs cannot make a storm.
  #reconnectNow() {
    if (!this.#running) return;
    this.#dropSocket(1000, 'reconnecting');
    this.#setState(RECONNECTING);
    this.#tryConnect();
  }

  #goOffline() {
    clearTimeout(this.#retryTimer);
    this.#dropSocket(1000, 'browser offline');
    this.#setState(OFFLINE);
  }
}

/**
 * The event stream's URL for a WebSocket URL: http(s), /sse instead of /ws, its query (a ticket)
 * kept, with the topics and, when known, `since`.
 * @param {string} wsUrl
 * @param {string[]} topics
 * @param {number | null} since
 */
export function streamUrl(wsUrl, topics, since) {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = url.pathname.replace(/\/ws$/, '/sse');
  url.searchParams.set('topics', topics.join(','));
  if (since !== null) url.searchParams.set('since', String(since));
  else url.searchParams.delete('since');
  return url.toString();
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
  readyState = 0;
  /** @type {(() => void) | null} */ onopen = null;
  /** @type {((message: { data: string }) => void) | null} */ onmessage = null;
  /** @type {(() => void) | null} */ onheartbeat = null;
  /** @type {((event: { code: number, reason: string }) => void) | null} */ onclose = null;
  /** @type {(() => void) | null} */ onerror = null;
  #abort = new AbortController();
  #closed = false;

  /**
   * @param {string} url
   * @param {typeof fetch} fetchImpl
   */
  constructor(url, fetchImpl) {
    this.#run(url, fetchImpl);
  }

  send() {
    return false;
  }

  /**
   * @param {number} [code]
   * @param {string} [reason]
   */
  close(code = 1000, reason = '') {
    this.#abort.abort();
    this.#end(code, reason);
  }

  /**
   * @param {string} url
   * @param {typeof fetch} fetchImpl
   */
  async #run(url, fetchImpl) {
    let close = { code: 1006, reason: 'the event stream could not be read' };
    try {
      const response = await fetchImpl(url, {
        headers: { Accept: 'text/event-stream' },
        credentials: 'include',
        cache: 'no-store',
        signal: this.#abort.signal,
      });
      if (response.status === 401 || response.status === 403) {
        close = { code: 1008, reason: `the server refused the stream (${response.status})` };
        return;
      }
      if (!response.ok || !response.body) {
        close = { code: 1006, reason: `the stream answered ${response.status}` };
        return;
      }
      this.readyState = 1;
      this.onopen?.();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      let data = [];
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        let newline;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).replace(/\r$/, '');
          buffered = buffered.slice(newline + 1);
          if (line === '') {
            if (data.length) this.onmessage?.({ data: data.join('\n') });
            data = [];
          } else if (line.startsWith('data:')) {
            data.push(line.slice(line[5] === ' ' ? 6 : 5));
          } else if (line.startsWith(':')) {
            const comment = line.slice(1).trim();
            const closing = /^close (\d+) ?(.*)$/.exec(comment);
            if (closing) close = { code: Number(closing[1]), reason: closing[2] };
            else this.onheartbeat?.();
          }
        }
      }
      if (close.code === 1006) close = { code: 1006, reason: 'the event stream ended' };
    } catch {
      // Aborted by close(), or the connection failed: `close` says which.
    } finally {
      this.#end(close.code, close.reason);
    }
  }

  /**
   * @param {number} code
   * @param {string} reason
   */
  #end(code, reason) {
    if (this.#closed) return;
    this.#closed = true;
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}
