// @vitest-environment jsdom
// A resync (the server's log no longer reaches back to `since`) invalidates every query: the ones
// on screen refetch, the others are refetched when next shown.

import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ResyncFrame, WelcomeFrame } from '@switchboard/client';
import WebSocket from 'ws';
import { startServer, type TestServer } from '../../testing/server.mjs';
import { observe } from '../../testing/observer.mjs';
import { Query, Realtime, countedClient, eventually, fetchesOf, newQueryClient, rawGet } from './support.js';

let server: TestServer;

beforeAll(async () => {
  // A log that keeps one event, pruned every second: resuming from 0 soon cannot be served.
  server = await startServer({ seed: true, env: { SWITCHBOARD_LOG_RETAIN_EVENTS: '1', SWITCHBOARD_LOG_PRUNE_SECS: '1' } });
  for (const name of ['Ada', 'Grace', 'Edsger']) {
    const response = await server.request('POST', '/api/customers', { body: { name, email: `${name.toLowerCase()}@example.com` } });
    expect(response.status).toBe(201);
  }
  await eventually(async () => expect(await firstAnswerSinceZero()).toBe('resync'));
});

afterEach(() => cleanup());

afterAll(async () => {
  await server?.stop();
});

/** What the server sends a bare socket after acknowledging a subscription since 0: a replayed event or a resync. */
async function firstAnswerSinceZero(): Promise<string> {
  const witness = await observe(server, { WebSocketImpl: WebSocket, since: 0 });
  try {
    const acked = witness.frames.findIndex((f) => f.type === 'subscribed');
    return await eventually(() => {
      const next = witness.frames.slice(acked + 1).find((f) => f.type === 'resync' || typeof f.entity === 'string');
      expect(next).toBeDefined();
      return next!.type === 'resync' ? 'resync' : 'event';
    });
  } finally {
    witness.close();
  }
}

it('invalidates every query on a resync, and the shown ones refetch', async () => {
  const shown = ['customers', { limit: 5, offset: 0 }];
  const hidden = ['order', 1];
  const queryClient = newQueryClient();
  queryClient.setQueryData(hidden, await rawGet(server, '/api/orders/1'));
  const fetches = new Map<string, number>();
  const resyncs: (ResyncFrame | WelcomeFrame)[] = [];
  const { client } = countedClient(server);
  render(
    <QueryClientProvider client={queryClient}>
      <Query queryKey={shown} load={() => rawGet(server, '/api/customers?limit=5&offset=0')} fetches={fetches} />
    </QueryClientProvider>,
  );
  await eventually(() => expect(queryClient.getQueryData(shown)).toBeDefined());
  expect(queryClient.getQueryState(hidden)?.isInvalidated).toBe(false);

  render(
    <QueryClientProvider client={queryClient}>
      <Realtime client={client} since={0} onResync={(frame) => resyncs.push(frame)} />
    </QueryClientProvider>,
  );

  await eventually(() => expect(resyncs).toEqual([expect.objectContaining({ type: 'resync' })]));
  expect(queryClient.getQueryState(hidden)?.isInvalidated).toBe(true);
  await eventually(() => expect(fetchesOf(fetches, shown)).toBe(2));
});
