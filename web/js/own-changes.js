// This tab's own changes, so its user gets one toast for a change (the mutation's own, "Order
// saved"), not also the realtime one its event brings back. api.js registers every write while
// it is in flight and a few seconds after its answer; an event made by this user's token about
// one of those records (or, for a create still in flight, about its collection) is this tab's.

// How long after its answer a change still claims its events: they may trail the response.
const KEEP_MS = 5_000;

const changes = new Set(); // { collection, ids: number[] | null (any record: a create in flight), until }

/** "/orders/42/status" -> { collection: "orders", ids: [42] }; bulk routes name their `ids`. */
function target(path, body) {
  const [collection, second] = path.split('/').filter(Boolean);
  const id = Number(second);
  if (Number.isInteger(id) && id > 0) return { collection, ids: [id] };
  if (second === 'bulk') return { collection, ids: Array.isArray(body?.ids) ? body.ids.map(Number) : [] };
  return { collection, ids: null }; // a create, or an action on the whole collection
}

/**
 * Registers a write about to be sent; returns `done(ok, data)`, to call with its outcome. A
 * refused write changed nothing (no event will come), so it stops claiming at once; a create
 * that succeeded then claims only the record it made.
 */
export function trackWrite(method, path, body) {
  if (method === 'GET') return () => {};
  const change = { ...target(path, body), until: Infinity };
  changes.add(change);
  return (ok, data) => {
    if (!ok) {
      changes.delete(change);
      return;
    }
    if (change.ids === null && Number.isInteger(data?.id) && method === 'POST' && !path.slice(1).includes('/')) change.ids = [data.id];
    change.until = Date.now() + KEEP_MS;
    setTimeout(() => changes.delete(change), KEEP_MS);
  };
}

/** Whether realtime `event` reports a change this tab made: made by `me`'s token, about a record of one of its writes. */
export function isOwnEvent(event, me) {
  if (!me || !event?.by || me.token_id === undefined || event.by.token_id !== me.token_id) return false;
  const ids = Number.isFinite(event.id) ? [event.id] : Array.isArray(event.ids) ? event.ids : [];
  const now = Date.now();
  for (const change of changes) {
    if (change.until < now || change.collection !== event.entity) continue;
    if (change.ids === null || ids.some((id) => change.ids.includes(id))) return true;
  }
  return false;
}
