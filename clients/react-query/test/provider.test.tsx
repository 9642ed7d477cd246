// @vitest-environment jsdom
// SwitchboardProvider against a real server: the client and the connection's status in context,
// the seed's toast wording, the status through a server restart, and a revoked token's 1008.

import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { Close, Status, Switchboard } from '@switchboard/client';
import { startServer, type TestServer } from '../../testing/server.mjs';
import { SwitchboardProvider, useRealtimeStatus, useSwitchboard, type Toast } from '../src/index.js';
import { countedClient, eventually, logSeq, newQueryClient } from './support.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterEach(() => cleanup());

afterAll(async () => {
  await server?.stop();
});

function StatusBadge() {
  return <output aria-label="status">{useRealtimeStatus()}</output>;
}

function ClientCheck({ expected }: { expected: Switchboard }) {
  return <output aria-label="client">{useSwitchboard() === expected ? 'the provider’s client' : 'another client'}</output>;
}

it('gives its client and the connection status to the components below, toasts in the seed’s words, and reports a revoked token', async () => {
  const token = await server.createToken('Provider user', 'admin');
  const me = (await (await server.request('GET', '/api/me', { token })).json()) as { token_id: number };
  const { client } = countedClient(server, token);
  const statuses: Status[] = [];
  const toasts: Toast[] = [];
  const denials: Close[] = [];
  const since = await logSeq(server);
  render(
    <QueryClientProvider client={newQueryClient()}>
      <SwitchboardProvider
        client={client}
        topics={['customers']}
        since={since}
        onStatus={(status) => statuses.push(status)}
        onEvent={(_event, { toast }) => toasts.push(toast)}
        onDenied={(close) => denials.push(close)}
      >
        <StatusBadge />
        <ClientCheck expected={client} />
      </SwitchboardProvider>
    </QueryClientProvider>,
  );
  expect(screen.getByLabelText('client').textContent).toBe('the provider’s client');
  await eventually(() => expect(screen.getByLabelText('status').textContent).toBe('connected'));
  await client.catalog();

  const created = await server.request('POST', '/api/customers', { body: { name: 'Ada Lovelace', email: 'ada@example.com' } });
  expect(created.status).toBe(201);
  await eventually(() =>
    expect(toasts).toEqual([{ title: 'Customers updated', description: 'The list of customers has been updated in real-time.' }]),
  );

  await server.shutdown();
  await eventually(() => expect(screen.getByLabelText('status').textContent).toBe('reconnecting'));
  await server.start();
  await eventually(() => expect(screen.getByLabelText('status').textContent).toBe('connected'));
  expect(statuses).toEqual(['connected', 'reconnecting', 'connected']);

  const revoked = await server.request('DELETE', `/api/tokens/${me.token_id}`);
  expect(revoked.status).toBeLessThan(300);
  await eventually(() => expect(denials).toEqual([expect.objectContaining({ code: 1008 })]));
  await eventually(() => expect(screen.getByLabelText('status').textContent).toBe('offline'));
});

it('refuses useSwitchboard and useRealtimeStatus outside a provider', () => {
  // React logs the error it rethrows; the assertion is on the throw.
  const quiet = console.error;
  console.error = () => {};
  try {
    expect(() => render(<StatusBadge />)).toThrow('useRealtimeStatus() must be called inside a <SwitchboardProvider>');
  } finally {
    console.error = quiet;
  }
});
