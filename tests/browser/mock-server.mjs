#!/usr/bin/env node
// A stand-in for the Rust server, for front-end work without a cargo build: the same wire
// contract (REST under /api, events over /ws with seq/since, X-Switchboard-Seq, ETag/If-Match,
// 422 details, log-in with API tokens, session cookies and roles, who made each change: events'
// `by`, each record's history, a 412's `changed_by`; CSV lists and bulk changes) and the same CLI (serve |
// seed-demo | migrate | token create, env DATABASE_URL or --database-url, HOST, PORT), over an
// in-memory store saved to a JSON file. It is a development aid, not a reference: where it and
// the server differ, the server is right. Usage: SWITCHBOARD_BIN=tests/browser/mock-server.mjs.
// SWITCHBOARD_CATALOG=path serves another catalogue (the browser suite's extra-field test).

import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'";
const ARGS = process.argv.slice(2);
function option(name) {
  const i = ARGS.indexOf(name);
  return i >= 0 ? ARGS[i + 1] : undefined;
}
// The server's catalogue, as `switchboard catalog` prints it (a unit test keeps this copy current).
const CATALOG_PATH = process.env.SWITCHBOARD_CATALOG || join(dirname(fileURLToPath(import.meta.url)), 'catalog.json');
const CATALOG = JSON.parse(readFileSync(CATALOG_PATH, 'utf8'));
const dbPath = (option('--database-url') || process.env.DATABASE_URL || '/tmp/switchboard-mock.json').replace(/^sqlite:\/\//, '');

// Everything about collections, their fields, roles, views, query keys and status steps comes from
// CATALOG: no collection or field is named here but where the stand-in computes something.
const COLLECTIONS = Object.fromEntries(CATALOG.collections.map((entry) => [entry.name, entry]));
const SERVER_SET = new Set(['id', 'created_at', 'updated_at', 'version']);

/**
 * What a create must give (the required fields), and what a record starts with when it does not:
 * each field's default, else null; a status (or segment) only the server sets starts at its first value.
 */
function fieldsOf(collection) {
  const fields = COLLECTIONS[collection].fields || [];
  const initial = (f) => f.default ?? (f.kind === 'enum' && f.writable === 'never' ? f.values[0] : null);
  return {
    required: fields.filter((f) => f.required).map((f) => f.name),
    defaults: Object.fromEntries(fields.filter((f) => !SERVER_SET.has(f.name)).map((f) => [f.name, initial(f)])),
  };
}

/** Whether `record` matches the search `q` (lower case): its number, a searchable field, or the name of a record it references. */
function matchesSearch(collection, record, q) {
  const number = /^#?(\d+)$/.exec(q);
  if (number && Number(number[1]) === record.id) return true;
  const fields = COLLECTIONS[collection].fields || [];
  const texts = fields.filter((f) => f.searchable).map((f) => record[f.name]);
  for (const field of fields.filter((f) => f.kind === 'reference' && COLLECTIONS[f.references]?.display)) {
    const target = db.data[field.references].find((r) => r.id === record[field.name]);
    texts.push(target?.[COLLECTIONS[field.references].display]);
  }
  return texts.some((text) => text !== null && text !== undefined && String(text).toLowerCase().includes(q));
}

/** The query keys an event about `ids` of `collection` invalidates, as the server builds them. */
function invalidation(collection, ids) {
  const [own, ...views] = COLLECTIONS[collection].invalidates;
  return [[own], ...ids.map((id) => [COLLECTIONS[collection].item_key, id]), ...views.map((view) => [view])];
}

/** Where a record of `collection` in `status` may go by its status action (the catalogue's machine). */
function nextStatuses(collection, status) {
  return (COLLECTIONS[collection].status_machine?.steps || [])
    .filter((step) => step.by === 'status' && step.from === status)
    .map((step) => step.to);
}

/** The catalogue action `POST pathname` calls ({ collection, name, path }), or null. */
function actionAt(pathname) {
  return CATALOG.actions.find((action) => new RegExp(`^${action.path.replace('{id}', '[0-9]+')}$`).test(pathname)) || null;
}

let db = existsSync(dbPath) ? JSON.parse(readFileSync(dbPath, 'utf8')) : { seq: 0, nextId: 1, events: [], data: {} };
for (const name of Object.keys(COLLECTIONS)) db.data[name] ||= [];
db.tokens ||= []; // { id, name, role, driver_id, hash, revoked }
db.sessions ||= {}; // session id -> { token_id, created_at }
const save = () => writeFileSync(dbPath, JSON.stringify(db));
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function insert(collection, body) {
  const record = { id: db.nextId++, ...structuredClone(fieldsOf(collection).defaults), ...body, created_at: now(), updated_at: now(), version: 1 };
  if (collection === 'orders') priceOrder(record);
  db.data[collection].push(record);
  return record;
}
function priceOrder(order) {
  order.items = (order.items || []).map((item, i) => {
    const source = item.service_id ? db.data.services.find((s) => s.id === item.service_id) : item.product_id ? db.data.products.find((p) => p.id === item.product_id) : null;
    const unit = item.unit_price_cents ?? source?.price_cents ?? 0;
    return { id: i + 1, description: item.description ?? source?.name ?? null, ...item, unit_price_cents: unit, line_total_cents: unit * item.quantity };
  });
  order.total_cents = order.items.reduce((n, i) => n + i.line_total_cents, 0);
}

// ---------- authentication and roles (the catalogue's table) ----------
const ROLES = CATALOG.roles.map((role) => role.name);
const ROLE = Object.fromEntries(CATALOG.roles.map((role) => [role.name, role]));
const OPERATIONS = ['read', 'create', 'update', 'delete'];

/** How much of `collection` the caller gets for `op` (an operation or an action's name): "all", "own_driver" or "none". */
function grant(who, collection, op) {
  const grants = ROLE[who.role]?.collections.find((entry) => entry.collection === collection);
  if (!grants) return 'none';
  return (OPERATIONS.includes(op) ? grants[op] : grants.actions[op]) || 'none';
}
const mayRead = (who, collection) => grant(who, collection, 'read') !== 'none';
const maySeeView = (who, view) => (ROLE[who.role]?.views || []).includes(view);
// The driver a record is about: a driver's own record, a delivery's driver.
const ownerDriver = (collection, record) => (collection === 'drivers' ? record.id : record.driver_id);
// A caller with only its own driver's share sees just the records about that driver.
function visible(who, collection, record) {
  if (!record || grant(who, collection, 'read') !== 'own_driver') return true;
  return ownerDriver(collection, record) === who.driver_id;
}

const SESSION_COOKIE = 'switchboard_session';
const hashToken = (token) => createHash('sha256').update(token).digest('hex');

function createToken({ name, role, driverId = null }) {
  const token = `sb_${randomBytes(24).toString('base64url')}`;
  const id = (db.tokens.at(-1)?.id || 0) + 1;
  db.tokens.push({ id, name, role, driver_id: driverId, hash: hashToken(token), revoked: false, created_at: now() });
  save();
  return token;
}

function cookieValue(req, name) {
  for (const part of (req.headers.cookie || '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** The unrevoked token with this hash. Like the server reading its database, it also sees tokens
 * `token create` (another process) saved to the file since this one started. */
function liveToken(hash) {
  const find = () => db.tokens.find((t) => t.hash === hash && !t.revoked);
  if (find() || !existsSync(dbPath)) return find();
  const saved = JSON.parse(readFileSync(dbPath, 'utf8')).tokens || [];
  for (const token of saved) if (!db.tokens.some((t) => t.id === token.id)) db.tokens.push(token);
  return find();
}

/** Who is asking: a Bearer token (kind "token") or the session cookie (kind "session"), or null. */
function credentials(req) {
  const header = req.headers.authorization || '';
  let token = null;
  let sid = null;
  if (/^Bearer\s+/i.test(header)) {
    const hash = hashToken(header.replace(/^Bearer\s+/i, '').trim());
    token = liveToken(hash);
  } else {
    sid = cookieValue(req, SESSION_COOKIE);
    const session = sid && db.sessions[sid];
    token = session && db.tokens.find((t) => t.id === session.token_id && !t.revoked);
  }
  if (!token) return null;
  return { token_id: token.id, name: token.name, role: token.role, driver_id: token.driver_id, kind: sid ? 'session' : 'token', sid };
}

// Failed log-ins per client address: more than LOGIN_LIMIT in LOGIN_WINDOW_MS gives 429.
const LOGIN_LIMIT = 5;
const LOGIN_WINDOW_MS = 60_000;
const loginFailures = new Map();

async function login(req, res) {
  const address = req.socket.remoteAddress;
  const recent = (loginFailures.get(address) || []).filter((at) => Date.now() - at < LOGIN_WINDOW_MS);
  loginFailures.set(address, recent);
  if (recent.length >= LOGIN_LIMIT) {
    const retry = Math.max(1, Math.ceil((recent[0] + LOGIN_WINDOW_MS - Date.now()) / 1000));
    res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(retry) });
    return res.end(JSON.stringify({ error: { code: 'rate_limited', message: `Too many log-in attempts; retry in ${retry} s` } }));
  }
  const body = await readBody(req).catch(() => ({}));
  const hash = typeof body.token === 'string' ? hashToken(body.token.trim()) : null;
  const token = hash && liveToken(hash);
  if (!token) {
    recent.push(Date.now());
    return fail(res, 401, 'unauthorized', 'That token is not valid: it is wrong, expired or revoked.');
  }
  const sid = randomBytes(24).toString('base64url');
  db.sessions[sid] = { token_id: token.id, created_at: now() };
  save();
  res.writeHead(204, { 'Set-Cookie': `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Strict` });
  return res.end();
}

function logout(req, res) {
  const sid = cookieValue(req, SESSION_COOKIE);
  if (sid && db.sessions[sid]) {
    delete db.sessions[sid];
    save();
    for (const ws of sockets) if (ws.sid === sid) ws.close(1008, 'session logged out');
  }
  res.writeHead(204, { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` });
  return res.end();
}

// ---------- events ----------
const sockets = new Set();
// Who the request being handled came from: each event says who made it (`by`), as the server's do.
const acting = new AsyncLocalStorage();
const actor = () => {
  const who = acting.getStore();
  return who ? { token_id: who.token_id, name: who.name, role: who.role } : null;
};
// A changed record as it was: `before`, else the request's record as it was (null for a create).
function priorOf(collection, record, before) {
  const store = acting.getStore();
  return before !== undefined ? before
    : (store?.before?.collection === collection && store.before.id === record.id ? store.before.data : null);
}
// Each change's audit entry: the fields that differ between the record before (`prior`) and
// after it (null for a delete; a create has no before).
db.audit ||= [];
function audit(type, collection, record, prior) {
  const after = type.endsWith('_deleted') ? null : record;
  const names = [...new Set([...Object.keys(prior || {}), ...Object.keys(after || {})])].filter((name) => !SERVER_SET.has(name) || name === 'id');
  const changes = names
    .filter((name) => JSON.stringify(prior?.[name] ?? null) !== JSON.stringify(after?.[name] ?? null))
    .map((name) => ({ field: name, before: prior ? prior[name] ?? null : null, after: after ? after[name] ?? null : null }));
  db.audit.push({ id: db.audit.length + 1, at: now(), collection, record_id: record.id, action: type, seq: db.seq, by: actor(), changes });
}

function publish(type, collection, record, before) {
  db.seq += 1;
  const prior = priorOf(collection, record, before);
  audit(type, collection, record, prior);
  const event = { type, entity: collection, id: record.id, seq: db.seq, by: actor(), data: record, invalidate: invalidation(collection, [record.id]) };
  db.events.push(event);
  RECORDS_OF.set(db.seq, { before: prior, after: type.endsWith('_deleted') ? null : structuredClone(record) });
  if (db.events.length > 1000) RECORDS_OF.delete(db.events.shift().seq);
  save();
  for (const ws of sockets) ws.deliver(event);
}

// ---------- filtered topics (`orders?customer_id=3&status=pending,ready`) ----------
// An event's record before and after it, by seq, for the filters (kept in memory only: an event
// replayed after a restart reaches every filter of its collection, as the server's older ones do).
const RECORDS_OF = new Map();
// The special filters' value for a record: the stand-in's own rules, as in `listOf`.
const SPECIAL_FILTERS = {
  'products/stock': (p) => (p.stock_quantity <= 0 ? 'out' : p.stock_quantity <= p.reorder_level ? 'low' : 'in_stock'),
  'invoices/overdue': (i) => String(i.status === 'open' && i.due_date < new Date().toISOString().slice(0, 10)),
  'deliveries/unassigned': (d) => String(d.driver_id === null),
};
const TEXT_KINDS = new Set(['text', 'long_text', 'email']);
const NUMBER_KINDS = new Set(['id', 'reference', 'integer']);
const formDecode = (text) => decodeURIComponent(text.replace(/\+/g, ' '));
const formEncode = (text) => new URLSearchParams([['', text]]).toString().slice(1);

/** What `collection`'s topics may filter on: its `eq` fields and its special filters, by name. */
function facetsOf(collection) {
  const facets = new Map();
  const choices = (f) => (f.kind === 'boolean' ? ['true', 'false'] : f.values || null);
  for (const f of COLLECTIONS[collection].fields || []) {
    if (f.filter === 'eq') facets.set(f.name, { kind: f.kind, values: choices(f), of: (r) => r[f.name] });
  }
  for (const f of COLLECTIONS[collection].filters || []) {
    const of = SPECIAL_FILTERS[`${collection}/${f.name}`];
    if (of) facets.set(f.name, { kind: f.kind, values: choices(f), of });
  }
  return facets;
}

/** A record's value of `facet` as a filter compares it: text trimmed and in lower case. */
function facetValue(facet, record) {
  const value = facet.of(record);
  if (value === null || value === undefined) return null;
  return TEXT_KINDS.has(facet.kind) ? String(value).trim().toLowerCase() : String(value);
}

/**
 * A filtered topic, checked and spelled as the server spells it back (fields sorted, values
 * sorted and form-urlencoded, one `field=` per text value): { collection, topic, accepts(record) };
 * throws { code, message }.
 */
function parseFilter(topic) {
  const at = topic.indexOf('?');
  const collection = topic.slice(0, at);
  const bad = (message) => Object.assign(new Error(message), { code: 'bad_filter' });
  if (collection === '*' || collection.includes(':')) throw bad(`${JSON.stringify(topic)}: only a collection's topic takes a filter`);
  if (!COLLECTIONS[collection]) throw Object.assign(new Error(`unknown topic ${JSON.stringify(topic)}`), { code: 'unknown_topic' });
  const facets = facetsOf(collection);
  const terms = new Map();
  for (const part of topic.slice(at + 1).split('&').filter(Boolean)) {
    const cut = part.indexOf('=');
    const name = formDecode(cut < 0 ? part : part.slice(0, cut));
    const facet = facets.get(name);
    if (!facet) throw bad(`${collection} cannot be filtered by ${JSON.stringify(name)}; it can by: ${[...facets.keys()].join(', ')}`);
    if (!terms.has(name)) terms.set(name, new Set());
    // A text value is one value, commas and all; several repeat the field.
    const given = cut < 0 ? '' : part.slice(cut + 1);
    for (const raw of TEXT_KINDS.has(facet.kind) ? [given] : given.split(',')) {
      const value = formDecode(raw).trim();
      if (!value) throw bad(`${collection}.${name}: an empty value matches nothing`);
      if (facet.values && !facet.values.includes(value)) throw bad(`${collection}.${name}: ${JSON.stringify(value)} is not one of ${facet.values.join(', ')}`);
      if (NUMBER_KINDS.has(facet.kind) && !(/^\d+$/.test(value) && Number(value) > 0)) throw bad(`${collection}.${name}: ${JSON.stringify(value)} is not a record's id`);
      if (facet.kind === 'month' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw bad(`${collection}.${name}: ${JSON.stringify(value)} is not a month (YYYY-MM)`);
      terms.get(name).add(NUMBER_KINDS.has(facet.kind) ? String(Number(value)) : TEXT_KINDS.has(facet.kind) ? value.toLowerCase() : value);
    }
  }
  if (!terms.size) throw bad(`${JSON.stringify(topic)} names no field`);
  const names = [...terms.keys()].sort();
  const spelled = names.flatMap((name) => {
    const values = [...terms.get(name)].sort().map(formEncode);
    return TEXT_KINDS.has(facets.get(name).kind) ? values.map((value) => `${name}=${value}`) : [`${name}=${values.join(',')}`];
  }).join('&');
  return {
    collection,
    topic: `${collection}?${spelled}`,
    accepts: (record) => Boolean(record) && names.every((name) => terms.get(name).has(facetValue(facets.get(name), record))),
  };
}

/** The topics of `?topics=`: a piece that is no topic continues the filtered topic before it. */
function splitTopics(text) {
  const topics = [];
  for (const piece of text.split(',').map((t) => t.trim()).filter(Boolean)) {
    const isTopic = piece === '*' || piece === 'operator' || Boolean(COLLECTIONS[piece.split(/[:?]/)[0]]);
    if (!isTopic && topics.at(-1)?.includes('?')) topics[topics.length - 1] += `,${piece}`;
    else topics.push(piece);
  }
  return topics;
}

// ---------- REST ----------
function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Switchboard-Seq': String(db.seq), ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const fail = (res, status, code, message, details) => send(res, status, { error: { code, message, ...(details ? { details } : {}) } });

// `?sort=field` / `-field` as the server sorts: nulls last both ways, text by code point, ties by id the same way.
function sortedBy(items, sort) {
  const field = sort.replace(/^-/, '');
  const sign = sort.startsWith('-') ? -1 : 1;
  const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return [...items].sort((a, b) => {
    const [x, y] = [a[field] ?? null, b[field] ?? null];
    if (x === null || y === null) return x === y ? sign * compare(a.id, b.id) : x === null ? 1 : -1;
    return sign * (compare(x, y) || compare(a.id, b.id));
  });
}

function listOf(collection, params, who = null) {
  let items = db.data[collection];
  if (who) items = items.filter((r) => visible(who, collection, r));
  const q = params.get('q')?.toLowerCase();
  if (q) items = items.filter((r) => matchesSearch(collection, r, q));
  const fields = COLLECTIONS[collection].fields || [];
  for (const { name } of fields.filter((f) => f.filter === 'eq')) {
    const v = params.get(name);
    if (v !== null && v !== '') items = items.filter((r) => String(r[name]) === v);
  }
  const ids = params.get('ids');
  if (ids !== null) {
    if (!/^[0-9]+(,[0-9]+)*$/.test(ids) || ids.split(',').length > 500) return { error: 'ids must be record ids (1 or more) separated by commas, like 3,17,42' };
    const wanted = new Set(ids.split(',').map(Number));
    items = items.filter((r) => wanted.has(r.id));
  }
  const stock = params.get('stock');
  if (stock === 'out') items = items.filter((p) => p.stock_quantity <= 0);
  if (stock === 'low') items = items.filter((p) => p.stock_quantity > 0 && p.stock_quantity <= p.reorder_level);
  // from / to (both inclusive): the UTC day of the collection's `range` field.
  const ranged = fields.find((f) => f.filter === 'range')?.name || 'created_at';
  const dayOf = (r) => String(r[ranged]).slice(0, 10);
  const from = params.get('from');
  const to = params.get('to');
  if (from) items = items.filter((r) => dayOf(r) >= from);
  if (to) items = items.filter((r) => dayOf(r) <= to);
  const overdue = params.get('overdue');
  const today = new Date().toISOString().slice(0, 10);
  const late = (i) => i.status === 'open' && i.due_date < today;
  if (overdue === 'true') items = items.filter(late);
  if (overdue === 'false') items = items.filter((i) => !late(i));
  const unassigned = params.get('unassigned');
  if (unassigned !== null) items = items.filter((d) => (d.driver_id === null) === (unassigned === 'true'));
  const sort = params.get('sort');
  if (sort) items = sortedBy(items, sort);
  const limit = Math.min(Number(params.get('limit') || 50), 500);
  const offset = Number(params.get('offset') || 0);
  // The sums of the catalogue's summed money fields over every match, as the server adds them up.
  const summed = CATALOG.collections.find((c) => c.name === collection)?.summed || [];
  const sums = Object.fromEntries(summed.map((field) => [field, items.reduce((n, r) => n + r[field], 0)]));
  return { items: items.slice(offset, offset + limit), total: items.length, sums, limit, offset };
}

function aging(kind) {
  const open = db.data.invoices.filter((i) => i.kind === kind && i.status === 'open');
  const buckets = { current: 0, days_1_30: 0, days_31_60: 0, days_61_90: 0, days_over_90: 0 };
  for (const inv of open) {
    const late = (Date.now() - Date.parse(inv.due_date)) / 86400000;
    const b = late <= 0 ? 'current' : late <= 30 ? 'days_1_30' : late <= 60 ? 'days_31_60' : late <= 90 ? 'days_61_90' : 'days_over_90';
    buckets[b] += inv.amount_cents;
  }
  return { open_count: open.length, open_total_cents: open.reduce((n, i) => n + i.amount_cents, 0), aging: buckets, invoices: open };
}

const VIEWS = {
  'inventory-kpis': () => {
    const p = db.data.products;
    return { sku_count: p.length, stock_value_cents: p.reduce((n, x) => n + x.cost_cents * x.stock_quantity, 0), low_stock_count: p.filter((x) => x.stock_quantity > 0 && x.stock_quantity <= x.reorder_level).length, out_of_stock_count: p.filter((x) => x.stock_quantity <= 0).length };
  },
  'accounts-receivable': () => aging('receivable'),
  'accounts-payable': () => aging('payable'),
  'budget-vs-actual': (params) => ({
    items: db.data.budgets.filter((b) => !params?.get?.('period') || b.period === params.get('period')).map((b) => {
      const actual = db.data.expenses.filter((e) => e.category === b.category && e.expense_date.startsWith(b.period)).reduce((n, e) => n + e.amount_cents, 0);
      return { budget_id: b.id, category: b.category, period: b.period, budgeted_cents: b.amount_cents, actual_cents: actual, variance_cents: b.amount_cents - actual };
    }),
  }),
  'live-tracking-drivers': () => ({ items: db.data.drivers.filter((d) => d.lat !== null) }),
  'live-tracking-orders': () => ({
    items: db.data.orders.filter((o) => o.status === 'out_for_delivery').map((o) => {
      const delivery = db.data.deliveries.find((d) => d.order_id === o.id);
      const driver = delivery && db.data.drivers.find((d) => d.id === delivery.driver_id);
      return { ...o, delivery_id: delivery?.id ?? null, driver_id: driver?.id ?? null, driver_name: driver?.name ?? null, lat: driver?.lat ?? null, lng: driver?.lng ?? null };
    }),
  }),
};

async function readBody(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (!text) return {};
  return JSON.parse(text);
}

function change(res, collection, record, type) {
  record.version += 1;
  record.updated_at = now();
  publish(type, collection, record);
  send(res, 200, record, { ETag: `"${record.version}"` });
}

const eventOf = (collection, name) => CATALOG.actions.find((a) => a.collection === collection && a.name === name).event;

// What each record action does to its record: a refusal's message, or nothing (its event is the catalogue's).
const ACTIONS = {
  'orders/status': (order, body) => {
    if (!nextStatuses('orders', order.status).includes(body.status)) return `An order cannot go from ${order.status} to ${body.status}`;
    order.status = body.status;
    return null;
  },
  'drivers/status': (driver, body) => { driver.status = body.status; },
  'drivers/location': (driver, body) => { Object.assign(driver, { lat: body.lat, lng: body.lng, location_updated_at: now() }); },
  'deliveries/assign': (delivery, body) => {
    Object.assign(delivery, { driver_id: body.driver_id, status: 'assigned' });
    // As the server does: an available driver given a delivery is on delivery (its own event).
    const driver = db.data.drivers.find((d) => d.id === body.driver_id);
    if (driver && driver.status === 'available') {
      driver.status = 'on_delivery';
      driver.version += 1;
      driver.updated_at = now();
      publish(eventOf('drivers', 'status'), 'drivers', driver);
    }
  },
  'deliveries/status': (delivery, body) => { delivery.status = body.status; },
  'transit-batches/initiate': (batch) => { Object.assign(batch, { status: 'in_transit', initiated_at: now() }); },
  'transit-batches/complete': (batch) => { Object.assign(batch, { status: 'completed', completed_at: now() }); },
};

async function api(req, res, url) {
  const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "api"
  const [collection, idText] = parts;
  if (collection === 'login' && req.method === 'POST') return login(req, res);
  if (collection === 'logout' && req.method === 'POST') return logout(req, res);
  const who = credentials(req);
  if (!who) return fail(res, 401, 'unauthorized', 'Log in first: no valid session or API token.');
  if (collection === 'catalog' && req.method === 'GET') return send(res, 200, CATALOG);
  if (collection === 'me' && req.method === 'GET') return send(res, 200, { token_id: who.token_id, name: who.name, role: who.role, driver_id: who.driver_id, kind: who.kind });
  const forbidden = () => fail(res, 403, 'forbidden', `The ${who.role} role may not ${req.method === 'GET' ? 'read' : 'change'} ${collection}.`);
  if (CATALOG.views.some((view) => view.name === collection)) {
    if (!maySeeView(who, collection)) return forbidden();
    if (req.method !== 'GET') return fail(res, 405, 'method_not_allowed', 'GET only');
    if (collection === 'inventory-items') return send(res, 200, listOf('products', url.searchParams));
    if (VIEWS[collection]) return send(res, 200, VIEWS[collection](url.searchParams));
    return fail(res, 404, 'not_found', `The stand-in does not compute ${collection}`);
  }
  const entry = COLLECTIONS[collection];
  if (!entry) return fail(res, 404, 'not_found', 'No such collection');
  if (idText === 'bulk' && req.method === 'POST') return bulk(req, res, who, collection, parts[2]);
  const act = req.method === 'POST' ? actionAt(url.pathname) : null;
  if (req.method === 'POST' && idText && !act) return fail(res, 404, 'not_found', 'No such action');
  const op = act ? act.name : { GET: 'read', POST: 'create', PATCH: 'update', DELETE: 'delete' }[req.method];
  if (!op) return fail(res, 405, 'method_not_allowed', 'Method not allowed');
  if (!mayRead(who, collection) || grant(who, collection, op) === 'none') return forbidden();
  const spec = fieldsOf(collection);
  const body = ['POST', 'PATCH'].includes(req.method) ? await readBody(req).catch(() => null) : null;
  if (body === null && ['POST', 'PATCH'].includes(req.method)) return fail(res, 400, 'bad_request', 'Body is not JSON');

  if (collection === 'customers' && act?.name === 'recompute') {
    const changed = [];
    for (const c of db.data.customers) {
      const n = db.data.orders.filter((o) => o.customer_id === c.id).length;
      const segment = n >= 5 ? 'vip' : n >= 2 ? 'regular' : 'new';
      if (c.segment !== segment) changed.push(c.id);
      c.segment = segment;
    }
    db.seq += 1;
    const event = { type: act.event, entity: collection, id: null, ids: changed, seq: db.seq, by: actor(), data: {}, invalidate: invalidation(collection, changed) };
    db.events.push(event);
    save();
    for (const ws of sockets) ws.deliver(event);
    return send(res, 200, { updated: db.data.customers.length });
  }
  if (!idText) {
    if (req.method === 'GET') {
      const csv = url.searchParams.get('format') === 'csv';
      if (csv) url.searchParams.set('limit', '500');
      const page = listOf(collection, url.searchParams, who);
      if (page.error) return fail(res, 400, 'bad_query', page.error);
      return csv ? sendCsv(res, collection, page.items) : send(res, 200, page);
    }
    if (req.method === 'POST') {
      const details = {};
      for (const f of spec.required) if (body[f] === undefined || body[f] === null || body[f] === '') details[f] = 'is required';
      if (body.email !== undefined && body.email !== null && !/^[^@\s]+@[^@\s]+$/.test(body.email)) details.email = 'is not a valid email address';
      if (Object.keys(details).length) return fail(res, 422, 'validation_failed', 'Some fields are not valid', details);
      const record = insert(collection, body);
      publish(`${entry.event_prefix}_created`, collection, record);
      return send(res, 201, record, { ETag: `"${record.version}"` });
    }
  }
  const id = Number(idText);
  const record = db.data[collection].find((r) => r.id === id && visible(who, collection, r));
  if (!record) return fail(res, 404, 'not_found', `No ${entry.label} ${idText}`);
  if (req.method === 'GET' && parts[2] === 'history') return send(res, 200, historyOf(collection, id, url.searchParams));
  const last = () => db.audit.findLast((e) => e.collection === collection && e.record_id === id) || null;
  // As the server: a change based on another version than the record's is refused (412), naming who made the last change.
  const ifMatch = req.headers['if-match'];
  if (req.method !== 'GET' && ifMatch && ifMatch.replace(/"/g, '') !== String(record.version)) {
    return fail(res, 412, 'precondition_failed', 'The record was changed by someone else', {
      current_version: record.version, current: record, changed_by: last()?.by ?? null, changed_at: last()?.at ?? null,
    });
  }
  if (req.method !== 'GET') acting.getStore().before = { collection, id, data: structuredClone(record) };
  if (act) {
    const step = ACTIONS[`${collection}/${act.name}`];
    if (!step) return fail(res, 404, 'not_found', `The stand-in does not do ${act.path}`);
    const refused = step(record, body);
    if (refused) return fail(res, 409, 'illegal_transition', refused);
    return change(res, collection, record, act.event);
  }
  if (req.method === 'GET') return send(res, 200, record, { ETag: `"${record.version}"` });
  if (req.method === 'PATCH') {
    const details = {};
    for (const f of spec.required) if (f in body && (body[f] === null || body[f] === '')) details[f] = 'is required';
    if (Object.keys(details).length) return fail(res, 422, 'validation_failed', 'Some fields are not valid', details);
    Object.assign(record, body);
    if (collection === 'orders') priceOrder(record);
    return change(res, collection, record, `${entry.event_prefix}_updated`);
  }
  if (req.method === 'DELETE') {
    db.data[collection] = db.data[collection].filter((r) => r !== record);
    publish(`${entry.event_prefix}_deleted`, collection, record);
    res.writeHead(204, { 'X-Switchboard-Seq': String(db.seq) });
    return res.end();
  }
  return fail(res, 405, 'method_not_allowed', 'Method not allowed');
}

/** A record's audit entries, newest first: ?limit (at most 500) and ?after (an entry id). */
function historyOf(collection, id, params) {
  const limit = Math.min(Number(params.get('limit') || 50), 500);
  const after = params.get('after') ? Number(params.get('after')) : Infinity;
  const all = db.audit.filter((e) => e.collection === collection && e.record_id === id && e.id < after).reverse();
  const items = all.slice(0, limit);
  return { items, limit, next_after: all.length > limit ? items.at(-1).id : null };
}

/** A list as CSV (RFC 4180): a column per catalogue field, money in cents as the API has it. */
function sendCsv(res, collection, items) {
  const names = (COLLECTIONS[collection].fields || []).map((f) => f.name);
  const cell = (v) => {
    const text = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const body = [names, ...items.map((r) => names.map((n) => r[n]))].map((row) => row.map(cell).join(',')).join('\r\n');
  res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${collection}.csv"` });
  res.end(`${body}\r\n`);
}

// Bulk changes, all or nothing: why one record cannot take it (or null), what it does, and who may.
const BULK = {
  'orders/status': {
    op: 'status', event: () => eventOf('orders', 'status'),
    check: (r, body) => (nextStatuses('orders', r.status).includes(body.status) ? null : `An order cannot go from ${r.status} to ${body.status}`),
    apply: (r, body) => ACTIONS['orders/status'](r, body),
  },
  'deliveries/assign': {
    op: 'assign', event: () => eventOf('deliveries', 'assign'),
    check: (r) => (['pending', 'assigned'].includes(r.status) ? null : `A ${r.status} delivery cannot be assigned`),
    apply: (r, body) => ACTIONS['deliveries/assign'](r, body),
  },
  'invoices/status': { op: 'update', event: () => 'invoice_updated', check: () => null, apply: (r, body) => { r.status = body.status; } },
};

async function bulk(req, res, who, collection, action) {
  const spec = BULK[`${collection}/${action}`];
  if (!spec) return fail(res, 404, 'not_found', 'No such bulk action');
  if (grant(who, collection, spec.op) === 'none') return fail(res, 403, 'forbidden', `The ${who.role} role may not do that.`);
  const body = await readBody(req).catch(() => null);
  const ids = body?.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 500 || new Set(ids).size !== ids.length || !ids.every(Number.isInteger)) {
    return fail(res, 422, 'validation_failed', 'ids must be 1 to 500 distinct record ids', { ids: 'must be 1 to 500 distinct record ids' });
  }
  const records = ids.map((id) => db.data[collection].find((r) => r.id === id && visible(who, collection, r)));
  if (records.some((r) => !r)) return fail(res, 404, 'not_found', 'Some of these records do not exist');
  const reasons = {};
  records.forEach((r) => {
    const why = spec.check(r, body);
    if (why) reasons[r.id] = why;
  });
  if (Object.keys(reasons).length) {
    return fail(res, 409, 'bulk_refused', `${Object.keys(reasons).length} of ${ids.length} cannot take it; nothing was changed.`, { ids: Object.keys(reasons).map(Number), reasons });
  }
  for (const r of records) {
    const before = structuredClone(r);
    spec.apply(r, body);
    r.version += 1;
    r.updated_at = now();
    publish(spec.event(), collection, r, before);
  }
  return send(res, 200, { items: records });
}

// ---------- static ----------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };
// The server embeds the npm client's realtime module as js/realtime.js (build.rs): so does this.
const REALTIME_JS = resolve(WEB_ROOT, '../clients/js/src/realtime.js');
function serveStatic(res, path) {
  const file = path === '/js/realtime.js' ? REALTIME_JS : resolve(WEB_ROOT, `.${path}`);
  if ((file !== REALTIME_JS && !file.startsWith(WEB_ROOT)) || !existsSync(file)) {
    res.writeHead(404, { 'Content-Security-Policy': CSP });
    return res.end('not found');
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Content-Security-Policy': CSP });
  return res.end(readFileSync(file));
}

// ---------- a minimal WebSocket (RFC 6455: text frames, ping/pong, close) ----------
function wsFrame(opcode, payload) {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.from([0x80 | opcode, 126, len >> 8, len & 255]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
  return Buffer.concat([head, payload]);
}

function acceptSocket(req, socket, url) {
  const who = credentials(req);
  if (!who) {
    const body = JSON.stringify({ error: { code: 'unauthorized', message: 'Log in first: no valid session or API token.' } });
    socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    return;
  }
  const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const topics = new Set();
  const filters = new Map(); // filtered topic (as spelled back) -> parseFilter's answer
  // The frame `event` is to this socket, or null: "*" means every topic the role may read, a
  // driver only hears about its own records, and a filtered topic hears of a record that matched
  // it before or after the change, told in `left` when it no longer does.
  const frameFor = (event) => {
    const collection = event.entity;
    const records = RECORDS_OF.get(event.seq) || null;
    const record = records ? records.after || records.before : event.data;
    if (!mayRead(who, collection) || !visible(who, collection, record)) return null;
    let heard = topics.has('*') || topics.has(collection) || (event.id != null && topics.has(`${collection}:${event.id}`));
    const left = {};
    for (const [topic, filter] of filters) {
      if (filter.collection !== collection) continue;
      const before = !records || filter.accepts(records.before);
      const after = !records || filter.accepts(records.after);
      heard ||= before || after;
      if (before && !after) left[topic] = [event.id];
    }
    if (!heard) return null;
    return Object.keys(left).length ? { ...event, left } : event;
  };
  const ws = {
    sid: who.sid,
    send: (obj) => socket.write(wsFrame(1, Buffer.from(JSON.stringify(obj)))),
    deliver: (event) => {
      const frame = frameFor(event);
      if (frame) ws.send(frame);
    },
    close: (code, reason) => {
      const payload = Buffer.concat([Buffer.from([code >> 8, code & 255]), Buffer.from(reason)]);
      sockets.delete(ws);
      socket.end(wsFrame(8, payload));
    },
  };
  // SWITCHBOARD_STAND_IN_FILTERS=off: refuse filtered topics, as a server without them does.
  const filtering = process.env.SWITCHBOARD_STAND_IN_FILTERS !== 'off';
  const subscribe = (list, since) => {
    const parsed = new Map();
    for (const t of list.filter((topic) => topic.includes('?'))) {
      try {
        if (!filtering) throw Object.assign(new Error(`unknown topic ${JSON.stringify(t)}`), { code: 'unknown_topic' });
        parsed.set(t, parseFilter(t));
      } catch (error) {
        ws.send({ type: 'error', code: error.code, message: error.message });
        return;
      }
    }
    const denied = list.find((t) => t !== '*' && !mayRead(who, t.split(/[:?]/)[0]));
    if (denied) {
      ws.send({ type: 'error', code: 'forbidden', message: `The ${who.role} role may not subscribe to ${denied}` });
      return;
    }
    const spelled = [...new Set(list.map((t) => parsed.get(t)?.topic ?? t))];
    for (const t of list) {
      const filter = parsed.get(t);
      topics.add(filter ? filter.topic : t);
      if (filter) filters.set(filter.topic, filter);
    }
    ws.send({ type: 'subscribed', topics: spelled, seq: db.seq });
    if (since === undefined || since === null) return;
    if (since > db.seq || (db.events[0] && since < db.events[0].seq - 1)) ws.send({ type: 'resync', seq: db.seq });
    else for (const e of db.events) if (e.seq > since) ws.deliver(e);
  };
  const unsubscribe = (list) => {
    for (const t of list) {
      let topic = t;
      try {
        if (t.includes('?')) topic = parseFilter(t).topic;
      } catch { /* not a topic it could hold */ }
      topics.delete(topic);
      filters.delete(topic);
    }
    ws.send({ type: 'unsubscribed', topics: list });
  };
  sockets.add(ws);
  ws.send({ type: 'welcome', seq: db.seq, heartbeat_ms: 10000 });
  const initial = url.searchParams.get('topics');
  if (initial) subscribe(splitTopics(initial), url.searchParams.has('since') ? Number(url.searchParams.get('since')) : undefined);
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 2) {
      const opcode = buffer[0] & 15;
      let len = buffer[1] & 127;
      let offset = 2;
      if (len === 126) { len = buffer.readUInt16BE(2); offset = 4; } else if (len === 127) { len = Number(buffer.readBigUInt64BE(2)); offset = 10; }
      if (buffer.length < offset + 4 + len) return;
      const mask = buffer.subarray(offset, offset + 4);
      const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + len).map((b, i) => b ^ mask[i % 4]));
      buffer = buffer.subarray(offset + 4 + len);
      if (opcode === 8) { socket.end(wsFrame(8, Buffer.alloc(0))); return; }
      if (opcode === 9) { socket.write(wsFrame(10, payload)); continue; }
      if (opcode !== 1) continue;
      let frame;
      try { frame = JSON.parse(payload.toString()); } catch { ws.send({ type: 'error', code: 'bad_frame', message: 'not JSON' }); continue; }
      if (frame.type === 'ping') ws.send({ type: 'pong' });
      else if (frame.type === 'subscribe') subscribe(frame.topics || [], frame.since);
      else if (frame.type === 'unsubscribe') unsubscribe(frame.topics || []);
    }
  });
  const drop = () => sockets.delete(ws);
  socket.on('close', drop);
  socket.on('error', drop);
}

// ---------- CLI ----------
function seedDemo() {
  const c = ['Acme Dry Cleaning', 'Bluebird Cafe', 'Corner Books', 'Delta Florist'].map((name, i) => insert('customers', { name, email: `hello${i}@example.com`, phone: `555-010${i}`, address: `${10 + i} Market St` }));
  ['Ana Ruiz', 'Ben Ode', 'Chen Li'].forEach((name, i) => insert('employees', { name, email: `${name.split(' ')[0].toLowerCase()}@switchboard.test`, role: ['admin', 'dispatcher', 'accountant'][i], department: 'Operations' }));
  const s = [['Wash & fold', 1500, 60], ['Dry cleaning', 2500, 120], ['Alterations', 3000, 90]].map(([name, price, mins]) => insert('services', { name, price_cents: price, duration_minutes: mins }));
  [['HNG-01', 'Hangers (100)', 1200, 600, 40, 10], ['BAG-02', 'Garment bags', 300, 90, 5, 10], ['DET-03', 'Detergent 5L', 2400, 1300, 0, 4]].forEach(([sku, name, price, cost, qty, reorder]) => insert('products', { sku, name, price_cents: price, cost_cents: cost, stock_quantity: qty, reorder_level: reorder }));
  const o1 = insert('orders', { customer_id: c[0].id, delivery_address: '10 Market St', items: [{ service_id: s[0].id, quantity: 2 }] });
  const o2 = insert('orders', { customer_id: c[1].id, status: 'out_for_delivery', delivery_address: '11 Market St', items: [{ service_id: s[1].id, quantity: 1 }] });
  const d1 = insert('drivers', { name: 'Dana Cole', status: 'on_delivery', vehicle: 'Van 1', lat: 40.7128, lng: -74.006, location_updated_at: now() });
  insert('drivers', { name: 'Eli Park', status: 'available', vehicle: 'Bike 2', lat: 40.7306, lng: -73.9866, location_updated_at: now() });
  insert('deliveries', { order_id: o2.id, driver_id: d1.id, status: 'in_transit', address: '11 Market St' });
  insert('deliveries', { order_id: o1.id, address: '10 Market St' });
  insert('invoices', { number: 'INV-1001', kind: 'receivable', customer_id: c[0].id, counterparty: c[0].name, amount_cents: 4500, issue_date: '2025-01-02', due_date: '2025-02-01', status: 'open' });
  insert('invoices', { number: 'BILL-77', kind: 'payable', counterparty: 'Steam Supply Co', amount_cents: 12000, issue_date: '2025-01-05', due_date: '2099-01-05', status: 'open' });
  insert('expenses', { category: 'fuel', amount_cents: 6400, expense_date: `${new Date().toISOString().slice(0, 7)}-03`, vendor: 'Shell' });
  insert('budgets', { category: 'fuel', period: new Date().toISOString().slice(0, 7), amount_cents: 50000 });
  insert('transit-batches', { code: 'TB-001', origin: 'Plant', destination: 'Store 2', order_ids: [o1.id] });
  save();
}

const USAGE = `Switchboard mock server (tests/browser/mock-server.mjs)

Usage: mock-server.mjs [--database-url PATH] [COMMAND]

Commands:
  serve        Run the server (the default)
  migrate      Create the JSON store and exit
  seed-demo    Fill the store with demo data and exit
  token        Manage API tokens: token create --name NAME --role ROLE [--driver-id N]
`;

const positional = ARGS.filter((arg, i) => !arg.startsWith('--') && !(i > 0 && ARGS[i - 1].startsWith('--') && !['--help'].includes(ARGS[i - 1])));
const command = positional[0] || 'serve';
if (ARGS.includes('--help') || ARGS.includes('-h') || command === 'help') { process.stdout.write(USAGE); process.exit(0); }
if (command === 'migrate') { save(); process.exit(0); }
if (command === 'seed-demo') { seedDemo(); process.exit(0); }
if (command === 'token') {
  const name = option('--name');
  const role = option('--role');
  const driverId = option('--driver-id') === undefined ? null : Number(option('--driver-id'));
  if (positional[1] !== 'create' || !name || !ROLES.includes(role) || (driverId !== null && !Number.isInteger(driverId))) {
    process.stderr.write(`usage: token create --name NAME --role ${ROLES.join('|')} [--driver-id N]\n`);
    process.exit(2);
  }
  const token = createToken({ name, role, driverId });
  process.stdout.write(`Created API token "${name}" (role ${role}). It is shown only this once:\n${token}\n`);
  process.exit(0);
}
if (command !== 'serve') { process.stderr.write(USAGE); process.exit(2); }
if (db.tokens.length === 0) {
  const token = createToken({ name: 'admin', role: 'admin' });
  console.log(`No API token exists yet; created an admin token (shown only this once):\n${token}`);
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    acting.run(credentials(req), () => api(req, res, url)).catch((e) => fail(res, 500, 'internal', e.message));
  } else if (url.pathname === '/') {
    serveStatic(res, '/index.html');
  } else if (url.pathname.startsWith('/assets/')) {
    serveStatic(res, url.pathname.slice('/assets'.length));
  } else {
    fail(res, 404, 'not_found', 'Not found');
  }
});
server.on('upgrade', (req, socket) => {
  socket.on('error', () => {});
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/ws') return socket.destroy();
  acceptSocket(req, socket, url);
});
const port = Number(process.env.PORT || 5001);
server.listen(port, process.env.HOST || '127.0.0.1', () => console.log(`mock switchboard listening on ${port}`));
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
