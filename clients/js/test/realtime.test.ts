// The realtime client across a server restart: every event exactly once and in order (resumed from
// the log, with no gap), and a fresh one-time ticket for every connection.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSwitchboard, type RealtimeClient, type Status } from '@switchboard/client';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../../testing/server.mjs';
import { BOUND, RETRY, createCustomers, logHead, quiet } from './support.js';
import { observe } from '../../testing/observer.mjs';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

/** Every event seq in the server's log after `since`, as a bare socket replaying from it sees them. */
async function logSeqsAfter(since: number): Promise<number[]> {
  const witness = await observe(server, { WebSocketImpl: WebSocket, since });
  try {
    const head = witness.frames.find((f) => f.type === 'subscribed')!.seq as number;
    await vi.waitFor(() => expect(witness.events.at(-1)?.seq ?? since).toBe(head), BOUND);
    return witness.events.map((e) => e.seq as number);
  } finally {
    witness.close();
  }
}

function statesOf(realtime: RealtimeClient): Status[] {
  const states: Status[] = [];
  realtime.on('state', (state) => states.push(state));
  return states;
}

describe('RealtimeClient across a server restart', () => {
  it('receives every event exactly once, in order, with no gap: those sent before the stop, while it was away, and after', async () => {
    const since = await logHead(server);
    // The client's ticket requests wait at this gate while it is closed: the changes made then
    // reach the client only through the replay from its last seq.
    let openGate = () => {};
    let gate: Promise<void> = Promise.resolve();
    const gatedFetch = async (request: Request) => {
      if (new URL(request.url).pathname === '/api/ws-ticket') await gate;
      return fetch(request);
    };
    const client = createSwitchboard({ baseUrl: server.baseUrl, token: server.token, fetch: gatedFetch as typeof fetch, WebSocketImpl: WebSocket as never });
    const realtime = client.realtime({ topics: ['customers'], ...RETRY, log: quiet });
    const received: number[] = [];
    realtime.on('event', (event) => received.push(event.seq));
    const states = statesOf(realtime);
    realtime.connect({ since });
    try {
      await createCustomers(server, 'before', 5);
      await vi.waitFor(() => expect(received).toHaveLength(5), BOUND);

      // Changes right before the stop: the client may or may not have them when its socket drops.
      await createCustomers(server, 'racing', 5);
      gate = new Promise((resolve) => { openGate = resolve; });
      await server.restart();
      await createCustomers(server, 'away', 5);
      await vi.waitFor(() => expect(realtime.state).toBe('reconnecting'), BOUND);
      openGate();
      await createCustomers(server, 'after', 5);

      const log = await logSeqsAfter(since);
      expect(log).toHaveLength(20);
      await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(log.length), BOUND);
      expect(received).toEqual(log);
      expect(states).toEqual(['connected', 'reconnecting', 'connected']);
    } finally {
      openGate();
      realtime.disconnect();
    }
  });

  it('asks for a new ticket before every connect: the reconnect after a restart uses a fresh one', async () => {
    const tickets: string[] = [];
    const socketUrls: string[] = [];
    const countingFetch = async (request: Request) => {
      const response = await fetch(request);
      if (request.method === 'POST' && new URL(request.url).pathname === '/api/ws-ticket' && response.ok) {
        tickets.push(((await response.clone().json()) as { ticket: string }).ticket);
      }
      return response;
    };
    class CountingWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        socketUrls.push(String(url));
      }
    }
    const client = createSwitchboard({
      baseUrl: server.baseUrl,
      token: server.token,
      fetch: countingFetch as typeof fetch,
      WebSocketImpl: CountingWebSocket as never,
    });
    const realtime = client.realtime({ topics: ['customers'], ...RETRY, log: quiet });
    const acks: unknown[] = [];
    realtime.on('subscribed', (frame) => acks.push(frame));
    realtime.connect();
    try {
      await vi.waitFor(() => expect(acks).toHaveLength(1), BOUND);
      expect(tickets).toHaveLength(1);
      expect(socketUrls).toEqual([`${server.wsUrl}?ticket=${tickets[0]}`]);

      await server.restart();
      await vi.waitFor(() => expect(acks).toHaveLength(2), BOUND);

      // One ticket per socket, each used once, none reused.
      expect(socketUrls).toEqual(tickets.map((ticket) => `${server.wsUrl}?ticket=${ticket}`));
      expect(new Set(tickets).size).toBe(tickets.length);
      expect(tickets.length).toBeGreaterThanOrEqual(2);
    } finally {
      realtime.disconnect();
    }

    // Which matters: the server refuses a ticket the second time.
    const reused = await handshakeStatus(`${server.wsUrl}?ticket=${tickets.at(-1)}`);
    expect(reused).toBe(401);
  });
});

/** The HTTP status of a WebSocket handshake: 101 when it opens, the server's answer otherwise. */
function handshakeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

describe('RealtimeClient.subscribe with since', () => {
  it('replays what a topic taken up later missed after that seq, then carries it live, each event once', async () => {
    const client = createSwitchboard({ baseUrl: server.baseUrl, token: server.token, WebSocketImpl: WebSocket as never });
    const realtime = client.realtime({ topics: ['employees'], ...RETRY, log: quiet });
    const received: number[] = [];
    realtime.on('event', (event) => received.push(event.seq));
    const acks: string[][] = [];
    realtime.on('subscribed', (frame) => acks.push(frame.topics));
    realtime.connect();
    try {
      await vi.waitFor(() => expect(acks).toEqual([['employees']]), BOUND);
      const since = await logHead(server);
      // Customers changed while the client held only employees: it hears nothing of them.
      await createCustomers(server, 'unheard', 3);
      const missed = await logSeqsAfter(since);
      expect(missed).toHaveLength(3);
      expect(received).toEqual([]);

      realtime.subscribe(['customers'], { since });
      await vi.waitFor(() => expect(received).toEqual(missed), BOUND);
      await createCustomers(server, 'live', 1);
      await vi.waitFor(() => expect(received).toHaveLength(4), BOUND);
      expect(received.slice(0, 3)).toEqual(missed);
      expect(received[3]).toBeGreaterThan(missed.at(-1)!);
    } finally {
      realtime.disconnect();
    }
  });
});
