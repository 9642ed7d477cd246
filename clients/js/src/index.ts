// @switchboard/client: typed REST calls for every route of the server's API document (openapi-fetch
// over the types openapi-typescript generated in schema.ts), the realtime client, and what ties
// them together: credentials, ETag/If-Match, one-time tickets for each (re)connect, the error shape.

import createClient, { type Client, type Middleware } from 'openapi-fetch';

import { RealtimeClient, type EventFrame, type RealtimeOptions } from './realtime.js';
import type { components, paths } from './schema.js';

export * from './realtime.js';
export type { components, operations, paths } from './schema.js';

export type Schemas = components['schemas'];
/** `{"error":{"code","message","details"}}`, what every error answer carries. */
export type ErrorBody = Schemas['ErrorBody'];
/** A collection's name, as in its REST path and its events' `entity`: `orders`, `transit-batches`, … */
export type CollectionName = Schemas['Event']['entity'];
/** The event of one collection: its `type`s and its record as `data`. */
export type EventOf<C extends CollectionName> = Extract<Schemas['Event'], { entity: C }>;
/** A collection's record, as `GET /api/{collection}/{id}` answers it. */
export type RecordOf<C extends CollectionName> = Exclude<EventOf<C>['data'], Schemas['SegmentsRecomputed']>;
/** Who is calling (`GET /api/me`). */
export type Me = Schemas['Principal'];

/** The catalogue (`GET /api/catalog`): collections (names, query keys, labels, fields, status machines), actions, views, roles. */
export type Catalog = Schemas['Catalog'];
/** One collection of the catalogue: `item_key`, `plural_label`, `invalidates`, `fields`, … */
export type CatalogCollection = Schemas['CollectionEntry'];

/** An answer that was not 2xx: its status and the server's `code`, `message` and `details`. */
export class SwitchboardError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, body: unknown, statusText = '') {
    const error = (body as Partial<ErrorBody> | undefined)?.error;
    super(error?.message || statusText || `HTTP ${status}`);
    this.name = 'SwitchboardError';
    this.status = status;
    this.code = error?.code || (status >= 500 ? 'internal' : 'http_error');
    this.details = error?.details;
  }
}

/** What openapi-fetch answers: `data` on success, `error` (the parsed body) otherwise. */
type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/**
 * The data of a call, or a `SwitchboardError` thrown: what a React Query `queryFn` wants.
 *   const order = await unwrap(sb.api.GET('/api/orders/{id}', { params: { path: { id } } }));
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new SwitchboardError(response.status, error, response.statusText);
  return data as T;
}

/** The `X-Switchboard-Seq` of an answer: the last event its data includes (a resume's `since`). */
export function seqOf(response: Response): number | null {
  const value = Number(response.headers.get('X-Switchboard-Seq'));
  return response.headers.has('X-Switchboard-Seq') && Number.isFinite(value) ? value : null;
}

/**
 * `If-Match` for a change based on `record` (its ETag is its version): pass it as a call's `headers`
 * when the change must be based on what the user saw, whatever was read since.
 */
export function ifMatch(record: { version: number }): { 'If-Match': string } {
  return { 'If-Match': `"${record.version}"` };
}

/** The seed's toast for an event: "Orders updated" / "The list of orders has been updated in real-time." */
export function toastFor(event: Pick<EventFrame, 'entity'>, catalog?: Catalog | null): { title: string; description: string } {
  const plural = catalog?.collections.find((c) => c.name === event.entity)?.plural_label ?? event.entity.replace(/-/g, ' ');
  const words = plural.toLowerCase();
  return {
    title: `${words[0].toUpperCase()}${words.slice(1)} updated`,
    description: `The list of ${words} has been updated in real-time.`,
  };
}

export interface SwitchboardOptions {
  /** The server: '' (the default) for this page's origin, or e.g. 'https://api.example.com'. */
  baseUrl?: string;
  /**
   * An API token (`sb_…`), or a function giving the current one: sent as `Authorization: Bearer`,
   * and the realtime client connects with a fresh one-time ticket each time. Without one, the
   * browser's session cookie (`login`) is used, sent cross-origin too (credentials: 'include').
   */
  token?: string | (() => string | null | undefined);
  /** Remember each record's ETag and send it as If-Match on its PATCH and DELETE (default true). */
  ifMatch?: boolean;
  fetch?: typeof globalThis.fetch;
  /** For the realtime client; Node 20 has no global WebSocket: pass the `ws` package. */
  WebSocketImpl?: typeof WebSocket;
}

