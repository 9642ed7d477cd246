// Typed REST calls against a real server: the client remembers each record's ETag and sends it as
// If-Match, so a save over someone else's change is refused (412), and errors arrive as
// SwitchboardError with the server's code and details.

import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createSwitchboard, SwitchboardError, unwrap, type Switchboard } from '@switchboard/client';
import { startServer, type TestServer } from '../../testing/server.mjs';

let server: TestServer;
let client: Switchboard;
/** The If-Match header of every PATCH the client sent, in order (null when it sent none). */
const ifMatchSent: (string | null)[] = [];

beforeAll(async () => {
  server = await startServer({ seed: true });
  const recordingFetch = (request: Request) => {
    if (request.method === 'PATCH') ifMatchSent.push(request.headers.get('If-Match'));
    return fetch(request);
  };
  client = createSwitchboard({ baseUrl: server.baseUrl, token: server.token, fetch: recordingFetch as typeof fetch });
});

afterAll(async () => {
  await server?.stop();
});

/** What a rejected call threw. */
async function failure(call: Promise<unknown>): Promise<SwitchboardError> {
  const error = await call.then(
    () => { throw new Error('the call succeeded'); },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SwitchboardError);
  return error as SwitchboardError;
}

describe('typed REST calls', () => {
  it("sends the record's ETag as If-Match: the save succeeds, and after another user's change it is refused with 412", async () => {
    const id = 1;
    const path = { params: { path: { id } } };
    const order = await unwrap(client.api.GET('/api/orders/{id}', path));
    expectTypeOf(order.version).toEqualTypeOf<number>();
    expect(client.etagOf(`/api/orders/${id}`)).toBe(`"${order.version}"`);

    const saved = await unwrap(client.api.PATCH('/api/orders/{id}', { ...path, body: { notes: 'first save' } }));
    expect(ifMatchSent.at(-1)).toBe(`"${order.version}"`);
    expect(saved.version).toBe(order.version + 1);
    expect(saved.notes).toBe('first save');

    // Another user saves on top of our save.
    const theirs = await server.request('PATCH', `/api/orders/${id}`, {
      token: server.otherToken,
      body: { notes: 'another user was here' },
      headers: { 'if-match': `"${saved.version}"` },
    });
    expect(theirs.status).toBe(200);

    const refused = await failure(unwrap(client.api.PATCH('/api/orders/{id}', { ...path, body: { notes: 'second save' } })));
    expect(ifMatchSent.at(-1)).toBe(`"${saved.version}"`);
    expect(refused.status).toBe(412);
    expect(refused.code).toBe('precondition_failed');
    expect(refused.details).toMatchObject({ current_version: saved.version + 1 });
    // Their change stands.
    const now = (await (await server.request('GET', `/api/orders/${id}`)).json()) as { notes: string; version: number };
    expect(now).toMatchObject({ notes: 'another user was here', version: saved.version + 1 });
  });

  it('reports a 422 as validation_failed naming the bad field', async () => {
    const error = await failure(
      unwrap(client.api.PATCH('/api/customers/{id}', { params: { path: { id: 1 } }, body: { email: 'not an email' } })),
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual({ email: expect.any(String) });
  });

  it('types each route from the API document (checked by tsc)', () => {
    // Never called: these calls only have to fail to compile.
    const misuses = () => [
      // @ts-expect-error an order's notes are text
      client.api.PATCH('/api/orders/{id}', { params: { path: { id: 1 } }, body: { notes: 42 } }),
      // @ts-expect-error no such route
      client.api.GET('/api/no-such-collection'),
      // @ts-expect-error the id is a number
      client.api.GET('/api/orders/{id}', { params: { path: { id: 'one' } } }),
    ];
    expectTypeOf(misuses).toBeFunction();
  });
});
