// Who else has a record open: an edit form subscribes to the record's topic (`orders:42`), says
// it is viewing it (editing from the first keystroke), and shows the others there from the
// server's `presence` frames: "Dispatch desk is editing this order", with their initials. Someone
// already editing is said at the top of the form before the user types anything; the server's
// 412 on save stays the safety net.

import { h } from './dom.js';

/** Two letters for a name: "Dispatch desk" → "DD", "Grace" → "GR". */
export function initials(name) {
  const words = String(name).trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] || '?').slice(0, 2);
  return letters.toUpperCase();
}

/**
 * The presence line of the form of record `id` of `collection`, shown while the form is open.
 * `realtime` is the app's RealtimeClient (null without one: the line stays empty).
 * Returns { el, editing(): the user started changing the form, destroy(): the form closed }.
 */
export function presenceLine(realtime, collection, id, noun) {
  const topic = `${collection}:${id}`;
  const el = h('div', { class: 'presence', 'data-testid': 'presence', hidden: true, 'aria-live': 'polite' });
  if (!realtime) return { el, editing() {}, destroy() {} };
  const people = new Map(); // id → { name, role, state }
  let others = 0; // everyone else there, named or not

  const render = () => {
    el.hidden = people.size === 0;
    el.replaceChildren();
    if (el.hidden) return;
    const listed = [...people.values()].sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === 'editing' ? -1 : 1));
    const editors = listed.filter((p) => p.state === 'editing');
    el.dataset.kind = editors.length ? 'warning' : 'info';
    const more = Math.max(others - listed.length, 0);
    const names = (list) => list.map((p) => p.name).join(', ');
    const text = editors.length
      ? `${names(editors)} ${editors.length === 1 ? 'is' : 'are'} editing this ${noun}: your changes may conflict with theirs.`
      : `${names(listed)}${more ? ` and ${more} more` : ''} ${listed.length + more === 1 ? 'is' : 'are'} viewing this ${noun}.`;
    el.append(
      h('span', { class: 'presence-avatars' }, listed.map((p) => h('span', {
        class: 'presence-avatar', 'data-state': p.state, title: `${p.name} (${p.role}), ${p.state}`,
      }, initials(p.name)))),
      h('span', { class: 'presence-text', 'data-testid': 'presence-text' }, text),
    );
  };

  const off = realtime.on('presence', (frame) => {
    if (frame.topic !== topic) return;
    if (frame.action === 'snapshot') {
      people.clear();
      for (const p of frame.present) people.set(p.id, p);
    } else if (frame.action === 'leave') {
      people.delete(frame.who.id);
    } else {
      people.set(frame.who.id, { ...frame.who, state: frame.state });
    }
    // `count` includes this user, who is there too.
    others = Math.max(frame.count - 1, people.size);
    render();
  });
  // The app's own topics are whole collections, so the record's topic is the form's alone:
  // unsubscribing it on the way out is what drops this user's presence (a reconnect meanwhile
  // subscribes and says it again).
  realtime.subscribe([topic]);
  realtime.presence(topic, 'viewing');
  return {
    el,
    editing: () => realtime.presence(topic, 'editing'),
    destroy: () => {
      off();
      realtime.unsubscribe([topic]);
    },
  };
}
