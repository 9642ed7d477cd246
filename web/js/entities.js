// What the app knows about each collection, from the server's catalogue: its words (for toasts
// and buttons) and the query keys a change to it invalidates. The server's event `invalidate`
// list is authoritative; this is used for the app's own mutations (so a save shows at once even
// before its event arrives) and for an event that carries no list.

import { collection } from './catalog.js';

/** { plural, singular, key, related } for `name` ("orders"), or null. */
export function entity(name) {
  const entry = collection(name);
  if (!entry) return null;
  return {
    plural: entry.plural_label,
    singular: entry.label,
    key: entry.item_key,
    related: entry.invalidates.filter((key) => key !== entry.name).map((key) => [key]),
  };
}

/** The keys a change to one record invalidates, e.g. [["orders"], ["order", 42], ["live-tracking-orders"]]. */
export function invalidationKeys(collection, id) {
  const meta = entity(collection);
  if (!meta) return [[collection]];
  const keys = [[collection]];
  if (id !== undefined && id !== null) keys.push([meta.key, id]);
  return keys.concat(meta.related);
}

/** The realtime toast for a collection: "Orders updated" / "The list of orders has been updated in real-time." */
export function updateToast(collection) {
  const meta = entity(collection);
  const plural = meta ? meta.plural : collection.replace(/-/g, ' ');
  return {
    title: `${plural.charAt(0).toUpperCase()}${plural.slice(1)} updated`,
    body: `The list of ${plural.toLowerCase()} has been updated in real-time.`,
  };
}
