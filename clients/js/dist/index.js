// @switchboard/client: typed REST calls for every route of the server's API document (openapi-fetch
// over the types openapi-typescript generated in schema.ts), the realtime client, and what ties
// them together: credentials, ETag/If-Match, one-time tickets for each (re)connect, the error shape.
import createClient from 'openapi-fetch';
import { RealtimeClient } from './realtime.js';
export * from './realtime.js';
/** An answer that was not 2xx: its status and the server's `code`, `message` and `details`. */
export class SwitchboardError extends Error {
    status;
    code;
    details;
    constructor(status, body, statusText = '') {
        const error = body?.error;
        super(error?.message || statusText || `HTTP ${status}`);
        this.name = 'SwitchboardError';
        this.status = status;
        this.code = error?.code || (status >= 500 ? 'internal' : 'http_error');
        this.details = error?.details;
    }
}
/**
 * The data of a call, or a `SwitchboardError` thrown: what a React Query `queryFn` wants.
 *   const order = await unwrap(sb.api.GET('/api/orders/{id}', { params: { path: { id } } }));
 */
export async function unwrap(call) {
    const { data, error, response } = await call;
    if (!response.ok)
        throw new SwitchboardError(response.status, error, response.statusText);
    return data;
}
/** The `X-Switchboard-Seq` of an answer: the last event its data includes (a resume's `since`). */
export function seqOf(response) {
    const value = Number(response.headers.get('X-Switchboard-Seq'));
    return response.headers.has('X-Switchboard-Seq') && Number.isFinite(value) ? value : null;
}
/**
 * `If-Match` for a change based on `record` (its ETag is its version): pass it as a call's `headers`
 * when the change must be based on what the user saw, whatever was read since.
 */
export function ifMatch(record) {
    return { 'If-Match': `"${record.version}"` };
}
/** The seed's toast for an event: "Orders updated" / "The list of orders has been updated in real-time." */
export function toastFor(event, catalog) {
    const plural = catalog?.collections.find((c) => c.name === event.entity)?.plural_label ?? event.entity.replace(/-/g, ' ');
    const words = plural.toLowerCase();
    return {
        title: `${words[0].toUpperCase()}${words.slice(1)} updated`,
        description: `The list of ${words} has been updated in real-time.`,
    };
}
// A record's path, /api/{collection}/{id}, or one of its actions' (/api/orders/42/status): the ETag
// of the answer is the record's.
const RECORD_PATH = /^(\/api\/[a-z-]+\/\d+)(?:\/[a-z-]+)?$/;
// How many ETags are remembered at most; the oldest go first.
const MAX_ETAGS = 5_000;
/** A client of the server at `baseUrl`. */
export function createSwitchboard(options = {}) {
    const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    const fetchImpl = options.fetch ?? ((input) => globalThis.fetch(input));
    const tokenOf = () => (typeof options.token === 'function' ? options.token() : options.token) || null;
    const etags = new Map();
    // JSON answers only: a list's CSV form (?format=csv) is for downloads, not typed calls.
    const api = createClient({ baseUrl, credentials: 'include', fetch: fetchImpl });
    const auth = {
        onRequest({ request }) {
            const token = tokenOf();
            if (token && !request.headers.has('Authorization'))
                request.headers.set('Authorization', `Bearer ${token}`);
            return request;
        },
    };
    api.use(auth);
    if (options.ifMatch ?? true)
        api.use(etagMiddleware(baseUrl, etags));
    let catalog = null;
    const switchboard = {
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
            if (!origin)
                throw new Error('createSwitchboard: a baseUrl is needed outside a browser');
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
function etagMiddleware(baseUrl, etags) {
    const pathOf = (url) => {
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
            if (!record || !response.ok)
                return response;
            const etag = response.headers.get('ETag');
            // Map order is age: delete first so a refreshed entry counts as the newest.
            etags.delete(record);
            if (etag && request.method !== 'DELETE') {
                etags.set(record, etag);
                if (etags.size > MAX_ETAGS)
                    etags.delete(etags.keys().next().value);
            }
            return response;
        },
    };
}
