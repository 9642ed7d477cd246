// @vitest-environment jsdom
// usePresence against a real server: two people, each in their own app, on one order see each
// other, what each is doing, and the other gone when they leave.

import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { PresenceState } from '@switchboard/client';
import { startServer, type TestServer } from '../../testing/server.mjs';
import { SwitchboardProvider, usePresence } from '../src/index.js';
import { countedClient, eventually, newQueryClient } from './support.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ seed: true });
});

afterEach(() => cleanup());

afterAll(async () => {
  await server?.stop();
});

/** Who else is on `topic`, as one line: "name:state, …". */
function Others({ label, topic, state }: { label: string; topic: string; state: PresenceState }) {
  const { people, count } = usePresence(topic, state);
  const text = people.map((p) => `${p.name}:${p.state}`).join(', ');
  return <output aria-label={label} data-count={count}>{text}</output>;
}

/** One person's app: its own client, QueryClient and provider. */
function App({ token, label, state }: { token: string; label: string; state: PresenceState }) {
  const [client] = useState(() => countedClient(server, token).client);
  const [queryClient] = useState(newQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SwitchboardProvider client={client} topics={['orders']}>
        <Others label={label} topic="orders:1" state={state} />
      </SwitchboardProvider>
    </QueryClientProvider>
  );
}

describe('usePresence', () => {
  it('shows who else is on a record and what they do, and drops them when they leave', async () => {
    const desk = await server.createToken('Dispatch desk', 'dispatcher');
    const ann = await server.createToken('Ann (accounts)', 'manager');
    const first = render(<App token={desk} label="desk sees" state="editing" />);
    render(<App token={ann} label="ann sees" state="viewing" />);

    await eventually(() => expect(screen.getByLabelText('ann sees').textContent).toBe('Dispatch desk:editing'));
    await eventually(() => expect(screen.getByLabelText('desk sees').textContent).toBe('Ann (accounts):viewing'));

    // The desk closes its app: Ann sees nobody else, within a batch; she alone is counted there.
    first.unmount();
    await eventually(() => expect(screen.getByLabelText('ann sees').textContent).toBe(''));
    expect(screen.getByLabelText('ann sees').dataset.count).toBe('1');
  });
});