export interface Switchboard {
  /** Every route, typed: `api.GET('/api/orders', { params: { query: { status: 'pending' } } })`. */
  readonly api: Client<paths, 'application/json'>;
  readonly baseUrl: string;
  /** The catalogue, fetched once. */
  catalog(): Promise<Catalog>;
  /** Exchanges a token for the session cookie (browsers on the server's site). */
  login(token: string): Promise<Me>;
  logout(): Promise<void>;
  me(): Promise<Me>;
  /** Where the realtime client connects: with a token, a fresh one-time ticket on each call. */
  realtimeUrl(): Promise<string>;
  /** A realtime client that connects to `realtimeUrl()` on every (re)connect. */
  realtime(options?: Omit<RealtimeOptions, 'url' | 'WebSocketImpl'>): RealtimeClient;
  /** The ETag remembered for a record path (`/api/orders/42`), if any. */
  etagOf(path: string): string | undefined;
}

// A record's path, /api/{collection}/{id}, or one of its actions' (/api/orders/42/status): the ETag
// of the answer is the record's.
const RECORD_PATH = /^(\/api\/[a-z-]+\/\d+)(?:\/[a-z-]+)?$/;
// How many ETags are remembered at most; the oldest go first.
const MAX_ETAGS = 5_000;

/** A client of the server at `baseUrl`. */
export function createSwitchboard(options: SwitchboardOptions = {}): Switchboard {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const tokenOf = () => (typeof options.token === 'function' ? options.token() : options.token) || null;
  const etags = new Map<string, string>();
  // JSON answers only: a list's CSV form (?format=csv) is for downloads, not typed calls.
  const api = createClient<paths, 'application/json'>({ baseUrl, credentials: 'include', fetch: fetchImpl });

  const auth: Middleware = {
    onRequest({ request }) {
      const token = tokenOf();
      if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
  api.use(auth);
  if (options.ifMatch ?? true) api.use(etagMiddleware(baseUrl, etags));

  let catalog: Promise<Catalog> | null = null;
  const switchboard: Switchboard = {
    api,
    baseUrl,
    catalog() {
      catalog ??= unwrap(api.GET('/api/catalog'));
      // A failed fetch is not kept: the next call asks again.
      catalog.catch(() => { catalog = null; });
      return catalog;
    },
    async login(token) {
      await unwrap(api.POST('/api/login', { body: { token } }));
      return switchboard.me();
    },
    async logout() {
      await unwrap(api.POST('/api/logout'));
    },
    me() {
      return unwrap(api.GET('/api/me'));
    },
    async realtimeUrl() {
      const origin = baseUrl || globalThis.location?.origin;
      if (!origin) throw new Error('createSwitchboard: a baseUrl is needed outside a browser');
      const url = new URL('/ws', origin);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      if (tokenOf()) {
        const { ticket } = await unwrap(api.POST('/api/ws-ticket'));
        url.searchParams.set('ticket', ticket);
      }
      return url.toString();
    },
    realtime(realtimeOptions = {}) {
      return new RealtimeClient({
        ...realtimeOptions,
        url: () => switchboard.realtimeUrl(),
        ...(options.WebSocketImpl ? { WebSocketImpl: options.WebSocketImpl } : {}),
      });
    },
    etagOf(path) {
      return etags.get(path);
    },
  };
  return switchboard;
}

/**
 * Remembers the ETag of each record answer (GET, POST, PATCH of /api/{collection}/{id} or a create's
 * Location) and sends it as If-Match on the record's PATCH and DELETE unless the call set one: a
 * save based on a stale read gets 412 `precondition_failed` instead of overwriting someone's change.
 */
function etagMiddleware(baseUrl: string, etags: Map<string, string>): Middleware {
  const pathOf = (url: string) => {
    const path = new URL(url, 'http://base').pathname;
    const prefix = baseUrl ? new URL(baseUrl, 'http://base').pathname.replace(/\/+$/, '') : '';
    return prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
  };
  return {
    onRequest({ request }) {
      const etag = etags.get(pathOf(request.url));
      if (etag && (request.method === 'PATCH' || request.method === 'DELETE') && !request.headers.has('If-Match')) {
        request.headers.set('If-Match', etag);
      }
      return request;
    },
    onResponse({ request, response }) {
      const location = response.headers.get('Location');
      const record = RECORD_PATH.exec(pathOf(request.method === 'POST' && location ? location : request.url))?.[1];
      if (!record || !response.ok) return response;
      const etag = response.headers.get('ETag');
      // Map order is age: delete first so a refreshed entry counts as the newest.
      etags.delete(record);
      if (etag && request.method !== 'DELETE') {
        etags.set(record, etag);
        if (etags.size > MAX_ETAGS) etags.delete(etags.keys().next().value as string);
      }
      return response;
    },
  };
}
