// applyEvent on its own: real event frames from a real server, applied to QueryClients holding
// each kind of cache state the rule distinguishes.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import type { EventFrame } from '@switchboard/client';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../../testing/server.mjs';
import { observe, type Witness } from '../../testing/observer.mjs';
import { applyEvent, applyResync } from '../src/apply-event.js';

let server: TestServer;
let witness: Witness;
// A customer's life as the server tells it: created (version 1), updated (version 2), deleted.
let created: EventFrame;
let updated: EventFrame;
let deleted: EventFrame;

beforeAll(async () => {
  server = await startServer();
  witness = await observe(server, { WebSocketImpl: WebSocket, topics: ['customers'] });
  const response = await server.request('POST', '/api/customers', { body: { name: 'Ada Lovelace', email: 'ada@example.com' } });
  const { id } = (await response.json()) as { id: number };
  expect((await server.request('PATCH', `/api/customers/${id}`, { body: { phone: '+44 20 7946 0000' } })).status).toBe(200);
  expect((await server.request('DELETE', `/api/customers/${id}`)).status).toBeLessThan(300);
  await vi.waitFor(() => expect(witness.events).toHaveLength(3), { timeout: 10_000 });
  [created, updated, deleted] = witness.events as unknown as [EventFrame, EventFrame, EventFrame];
});

afterAll(async () => {
  witness?.close();
  await server?.stop();
});

describe('applyEvent', () => {
  it('invalidates every list and view key by prefix, and only those', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(['customers'], []);
    queryClient.setQueryData(['customers', { limit: 50, offset: 0 }], []);
    queryClient.setQueryData(['orders', { limit: 50, offset: 0 }], []);

    expect(applyEvent(queryClient, updated)).toBe(true);

    expect(updated.invalidate).toContainEqual(['customers']);
    expect(invalidated(queryClient, ['customers'])).toBe(true);
    expect(invalidated(queryClient, ['customers', { limit: 50, offset: 0 }])).toBe(true);
    expect(invalidated(queryClient, ['orders', { limit: 50, offset: 0 }])).toBe(false);
  });

  it("puts the event's record in the cache when the cached version is older, without invalidating it", () => {
    const queryClient = new QueryClient();
    const key = ['customer', updated.id];
    queryClient.setQueryData(key, created.data);

    applyEvent(queryClient, updated);

    expect((created.data as { version: number }).version).toBe(1);
    expect(queryClient.getQueryData(key)).toEqual(updated.data);
    expect((queryClient.getQueryData(key) as { version: number }).version).toBe(2);
    expect(invalidated(queryClient, key)).toBe(false);
  });

  it('replaces a cached record that has no version', () => {
    const queryClient = new QueryClient();
    const key = ['customer', updated.id];
    queryClient.setQueryData(key, { id: updated.id, name: 'no version' });

    applyEvent(queryClient, updated);

    expect(queryClient.getQueryData(key)).toEqual(updated.data);
  });

  it('leaves a cached record at the same or a newer version as it is, neither replaced nor invalidated', () => {
    for (const version of [2, 3]) {
      const queryClient = new QueryClient();
      const key = ['customer', updated.id];
      const mine = { ...updated.data, version, name: 'what this tab holds' };
      queryClient.setQueryData(key, mine);

      applyEvent(queryClient, updated);

      expect(queryClient.getQueryData(key)).toBe(mine);
      expect(invalidated(queryClient, key)).toBe(false);
    }
  });

  it('caches nothing for a record nobody has loaded', () => {
    const queryClient = new QueryClient();

    applyEvent(queryClient, updated);

    expect(queryClient.getQueryState(['customer', updated.id])).toBeUndefined();
  });

  it('invalidates the exact record key of a delete, whatever the cached version', () => {
    const queryClient = new QueryClient();
    const key = ['customer', deleted.id];
    queryClient.setQueryData(key, updated.data);
    queryClient.setQueryData([...key, 'history'], []);

    applyEvent(queryClient, deleted);

    expect(deleted.type).toBe('customer_deleted');
    expect(queryClient.getQueryData(key)).toEqual(updated.data);
    expect(invalidated(queryClient, key)).toBe(true);
    expect(invalidated(queryClient, [...key, 'history'])).toBe(false);
  });

  it('skips an event whose seq is at or below the highest applied to that QueryClient', () => {
    const queryClient = new QueryClient();
    const other = new QueryClient();
    expect(applyEvent(queryClient, updated)).toBe(true);
    queryClient.setQueryData(['customers'], []);

    expect(applyEvent(queryClient, updated)).toBe(false);
    expect(applyEvent(queryClient, created)).toBe(false);
    expect(invalidated(queryClient, ['customers'])).toBe(false);
    // Another QueryClient keeps its own count.
    expect(applyEvent(other, created)).toBe(true);
    expect(applyEvent(queryClient, deleted)).toBe(true);
  });

  it('after a resync, counts from the seq the server gave and has invalidated everything', () => {
    const queryClient = new QueryClient();
    applyEvent(queryClient, deleted);
    queryClient.setQueryData(['orders'], []);
    queryClient.setQueryData(['order', 1], { version: 1 });

    applyResync(queryClient, created.seq - 1);

    expect(invalidated(queryClient, ['orders'])).toBe(true);
    expect(invalidated(queryClient, ['order', 1])).toBe(true);
    expect(applyEvent(queryClient, created)).toBe(true);
  });
});

function invalidated(queryClient: QueryClient, key: QueryKey): boolean | undefined {
  return queryClient.getQueryState(key)?.isInvalidated;
}

