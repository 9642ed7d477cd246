// Switchboard's realtime client: one WebSocket to /ws, topic subscriptions, resume after a drop
// from the last event seq seen, exponential back-off with jitter (to 30 s), and a heartbeat. It knows
// nothing about pages: listeners get events (with their `invalidate` keys), resyncs and connection
// states; an optional `probe` tells "server down" from "handshake refused" without a second request.

export const CONNECTED = 'connected';
export const RECONNECTING = 'reconnecting';
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
export const UP = 'up';
export const DOWN = 'down';
export const DENIED = 'denied';

export class RealtimeClient {
  #url;
  #topics;
  #socket = null;
  #state = OFFLINE;
  #lastSeq = null;
  #retries = 0;
  #running = false;
  #listeners = new Map();
  #retryTimer = null;
  #heartbeatTimer = null;
  #welcomeTimer = null;
  #heartbeatMs = DEFAULT_HEARTBEAT_MS;
  #lastFrameAt = 0;
  #subscribedOnce = false;
  #baseDelayMs;
  #maxDelayMs;
  #probe;
  #handshakeFailed = false;
  #probing = false;
  #WebSocket;
  #log;

  /**
   * @param {object} [options]
   * @param {string} [options.url] defaults to ws(s)://<this host>/ws
   * @param {string[]} [options.topics] defaults to ["*"]: every entity
   * @param {number} [options.baseDelayMs] first reconnect delay (doubles per attempt)
   * @param {number} [options.maxDelayMs] reconnect delay ceiling
   * @param {() => Promise<string>} [options.probe] asked instead of opening a socket after a
   *   handshake failed (a browser cannot tell a refused handshake from a server that is down):
   *   UP opens the socket, DOWN waits for the next attempt, DENIED stops as a 1008 close does
   */
  constructor({
    url = defaultUrl(),
    topics = ['*'],
    baseDelayMs = BASE_DELAY_MS,
    maxDelayMs = MAX_DELAY_MS,
    probe = null,
    WebSocketImpl = globalThis.WebSocket,
    log = console,
  } = {}) {
    this.#url = url;
    this.#topics = new Set(topics);
    this.#baseDelayMs = baseDelayMs;
    this.#maxDelayMs = maxDelayMs;
    this.#probe = probe;
    this.#WebSocket = WebSocketImpl;
    this.#log = log;
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
   */
  on(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
    return () => this.#listeners.get(type)?.delete(listener);
  }

  /** Open the connection. `since`: the seq the data already loaded is consistent with. */
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

  subscribe(topics) {
    const fresh = topics.filter((t) => !this.#topics.has(t));
    fresh.forEach((t) => this.#topics.add(t));
    if (fresh.length) this.#send({ type: 'subscribe', topics: fresh });
  }

  unsubscribe(topics) {
    const known = topics.filter((t) => this.#topics.delete(t));
    if (known.length) this.#send({ type: 'unsubscribe', topics: known });
  }

  #emit(type, ...args) {
    for (const listener of [...(this.#listeners.get(type) || [])]) {
      try {
        listener(...args);
      } catch (error) {
        this.#log.warn('Realtime listener failed:', error);
      }
    }
  }

  #setState(state) {
    if (state === this.#state) return;
    const previous = this.#state;
    this.#state = state;
    this.#emit('state', state, previous);
  }

  #send(frame) {
    if (this.#socket && this.#socket.readyState === 1) {
      this.#socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** One attempt: after a failed handshake, the probe first (if any), then the socket. */
  async #tryConnect() {
    clearTimeout(this.#retryTimer);
    if (!this.#running || this.#socket || this.#probing) return;
    if (this.#handshakeFailed && this.#probe) {
      this.#probing = true;
      let answer;
      try {
        answer = await this.#probe();
      } catch {
        answer = DOWN;
      } finally {
        this.#probing = false;
      }
      if (!this.#running || this.#socket) return;
      if (answer === DENIED) {
        this.disconnect();
        this.#emit('denied', { code: POLICY_VIOLATION, reason: 'the server refused the session' });
        return;
      }
      if (answer !== UP) {
        this.#scheduleReconnect();
        return;
      }
    }
    this.#open();
  }

  #open() {
    clearTimeout(this.#retryTimer);
    if (!this.#running || this.#socket) return;
    let socket;
    try {
      socket = new this.#WebSocket(this.#url);
    } catch (error) {
      this.#log.warn('WebSocket could not be created:', error);
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    this.#subscribedOnce = false;
    socket.onopen = () => {
      this.#handshakeFailed = false;
      this.#log.log('WebSocket connected');
      this.#lastFrameAt = Date.now();
      this.#setState(CONNECTED);
      this.#welcomeTimer = setTimeout(() => this.#subscribeAll(), WELCOME_GRACE_MS);
    };
    socket.onmessage = (message) => {
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
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#stopTimers();
      const opened = this.#state === CONNECTED;
      if (!opened) this.#handshakeFailed = true;
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
    const frame = { type: 'subscribe', topics: [...this.#topics] };
    if (this.#lastSeq !== null) frame.since = this.#lastSeq;
    this.#send(frame);
  }

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
      this.#send({ type: 'ping' });
    }, every);
  }

  #stopTimers() {
    clearInterval(this.#heartbeatTimer);
    clearTimeout(this.#welcomeTimer);
  }

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
