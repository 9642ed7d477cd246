import { type Client } from 'openapi-fetch';
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
export type EventOf<C extends CollectionName> = Extract<Schemas['Event'], {
    entity: C;
}>;
/** A collection's record, as `GET /api/{collection}/{id}` answers it. */
export type RecordOf<C extends CollectionName> = Exclude<EventOf<C>['data'], Schemas['SegmentsRecomputed']>;
/** Who is calling (`GET /api/me`). */
export type Me = Schemas['Principal'];
/** The catalogue (`GET /api/catalog`): collections (names, query keys, labels, fields, status machines), actions, views, roles. */
export type Catalog = Schemas['Catalog'];
/** One collection of the catalogue: `item_key`, `plural_label`, `invalidates`, `fields`, … */
export type CatalogCollection = Schemas['CollectionEntry'];
/** An answer that was not 2xx: its status and the server's `code`, `message` and `details`. */
export declare class SwitchboardError extends Error {
    readonly status: number;
    readonly code: string;
    readonly details: unknown;
    constructor(status: number, body: unknown, statusText?: string);
}
/** What openapi-fetch answers: `data` on success, `error` (the parsed body) otherwise. */
type FetchResult<T> = {
    data?: T;
    error?: unknown;
    response: Response;
};
/**
 * The data of a call, or a `SwitchboardError` thrown: what a React Query `queryFn` wants.
 *   const order = await unwrap(sb.api.GET('/api/orders/{id}', { params: { path: { id } } }));
 */
export declare function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T>;
/** The `X-Switchboard-Seq` of an answer: the last event its data includes (a resume's `since`). */
export declare function seqOf(response: Response): number | null;
/**
 * `If-Match` for a change based on `record` (its ETag is its version): pass it as a call's `headers`
 * when the change must be based on what the user saw, whatever was read since.
 */
export declare function ifMatch(record: {
    version: number;
}): {
    'If-Match': string;
};
/** The seed's toast for an event: "Orders updated" / "The list of orders has been updated in real-time." */
export declare function toastFor(event: Pick<EventFrame, 'entity'>, catalog?: Catalog | null): {
    title: string;
    description: string;
};
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
/** A client of the server at `baseUrl`. */
export declare function createSwitchboard(options?: SwitchboardOptions): Switchboard;
