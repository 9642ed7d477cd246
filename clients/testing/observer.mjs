// An independent witness of the server's event stream: a bare WebSocket that speaks the wire
// protocol itself (README, "WebSocket protocol"), with none of the clients' code. Tests compare
// what a client did against what this saw, so the code under test is never its own oracle.
//
//   const witness = await observe(server, { WebSocketImpl: WebSocket, since: 0 });
//   await vi.waitFor(() => expect(witness.events).toHaveLength(3), { timeout: 10_000 });
//   witness.close();

/**
 * Connect with a fresh ticket for `token` (default the server's "another user"), subscribe to
 * `topics` from `since`, and resolve once the subscription is acknowledged.
 */
export async function observe(server, { WebSocketImpl, topics = ['*'], since = null, token = server.otherToken } = {}) {
  const response = await server.request('POST', '/api/ws-ticket', { token });
  if (!response.ok) throw new Error(`POST /api/ws-ticket answered ${response.status}`);
  const { ticket } = await response.json();
  const socket = new WebSocketImpl(`${server.wsUrl}?ticket=${encodeURIComponent(ticket)}`);
  const witness = {
    /** Every event frame, in arrival order. */
    events: [],
    /** Every frame (events, acks, resyncs, operator reports…), in arrival order. */
    frames: [],
    closed: null,
    close: () => socket.close(1000, 'done'),
  };
  return new Promise((resolve, reject) => {
    socket.onopen = () => socket.send(JSON.stringify({ type: 'subscribe', topics, ...(since === null ? {} : { since }) }));
    socket.onmessage = (message) => {
      const frame = JSON.parse(String(message.data));
      witness.frames.push(frame);
      if (typeof frame.seq === 'number' && typeof frame.entity === 'string') witness.events.push(frame);
      if (frame.type === 'subscribed') resolve(witness);
      if (frame.type === 'error') reject(new Error(`the server refused the witness: ${frame.code} ${frame.message}`));
    };
    socket.onclose = (event) => {
      witness.closed = { code: event.code, reason: event.reason };
      reject(new Error(`the witness's socket closed (${event.code}) before its subscription was acknowledged`));
    };
  });
}
