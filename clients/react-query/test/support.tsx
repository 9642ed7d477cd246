// What the hook tests share: a Switchboard client whose sockets and requests are counted, React
// components that hold the hook or a query, and the seq of the server's log now.

import { expect, vi } from 'vitest';
import { useQuery, useQueryClient, QueryClient, type QueryKey } from '@tanstack/react-query';
import { createSwitchboard, type EventFrame, type Switchboard } from '@switchboard/client';
import WebSocket from 'ws';
import type { TestServer } from '../../testing/server.mjs';
import { useSwitchboardRealtime, type RealtimeHookOptions } from '../src/index.js';

const BOUND = { timeout: 10_000, interval: 20 };

/** Wait (10 s at most) until `assertion` stops throwing; resolves to what it returned. */
export function eventually<T>(assertion: () => T): Promise<T> {
  return vi.waitFor(assertion, BOUND);
}

export interface CountedClient {
  client: Switchboard;
  /** Every WebSocket the client opened. */
  sockets: WebSocket[];
  /** "METHOD /path" of every request the client made. */
  requests: string[];
  /** Every frame the client sent, parsed. */
  sent: { type: string; topics?: string[] }[];
}

/** A Switchboard client for `token` on `server`, recording its sockets, requests and frames. */
export function countedClient(server: TestServer, token = server.token): CountedClient {
  const sockets: WebSocket[] = [];
  const requests: string[] = [];
  const sent: CountedClient['sent'] = [];
  class CountedWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
      const send = this.send.bind(this) as (data: string) => void;
      this.send = ((data: string) => {
        sent.push(JSON.parse(data));
        send(data);
      }) as WebSocket['send'];
    }
  }
  const countedFetch: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    return fetch(request);
  };
  const client = createSwitchboard({
    baseUrl: server.baseUrl,
    token,
    fetch: countedFetch,
    WebSocketImpl: CountedWebSocket as unknown as typeof globalThis.WebSocket,
  });
  return { client, sockets, requests, sent };
}

/** Retries off: a failed request is a failed test, not a slow one. */
export function newQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

/** The seq of the server's event log now (what a first load would pass as `since`). */
export async function logSeq(server: TestServer): Promise<number> {
  const response = await server.request('GET', '/api/orders?limit=1');
  await response.arrayBuffer();
  const seq = Number(response.headers.get('x-switchboard-seq'));
  expect(Number.isInteger(seq)).toBe(true);
  return seq;
}

/** Holds the hook and shows its status; `seen` gets every event it was told about. */
export function Realtime(props: Omit<RealtimeHookOptions, 'onEvent'> & { seen?: EventFrame[]; name?: string }) {
  const { seen, name = 'realtime', ...options } = props;
  const { status, lastSeq } = useSwitchboardRealtime(useQueryClient(), {
    ...options,
    // A new function on every render: the hook must not care.
    onEvent: (event) => seen?.push(event),
  });
  return <output aria-label={name} data-last-seq={lastSeq ?? ''}>{status}</output>;
}

/** Keeps `queryKey` observed (so an invalidation refetches it), loaded by `load`; counts its fetches. */
export function Query({ queryKey, load, fetches }: { queryKey: QueryKey; load: () => Promise<unknown>; fetches: Map<string, number> }) {
  useQuery({
    queryKey,
    queryFn: () => {
      const name = JSON.stringify(queryKey);
      fetches.set(name, (fetches.get(name) ?? 0) + 1);
      return load();
    },
  });
  return null;
}

export function fetchesOf(fetches: Map<string, number>, queryKey: QueryKey): number {
  return fetches.get(JSON.stringify(queryKey)) ?? 0;
}

/** GET `path` with the server's token, outside the client under test; throws unless 2xx. */
export async function rawGet(server: TestServer, path: string): Promise<unknown> {
  const response = await server.request('GET', path);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}
