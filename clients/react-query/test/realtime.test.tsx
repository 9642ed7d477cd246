// @vitest-environment jsdom
// useSwitchboardRealtime in React, against a real server: what the cache holds and what is
// refetched after an event, one socket however many components use the hook, and no event
// applied twice.

import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { unwrap, type EventFrame } from '@switchboard/client';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../../testing/server.mjs';
import { observe, type Witness } from '../../testing/observer.mjs';
import { Query, Realtime, countedClient, eventually, fetchesOf, logSeq, newQueryClient, rawGet } from './support.js';

type Order = { id: number; version: number; notes: string | null };

let server: TestServer;
let witness: Witness;

beforeAll(async () => {
  server = await startServer({ seed: true });
  witness = await observe(server, { WebSocketImpl: WebSocket, topics: ['*', 'operator'] });
});

afterEach(() => cleanup());

afterAll(async () => {
  witness?.close();
  await server?.stop();
});

/** Another user changes an order's notes (with If-Match); resolves to the PATCH's answer. */
async function changeAsAnotherUser(id: number, version: number, notes: string): Promise<Order> {
  const response = await server.request('PATCH', `/api/orders/${id}`, {
    token: server.otherToken,
    body: { notes },
    headers: { 'if-match': `"${version}"` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Order;
}

/** The event the witness saw for `order`'s change to its `version`. */
async function eventFor(order: Order): Promise<EventFrame> {
  let found: EventFrame | undefined;
  await eventually(() => {
    found = witness.events.find((e) => e.entity === 'orders' && e.id === order.id && e.data?.version === order.version) as EventFrame | undefined;
    expect(found).toBeDefined();
  });
  return found!;
}

describe('useSwitchboardRealtime', () => {
  it("puts a newer version of a record in the cache, and leaves a cache already at the event's version as it is; no refetch either way", async () => {
    const id = 2;
    const key = ['order', id];
    const queryClient = newQueryClient();
    const { client } = countedClient(server);
    const seen: EventFrame[] = [];
    const fetches = new Map<string, number>();
    const since = await logSeq(server);
    render(
      <QueryClientProvider client={queryClient}>
        <Realtime client={client} since={since} seen={seen} />
        <Query queryKey={key} load={() => rawGet(server, `/api/orders/${id}`)} fetches={fetches} />
      </QueryClientProvider>,
    );
    await eventually(() => expect(queryClient.getQueryData(key)).toBeDefined());
    const loaded = queryClient.getQueryData<Order>(key)!;

    // Another user's change (v → v+1): the event's record replaces the cached one.
    const theirs = await changeAsAnotherUser(id, loaded.version, 'changed by another user');
    expect(theirs.version).toBe(loaded.version + 1);
    const first = await eventFor(theirs);
    await eventually(() => expect(seen.map((e) => e.seq)).toContain(first.seq));
    expect(queryClient.getQueryData(key)).toEqual(theirs);

    // This tab already holds the version the next event carries: it keeps what it has.
    const mine = { ...theirs, version: theirs.version + 1, notes: 'what this tab holds' };
    queryClient.setQueryData(key, mine);
    const next = await changeAsAnotherUser(id, theirs.version, 'changed again by another user');
    expect(next.version).toBe(mine.version);
    const second = await eventFor(next);
    await eventually(() => expect(seen.map((e) => e.seq)).toContain(second.seq));
    expect(queryClient.getQueryData(key)).toEqual(mine);
    expect(queryClient.getQueryState(key)?.isInvalidated).toBe(false);

    expect(fetchesOf(fetches, key)).toBe(1);
  });

  it("costs no refetch of the record after one's own PATCH, while the lists and views the event names are refetched", async () => {
    const id = 3;
    const record = ['order', id];
    const list = ['orders', { limit: 5, offset: 0 }];
    const view = ['live-tracking-orders'];
    const unrelated = ['customers', { limit: 5, offset: 0 }];
    const queryClient = newQueryClient();
    const { client } = countedClient(server);
    const seen: EventFrame[] = [];
    const fetches = new Map<string, number>();
    const since = await logSeq(server);
    render(
      <QueryClientProvider client={queryClient}>
        <Realtime client={client} since={since} seen={seen} />
        <Query queryKey={record} load={() => unwrap(client.api.GET('/api/orders/{id}', { params: { path: { id } } }))} fetches={fetches} />
        <Query queryKey={list} load={() => rawGet(server, '/api/orders?limit=5&offset=0')} fetches={fetches} />
        <Query queryKey={view} load={() => rawGet(server, '/api/live-tracking-orders')} fetches={fetches} />
        <Query queryKey={unrelated} load={() => rawGet(server, '/api/customers?limit=5&offset=0')} fetches={fetches} />
      </QueryClientProvider>,
    );
    await eventually(() => {
      for (const key of [record, list, view, unrelated]) expect(queryClient.getQueryData(key)).toBeDefined();
    });

    // The app saves, and puts the PATCH's answer in the cache.
    const saved = (await unwrap(
      client.api.PATCH('/api/orders/{id}', { params: { path: { id } }, body: { notes: 'my own change' } }),
    )) as Order;
    queryClient.setQueryData(record, saved);
    const own = await eventFor(saved);
    expect(own.invalidate).toEqual(expect.arrayContaining([['orders'], ['order', id], ['live-tracking-orders']]));
    await eventually(() => expect(seen.map((e) => e.seq)).toContain(own.seq));

    await eventually(() => {
      expect(fetchesOf(fetches, list)).toBe(2);
      expect(fetchesOf(fetches, view)).toBe(2);
    });
    expect(fetchesOf(fetches, record)).toBe(1);
    expect(fetchesOf(fetches, unrelated)).toBe(1);
    expect(queryClient.getQueryData(record)).toEqual(saved);
  });

  it('applies an event once when two connections feed one QueryClient', async () => {
    const id = 4;
    const queryClient = newQueryClient();
    const one = countedClient(server);
    const two = countedClient(server);
    const seenByOne: EventFrame[] = [];
    const seenByTwo: EventFrame[] = [];
    const since = await logSeq(server);
    render(
      <QueryClientProvider client={queryClient}>
        <Realtime name="one" client={one.client} since={since} seen={seenByOne} />
        <Realtime name="two" client={two.client} since={since} seen={seenByTwo} />
      </QueryClientProvider>,
    );
    const loaded = (await rawGet(server, `/api/orders/${id}`)) as Order;

    const changed = await changeAsAnotherUser(id, loaded.version, 'seen by two sockets');
    const event = await eventFor(changed);
    // Both sockets received it…
    await eventually(() => {
      for (const name of ['one', 'two']) {
        expect(Number(screen.getByLabelText(name).dataset.lastSeq)).toBeGreaterThanOrEqual(event.seq);
      }
    });
    expect(one.sockets).toHaveLength(1);
    expect(two.sockets).toHaveLength(1);
    // …and it was applied, and announced, once.
    const announced = [...seenByOne, ...seenByTwo].filter((e) => e.seq === event.seq);
    expect(announced).toHaveLength(1);
  });

  it('opens one socket, with one ticket, for three components re-rendered with new callbacks and topic arrays', async () => {
    const id = 5;
    const name = 'Three components';
    const { client, sockets, requests } = countedClient(server, await server.createToken(name, 'admin'));
    const queryClient = newQueryClient();
    const seen: EventFrame[][] = [[], [], []];
    const since = await logSeq(server);
    const tree = () => (
      <QueryClientProvider client={queryClient}>
        {seen.map((list, i) => (
          <Realtime key={i} name={`hook ${i}`} client={client} since={since} topics={['orders', '*']} seen={list} />
        ))}
      </QueryClientProvider>
    );
    const view = render(tree());
    for (let round = 0; round < 3; round += 1) view.rerender(tree());
    await eventually(() => expect(screen.getByLabelText('hook 0').textContent).toBe('connected'));

    const loaded = (await rawGet(server, `/api/orders/${id}`)) as Order;
    const event = await eventFor(await changeAsAnotherUser(id, loaded.version, 'seen by three components'));
    await eventually(() => {
      for (const list of seen) expect(list.map((e) => e.seq)).toContain(event.seq);
    });
    expect(sockets).toHaveLength(1);
    expect(requests.filter((r) => r === 'POST /api/ws-ticket')).toHaveLength(1);

    // The server agrees: the next operator report shows one session for this token.
    const after = witness.frames.length;
    const report = await eventually(() => {
      const frame = witness.frames.slice(after).find((f) => f.type === 'operator');
      expect(frame).toBeDefined();
      return frame!;
    });
    const principals = report.principals as { name: string; sessions: number }[];
    expect(principals.filter((p) => p.name === name)).toEqual([expect.objectContaining({ sessions: 1 })]);

    // The last component to go closes it.
    view.rerender(<QueryClientProvider client={queryClient}>{null}</QueryClientProvider>);
    await eventually(() => expect(sockets[0]!.readyState).toBe(WebSocket.CLOSED));
  });

  it("follows a change of topics on the same socket: subscribes what was added, unsubscribes what was dropped", async () => {
    const name = 'Changing topics';
    const { client, sockets, sent } = countedClient(server, await server.createToken(name, 'admin'));
    const queryClient = newQueryClient();
    const seen: EventFrame[] = [];
    const since = await logSeq(server);
    const subscriptions = () => sent.filter((f) => f.type === 'subscribe' || f.type === 'unsubscribe').map((f) => [f.type, ...(f.topics ?? [])]);
    const tree = (topics: string[]) => (
      <QueryClientProvider client={queryClient}>
        <Realtime client={client} since={since} topics={topics} seen={seen} />
      </QueryClientProvider>
    );
    const view = render(tree(['customers']));
    await serverCountsTopics(name, 1);

    view.rerender(tree(['orders', 'customers']));
    await serverCountsTopics(name, 2);
    // The same topics in a new array, in another order: nothing to send.
    view.rerender(tree(['customers', 'orders']));
    const order = (await rawGet(server, '/api/orders/6')) as Order;
    const orderEvent = await eventFor(await changeAsAnotherUser(order.id, order.version, 'orders added'));
    await eventually(() => expect(seen.map((e) => e.seq)).toContain(orderEvent.seq));

    view.rerender(tree(['orders']));
    await serverCountsTopics(name, 1);
    // A customer's change, then an order's: events come in seq order, so once the order's is
    // here the customer's would have come before it, had customers still been subscribed.
    const customer = await server.request('PATCH', '/api/customers/1', { token: server.otherToken, body: { notes: 'not for this tab' } });
    expect(customer.status).toBe(200);
    const last = await eventFor(await changeAsAnotherUser(order.id, order.version + 1, 'customers dropped'));
    await eventually(() => expect(seen.map((e) => e.seq)).toContain(last.seq));
    expect(seen.map((e) => e.entity)).toEqual(['orders', 'orders']);

    expect(sockets).toHaveLength(1);
    expect(subscriptions()).toEqual([['subscribe', 'customers'], ['subscribe', 'orders'], ['unsubscribe', 'customers']]);
  });
});

describe('useSwitchboardRealtime after every user left', () => {
  it('resumes from the last event applied to the QueryClient: what happened meanwhile is replayed', async () => {
    const id = 7;
    const queryClient = newQueryClient();
    const { client, sockets } = countedClient(server);
    const before: EventFrame[] = [];
    const after: EventFrame[] = [];
    const since = await logSeq(server);
    const tree = (seen: EventFrame[], from?: number) => (
      <QueryClientProvider client={queryClient}>
        <Realtime client={client} since={from} seen={seen} />
      </QueryClientProvider>
    );
    const view = render(tree(before, since));
    const loaded = (await rawGet(server, `/api/orders/${id}`)) as Order;
    const first = await eventFor(await changeAsAnotherUser(id, loaded.version, 'while connected'));
    await eventually(() => expect(before.map((e) => e.seq)).toContain(first.seq));
    view.unmount();
    await eventually(() => expect(sockets[0]!.readyState).toBe(WebSocket.CLOSED));

    const missed = await eventFor(await changeAsAnotherUser(id, loaded.version + 1, 'while nobody listened'));
    render(tree(after));
    await eventually(() => expect(after.map((e) => e.seq)).toContain(missed.seq));
    expect(after.map((e) => e.seq)).not.toContain(first.seq);
    expect(sockets).toHaveLength(2);
  });
});

describe('useSwitchboardRealtime in StrictMode', () => {
  it('ends with one open socket after React mounts, unmounts and mounts again', async () => {
    const { client, sockets } = countedClient(server);
    const queryClient = newQueryClient();
    const seen: EventFrame[] = [];
    const since = await logSeq(server);
    render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <Realtime client={client} since={since} seen={seen} />
        </QueryClientProvider>
      </StrictMode>,
    );
    await eventually(() => expect(screen.getByLabelText('realtime').textContent).toBe('connected'));
    const loaded = (await rawGet(server, '/api/orders/8')) as Order;
    const event = await eventFor(await changeAsAnotherUser(8, loaded.version, 'strict mode'));
    await eventually(() => expect(seen.map((e) => e.seq)).toContain(event.seq));
    expect(seen.filter((e) => e.seq === event.seq)).toHaveLength(1);
    await eventually(() => expect(sockets.filter((s) => s.readyState !== WebSocket.CLOSED)).toHaveLength(1));
  });
});

describe('useSwitchboardRealtime with enabled', () => {
  it('holds no connection while disabled, and opens one when enabled', async () => {
    const { client, sockets, requests } = countedClient(server);
    const queryClient = newQueryClient();
    const tree = (enabled: boolean) => (
      <QueryClientProvider client={queryClient}>
        <Realtime client={client} enabled={enabled} />
      </QueryClientProvider>
    );
    const view = render(tree(false));
    // Rendered and its effects run, yet offline: no ticket asked for, no socket.
    expect(screen.getByLabelText('realtime').textContent).toBe('offline');
    expect(requests).toEqual([]);
    expect(sockets).toHaveLength(0);

    view.rerender(tree(true));
    await eventually(() => expect(screen.getByLabelText('realtime').textContent).toBe('connected'));
    expect(sockets).toHaveLength(1);
  });
});

/** Wait for an operator report, sent after this call, in which the token `name`'s session holds `count` topics. */
async function serverCountsTopics(name: string, count: number): Promise<void> {
  const after = witness.frames.length;
  await eventually(() => {
    const reports = witness.frames.slice(after).filter((f) => f.type === 'operator');
    const last = (reports.at(-1)?.principals as { name: string; topics: number }[] | undefined)?.find((p) => p.name === name);
    expect(last?.topics).toBe(count);
  });
}
