// What the client's test files share: bounds, fast retries, a quiet log, and the server-side
// steps (customers made one by one, the log's head) they set their premises with.

import { expect } from 'vitest';
import type { TestServer } from '../../testing/server.mjs';

/** How long a condition may take to hold. */
export const BOUND = { timeout: 15_000, interval: 20 };
/** Fast retries, so a test waits for the server, not for the back-off. */
export const RETRY = { baseDelayMs: 50, maxDelayMs: 400 };
/** The client's log, without its chatter. */
export const quiet = { log() {}, warn: console.warn };

/** Create `count` customers, one request after another; resolves once the server answered each. */
export async function createCustomers(server: TestServer, label: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const response = await server.request('POST', '/api/customers', {
      body: { name: `${label} ${i}`, email: `${label}-${i}-${Date.now()}@example.com` },
    });
    expect(response.status).toBe(201);
    await response.arrayBuffer();
  }
}

/** The seq of the server's log now. */
export async function logHead(server: TestServer): Promise<number> {
  const response = await server.request('GET', '/api/customers?limit=1');
  await response.arrayBuffer();
  return Number(response.headers.get('x-switchboard-seq'));
}
