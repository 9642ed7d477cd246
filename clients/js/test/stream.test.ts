// Where WebSockets cannot be opened (a proxy refusing upgrades, played here by a WebSocket that
// always fails its handshake), the realtime client reads the same frames from GET /sse: events
// exactly once and in order, across a server restart, with a fresh ticket each time.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSwitchboard } from '@switchboard/client';
import { startServer, type TestServer } from '../../testing/server.mjs';
import { BOUND, RETRY, createCustomers, logHead, quiet } from './support.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

/** A WebSocket whose handshake always fails, as behind a proxy that refuses upgrades; counted. */
function refusedWebSockets() {
  const attempts: string[] = [];
  class Refused {
    readyState = 0;
    onopen: (() => void) | null = null;
    onmessage: ((message: { data: string }) => void) | null = null;
    onerror: (() => void) | null = null;
    onclose: ((event: { code: number; reason: string }) => void) | null = null;
    constructor(url: string) {
      attempts.push(url);
      setTimeout(() => {
        this.readyState = 3;
        this.onerror?.();
        this.onclose?.({ code: 1006, reason: '' });
      }, 5);
    }
    send() {}
    close() {}
  }
  return { attempts, WebSocketImpl: Refused as unknown as typeof WebSocket };
}

describe('RealtimeClient over the event stream', () => {
  it('falls back to /sse when WebSockets fail, and gets every event once, in order, across a restart', async () => {
    const since = await logHead(server);
    const { attempts, WebSocketImpl } = refusedWebSockets();
    const tickets: string[] = [];
    // Every ticket the server hands out, as the client receives it.
    const countingFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      if (new URL(request.url).pathname === '/api/ws-ticket' && response.ok) {
        tickets.push((await response.clone().json()).ticket);
      }
      return response;
    };
    const client = createSwitchboard({ baseUrl: server.baseUrl, token: server.token, fetch: countingFetch as typeof fetch, WebSocketImpl });
    const realtime = client.realtime({ topics: ['customers'], ...RETRY, log: quiet });
    const received: number[] = [];
    realtime.on('event', (event) => received.push(event.seq));
    realtime.connect({ since });
    try {
      await vi.waitFor(() => expect(realtime.state).toBe('connected'), BOUND);
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      await createCustomers(server, 'stream', 4);
      await vi.waitFor(() => expect(received).toHaveLength(4), BOUND);

      await server.shutdown();
      await vi.waitFor(() => expect(realtime.state).toBe('reconnecting'), BOUND);
      await server.start();
      await createCustomers(server, 'after', 3);
      await vi.waitFor(() => expect(received).toHaveLength(7), BOUND);
      // Exactly the log's seqs after `since`: nothing lost, nothing twice, in order.
      expect(received).toEqual(Array.from({ length: 7 }, (_, i) => since + 1 + i));
      // A ticket for every connect, WebSocket attempts and streams alike, each used once.
      expect(new Set(tickets).size).toBe(tickets.length);
      expect(tickets.length).toBeGreaterThanOrEqual(attempts.length + 2);
    } finally {
      realtime.disconnect();
    }
  });

  it('changes a stream\'s topics by reconnecting from where it was', async () => {
    const client = createSwitchboard({ baseUrl: server.baseUrl, token: server.token, WebSocketImpl: refusedWebSockets().WebSocketImpl });
    const realtime = client.realtime({ topics: ['customers'], transport: 'sse', ...RETRY, log: quiet });
    const types: string[] = [];
    realtime.on('event', (event) => types.push(event.type));
    realtime.connect({ since: await logHead(server) });
    try {
      await vi.waitFor(() => expect(realtime.state).toBe('connected'), BOUND);
      const subscribed = new Promise((resolve) => realtime.on('subscribed', resolve));
      realtime.subscribe(['employees']);
      await subscribed;
      const employee = await server.request('POST', '/api/employees', {
        body: { name: 'Stream Hopper', email: `stream-${Date.now()}@example.com`, role: 'manager' },
      });
      expect(employee.status).toBe(201);
      await createCustomers(server, 'topics', 1);
      await vi.waitFor(() => expect(types).toEqual(['employee_created', 'customer_created']), BOUND);
    } finally {
      realtime.disconnect();
    }
  });
});
