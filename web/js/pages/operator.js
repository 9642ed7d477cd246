// Operator (admins only): what this server's real-time layer is doing, live from the
// `operator` frames the server pushes once a second over the app's own WebSocket (sessions and
// their principals, deliveries and events per second, lag, slow-session closes, the database
// pool), the API tokens with create and revoke, and a link to /metrics for Prometheus.

import { describeError, request } from '../api.js';
import { catalog } from '../catalog.js';
import { toaster } from '../context.js';
import { confirmDialog, formDialog } from '../dialogs.js';
import { h } from '../dom.js';
import { actionButton, dateTime, runAction, statTiles } from '../widgets.js';

function tiles(report) {
  const pool = report.pool;
  return statTiles([
    { id: 'sessions', label: 'Sessions', value: String(report.sessions) },
    { id: 'deliveries', label: 'Deliveries / s', value: String(report.deliveries_per_sec) },
    { id: 'events', label: 'Events / s', value: String(report.events_per_sec) },
    { id: 'lag', label: 'Lag (events waiting)', value: String(report.lag_events), tone: report.lag_events > 0 ? 'warning' : null },
    { id: 'backlog', label: 'Backlog (frames for session threads)', value: String(report.backlog_frames ?? 0), tone: report.backlog_frames > 10000 ? 'warning' : null },
    { id: 'slow', label: 'Slow sessions closed', value: String(report.kicked_slow_sessions), tone: report.kicked_slow_sessions > 0 ? 'warning' : null },
    { id: 'pool', label: 'DB pool in use', value: `${pool.in_use} / ${pool.max_size}${pool.waits ? ` (${pool.waits} waits)` : ''}` },
  ]);
}

function principalsTable(principals) {
  if (!principals.length) return h('p', { class: 'muted' }, 'No sessions.');
  return h('table', { class: 'table', 'data-testid': 'operator-principals' },
    h('thead', null, h('tr', null, ['Principal', 'Role', 'Token', 'Sessions', 'Topics'].map((t) => h('th', null, t)))),
    h('tbody', null, principals.map((p) => h('tr', null,
      h('td', null, p.name), h('td', null, p.role), h('td', null, `#${p.token_id}`),
      h('td', { class: 'num' }, String(p.sessions)), h('td', { class: 'num' }, String(p.topics))))));
}

function tokenState(token) {
  if (token.revoked_at) return 'revoked';
  if (token.expires_at && Date.parse(token.expires_at) < Date.now()) return 'expired';
  return 'active';
}

export const operatorPage = {
  title: 'Operator',
  mount(root, ctx) {
    const live = h('div', { 'data-testid': 'operator-live' }, h('p', { class: 'muted' }, 'Waiting for the first report…'));
    const tokens = h('div', { 'data-testid': 'operator-tokens' }, h('p', { class: 'muted' }, 'Loading tokens…'));
    const newToken = actionButton({ label: 'New token', action: 'token-create', kind: 'primary', onClick: () => create() });
    root.append(h('section', { class: 'page', 'data-page': 'operator' },
      h('header', { class: 'page-header' },
        h('div', null,
          h('h1', { class: 'page-title', tabindex: '-1' }, 'Operator'),
          h('p', { class: 'page-description' },
            'This server, live: sessions, deliveries, lag and the database pool. For Prometheus: ',
            h('a', { href: '/metrics', target: '_blank', rel: 'noopener' }, '/metrics'), '.'))),
      h('div', { class: 'card' }, live),
      h('div', { class: 'card' },
        h('header', { class: 'card-header' }, h('h2', null, 'API tokens'), newToken),
        tokens)));

    const realtime = ctx.realtime;
    const offReport = realtime?.on('operator', (report) => {
      live.replaceChildren(tiles(report), h('h2', null, 'Sessions by principal'), principalsTable(report.principals));
    });
    realtime?.subscribe(['operator']);

    const loadTokens = async () => {
      try {
        const { data } = await request('GET', '/tokens');
        tokens.replaceChildren(h('table', { class: 'table' },
          h('thead', null, h('tr', null, ['Name', 'Role', 'Driver', 'State', 'Created', 'Last log-in', ''].map((t) => h('th', null, t)))),
          h('tbody', null, data.items.map((token) => {
            const state = tokenState(token);
            const revoke = state === 'active' ? actionButton({
              label: 'Revoke', action: 'token-revoke', kind: 'danger-ghost',
              onClick: (event) => revokeToken(event.currentTarget, token),
            }) : null;
            return h('tr', { 'data-token-id': token.id },
              h('td', null, token.name), h('td', null, token.role), h('td', null, token.driver_id ? `#${token.driver_id}` : '—'),
              h('td', null, state), h('td', null, dateTime(token.created_at)), h('td', null, token.last_used_at ? dateTime(token.last_used_at) : '—'),
              h('td', { class: 'row-actions' }, revoke));
          }))));
      } catch (error) {
        tokens.replaceChildren(h('p', { class: 'panel-error', role: 'alert' }, `Tokens could not be loaded: ${describeError(error)}`));
      }
    };

    const revokeToken = async (button, token) => {
      const sure = await confirmDialog({
        title: 'Revoke token?',
        message: `"${token.name}" (${token.role}) stops working at once; its open sessions are closed.`,
        confirmLabel: 'Revoke', danger: true,
      });
      if (!sure) return;
      if (await runAction(button, 'Could not revoke the token', () => request('DELETE', `/tokens/${token.id}`))) {
        toaster.show({ title: `Token "${token.name}" revoked` });
        loadTokens();
      }
    };

    const create = () => formDialog({
      title: 'New API token',
      intro: 'The secret is shown once, right after it is made.',
      testid: 'token-form',
      fields: [
        { name: 'name', label: 'Name', type: 'text', required: true },
        { name: 'role', label: 'Role', type: 'select', required: true, options: catalog().roles.map((r) => ({ value: r.name, label: r.name })) },
        { name: 'driver_id', label: 'Driver id (driver tokens)', type: 'number' },
        { name: 'expires_in_days', label: 'Expires in days', type: 'number' },
      ],
      submitLabel: 'Create',
      onSubmit: async (values) => {
        const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== ''));
        const { data } = await request('POST', '/tokens', { body });
        loadTokens();
        formDialog({
          title: `Token "${data.name}" created`,
          intro: 'Copy the secret now: it is not shown again.',
          testid: 'token-secret',
          fields: [{ name: 'token', label: 'Secret', type: 'text' }],
          values: { token: data.token },
          submitLabel: 'Done',
          onSubmit: async () => {},
        });
      },
    });

    loadTokens();
    return {
      unmount: () => {
        offReport?.();
        realtime?.unsubscribe(['operator']);
      },
    };
  },
};
