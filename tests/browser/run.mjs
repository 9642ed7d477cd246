#!/usr/bin/env node
// Switchboard's browser suite: two independent browsers (A and B) on one server, a change made
// in A, and an assertion on what B shows within a bound, without reloading B.
//
//   node tests/browser/run.mjs
//
// Server, in order of preference:
//   SWITCHBOARD_BIN=target/debug/switchboard  run.mjs migrates and seeds a fresh SQLite database
//       in a temp dir (or SWITCHBOARD_DATABASE_URL), serves it on SWITCHBOARD_PORT (default: a
//       free port) and can restart it, which the reconnect test needs.
//   SWITCHBOARD_URL=http://127.0.0.1:5001       a server someone else started; the reconnect
//       test is skipped.
//   neither: target/release/switchboard or target/debug/switchboard if built.
// Log-in: when the server answers 401 on GET /api/me, every browser context logs in through the
// log-in form with an admin API token: with SWITCHBOARD_BIN the runner creates one
// (`<bin> token create --name browser-tests --role admin`, if `<bin> --help` lists `token`);
// against SWITCHBOARD_URL set SWITCHBOARD_TOKEN. A server without log-in (404 on /api/me) is
// tested without it, and the log-in tests are skipped.
// Other settings: CHROMIUM_PATH (default /usr/bin/chromium), SWITCHBOARD_BOUND_MS (5000),
// SWITCHBOARD_TESTS (comma-separated test numbers or name fragments to run a subset).
// Exit codes: 0 all passed, 1 a test failed, 2 no server to test, 3 no Chromium.

import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, chromiumLauncher, NETWORK_DOWN_ERRORS, TestFailure } from './chromium.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const ARTIFACTS = join(HERE, 'artifacts');
const BOUND_MS = Number(process.env.SWITCHBOARD_BOUND_MS || 5_000);
const STARTUP_MS = 30_000;
// The client's reconnect waits double from 0.5 s to 30 s; after the reconnect test's 9 s outage
// its next attempt comes at most ~14 s after the restart.
const RECONNECT_MS = 20_000;


// ---------------------------------------------------------------- server process

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class ManagedServer {
  constructor({ bin, databaseUrl, port, logFile }) {
    this.bin = bin;
    this.port = port;
    this.logFile = logFile;
    this.env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' };
    this.child = null;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  log(text) {
    appendFileSync(this.logFile, text);
  }

  /** Run one CLI command to completion (migrate, seed-demo…); resolves to its stdout. */
  run(command, { quiet = false } = {}) {
    const args = Array.isArray(command) ? command : [command];
    const shown = args.join(' ');
    return new Promise((resolveRun, reject) => {
      this.log(`\n$ ${this.bin} ${shown}\n`);
      const child = spawn(this.bin, args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (d) => {
        stdout += d;
        if (!quiet) this.log(d);
      });
      child.stderr.on('data', (d) => this.log(d));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolveRun(stdout) : reject(new Error(`\`${this.bin} ${shown}\` exited with ${code} (see ${this.logFile})`))));
    });
  }

  /** Whether this binary manages API tokens (`<bin> --help` lists a `token` command). */
  async hasTokenCommand() {
    const help = await this.run(['--help']).catch(() => '');
    return /^\s+token\b/m.test(help);
  }

  /** A new admin API token: the last line `token create` prints (kept out of the log). */
  createAdminToken() {
    return this.createToken('browser-tests', 'admin');
  }

  /** A new API token named `name` for `role`; the tests that log in as another role use it. */
  async createToken(name, role) {
    const stdout = await this.run(['token', 'create', '--name', name, '--role', role, '--database-url', this.env.DATABASE_URL], { quiet: true });
    const lines = stdout.trim().split('\n');
    this.log(`${lines.slice(0, -1).join('\n')}\n<token not logged>\n`);
    const token = lines.at(-1).trim();
    if (!token) throw new Error('`token create` printed no token');
    return token;
  }

  async start() {
    this.log(`\n$ ${this.bin} serve   (PORT=${this.port})\n`);
    const child = spawn(this.bin, ['serve'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let exited = null;
    child.stdout.on('data', (d) => this.log(d));
    child.stderr.on('data', (d) => this.log(d));
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      if (this.child === child) this.child = null;
    });
    const deadline = Date.now() + STARTUP_MS;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`the server exited during start-up (${exited.code ?? exited.signal}); see ${this.logFile}`);
      try {
        await fetch(`${this.baseUrl}/`); // any HTTP answer means it is listening
        return;
      } catch { /* not listening yet */ }
      await sleep(100);
    }
    throw new Error(`the server did not answer within ${STARTUP_MS / 1000}s; see ${this.logFile}`);
  }

  /** Stop the server: SIGTERM then SIGKILL after graceMs (graceMs 0: kill at once, like a crash). */
  async stop({ graceMs = 3_000 } = {}) {
    const child = this.child;
    if (!child) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
    const timer = graceMs > 0 ? setTimeout(() => child.kill('SIGKILL'), graceMs) : null;
    await gone;
    clearTimeout(timer);
    this.child = null;
  }
}

function findBuiltBinary() {
  for (const profile of ['release', 'debug']) {
    const candidate = join(REPO, 'target', profile, 'switchboard');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

// ---------------------------------------------------------------- REST helper and log-in

/**
 * Whether the server wants a log-in, and how the runner's own REST calls authenticate:
 * null (no log-in: 404 on /api/me), or { token, name, headers } where headers carry the token as
 * `Authorization: Bearer`, or failing that a session cookie from POST /api/login.
 */
async function detectAuth(baseUrl, token) {
  const anonymous = await fetch(`${baseUrl}/api/me`);
  if (anonymous.status === 404) return null;
  if (anonymous.status !== 401) throw new Error(`GET /api/me without credentials answered ${anonymous.status}, expected 401 (or 404 without log-in)`);
  if (!token) throw new Error('the server requires log-in: set SWITCHBOARD_TOKEN to an admin API token (or use SWITCHBOARD_BIN so the runner creates one)');
  const me = async (headers) => {
    const response = await fetch(`${baseUrl}/api/me`, { headers });
    return response.ok ? response.json() : null;
  };
  let headers = { Authorization: `Bearer ${token}` };
  let who = await me(headers);
  if (!who) {
    const login = await fetch(`${baseUrl}/api/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: baseUrl }, body: JSON.stringify({ token }),
    });
    const cookie = (login.headers.get('set-cookie') || '').split(';')[0];
    if (login.status !== 204 || !cookie) throw new Error(`the API token was refused (POST /api/login answered ${login.status})`);
    headers = { Cookie: cookie, Origin: baseUrl };
    who = await me(headers);
    if (!who) throw new Error('GET /api/me refused the session cookie from POST /api/login');
  }
  if (who.role !== 'admin') throw new Error(`the API token's role is ${who.role}; the tests need admin`);
  return { token, name: who.name, headers };
}

function restClient(baseUrl, auth) {
  return async function rest(method, path, body) {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { ...(auth ? auth.headers : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} /api${path} -> ${response.status} ${text}`);
    return data;
  };
}

// ---------------------------------------------------------------- browser helpers

class Harness {
  constructor({ browser, baseUrl, server, auth, name, index }) {
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.server = server;
    this.auth = auth;
    this.rest = restClient(baseUrl, auth);
    this.slug = `${String(index).padStart(2, '0')}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    this.contexts = [];
    this.pages = {};
    this.consoleErrors = [];
    this.allowedErrors = [];
    // Failed loads Chromium reports as console errors although the app expects them: at start
    // the app asks GET /api/me who is signed in, and "not signed in" is a 401 (a server without
    // log-in answers 404). Only that exact status on that exact URL is forgiven.
    this.allowedFailedLoads = [{ status: auth ? 401 : 404, path: '/api/me' }];
    this.sockets = new Map(); // page -> WebSockets it opened
    this.stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
    this.cleanups = []; // run by close(), last first
  }

  /**
   * A second server for this test alone: the stand-in (mock-server.mjs) with the demo data,
   * serving the suite's catalogue as `edit(catalog)` changes it, with `env` added to its
   * environment. Returns a harness on it whose pages and console errors are this test's.
   */
  async standIn(edit, env = {}) {
    const catalog = JSON.parse(readFileSync(join(HERE, 'catalog.json'), 'utf8'));
    edit(catalog);
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-stand-in-'));
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog));
    const logFile = join(ARTIFACTS, `${this.slug}-stand-in.log`);
    writeFileSync(logFile, '');
    const server = new ManagedServer({ bin: join(HERE, 'mock-server.mjs'), databaseUrl: join(dir, 'store.json'), port: await freePort(), logFile });
    server.env.SWITCHBOARD_CATALOG = join(dir, 'catalog.json');
    Object.assign(server.env, env);
    this.cleanups.push(async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    await server.run('migrate');
    await server.run('seed-demo');
    const token = await server.createAdminToken();
    await server.start();
    const harness = new Harness({ browser: this.browser, baseUrl: server.baseUrl, server, auth: await detectAuth(server.baseUrl, token), name: 'stand-in', index: 0 });
    harness.pages = this.pages;
    harness.consoleErrors = this.consoleErrors;
    this.cleanups.push(() => harness.close());
    return harness;
  }

  isExpectedError(message) {
    const text = message.text();
    if (this.allowedErrors.some((re) => re.test(text))) return true;
    const failed = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
    if (!failed) return false;
    const url = message.location()?.url || '';
    return this.allowedFailedLoads.some(({ status, path }) => Number(failed[1]) === status && url === `${this.baseUrl}${path}`);
  }

  /**
   * Open `route` (e.g. "/employees?q=x") in a fresh browser context (or a new tab of `context`)
   * labelled A, B…; log in through the form when the server wants it, and wait for `connected`.
   * logIn: false stops after loading the page (the log-in screen, or the app in a signed-in context).
   * beforeLoad(page) runs before the page loads (to watch its sockets from the first frame).
   */
  async open(label, route, { context = null, logIn = true, user = null, viewport = { width: 1360, height: 900 }, locale = 'en-US', beforeLoad = null } = {}) {
    if (!context) {
      context = await this.browser.newContext({ viewport, locale });
      this.contexts.push(context);
    }
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error' || this.isExpectedError(message)) return;
      this.consoleErrors.push(`${label}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`${label}: uncaught ${error.message}`));
    this.sockets.set(page, []);
    page.on('websocket', (ws) => this.sockets.get(page).push(ws.url()));
    beforeLoad?.(page);
    await page.goto(`${this.baseUrl}/#${route}`);
    this.pages[label] = page;
    if (!logIn) return page;
    if (this.auth) await this.logIn(page, user || this.auth);
    await this.expectConnection(page, 'connected', RECONNECT_MS);
    // A marker that a reload would wipe: B must update in place.
    await page.evaluate(() => { window.__switchboardNoReload = true; });
    return page;
  }

  loginForm(page) {
    return page.locator('[data-testid="login-form"]');
  }

  async expectLoginScreen(page, timeout = BOUND_MS) {
    await this.loginForm(page).waitFor({ state: 'visible', timeout }).catch(() => {
      throw new TestFailure(`the log-in form did not appear within ${timeout} ms`);
    });
    assert(!(await page.locator('.shell').isVisible()), 'the app is shown next to the log-in form');
  }

  /** Fill the log-in form; resolves to the server's answer to POST /api/login. */
  async submitToken(page, token) {
    const form = this.loginForm(page);
    await form.getByLabel('API token').fill(token);
    const answer = page.waitForResponse((r) => r.url() === `${this.baseUrl}/api/login` && r.request().method() === 'POST', { timeout: BOUND_MS });
    await form.getByRole('button', { name: 'Log in' }).click();
    return answer;
  }

  /** A user of `role` to log in as ({ token, name }), made with the server's CLI. */
  async userWithRole(role) {
    const name = `browser-${role}-${this.stamp}`;
    return { name, token: await this.server.createToken(name, role) };
  }

  /** Log in through the form (which must be showing) as `user` ({ token, name }) and wait for the app, without a reload. */
  async logIn(page, user = this.auth) {
    const { token } = user;
    await this.expectLoginScreen(page);
    assert(this.sockets.get(page).length === 0, 'a WebSocket was opened before logging in');
    await page.evaluate(() => { window.__switchboardBeforeLogin = true; });
    let answer = await this.submitToken(page, token);
    if (answer.status() === 429) {
      // Log-in attempts are rate-limited; wait as the server says (once) rather than fail.
      const wait = Number(answer.headers()['retry-after'] || 0);
      assert(wait > 0 && wait <= 60, `log-in rate-limited with Retry-After ${wait}`);
      await sleep(wait * 1000 + 200);
      answer = await this.submitToken(page, token);
    }
    assert(answer.status() === 204, `POST /api/login answered ${answer.status()}`);
    await page.locator('.shell').waitFor({ state: 'visible', timeout: BOUND_MS }).catch(async () => {
      throw new TestFailure(`the app did not appear after logging in: ${await page.locator('[data-testid="login-error"]').textContent()}`);
    });
    assert(!(await this.loginForm(page).isVisible()), 'the log-in form is still shown after logging in');
    assert(await page.evaluate(() => window.__switchboardBeforeLogin === true), 'logging in reloaded the page');
    const name = (await page.locator('[data-testid="session-name"]').textContent()).trim();
    assert(name === user.name, `the top bar shows "${name}" signed in, expected "${user.name}"`);
  }

  async expectConnection(page, state, timeout = BOUND_MS) {
    const indicator = page.locator('[data-testid="connection-status"]');
    await indicator.filter({ hasText: new RegExp(`^${state}$`) }).waitFor({ timeout }).catch(async () => {
      throw new TestFailure(`connection indicator shows "${await indicator.textContent()}", expected "${state}" within ${timeout} ms`);
    });
  }

  table(page, collection) {
    return page.locator(`[data-testid="${collection}-table"]`);
  }

  /** Wait until the table has loaded (a data row, or the empty-state row). */
  async tableLoaded(page, collection) {
    await this.table(page, collection).locator('tbody tr:not(:has-text("Loading"))').first().waitFor({ timeout: BOUND_MS });
  }

  async expectRow(page, collection, { id, text }, timeout = BOUND_MS) {
    const rows = this.table(page, collection).locator(id !== undefined ? `tbody tr[data-id="${id}"]` : 'tbody tr[data-id]');
    const row = text ? rows.filter({ hasText: text }) : rows;
    await row.first().waitFor({ timeout }).catch(() => {
      throw new TestFailure(`${collection} table did not show ${id !== undefined ? `row ${id}` : 'a row'}${text ? ` with "${text}"` : ''} within ${timeout} ms`);
    });
    return row.first();
  }

  async expectNoRow(page, collection, id, timeout = BOUND_MS) {
    await this.table(page, collection).locator(`tbody tr[data-id="${id}"]`).waitFor({ state: 'detached', timeout }).catch(() => {
      throw new TestFailure(`${collection} row ${id} was still shown after ${timeout} ms`);
    });
  }

  /**
   * The realtime toast with the seed's wording and who made the change: "<Plural> updated by
   * <name> - The list of <plural> has been updated in real-time."; for a burst of `count` events,
   * one toast "<Plural> updated (<count>) by <name> - …". `by` defaults to the runner's own token,
   * which makes the tests' changes (with no log-in, no one is named).
   */
  async expectUpdateToast(page, plural, timeout = BOUND_MS, { count = 1, by = this.auth?.name ?? null } = {}) {
    const title = `${count > 1 ? `${plural} updated (${count})` : `${plural} updated`}${by ? ` by ${by}` : ''}`;
    const body = `The list of ${plural.toLowerCase()} has been updated in real-time.`;
    const toast = page.locator('[data-testid="toasts"] .toast', { hasText: title });
    await toast.first().waitFor({ timeout }).catch(() => {
      throw new TestFailure(`no "${title}" toast within ${timeout} ms`);
    });
    const text = (await toast.first().textContent()).replace(/\s+/g, ' ');
    assert(text.includes(`${title} - ${body}`), `toast reads "${text}", expected "${title} - ${body}"`);
    return toast;
  }

  async expectNotReloaded(page) {
    assert(await page.evaluate(() => window.__switchboardNoReload === true), 'the page was reloaded');
  }

  async screenshot(label, suffix = '') {
    const page = this.pages[label];
    if (!page) return;
    await page.screenshot({ path: join(ARTIFACTS, `${this.slug}-${label}${suffix}.png`), fullPage: true }).catch(() => {});
  }

  async close() {
    await Promise.all(this.contexts.map((c) => c.close().catch(() => {})));
    for (const cleanup of this.cleanups.reverse()) await cleanup().catch(() => {});
  }
}

// ---------------------------------------------------------------- tests

/** Set what `document.visibilityState` reads in `page` and fire `visibilitychange`, as switching tabs does. */
function setVisibility(page, state) {
  return page.evaluate((visibility) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => visibility === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/**
 * Pick record `id` in the search-as-you-type picker labelled `label` inside `scope`: type `text`
 * and choose the option, by keyboard (Enter on the highlighted first match) or by a click.
 */
async function pick(scope, label, text, id, { keyboard = false } = {}) {
  const input = scope.getByRole('combobox', { name: label });
  await input.fill(text);
  const option = scope.page().locator(`#${await input.getAttribute('aria-controls')} [role="option"][data-id="${id}"]`);
  await option.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure(`the ${label} picker did not offer #${id} for "${text}"`); });
  if (keyboard) {
    await scope.page().waitForFunction(([inputId, optionId]) => {
      const active = document.getElementById(inputId)?.getAttribute('aria-activedescendant');
      return active && document.getElementById(active)?.dataset.id === optionId;
    }, [await input.getAttribute('id'), String(id)], { timeout: BOUND_MS });
    await input.press('Enter');
  } else {
    await option.click();
  }
  await scope.page().waitForFunction((inputId) => document.getElementById(inputId)?.getAttribute('aria-expanded') === 'false', await input.getAttribute('id'), { timeout: BOUND_MS });
  return input;
}

/** A service a new order may have: an active one (an earlier test deactivates one). */
async function anyServiceId(rest, stamp) {
  const { items } = await rest('GET', '/services?limit=100');
  const active = items.find((service) => service.active);
  if (active) return active.id;
  return (await rest('POST', '/services', { name: `Fallback service ${stamp}`, price_cents: 1000, active: true })).id;
}

/** Wait until `check()` (sync or async) is truthy, or fail with `message` after `timeout`. */
async function until(check, message, timeout = BOUND_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new TestFailure(typeof message === 'function' ? await message() : message);
    await sleep(50);
  }
}

/**
 * The realtime event frames `page` receives from now on: the client logs each one
 * ("Realtime update:", frame) just before it is handled, toast included.
 */
function recordEvents(page) {
  const events = [];
  page.on('console', async (message) => {
    if (message.type() !== 'log' || !message.text().startsWith('Realtime update:')) return;
    const frame = await message.args()[1]?.jsonValue().catch(() => null);
    if (frame) events.push(frame);
  });
  return events;
}

/**
 * The frames `page`'s WebSockets carry from now on, parsed: { received, sent }. Start it before
 * the page opens its socket (`open`'s `beforeLoad`) to see the first subscribe.
 */
function recordFrames(page) {
  const frames = { received: [], sent: [] };
  const parse = (payload) => {
    try {
      return JSON.parse(String(payload));
    } catch {
      return null;
    }
  };
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => { const frame = parse(payload); if (frame) frames.received.push(frame); });
    socket.on('framesent', ({ payload }) => { const frame = parse(payload); if (frame) frames.sent.push(frame); });
  });
  return frames;
}

/** Whether `frame` is an event about record `id` of `collection`. */
function isEventAbout(frame, collection, id) {
  return frame.entity === collection && (frame.id === id || (Array.isArray(frame.ids) && frame.ids.includes(id)));
}

/** RFC 4180 CSV -> rows of fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** Toasts `page` shows now (not those leaving), as their text. */
function shownToasts(page) {
  return page.locator('[data-testid="toasts"] .toast:not(.toast-leaving)').allTextContents().then((texts) => texts.map((x) => x.replace(/\s+/g, ' ').trim()));
}

/** Orders made over REST for a new customer: `statuses.length` of them, each moved to its status. */
async function ordersFor(t, label, count) {
  const customer = await t.rest('POST', '/customers', { name: `${label} ${t.stamp}`, email: `${label.toLowerCase().replace(/\W+/g, '.')}.${t.stamp}@switchboard.test` });
  const serviceId = await anyServiceId(t.rest, t.stamp);
  const orders = [];
  for (let i = 0; i < count; i += 1) {
    orders.push(await t.rest('POST', '/orders', { customer_id: customer.id, delivery_address: `${i + 1} Who Way`, items: [{ service_id: serviceId, quantity: i + 1 }] }));
  }
  return { customer, orders };
}

const TESTS = [
  {
    name: 'employee created in A appears in B (Employees, the seed\'s User Management)',
    async run(t) {
      const name = `Avery Tester ${t.stamp}`;
      const email = `avery.${t.stamp}@switchboard.test`;
      const a = await t.open('A', '/employees');
      const b = await t.open('B', `/employees?q=${t.stamp}`);
      await t.tableLoaded(a, 'employees');
      await t.tableLoaded(b, 'employees');

      await a.locator('[data-action="create"]').click();
      const form = a.locator('[data-testid="employees-form"]');
      await form.getByLabel('Name', { exact: false }).first().fill(name);
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Role').selectOption('dispatcher');
      await form.getByLabel('Department').fill('Dispatch');
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`the create form in A did not close: ${await form.locator('.form-banner, .field-error:not([hidden])').allTextContents()}`);
      });

      const row = await t.expectRow(b, 'employees', { text: name });
      assert((await row.textContent()).includes(email), 'B\'s new row lacks the email');
      await t.expectUpdateToast(b, 'Employees');
      await t.expectConnection(b, 'connected');
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'order status changed in A shows in B (Orders)',
    async run(t) {
      const customer = await t.rest('POST', '/customers', { name: `Order Customer ${t.stamp}`, email: `orders.${t.stamp}@switchboard.test` });
      const serviceId = await anyServiceId(t.rest, t.stamp);
      const order = await t.rest('POST', '/orders', {
        customer_id: customer.id, delivery_address: '1 Test Way', items: [{ service_id: serviceId, quantity: 1 }],
      });
      assert(order.status === 'pending', `a new order should be pending, got ${order.status}`);
      const route = `/orders?customer_id=${customer.id}`;
      const a = await t.open('A', route);
      const b = await t.open('B', route);
      await t.expectRow(a, 'orders', { id: order.id });
      const before = await t.expectRow(b, 'orders', { id: order.id });
      assert((await before.locator('[data-col="status"]').textContent()).trim() === 'Pending', 'B should first show Pending');

      await t.table(a, 'orders').locator(`tr[data-id="${order.id}"] [data-action="status:confirmed"]`).click();

      await t.table(b, 'orders').locator(`tr[data-id="${order.id}"] [data-col="status"]`, { hasText: 'Confirmed' })
        .waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure(`B did not show order ${order.id} as Confirmed within ${BOUND_MS} ms`); });
      await t.expectUpdateToast(b, 'Orders');
      await t.expectConnection(b, 'connected');
      await t.expectNotReloaded(b);
      const saved = await t.rest('GET', `/orders/${order.id}`);
      assert(saved.status === 'confirmed', `the server has the order as ${saved.status}`);
    },
  },
  {
    name: 'service deleted in A leaves B (Services)',
    async run(t) {
      const service = await t.rest('POST', '/services', {
        name: `Steam press ${t.stamp}`, description: 'Browser test service', price_cents: 1250, duration_minutes: 30, active: true,
      });
      const route = `/services?q=${t.stamp}`;
      const a = await t.open('A', route);
      const b = await t.open('B', route);
      await t.expectRow(a, 'services', { id: service.id });
      await t.expectRow(b, 'services', { id: service.id });

      await t.table(a, 'services').locator(`tr[data-id="${service.id}"] [data-action="delete"]`).click();
      await a.locator('[data-testid="confirm-ok"]').click();

      await t.expectNoRow(b, 'services', service.id);
      await t.expectUpdateToast(b, 'Services');
      await t.expectConnection(b, 'connected');
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'B reconnects after a server restart and catches up (Customers)',
    needsManagedServer: true,
    async run(t) {
      const b = await t.open('B', `/customers?q=${t.stamp}`);
      await t.tableLoaded(b, 'customers');

      t.allowedErrors.push(...NETWORK_DOWN_ERRORS);
      await t.server.stop({ graceMs: 0 });
      await t.expectConnection(b, 'reconnecting');
      await t.screenshot('B', '-while-down');
      // Stay down through several back-off steps (waits of 4–8 s by now), so B is most likely
      // mid-wait when the change below is made and must catch up through `since`.
      await sleep(9_000);
      await t.server.start();
      const name = `Reconnect Customer ${t.stamp}`;
      const customer = await t.rest('POST', '/customers', { name, email: `reconnect.${t.stamp}@switchboard.test` });
      const stateWhenChanged = (await b.locator('[data-testid="connection-status"]').textContent()).trim();

      await t.expectConnection(b, 'connected', RECONNECT_MS);
      await t.expectRow(b, 'customers', { id: customer.id, text: name });
      await t.expectUpdateToast(b, 'Customers');
      await t.expectNotReloaded(b);
      t.note = `change made while B was ${stateWhenChanged}`;
    },
  },
  {
    name: 'toasts coalesce a burst and the indicator reads connected (Products)',
    async run(t) {
      const route = `/products?q=${t.stamp}`;
      const a = await t.open('A', route);
      const b = await t.open('B', route);
      await t.tableLoaded(b, 'products');
      assert((await a.locator('[data-testid="connection-status"]').textContent()) === 'connected', 'A\'s indicator should read exactly "connected"');
      assert((await b.locator('[data-testid="connection-status"]').textContent()) === 'connected', 'B\'s indicator should read exactly "connected"');

      const created = await Promise.all([1, 2, 3].map((n) => t.rest('POST', '/products', {
        sku: `T-${t.stamp}-${n}`, name: `Test product ${n} ${t.stamp}`, price_cents: 500 * n, cost_cents: 200 * n, stock_quantity: 10 * n, reorder_level: 5,
      })));
      for (const product of created) await t.expectRow(b, 'products', { id: product.id });
      await t.expectUpdateToast(b, 'Products', BOUND_MS, { count: 3 });
      await sleep(1_000);
      const count = await b.locator('[data-testid="toasts"] .toast', { hasText: 'Products updated' }).count();
      assert(count === 1, `a burst of 3 product events gave ${count} "Products updated" toasts, expected 1`);
      await t.expectConnection(b, 'connected');
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'a wrong token shows the server\'s error beside the field (Log-in)',
    needsAuth: true,
    async run(t) {
      const b = await t.open('B', '/orders', { logIn: false });
      await t.expectLoginScreen(b);
      t.allowedFailedLoads.push({ status: 401, path: '/api/login' }); // the wrong token's answer
      const answer = await t.submitToken(b, `sb_wrong${t.stamp}`);
      assert(answer.status() === 401, `POST /api/login with a wrong token answered ${answer.status()}, expected 401`);
      const expected = (await answer.json()).error?.message;
      assert(expected, 'the 401 has no error message');
      const error = b.locator('[data-testid="login-error"]');
      await error.filter({ hasText: expected }).waitFor({ timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`the log-in error reads "${await error.textContent()}", expected the server's "${expected}"`);
      });
      const input = t.loginForm(b).getByLabel('API token');
      assert(await input.getAttribute('aria-invalid') === 'true', 'the token field is not marked invalid');
      assert((await input.getAttribute('aria-describedby') || '').split(' ').includes(await error.getAttribute('id')), 'the error is not tied to the token field');
      await t.expectLoginScreen(b);
      assert(t.sockets.get(b).length === 0, 'a WebSocket was opened although log-in failed');
      assert((await b.locator('[data-testid="connection-status"]').textContent()) !== 'connected', 'the indicator reads connected on the log-in screen');

      // The right token then gets in.
      await t.logIn(b);
      await t.expectConnection(b, 'connected', RECONNECT_MS);
      await t.tableLoaded(b, 'orders');
    },
  },
  {
    name: 'Log out returns to the log-in screen, also in a second tab (Log-out)',
    needsAuth: true,
    async run(t) {
      const b = await t.open('B', '/customers');
      await t.tableLoaded(b, 'customers');
      const role = (await b.locator('[data-testid="session-role"]').textContent()).trim();
      assert(role === 'Admin', `the top bar shows the role "${role}", expected "Admin"`);
      // A second tab of the same browser shares the session: no log-in form, straight to the app.
      const b2 = await t.open('B2', '/services', { context: b.context(), logIn: false });
      await b2.locator('.shell').waitFor({ state: 'visible', timeout: BOUND_MS });
      assert(!(await t.loginForm(b2).isVisible()), 'a second tab with the session cookie asked to log in');
      await t.expectConnection(b2, 'connected', RECONNECT_MS);

      await b.locator('[data-action="logout"]').click();
      await t.expectLoginScreen(b);
      const state = (await b.locator('[data-testid="connection-status"]').textContent()).trim();
      assert(state !== 'connected', 'the indicator still reads connected after logging out');
      await t.expectNotReloaded(b);
      assert(await b.evaluate(() => fetch('/api/me').then((r) => r.status)) === 401, 'GET /api/me still answers after logging out');
      // The server closes the session's other sockets (1008): the second tab goes to the log-in
      // screen rather than reconnecting in a loop.
      await t.expectLoginScreen(b2);
      await sleep(1_500);
      const state2 = (await b2.locator('[data-testid="connection-status"]').textContent()).trim();
      assert(state2 === 'offline', `the second tab's indicator reads "${state2}" after the server closed its session, expected offline`);
      const sockets = t.sockets.get(b2).length;
      assert(sockets === 1, `the second tab opened ${sockets} WebSockets, expected 1 (no reconnecting after 1008)`);
    },
  },
  {
    name: 'each role sees only the buttons its grants allow (Roles)',
    needsAuth: true,
    needsManagedServer: true,
    async run(t) {
      const pending = (await t.rest('GET', '/orders?status=pending&limit=1')).items[0];
      assert(pending, 'the demo data has no pending order');
      const dispatcher = await t.userWithRole('dispatcher');
      const a = await t.open('A', '/orders?status=pending', { user: dispatcher });
      const row = await t.expectRow(a, 'orders', { id: pending.id });
      // Orders: the dispatcher may create, change status, edit and delete.
      for (const action of ['status:confirmed', 'status:cancelled', 'edit', 'delete']) {
        assert(await row.locator(`[data-action="${action}"]`).count() === 1, `the dispatcher's pending order lacks the "${action}" action`);
      }
      assert(await a.locator('[data-action="create"]').count() === 1, 'the dispatcher has no "New order" button');
      assert(await row.locator('input[data-action="select-row"]').count() === 1, 'the dispatcher cannot select orders for a bulk status change');
      // Customers: read-only for a dispatcher, so no New, Edit, Delete or Recompute anywhere.
      await a.goto(`${t.baseUrl}/#/customers`);
      await t.expectRow(a, 'customers', {});
      for (const action of ['create', 'edit', 'delete', 'more', 'recompute-segments']) {
        const count = await a.locator(`main [data-action="${action}"]`).count();
        assert(count === 0, `the dispatcher sees ${count} "${action}" button(s) on Customers`);
      }
      assert(await a.locator('nav a[data-path="/employees"]').count() === 0, 'the dispatcher is offered the Employees page');

      const accountant = await t.userWithRole('accountant');
      const b = await t.open('B', '/orders', { user: accountant });
      await t.expectRow(b, 'orders', { id: pending.id });
      // Its rows offer nothing; the headers' sort buttons only read.
      const buttons = await b.locator('main [data-testid="orders-table"] tbody button').count();
      assert(buttons === 0, `the accountant (who may only read orders) sees ${buttons} button(s) in the orders table's rows`);
      assert(await b.locator('main [data-action="select-row"], main [data-testid="bulk-bar"]').count() === 0, 'the accountant is offered bulk changes of orders');
      assert(await b.locator('main [data-action="create"]').count() === 0, 'the accountant sees "New order"');
      // Invoices are the accountant's: the row actions are there.
      await b.goto(`${t.baseUrl}/#/invoices`);
      await t.expectRow(b, 'invoices', {});
      assert(await b.locator('main [data-action="create"]').count() === 1, 'the accountant has no "New invoice" button');
      assert(await b.locator('main [data-testid="invoices-table"] [data-action="edit"]').count() > 0, 'the accountant cannot edit invoices');
    },
  },
  {
    name: 'action buttons fit the screen at 1280 and 1400 px; the navigation opens at 768 px (Layout)',
    async run(t) {
      const a = await t.open('A', '/orders', { viewport: { width: 1280, height: 800 } });
      const paths = await a.locator('nav a.nav-link').evaluateAll((links) => links.map((l) => l.dataset.path));
      assert(paths.length > 5, `the navigation lists ${paths.length} pages`);
      for (const viewport of [{ width: 1280, height: 800 }, { width: 1400, height: 900 }]) {
        await a.setViewportSize(viewport);
        for (const path of paths) {
          await a.goto(`${t.baseUrl}/#${path}`);
          const collection = path.slice(1);
          const table = t.table(a, collection);
          if (await table.count()) await t.tableLoaded(a, collection);
          else await a.locator('#main h1.page-title').waitFor({ timeout: BOUND_MS }).then(() => sleep(500));
          const report = await a.evaluate(() => {
            const width = window.innerWidth;
            const problems = [];
            if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
            for (const scroller of document.querySelectorAll('main .card .table-scroll')) {
              if (scroller.scrollWidth > scroller.clientWidth + 1) problems.push(`a table is wider than its card (${scroller.scrollWidth} > ${scroller.clientWidth})`);
            }
            const rows = [...document.querySelectorAll('main .card tbody tr[data-id]')].slice(0, 10);
            let buttons = 0;
            for (const row of rows) {
              for (const button of row.querySelectorAll('.row-actions > button, .row-actions > .row-menu-host > button')) {
                const box = button.getBoundingClientRect();
                buttons += 1;
                if (box.left < 0 || box.right > width || box.width === 0) problems.push(`row ${row.dataset.id}: "${button.textContent}" spans ${Math.round(box.left)}–${Math.round(box.right)} of ${width}`);
              }
            }
            return { problems, buttons, rows: rows.length };
          });
          assert(report.problems.length === 0, `${path} at ${viewport.width}px: ${report.problems.slice(0, 4).join('; ')}`);
          if (report.rows > 0 && path !== '/live-tracking') assert(report.buttons > 0, `${path} at ${viewport.width}px shows rows but no action buttons`);
        }
      }

      await a.setViewportSize({ width: 768, height: 1000 });
      await a.goto(`${t.baseUrl}/#/orders`);
      const toggle = a.locator('[data-testid="nav-toggle"]');
      assert(await toggle.isVisible(), 'at 768 px there is no visible navigation toggle');
      const customers = a.locator('nav a[data-path="/customers"]');
      await customers.waitFor({ state: 'hidden', timeout: BOUND_MS }).catch(() => { throw new TestFailure('at 768 px the navigation is open before the toggle is used'); });
      await toggle.click();
      await customers.waitFor({ state: 'visible', timeout: BOUND_MS });
      assert(await toggle.getAttribute('aria-expanded') === 'true', 'the toggle does not say the navigation is expanded');
      await customers.click();
      await t.tableLoaded(a, 'customers');
      await customers.waitFor({ state: 'hidden', timeout: BOUND_MS });
      const overflow = await a.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `at 768 px the page scrolls sideways by ${overflow} px`);
    },
  },
  {
    name: 'cancelling an order asks first; dismissing changes nothing (Orders)',
    async run(t) {
      const customer = await t.rest('POST', '/customers', { name: `Cancel Customer ${t.stamp}`, email: `cancel.${t.stamp}@switchboard.test` });
      const serviceId = await anyServiceId(t.rest, t.stamp);
      const order = await t.rest('POST', '/orders', { customer_id: customer.id, items: [{ service_id: serviceId, quantity: 1 }] });
      const route = `/orders?customer_id=${customer.id}`;
      const a = await t.open('A', route);
      const b = await t.open('B', route);
      const row = await t.expectRow(a, 'orders', { id: order.id });
      await t.expectRow(b, 'orders', { id: order.id });

      await row.locator('[data-action="more"]').click();
      await row.locator('[data-action="status:cancelled"]').click();
      const dialog = a.locator('dialog[open]');
      await dialog.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('Cancel did not ask for confirmation'); });
      assert((await dialog.textContent()).includes(`Order #${order.id}`), 'the confirmation does not name the order');
      await dialog.locator('[data-testid="confirm-cancel"]').click();
      await dialog.waitFor({ state: 'detached', timeout: BOUND_MS });

      await sleep(BOUND_MS);
      const toasts = await b.locator('[data-testid="toasts"] .toast').count();
      assert(toasts === 0, `B shows ${toasts} toast(s) after A dismissed the cancellation`);
      const status = (await t.table(b, 'orders').locator(`tr[data-id="${order.id}"] [data-col="status"]`).textContent()).trim();
      assert(status === 'Pending', `B shows the order as ${status} after A dismissed the cancellation`);
      assert((await t.rest('GET', `/orders/${order.id}`)).status === 'pending', 'the server changed the order although A dismissed the cancellation');
      assert(await a.locator('[data-testid="toasts"] .toast').count() === 0, 'A shows a toast after dismissing the cancellation');

      // A forward step is not asked about: it is done at once and named in a toast (no Undo: orders only move forward).
      await row.locator('[data-action="status:confirmed"]').click();
      const toast = a.locator('[data-testid="toasts"] .toast', { hasText: `Order #${order.id} confirmed` });
      await toast.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure(`A shows no "Order #${order.id} confirmed" toast`); });
      assert(await toast.locator('[data-action="toast-action"]').count() === 0, 'confirming an order offers an Undo the server would refuse');
      await t.expectUpdateToast(b, 'Orders');
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'the invoices list shows how many match and their total under the table, following a filter and new invoices (list totals)',
    async run(t) {
      const make = (amount_cents, status) => t.rest('POST', '/invoices', {
        kind: 'receivable', counterparty: `Totals Co ${t.stamp}`, amount_cents, status,
      });
      await make(120000, 'open');
      await make(34550, 'open');
      await make(900, 'draft');
      const a = await t.open('A', `/invoices?q=${t.stamp}`);
      await t.tableLoaded(a, 'invoices');
      const footer = a.locator('[data-testid="invoices-totals"]');
      const expectFooter = async (text, why) => {
        await footer.filter({ hasText: text }).waitFor({ timeout: BOUND_MS }).catch(async () => {
          throw new TestFailure(`${why}: the footer reads "${await footer.textContent()}", not "${text}"`);
        });
      };
      await expectFooter('3 invoices · $1,554.50 total', 'every invoice of the search');
      await a.locator('form.filters select[name="status"]').selectOption('open');
      await expectFooter('2 invoices · $1,545.50 total', 'only the open ones');
      // Live: another open invoice, made elsewhere, joins the count and the sum.
      await make(50, 'open');
      await expectFooter('3 invoices · $1,546.00 total', 'after another open invoice');
    },
  },
  {
    name: 'marking an invoice paid can be undone from its toast (Invoices)',
    async run(t) {
      const invoice = await t.rest('POST', '/invoices', {
        number: `INV-${t.stamp}`, kind: 'receivable', counterparty: `Undo Co ${t.stamp}`, amount_cents: 4200,
        status: 'open', issue_date: '2026-01-01', due_date: '2026-02-01',
      });
      const route = `/invoices?q=${t.stamp}`;
      const a = await t.open('A', route);
      const b = await t.open('B', route);
      const row = await t.expectRow(a, 'invoices', { id: invoice.id });
      await t.expectRow(b, 'invoices', { id: invoice.id });
      const statusIn = (page) => t.table(page, 'invoices').locator(`tr[data-id="${invoice.id}"] [data-col="status"]`);

      await row.locator('[data-action="status:paid"]').click();
      const toast = a.locator('[data-testid="toasts"] .toast', { hasText: `Invoice INV-${t.stamp} marked paid` });
      await toast.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('A shows no "marked paid" toast'); });
      await statusIn(b).filter({ hasText: 'Paid' }).waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('B did not show the invoice paid'); });
      // Others' changes to five collections fill the stack past its cap: the Undo stays.
      // One after another, so the expenses event comes last and its toast is the one to wait for.
      for (const [path, body] of [
        ['/customers', { name: `Undo Customer ${t.stamp}`, email: `undo.${t.stamp}@switchboard.test` }],
        ['/employees', { name: `Undo Employee ${t.stamp}`, email: `undo.e.${t.stamp}@switchboard.test`, role: 'dispatcher', department: 'Dispatch' }],
        ['/services', { name: `Undo service ${t.stamp}`, price_cents: 700, active: true }],
        ['/drivers', { name: `Undo Driver ${t.stamp}` }],
        ['/expenses', { category: 'fuel', description: `Undo ${t.stamp}`, amount_cents: 1200, expense_date: '2026-01-05' }],
      ]) await t.rest('POST', path, body);
      await a.locator('[data-testid="toasts"] .toast', { hasText: 'Expenses updated' }).waitFor({ timeout: BOUND_MS });
      const shown = await a.locator('[data-testid="toasts"] .toast:not(.toast-leaving)').count();
      assert(shown <= 4, `A shows ${shown} toasts at once, expected at most 4`);

      await toast.locator('[data-action="toast-action"]', { hasText: 'Undo' }).click();
      await statusIn(b).filter({ hasText: 'Open' }).waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('B did not show the invoice open again after Undo'); });
      assert((await t.rest('GET', `/invoices/${invoice.id}`)).status === 'open', 'the server does not have the invoice open again after Undo');
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'a service on an order cannot be deleted; the refusal names it and offers Deactivate (Services)',
    async run(t) {
      const service = await t.rest('POST', '/services', { name: `Kept service ${t.stamp}`, price_cents: 900, active: true });
      // The refused DELETE is a 409 Chromium reports as a failed load: expected here.
      t.allowedFailedLoads.push({ status: 409, path: `/api/services/${service.id}` });
      const customer = await t.rest('POST', '/customers', { name: `Keeper ${t.stamp}`, email: `keeper-${t.stamp}@example.com` });
      await t.rest('POST', '/orders', { customer_id: customer.id, items: [{ service_id: service.id, quantity: 1 }] });
      const route = `/services?q=${t.stamp}`;
      const a = await t.open('A', route);
      const b = await t.open('B', route);
      const row = await t.expectRow(a, 'services', { id: service.id });
      await t.expectRow(b, 'services', { id: service.id });

      const more = row.locator('[data-action="more"]');
      if (await more.count()) await more.click();
      await row.locator('[data-action="delete"]').click();
      await a.locator('[data-testid="confirm-ok"]').click();
      const toast = a.locator('[data-testid="toasts"] .toast', { hasText: `Kept service ${t.stamp} is on 1 order` });
      await toast.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('A shows no refusal naming the service'); });
      await toast.locator('[data-action="toast-action"]', { hasText: 'Deactivate' }).click();
      const activeIn = (page) => t.table(page, 'services').locator(`tr[data-id="${service.id}"] [data-col="active"]`);
      await activeIn(b).filter({ hasText: 'No' }).waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('B did not show the service inactive'); });
      assert((await t.rest('GET', `/services/${service.id}`)).active === false, 'the server still has the service active');
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'the seed\'s three scenarios on the demo data, as the seed words them (User Management, Orders, Services)',
    async run(t) {
      // "Open User Management page in Browser A / in Browser B; create a new employee in Browser A."
      const a = await t.open('A', '/employees');
      const b = await t.open('B', '/employees');
      await t.tableLoaded(a, 'employees');
      await t.tableLoaded(b, 'employees');
      const name = `Morgan Seed ${t.stamp}`;
      await a.locator('[data-action="create"]').click();
      const form = a.locator('[data-testid="employees-form"]');
      await form.getByLabel('Name', { exact: false }).first().fill(name);
      await form.getByLabel('Email').fill(`morgan.${t.stamp}@switchboard.test`);
      await form.getByLabel('Role').selectOption('dispatcher');
      await form.getByLabel('Department').fill('Dispatch');
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS });
      // "Browser B should show the new employee immediately without refresh."
      await t.expectRow(b, 'employees', { text: name });
      await t.expectUpdateToast(b, 'Employees');

      // "Open Orders page in Browser A / B; update an order status in Browser A." A demo order:
      // the oldest one still pending, on the first page of the unfiltered list.
      const pending = (await t.rest('GET', '/orders?status=pending&limit=100')).items;
      const order = pending.reduce((oldest, o) => (!oldest || o.id < oldest.id ? o : oldest), null);
      assert(order, 'the demo data has no pending order');
      await a.locator('nav a[data-path="/orders"]').click();
      await b.locator('nav a[data-path="/orders"]').click();
      const row = await t.expectRow(a, 'orders', { id: order.id });
      await t.expectRow(b, 'orders', { id: order.id });
      await row.locator('[data-action="status:confirmed"]').click();
      // "Browser B should show the updated status immediately."
      await t.table(b, 'orders').locator(`tr[data-id="${order.id}"] [data-col="status"]`, { hasText: 'Confirmed' })
        .waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure(`B did not show demo order ${order.id} as Confirmed`); });
      await t.expectUpdateToast(b, 'Orders');

      // "Open Services page in Browser A / B; delete a service in Browser A." A demo service that
      // no order refers to (the demo data has some, so this works as written).
      const services = (await t.rest('GET', '/services?limit=100')).items;
      const orders = (await t.rest('GET', '/orders?limit=100')).items;
      const used = new Set(orders.flatMap((o) => (o.items || []).map((item) => item.service_id)));
      const service = services.filter((sv) => !used.has(sv.id)).reduce((oldest, sv) => (!oldest || sv.id < oldest.id ? sv : oldest), null);
      assert(service, 'every demo service is on an order: none can be deleted');
      await a.locator('nav a[data-path="/services"]').click();
      await b.locator('nav a[data-path="/services"]').click();
      const serviceRow = await t.expectRow(a, 'services', { id: service.id });
      await t.expectRow(b, 'services', { id: service.id });
      const more = serviceRow.locator('[data-action="more"]');
      if (await more.count()) await more.click();
      await serviceRow.locator('[data-action="delete"]').click();
      await a.locator('[data-testid="confirm-ok"]').click();
      // "Browser B should remove the service from the list immediately."
      await t.expectNoRow(b, 'services', service.id);
      await t.expectUpdateToast(b, 'Services');
      await t.expectConnection(b, 'connected');
      await t.expectNotReloaded(b);
      t.note = `order #${order.id}, service "${service.name}"`;
    },
  },
  {
    name: 'assigning a delivery in A shows the driver on delivery in B\'s Drivers page and Live Tracking (Deliveries)',
    async run(t) {
      const driver = await t.rest('POST', '/drivers', { name: `Driver ${t.stamp}`, phone: '+1 206 555 0199', vehicle: `Van ${t.stamp}` });
      await t.rest('POST', `/drivers/${driver.id}/status`, { status: 'available' });
      await t.rest('POST', `/drivers/${driver.id}/location`, { lat: 47.6101, lng: -122.3421 });
      const customer = await t.rest('POST', '/customers', { name: `Assign Customer ${t.stamp}`, email: `assign.${t.stamp}@switchboard.test` });
      const serviceId = await anyServiceId(t.rest, t.stamp);
      const order = await t.rest('POST', '/orders', { customer_id: customer.id, delivery_address: '500 Pike St, Seattle', items: [{ service_id: serviceId, quantity: 1 }] });
      const delivery = await t.rest('POST', '/deliveries', { order_id: order.id, address: '500 Pike St, Seattle' });

      const a = await t.open('A', `/deliveries?order_id=${order.id}`);
      const b = await t.open('B', `/drivers?q=${t.stamp}`);
      const tracking = await t.open('B2', '/live-tracking', { context: b.context(), logIn: false });
      await t.expectConnection(tracking, 'connected', RECONNECT_MS);
      await tracking.evaluate(() => { window.__switchboardNoReload = true; });
      const marker = tracking.locator(`[data-testid="live-tracking-plot"] g.plot-driver[data-id="${driver.id}"]`);
      await marker.waitFor({ timeout: BOUND_MS });
      assert(await marker.getAttribute('data-status') === 'available', `Live Tracking first shows the driver as ${await marker.getAttribute('data-status')}`);
      const status = () => t.table(b, 'drivers').locator(`tr[data-id="${driver.id}"] [data-col="status"]`);
      await t.expectRow(b, 'drivers', { id: driver.id });
      assert((await status().textContent()).trim() === 'Available', 'B should first show the driver Available');

      const row = await t.expectRow(a, 'deliveries', { id: delivery.id });
      await row.locator('[data-action="assign"]').click();
      const form = a.locator('[data-testid="assign-driver-form"]');
      await form.waitFor({ timeout: BOUND_MS });
      await pick(form, 'Driver', driver.name, driver.id);
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS });

      await status().filter({ hasText: 'On delivery' }).waitFor({ timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`B's Drivers page shows the driver as "${(await status().textContent()).trim()}", expected On delivery`);
      });
      await tracking.locator(`[data-testid="live-tracking-plot"] g.plot-driver[data-id="${driver.id}"][data-status="on_delivery"]`)
        .waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('Live Tracking did not show the driver on delivery'); });
      await tracking.locator(`[data-testid="live-tracking-plot"] [data-kind="route"][data-delivery-id="${delivery.id}"][data-driver-id="${driver.id}"]`)
        .waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('Live Tracking draws no route from the driver to the delivery\'s address'); });
      assert(await tracking.locator('[data-testid="map-scale"]').count() === 1, 'the map has no scale bar');
      await t.expectUpdateToast(b, 'Drivers');
      // The driver moves north-east: the map turns its heading arrow that way, from the event alone.
      await t.rest('POST', `/drivers/${driver.id}/location`, { lat: 47.6151, lng: -122.3346 });
      const heading = tracking.locator(`[data-testid="live-tracking-plot"] g.plot-driver[data-id="${driver.id}"][data-heading]`);
      await heading.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('Live Tracking shows no heading after the driver moved'); });
      const degrees = Number(await heading.getAttribute('data-heading'));
      assert(degrees > 35 && degrees < 55, `the driver moved north-east but the map shows a heading of ${degrees}°`);
      await t.expectNotReloaded(b);
      assert(await tracking.evaluate(() => window.__switchboardNoReload === true), 'the Live Tracking tab was reloaded');
    },
  },
  {
    name: 'with the server down for 60 s a tab tries at most ~10 times, and reconnects at once when looked at again (Reconnect back-off)',
    needsManagedServer: true,
    async run(t) {
      const b = await t.open('B', '/customers');
      await t.tableLoaded(b, 'customers');
      // Every connection attempt: a WebSocket handshake, or the GET /api/me the client sends
      // instead of a handshake after one failed (to tell a refused session from a server down).
      const attempts = [];
      b.on('websocket', () => attempts.push({ kind: 'socket', at: Date.now() }));
      b.on('request', (request) => {
        if (request.url() === `${t.baseUrl}/api/me`) attempts.push({ kind: 'probe', at: Date.now() });
      });
      let networkErrors = 0;
      b.on('console', (message) => {
        if (message.type() === 'error' && NETWORK_DOWN_ERRORS.some((re) => re.test(message.text()))) networkErrors += 1;
      });
      t.allowedErrors.push(...NETWORK_DOWN_ERRORS);

      const stopped = Date.now();
      await t.server.stop(); // SIGTERM: the server closes the socket with 1001 and exits
      await t.expectConnection(b, 'reconnecting');
      await sleep(60_000 - (Date.now() - stopped));
      const during = attempts.filter((x) => x.at - stopped <= 60_000);
      assert(during.length <= 10, `${during.length} connection attempts in 60 s: ${during.map((x) => `${x.kind}@${((x.at - stopped) / 1000).toFixed(1)}s`).join(' ')}`);
      assert(during.length >= 4, `only ${during.length} connection attempts in 60 s: the client gave up?`);

      // The user looks elsewhere; the server comes back; the user looks at the tab again.
      // Headless Chromium reports every page visible whatever is in front (bringToFront changes
      // nothing), so the tab's visibility is set and announced as the browser would.
      await setVisibility(b, 'hidden');
      await t.server.start();
      await setVisibility(b, 'visible');
      const shown = Date.now();
      await t.expectConnection(b, 'connected', 1_000);
      const delay = Date.now() - shown;
      const customer = await t.rest('POST', '/customers', { name: `Back Customer ${t.stamp}`, email: `back.${t.stamp}@switchboard.test` });
      await t.expectRow(b, 'customers', { id: customer.id });
      await t.expectNotReloaded(b);
      const sockets = during.filter((x) => x.kind === 'socket').length;
      t.note = `${during.length} attempts in 60 s (${sockets} handshakes, ${during.length - sockets} probes), ${networkErrors} console errors; connected ${delay} ms after the tab was shown`;
    },
  },
  {
    name: 'a burst of writes to one collection is one toast with its count; the stack never covers the last rows (Toasts)',
    async run(t) {
      const burst = 5;
      // A page longer than the window: at least twelve products.
      const { total } = await t.rest('GET', '/products?limit=1');
      for (let n = total; n < 12; n += 1) {
        await t.rest('POST', '/products', { sku: `TS-${t.stamp}-${n}`, name: `Toast stock ${n} ${t.stamp}`, price_cents: 100, cost_cents: 50, stock_quantity: 1, reorder_level: 0 });
      }
      const b = await t.open('B', '/products', { viewport: { width: 1280, height: 640 } });
      await t.tableLoaded(b, 'products');
      const ids = await t.table(b, 'products').locator('tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.id)));
      assert(ids.length >= burst, `the products page shows ${ids.length} rows, the test needs ${burst}`);
      // A reader at the end of the list: the last row is what a toast could hide.
      await b.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      assert(await b.evaluate(() => document.documentElement.scrollHeight > window.innerHeight), 'the page is not longer than the window');
      const lastId = ids.at(-1);
      const changed = ids.slice(-burst);
      await Promise.all(changed.map((id, n) => t.rest('PATCH', `/products/${id}`, { stock_quantity: 700 + n })));
      await t.expectUpdateToast(b, 'Products', BOUND_MS, { count: burst });
      await t.table(b, 'products').locator(`tr[data-id="${lastId}"]`, { hasText: String(700 + burst - 1) }).waitFor({ timeout: BOUND_MS }).catch(() => {
        throw new TestFailure('B did not show the last product\'s new stock');
      });
      const toasts = await b.locator('[data-testid="toasts"] .toast', { hasText: 'Products updated' }).count();
      assert(toasts === 1, `a burst of ${burst} product updates gave ${toasts} "Products updated" toasts, expected 1`);

      // Which rows the stack covers, of the last one and the changed (highlighted) ones.
      const covered = () => b.evaluate((rowIds) => {
        const stack = [...document.querySelectorAll('[data-testid="toasts"] .toast:not(.toast-leaving)')].map((el) => el.getBoundingClientRect());
        const problems = [];
        for (const id of rowIds) {
          const row = document.querySelector(`[data-testid="products-table"] tr[data-id="${id}"]`).getBoundingClientRect();
          const hit = stack.some((r) => r.left < row.right && r.right > row.left && r.top < row.bottom && r.bottom > row.top);
          if (hit) problems.push(`row ${id} (${Math.round(row.top)}–${Math.round(row.bottom)}) is under a toast`);
        }
        return { problems, toasts: stack.length };
      }, [lastId]);
      let seen = await covered();
      assert(seen.problems.length === 0, seen.problems.join('; '));
      const last = t.table(b, 'products').locator(`tr[data-id="${lastId}"]`);
      assert(await last.evaluate((row) => row.getBoundingClientRect().bottom <= window.innerHeight), 'the last row left the window');

      // Events for several collections at once: one toast each, at most four shown, and the
      // last row still clear of them.
      // One after another, so the expenses event comes last and its toast is the one to wait for.
      for (const [path, body] of [
        ['/customers', { name: `Toast Customer ${t.stamp}`, email: `toast.${t.stamp}@switchboard.test` }],
        ['/employees', { name: `Toast Employee ${t.stamp}`, email: `toast.e.${t.stamp}@switchboard.test`, role: 'dispatcher', department: 'Dispatch' }],
        ['/services', { name: `Toast service ${t.stamp}`, price_cents: 700, active: true }],
        ['/drivers', { name: `Toast Driver ${t.stamp}` }],
        ['/expenses', { category: 'fuel', description: `Toast ${t.stamp}`, amount_cents: 1200, expense_date: '2026-01-05' }],
      ]) await t.rest('POST', path, body);
      await b.locator('[data-testid="toasts"] .toast', { hasText: 'Expenses updated' }).waitFor({ timeout: BOUND_MS });
      seen = await covered();
      assert(seen.toasts <= 4, `${seen.toasts} toasts are shown at once, expected at most 4`);
      assert(seen.problems.length === 0, `with ${seen.toasts} toasts: ${seen.problems.join('; ')}`);
      await t.expectNotReloaded(b);
      t.note = `${seen.toasts} toasts shown after events for 6 collections`;
    },
  },
  {
    name: 'a server stopped with browsers open exits well within a second; they reconnect to the new one with no visible error (Shutdown)',
    needsManagedServer: true,
    async run(t) {
      const a = await t.open('A', '/orders');
      const b = await t.open('B', '/customers');
      await t.tableLoaded(a, 'orders');
      await t.tableLoaded(b, 'customers');
      // Some browsing, so each browser holds keep-alive connections besides its socket.
      for (const path of ['/products', '/live-tracking', '/invoices', '/customers']) {
        await a.goto(`${t.baseUrl}/#${path}`);
        await a.locator('#main h1.page-title').waitFor({ timeout: BOUND_MS });
      }
      await t.tableLoaded(a, 'customers');
      const watchForErrors = (page) => page.evaluate(() => {
        window.__visibleErrors = [];
        new MutationObserver((records) => {
          for (const record of records) {
            for (const node of record.addedNodes) {
              if (node.nodeType === 1 && node.matches('.toast-error, [role="alert"]:not(:empty)')) window.__visibleErrors.push(node.textContent);
            }
          }
        }).observe(document.body, { childList: true, subtree: true });
      });
      await watchForErrors(a);
      await watchForErrors(b);
      t.allowedErrors.push(...NETWORK_DOWN_ERRORS);
      // A request that reaches the draining server is answered 503 `shutting_down` by contract;
      // Chromium logs that answer itself. What the user sees is checked below.
      t.allowedErrors.push(/Failed to load resource: the server responded with a status of 503/);

      const signalled = Date.now();
      await t.server.stop({ graceMs: 5_000 }); // SIGTERM, then wait for the exit
      const exitMs = Date.now() - signalled;
      assert(exitMs < 500, `the server took ${exitMs} ms to exit after SIGTERM with two browsers open`);
      await t.server.start();
      const customer = await t.rest('POST', '/customers', { name: `After Restart ${t.stamp}`, email: `restart.${t.stamp}@switchboard.test` });
      for (const page of [a, b]) {
        await t.expectConnection(page, 'connected', RECONNECT_MS);
        await t.expectRow(page, 'customers', { id: customer.id });
        await t.expectNotReloaded(page);
        assert(!(await t.loginForm(page).isVisible()), 'a browser was sent to the log-in screen by the restart');
        const errors = await page.evaluate(() => window.__visibleErrors);
        assert(errors.length === 0, `a browser showed an error: ${errors.join(' | ')}`);
      }
      t.note = `exit ${exitMs} ms after SIGTERM`;
    },
  },
  {
    name: 'the operator page follows a second browser opening; a manager is not offered it (Operator)',
    needsAuth: true,
    needsManagedServer: true,
    async run(t) {
      const a = await t.open('A', '/operator');
      const sessions = a.locator('[data-testid="operator-live"] [data-stat="sessions"] dd');
      await sessions.waitFor({ timeout: BOUND_MS });
      const before = Number(await sessions.textContent());
      assert(before >= 1, `the operator page counts ${before} sessions with its own open`);
      assert(await a.locator('a[href="/metrics"]').count() === 1, 'the operator page has no link to /metrics');
      await a.locator('[data-testid="operator-tokens"] tr[data-token-id]').first().waitFor({ timeout: BOUND_MS });

      // A token made from the page: its secret shown once, then listed; revoked after a confirm.
      const tokenName = `operator-made-${t.stamp}`;
      await a.locator('[data-action="token-create"]').click();
      const form = a.locator('[data-testid="token-form"]');
      await form.getByLabel('Name').fill(tokenName);
      await form.getByLabel('Role').selectOption('accountant');
      await form.getByRole('button', { name: 'Create' }).click();
      const secret = a.locator('[data-testid="token-secret"] input[name="token"]');
      await secret.waitFor({ timeout: BOUND_MS });
      assert((await secret.inputValue()).startsWith('sb_'), 'the new token\'s secret is not shown');
      await a.locator('[data-testid="token-secret"]').getByRole('button', { name: 'Done' }).click();
      const row = a.locator('[data-testid="operator-tokens"] tr', { hasText: tokenName });
      await row.getByText('active').waitFor({ timeout: BOUND_MS });
      await row.locator('[data-action="token-revoke"]').click();
      await a.locator('[data-testid="confirm-ok"]').click();
      await row.getByText('revoked').waitFor({ timeout: BOUND_MS });
      const listed = (await t.rest('GET', '/tokens')).items.find((token) => token.name === tokenName);
      assert(listed && listed.revoked_at, `the server does not hold "${tokenName}" as revoked`);

      // A second browser, as a dispatcher: A's report names it and counts one more session.
      const dispatcher = await t.userWithRole('dispatcher');
      const b = await t.open('B', '/orders', { user: dispatcher });
      await t.tableLoaded(b, 'orders');
      await a.locator('[data-testid="operator-principals"] tr', { hasText: dispatcher.name }).waitFor({ timeout: BOUND_MS });
      await a.waitForFunction((n) => {
        const tile = document.querySelector('[data-testid="operator-live"] [data-stat="sessions"] dd');
        return tile && Number(tile.textContent) > n;
      }, before, { timeout: BOUND_MS });

      // A manager: no Operator in the navigation, and the page itself says no.
      const manager = await t.userWithRole('manager');
      const c = await t.open('C', '/orders', { user: manager });
      await t.tableLoaded(c, 'orders');
      assert(await c.locator('nav a[data-path="/operator"]').count() === 0, 'the manager is offered the Operator page');
      await c.goto(`${t.baseUrl}/#/operator`);
      await c.getByText("You don't have access", { exact: false }).first().waitFor({ timeout: BOUND_MS });
      assert(await c.locator('[data-testid="operator-live"]').count() === 0, 'the manager sees the operator report');
    },
  },
  {
    name: 'the budget-vs-actual panel follows the Period filter, and stays live (Budgets)',
    async run(t) {
      const category = `panel-${t.stamp}`;
      await t.rest('POST', '/budgets', { category, period: '2031-01', amount_cents: 50000 });
      await t.rest('POST', '/budgets', { category, period: '2031-02', amount_cents: 70000 });
      const a = await t.open('A', '/budgets');
      const panel = a.locator('[data-testid="budget-vs-actual"]');
      const rows = panel.locator('tbody tr', { hasText: category });
      // All months: both of the category's budgets.
      await rows.nth(1).waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('the panel did not list both budgets under "All months"'); });

      await a.locator('form.filters select[name="period"]').selectOption('2031-01');
      await a.waitForFunction(() => {
        const periods = [...document.querySelectorAll('[data-testid="budget-vs-actual"] tbody tr td:nth-child(2)')].map((td) => td.textContent.trim());
        return periods.length > 0 && periods.every((period) => period === '2031-01');
      }, null, { timeout: BOUND_MS }).catch(() => { throw new TestFailure('the panel did not narrow to January 2031'); });
      assert(await rows.count() === 1, `the panel shows ${await rows.count()} rows of ${category} for one month`);

      // An expense written elsewhere in that month: the narrowed panel's actual follows.
      await t.rest('POST', '/expenses', { category, amount_cents: 12345, expense_date: '2031-01-15', description: 'Browser test' });
      await rows.first().locator('td', { hasText: '123.45' }).waitFor({ timeout: BOUND_MS })
        .catch(() => { throw new TestFailure('the narrowed panel did not show the new expense as actual'); });
      assert(await rows.count() === 1, 'the panel widened again after the event');
      await t.expectNotReloaded(a);
    },
  },
  {
    name: 'a Cancel dialog left open while someone else moves the order on gets the conflict, not the cancel (Orders, If-Match)',
    async run(t) {
      const customer = await t.rest('POST', '/customers', { name: `Stale Customer ${t.stamp}`, email: `stale.${t.stamp}@switchboard.test` });
      const serviceId = await anyServiceId(t.rest, t.stamp);
      const order = await t.rest('POST', '/orders', { customer_id: customer.id, items: [{ service_id: serviceId, quantity: 1 }] });
      // A's refused cancel is a 412 Chromium reports as a failed load: expected here.
      t.allowedFailedLoads.push({ status: 412, path: `/api/orders/${order.id}/status` });
      const route = `/orders?customer_id=${customer.id}`;
      const a = await t.open('A', route);
      const b = await t.open('B', route);
      const rowA = await t.expectRow(a, 'orders', { id: order.id });
      await t.expectRow(b, 'orders', { id: order.id });

      // A opens the Cancel dialog on the pending order and leaves it open…
      await rowA.locator('[data-action="more"]').click();
      await rowA.locator('[data-action="status:cancelled"]').click();
      const dialog = a.locator('dialog[open]');
      await dialog.locator('[data-testid="confirm-ok"]').waitFor({ timeout: BOUND_MS });
      // …while B confirms the order.
      await t.table(b, 'orders').locator(`tr[data-id="${order.id}"] [data-action="status:confirmed"]`).click();
      await t.table(a, 'orders').locator(`tr[data-id="${order.id}"] [data-col="status"]`, { hasText: 'Confirmed' })
        .waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('A\'s table did not follow B\'s change behind the dialog'); });
      assert(await dialog.locator('[data-testid="confirm-ok"]').isVisible(), 'A\'s Cancel dialog closed by itself');

      // A confirms the stale dialog: the server refuses (412), and A is shown both versions.
      await dialog.locator('[data-testid="confirm-ok"]').click();
      const conflict = a.locator('dialog[open] [data-testid="conflict"]');
      await conflict.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('A was not shown the conflict'); });
      const status = conflict.locator('[data-testid="conflict-diff"] tr[data-field="Status"]');
      assert((await status.locator('[data-side="theirs"]').textContent()).trim() === 'Confirmed', `theirs reads "${await status.locator('[data-side="theirs"]').textContent()}"`);
      assert((await status.locator('[data-side="yours"]').textContent()).trim() === 'Pending', `yours reads "${await status.locator('[data-side="yours"]').textContent()}"`);
      const text = (await conflict.textContent()).replace(/\s+/g, ' ');
      // B is the same token as A in another browser: the conflict names it, and says it was A's own.
      const who = t.auth ? `${t.auth.name} (you, in another tab)` : 'Someone else';
      assert(text.includes(`${who} changed Order #${order.id}`), `the conflict does not say who changed what: "${text}"`);
      assert(text.includes('cancel'), `the conflict does not say what was not done: "${text}"`);
      assert((await t.rest('GET', `/orders/${order.id}`)).status === 'confirmed', 'the stale dialog cancelled the order');
      assert(await a.locator('dialog[open] [data-action="conflict-reapply"]').count() === 1, 'no way to cancel it anyway (a confirmed order may still be cancelled)');

      // Keeping their version changes nothing.
      await a.locator('dialog[open] [data-action="conflict-reload"]').click();
      await a.locator('dialog[open]').waitFor({ state: 'detached', timeout: BOUND_MS });
      assert((await t.rest('GET', `/orders/${order.id}`)).status === 'confirmed', 'keeping their version changed the order');
      await t.expectNotReloaded(a);
    },
  },
  {
    name: 'with 150 more customers every order names its customer, and the newest can be picked on a new order and invoice (Pickers)',
    async run(t) {
      const made = [];
      for (let start = 0; start < 150; start += 10) {
        made.push(...await Promise.all(Array.from({ length: 10 }, (_, k) => t.rest('POST', '/customers', {
          name: `Bulk ${String(start + k).padStart(3, '0')} ${t.stamp}`, email: `bulk.${start + k}.${t.stamp}@switchboard.test`,
        }))));
      }
      const newest = made.reduce((a, b) => (a.id > b.id ? a : b));
      const { total } = await t.rest('GET', '/customers?limit=1');
      assert(total > 150, `only ${total} customers`);
      const serviceId = await anyServiceId(t.rest, t.stamp);
      const service = await t.rest('GET', `/services/${serviceId}`);
      // The orders page: every customer cell a name, none "Customer #N" (demo orders name the oldest customers).
      const a = await t.open('A', '/orders');
      await t.tableLoaded(a, 'orders');
      await a.waitForFunction(() => {
        const cells = [...document.querySelectorAll('[data-testid="orders-table"] td[data-col="customer"]')];
        return cells.length > 0 && cells.every((td) => !/^(…|Customer #\d+)$/.test(td.textContent.trim()));
      }, null, { timeout: BOUND_MS }).catch(async () => {
        const cells = await t.table(a, 'orders').locator('td[data-col="customer"]').allTextContents();
        throw new TestFailure(`orders without their customer's name: ${cells.filter((c) => /^(…|Customer #)/.test(c)).slice(0, 5).join(', ')}`);
      });
      const orders = (await t.rest('GET', '/orders?limit=50')).items;
      for (const order of orders.slice(0, 5)) {
        const customer = await t.rest('GET', `/customers/${order.customer_id}`);
        const cell = (await t.table(a, 'orders').locator(`tr[data-id="${order.id}"] td[data-col="customer"]`).textContent()).trim();
        assert(cell === customer.name, `order #${order.id} names "${cell}", its customer is "${customer.name}"`);
      }

      // The picker has no cap: opened empty, it lists a page of customers and shows more on
      // demand, page after page, until every customer is listed.
      await a.locator('[data-action="create"]').click();
      const form = a.locator('[data-testid="orders-form"]');
      const [oldest] = (await t.rest('GET', '/customers?sort=id&limit=1')).items;
      const customerInput = form.getByRole('combobox', { name: 'Customer' });
      await customerInput.click();
      const listId = await customerInput.getAttribute('aria-controls');
      const listed = () => a.locator(`#${listId} [role="option"][data-id]`).count();
      await a.locator(`#${listId} [role="option"][data-id]`).first().waitFor({ timeout: BOUND_MS });
      let pages = 1;
      const more = a.locator(`#${listId} [data-action="more"]`);
      while (await more.count()) {
        const before = await listed();
        assert(pages <= Math.ceil(total / 20), `the customer picker still offers more after ${pages} pages (${before} of ${total} listed)`);
        await more.click();
        await a.waitForFunction(([id, count]) => document.querySelectorAll(`#${id} [role="option"][data-id]`).length > count, [listId, before], { timeout: BOUND_MS })
          .catch(() => { throw new TestFailure(`"Show more" did not add customers to the ${before} listed`); });
        pages += 1;
      }
      const all = await listed();
      assert(all === total && await a.locator(`#${listId} [role="option"][data-id="${oldest.id}"]`).count() === 1
        && await a.locator(`#${listId} [role="option"][data-id="${newest.id}"]`).count() === 1,
      `the picker offers no more after listing ${all} of ${total} customers`);
      await customerInput.press('Escape');

      // A new order for the newest customer, picked by keyboard.
      await pick(form, 'Customer', newest.name, newest.id, { keyboard: true });
      await pick(form, 'Item', service.name, service.id);
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`the order form did not save: ${await form.locator('.form-banner, .field-error:not([hidden])').allTextContents()}`);
      });
      const placed = (await t.rest('GET', `/orders?customer_id=${newest.id}`)).items;
      assert(placed.length === 1, `the newest customer has ${placed.length} orders after the form`);
      await t.table(a, 'orders').locator(`tr[data-id="${placed[0].id}"] td[data-col="customer"]`, { hasText: newest.name })
        .waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('the new order does not name its customer'); });

      // A new invoice for the newest customer, picked with the mouse.
      await a.goto(`${t.baseUrl}/#/invoices`);
      await t.tableLoaded(a, 'invoices');
      await a.locator('[data-action="create"]').click();
      const invoiceForm = a.locator('[data-testid="invoices-form"]');
      await invoiceForm.getByLabel('Invoice number').fill(`INV-P-${t.stamp}`);
      await invoiceForm.getByLabel('Counterparty').fill(newest.name);
      await pick(invoiceForm, 'Customer', newest.name.split(' ').slice(1).join(' '), newest.id);
      await invoiceForm.getByLabel('Amount').fill('42.00');
      await invoiceForm.locator('button[type="submit"]').click();
      await invoiceForm.waitFor({ state: 'detached', timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`the invoice form did not save: ${await invoiceForm.locator('.form-banner, .field-error:not([hidden])').allTextContents()}`);
      });
      const invoices = (await t.rest('GET', `/invoices?customer_id=${newest.id}`)).items;
      assert(invoices.length === 1 && invoices[0].amount_cents === 4200, `the newest customer's invoices: ${JSON.stringify(invoices)}`);
      t.note = `${total} customers, ${pages} picker pages`;
    },
  },
  {
    name: 'money is read as the browser\'s locale writes it: "1,20" is refused in en-US and is 1.20 in de-DE (Money input)',
    async run(t) {
      const a = await t.open('A', `/products?q=${t.stamp}`);
      await t.tableLoaded(a, 'products');
      await a.locator('[data-action="create"]').click();
      const form = a.locator('[data-testid="products-form"]');
      await form.getByLabel('SKU').fill(`M-${t.stamp}`);
      await form.getByLabel('Name').fill(`Money ${t.stamp}`);
      await form.getByLabel('Price').fill('1,20');
      await form.getByLabel('Cost').fill('1');
      await form.locator('button[type="submit"]').click();
      const error = form.locator('[data-field="price_cents"] .field-error');
      await error.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('"1,20" in en-US was not refused with a message at the field'); });
      assert((await error.textContent()).includes('1,234.50'), `the message does not show how to write an amount: "${await error.textContent()}"`);
      assert(await form.getByLabel('Price').getAttribute('aria-invalid') === 'true', 'the price field is not marked invalid');
      assert((await t.rest('GET', `/products?q=M-${t.stamp}`)).total === 0, '"1,20" was saved');
      // Below the catalogue's minimum for the field (no negative prices): refused at the field too.
      await form.getByLabel('Price').fill('-1.00');
      await form.locator('button[type="submit"]').click();
      await error.filter({ hasText: '$0.00 or more' }).waitFor({ timeout: BOUND_MS })
        .catch(async () => { throw new TestFailure(`"-1.00" was not refused as below $0.00: "${await error.textContent()}"`); });
      assert((await t.rest('GET', `/products?q=M-${t.stamp}`)).total === 0, '"-1.00" was saved');

      await form.getByLabel('Price').fill('1,200.50');
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS });
      const [saved] = (await t.rest('GET', `/products?q=M-${t.stamp}`)).items;
      assert(saved && saved.price_cents === 120050 && saved.cost_cents === 100, `"1,200.50" was saved as ${saved?.price_cents} cents`);

      // The same keys in German: "1,20" is one euro twenty… or here, 1.20 dollars.
      const b = await t.open('B', `/services?q=${t.stamp}`, { locale: 'de-DE' });
      await t.tableLoaded(b, 'services');
      await b.locator('[data-action="create"]').click();
      const serviceForm = b.locator('[data-testid="services-form"]');
      await serviceForm.getByLabel('Name').fill(`Komma ${t.stamp}`);
      await serviceForm.getByLabel('Price').fill('1,20');
      await serviceForm.locator('button[type="submit"]').click();
      await serviceForm.waitFor({ state: 'detached', timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`de-DE refused "1,20": ${await serviceForm.locator('.field-error:not([hidden])').allTextContents()}`);
      });
      const [service] = (await t.rest('GET', `/services?q=Komma ${t.stamp}`)).items;
      assert(service && service.price_cents === 120, `"1,20" in de-DE was saved as ${service?.price_cents} cents`);
      // And its edit form shows it back the German way.
      const row = await t.expectRow(b, 'services', { id: service.id });
      await row.locator('[data-action="edit"]').click();
      const shown = await b.locator('[data-testid="services-form"]').getByLabel('Price').inputValue();
      assert(shown === '1,20', `the de-DE edit form shows the price as "${shown}"`);
    },
  },
  {
    name: 'no button the server would refuse for the record\'s state (Orders, Deliveries, Transit Batches)',
    async run(t) {
      const customer = await t.rest('POST', '/customers', { name: `State Customer ${t.stamp}`, email: `state.${t.stamp}@switchboard.test` });
      const serviceId = await anyServiceId(t.rest, t.stamp);
      const newOrder = () => t.rest('POST', '/orders', { customer_id: customer.id, delivery_address: '1 State St, Seattle', items: [{ service_id: serviceId, quantity: 1 }] });
      const moveOrder = async (order, steps) => { for (const status of steps) await t.rest('POST', `/orders/${order.id}/status`, { status }); };
      const delivered = await newOrder();
      await moveOrder(delivered, ['confirmed', 'in_progress', 'ready', 'out_for_delivery', 'delivered']);
      const pending = await newOrder();
      // An order whose delivery is picked up: neither Cancel on it nor Delete on the delivery once delivered.
      const carried = await newOrder();
      await moveOrder(carried, ['confirmed']);
      const driver = await t.rest('POST', '/drivers', { name: `State Driver ${t.stamp}` });
      await t.rest('POST', `/drivers/${driver.id}/status`, { status: 'available' });
      const delivery = await t.rest('POST', '/deliveries', { order_id: carried.id });
      await t.rest('POST', `/deliveries/${delivery.id}/assign`, { driver_id: driver.id });
      await t.rest('POST', `/deliveries/${delivery.id}/status`, { status: 'picked_up' });
      assert((await t.rest('GET', `/orders/${carried.id}`)).status === 'out_for_delivery', 'picking up did not send the order out');

      const a = await t.open('A', `/orders?customer_id=${customer.id}`);
      const buttons = async (page, collection, id) => t.table(page, collection).locator(`tr[data-id="${id}"] button`).evaluateAll((els) => els.map((el) => el.dataset.action));
      await t.expectRow(a, 'orders', { id: delivered.id });
      await t.expectRow(a, 'orders', { id: pending.id });
      let seen = await buttons(a, 'orders', delivered.id);
      assert(!seen.includes('edit') && !seen.includes('delete') && !seen.some((x) => x.startsWith('status:')), `a delivered order offers ${seen.join(', ')}`);
      assert(seen.includes('edit-notes'), `a delivered order does not offer its notes (the one thing the server lets change): ${seen.join(', ')}`);
      seen = await buttons(a, 'orders', pending.id);
      for (const action of ['edit', 'delete', 'status:confirmed', 'status:cancelled']) assert(seen.includes(action), `a pending order lacks ${action}: ${seen.join(', ')}`);
      await a.waitForFunction((id) => document.querySelector(`[data-testid="orders-table"] tr[data-id="${id}"] [data-action="status:delivered"]`), carried.id, { timeout: BOUND_MS });
      await a.waitForFunction((id) => !document.querySelector(`[data-testid="orders-table"] tr[data-id="${id}"] [data-action="status:cancelled"]`), carried.id, { timeout: BOUND_MS })
        .catch(() => { throw new TestFailure('an order whose delivery is picked up offers Cancel'); });
      // Notes of a delivered order: the form offers only them, and saves.
      await t.table(a, 'orders').locator(`tr[data-id="${delivered.id}"] [data-action="edit-notes"]`).click();
      const form = a.locator('[data-testid="orders-form"]');
      assert(await form.locator('[data-field]').evaluateAll((els) => els.map((el) => el.dataset.field).join(',')) === 'notes', 'the delivered order\'s form offers more than its notes');
      await form.getByLabel('Notes').fill('Left with the neighbour');
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS });
      assert((await t.rest('GET', `/orders/${delivered.id}`)).notes === 'Left with the neighbour', 'the notes were not saved');

      // Deliveries: delivered is kept (no Delete).
      await t.rest('POST', `/deliveries/${delivery.id}/status`, { status: 'in_transit' });
      await t.rest('POST', `/deliveries/${delivery.id}/status`, { status: 'delivered' });
      await a.goto(`${t.baseUrl}/#/deliveries?order_id=${carried.id}`);
      await t.expectRow(a, 'deliveries', { id: delivery.id, text: 'Delivered' });
      seen = await buttons(a, 'deliveries', delivery.id);
      assert(!seen.includes('delete') && !seen.includes('assign') && !seen.some((x) => x.startsWith('status:')), `a delivered delivery offers ${seen.join(', ')}`);

      // Transit batches: a completed one has no Delete and no Orders to edit; an empty planned one no Initiate.
      const batchOrder = await newOrder();
      await moveOrder(batchOrder, ['confirmed']);
      const batch = await t.rest('POST', '/transit-batches', { code: `TB-S-${t.stamp}`, origin: 'Depot', destination: 'Shop', order_ids: [batchOrder.id] });
      await t.rest('POST', `/transit-batches/${batch.id}/initiate`);
      await t.rest('POST', `/transit-batches/${batch.id}/complete`);
      const empty = await t.rest('POST', '/transit-batches', { code: `TB-E-${t.stamp}`, origin: 'Depot', destination: 'Shop', order_ids: [] });
      await a.goto(`${t.baseUrl}/#/transit-batches?q=${t.stamp}`);
      await t.expectRow(a, 'transit-batches', { id: batch.id, text: 'Completed' });
      await t.expectRow(a, 'transit-batches', { id: empty.id });
      seen = await buttons(a, 'transit-batches', batch.id);
      assert(!seen.includes('delete') && !seen.includes('complete') && !seen.includes('initiate'), `a completed batch offers ${seen.join(', ')}`);
      await t.table(a, 'transit-batches').locator(`tr[data-id="${batch.id}"] [data-action="edit"]`).click();
      const batchForm = a.locator('[data-testid="transit-batches-form"]');
      assert(await batchForm.locator('[data-field="order_ids"]').count() === 0, 'a completed batch\'s form offers its orders');
      await batchForm.getByRole('button', { name: 'Cancel' }).click();
      seen = await buttons(a, 'transit-batches', empty.id);
      assert(!seen.includes('initiate') && seen.includes('delete'), `an empty planned batch offers ${seen.join(', ')}`);
    },
  },
  {
    name: 'every page and form meets WCAG 2.1 AA contrast, checked with axe-core (Accessibility)',
    async run(t) {
      const { createRequire } = await import('node:module');
      const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      const other = new Map(); // "<rule>: <help>" -> pages
      const contrast = [];
      // Chromium evaluates axe through the debugger, which the page's CSP does not govern.
      const check = async (page, where) => {
        if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
        const result = await page.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'],
        }));
        for (const violation of result.violations) {
          if (violation.id === 'color-contrast') {
            for (const node of violation.nodes) contrast.push(`${where}: ${node.target.join(' ')} (${node.any[0]?.message || node.failureSummary})`);
          } else if (['serious', 'critical'].includes(violation.impact)) {
            const key = `${violation.id}: ${violation.help} (${violation.nodes.length})`;
            other.set(key, [...(other.get(key) || []), where]);
          }
        }
      };
      const login = await t.open('L', '/orders', { logIn: false });
      if (t.auth) {
        await t.expectLoginScreen(login);
        await check(login, 'log-in screen');
      }
      const a = await t.open('A', '/orders');
      const paths = await a.locator('nav a.nav-link').evaluateAll((links) => links.map((l) => l.dataset.path));
      for (const path of paths) {
        await a.goto(`${t.baseUrl}/#${path}`);
        const collection = path.slice(1);
        if (await t.table(a, collection).count()) {
          await t.tableLoaded(a, collection);
          await a.waitForFunction(() => ![...document.querySelectorAll('main td')].some((td) => td.textContent.trim() === '…'), null, { timeout: BOUND_MS });
        } else {
          await a.locator('#main h1.page-title').waitFor({ timeout: BOUND_MS });
          await a.locator('#main .panel-body p.muted', { hasText: 'Loading' }).first().waitFor({ state: 'detached', timeout: BOUND_MS }).catch(() => {});
        }
        await check(a, path);
        // The page's create form: "(optional)" labels, hints, pickers.
        const create = a.locator('main [data-action="create"]');
        if (await create.count()) {
          await create.click();
          const form = a.locator('dialog[open] form');
          await form.waitFor({ timeout: BOUND_MS });
          await check(a, `${path} form`);
          await a.locator('dialog[open] [data-action="dialog-close"]').click();
          await a.locator('dialog[open]').waitFor({ state: 'detached', timeout: BOUND_MS });
        }
      }
      assert(contrast.length === 0, `${contrast.length} text(s) below WCAG 2.1 AA contrast: ${contrast.slice(0, 8).join(' | ')}`);
      t.note = other.size ? `other serious axe findings: ${[...other].map(([k, v]) => `${k} on ${v.join(', ')}`).join('; ')}` : 'no other serious axe findings';
    },
  },
  {
    name: 'an edit saved over someone else\'s shows both versions and can be re-applied on theirs; a stale delete is not done (Customers, Services, If-Match)',
    async run(t) {
      const customer = await t.rest('POST', '/customers', { name: `Edit Race ${t.stamp}`, email: `race.${t.stamp}@switchboard.test`, phone: '+1 206 555 0100' });
      const service = await t.rest('POST', '/services', { name: `Race service ${t.stamp}`, price_cents: 1500, active: true });
      t.allowedFailedLoads.push({ status: 412, path: `/api/customers/${customer.id}` }, { status: 412, path: `/api/services/${service.id}` });
      const a = await t.open('A', `/customers?q=${t.stamp}`);
      const row = await t.expectRow(a, 'customers', { id: customer.id });
      await row.locator('[data-action="edit"]').click();
      const form = a.locator('[data-testid="customers-form"]');
      await form.getByLabel('Phone').fill('+1 206 555 0111');
      // Meanwhile someone else changes the address and the phone.
      await t.rest('PATCH', `/customers/${customer.id}`, { address: '9 Other Rd, Tacoma', phone: '+1 206 555 0199' });
      await form.locator('button[type="submit"]').click();
      const conflict = a.locator('dialog[open] [data-testid="conflict"]');
      await conflict.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('saving over someone else\'s change showed no conflict'); });
      const side = (field, which) => conflict.locator(`tr[data-field="${field}"] td[data-side="${which}"]`).textContent().then((x) => x.trim());
      assert(await side('Phone', 'theirs') === '+1 206 555 0199' && await side('Phone', 'yours') === '+1 206 555 0111', 'the phone is not shown theirs beside yours');
      assert(await side('Address', 'theirs') === '9 Other Rd, Tacoma' && await side('Address', 'yours') === '—', 'the address they set is not shown');
      assert((await t.rest('GET', `/customers/${customer.id}`)).phone === '+1 206 555 0199', 'the stale save went through');
      // Re-apply: this user's phone on their version (their address kept).
      await a.locator('dialog[open] [data-action="conflict-reapply"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS });
      const saved = await t.rest('GET', `/customers/${customer.id}`);
      assert(saved.phone === '+1 206 555 0111' && saved.address === '9 Other Rd, Tacoma', `after re-applying: ${saved.phone}, ${saved.address}`);

      // A delete confirmed after someone else renamed the service: not deleted; "Delete anyway" then does.
      await a.goto(`${t.baseUrl}/#/services?q=${t.stamp}`);
      const serviceRow = await t.expectRow(a, 'services', { id: service.id });
      const more = serviceRow.locator('[data-action="more"]');
      if (await more.count()) await more.click();
      await serviceRow.locator('[data-action="delete"]').click();
      await a.locator('[data-testid="confirm-ok"]').waitFor({ timeout: BOUND_MS });
      await t.rest('PATCH', `/services/${service.id}`, { name: `Race service renamed ${t.stamp}` });
      await a.locator('[data-testid="confirm-ok"]').click();
      await a.locator('dialog[open] [data-testid="conflict"] tr[data-field="Name"]').waitFor({ timeout: BOUND_MS })
        .catch(() => { throw new TestFailure('the stale delete showed no conflict naming the changed name'); });
      assert((await t.rest('GET', `/services?q=${t.stamp}`)).total === 1, 'the stale delete went through');
      await a.locator('dialog[open] [data-action="conflict-reapply"]').click();
      await t.expectNoRow(a, 'services', service.id);
      assert((await t.rest('GET', `/services?q=${t.stamp}`)).total === 0, '"Delete anyway" did not delete');
    },
  },
  {
    name: 'a list sorts by a column header, from the keyboard too, and a reload keeps the sort (Products, Sorting)',
    async run(t) {
      // Ties (two at 15.00, two at 9.00) so the order within them is seen to be by id.
      for (const [n, price] of [1500, 900, 1500, 300, 900].entries()) {
        await t.rest('POST', '/products', { sku: `SORT-${t.stamp}-${n}`, name: `Sort ${n} ${t.stamp}`, price_cents: price, cost_cents: 100, stock_quantity: 5, reorder_level: 1 });
      }
      const expected = async (sort) => (await t.rest('GET', `/products?q=${t.stamp}&sort=${sort}`)).items.map((r) => r.id);
      const ascending = await expected('price_cents');
      const descending = await expected('-price_cents');
      assert(ascending.length === 5, `the server lists ${ascending.length} of the 5 products`);
      const a = await t.open('A', `/products?q=${t.stamp}`);
      await t.tableLoaded(a, 'products');
      const shows = (ids, sort, what) => a.waitForFunction(([want, direction]) => {
        const table = document.querySelector('[data-testid="products-table"]');
        const rows = [...table.querySelectorAll('tbody tr[data-id]')].map((row) => Number(row.dataset.id));
        const sorted = [...table.querySelectorAll('thead th[aria-sort]')];
        return JSON.stringify(rows) === JSON.stringify(want) && sorted.length === 1
          && sorted[0].getAttribute('aria-sort') === direction && sorted[0].textContent.includes('Price');
      }, [ids, sort], { timeout: BOUND_MS }).catch(() => { throw new TestFailure(`the products table was not ${what}`); });
      const price = a.locator('[data-testid="products-table"] thead th', { hasText: 'Price' }).getByRole('button');
      // From the keyboard: the header is a button.
      await price.focus();
      await a.keyboard.press('Enter');
      await shows(ascending, 'ascending', 'sorted by price, lowest first');
      assert(new URL(a.url()).hash.includes('sort=price_cents'), `the URL does not keep the sort: ${a.url()}`);
      await price.click();
      await shows(descending, 'descending', 'sorted by price, highest first');
      assert(new URL(a.url()).hash.includes('sort=-price_cents'), `the URL does not keep the sort: ${a.url()}`);

      await a.reload();
      await t.tableLoaded(a, 'products');
      await shows(descending, 'descending', 'still sorted by price, highest first, after a reload');
      const cells = await a.locator('[data-testid="products-table"] tbody td[data-col="price"]').allTextContents();
      const amounts = cells.map((text) => Number(text.replace(/[^0-9.]/g, '')));
      assert(amounts.every((amount, i) => i === 0 || amounts[i - 1] >= amount), `prices not highest first: ${cells.join(', ')}`);
      // A column the server cannot sort by (the stock state, derived) is no button.
      const state = a.locator('[data-testid="products-table"] thead th').filter({ hasText: /^Stock$/ });
      assert(await state.count() === 1 && await state.getByRole('button').count() === 0, 'the Stock column offers a sort');
    },
  },
  {
    name: 'a new order\'s line amounts and total follow its lines, and the total is what the server saves (Order form)',
    async run(t) {
      const customer = await t.rest('POST', '/customers', { name: `Total Customer ${t.stamp}`, email: `total.${t.stamp}@switchboard.test` });
      const press = await t.rest('POST', '/services', { name: `Total press ${t.stamp}`, price_cents: 1250, active: true });
      const fold = await t.rest('POST', '/services', { name: `Total fold ${t.stamp}`, price_cents: 399, active: true });
      const a = await t.open('A', '/orders');
      await t.tableLoaded(a, 'orders');
      await a.locator('[data-action="create"]').click();
      const form = a.locator('[data-testid="orders-form"]');
      const line = (n) => form.locator('.items-row').nth(n);
      const shows = async (amounts, total, what) => {
        await a.waitForFunction(([want, sum]) => {
          const form = document.querySelector('[data-testid="orders-form"]');
          const lines = [...form.querySelectorAll('[data-testid="line-amount"]')].map((o) => o.textContent);
          return JSON.stringify(lines) === JSON.stringify(want) && form.querySelector('[data-testid="order-total"]').textContent === sum;
        }, [amounts, total], { timeout: BOUND_MS }).catch(async () => {
          const lines = await form.locator('[data-testid="line-amount"]').allTextContents();
          const shown = await form.locator('[data-testid="order-total"]').textContent();
          throw new TestFailure(`${what}: lines ${lines.join(', ')} and total ${shown}, expected ${amounts.join(', ')} and ${total}`);
        });
      };
      await shows(['—'], '$0.00', 'an empty order');
      await pick(form, 'Customer', customer.name, customer.id);
      await pick(line(0), 'Item', press.name, press.id);
      await line(0).getByLabel('Qty').fill('3');
      await shows(['$37.50'], '$37.50', 'three presses at 12.50');
      await form.locator('[data-action="add-item"]').click();
      await pick(line(1), 'Item', fold.name, fold.id);
      await line(1).getByLabel('Qty').fill('2');
      await shows(['$37.50', '$7.98'], '$45.48', 'a second line of two folds at 3.99');
      await line(0).getByLabel('Qty').fill('1');
      await shows(['$12.50', '$7.98'], '$20.48', 'the first line down to one');
      await form.locator('[data-action="add-item"]').click();
      await line(2).getByLabel('Type').selectOption('custom');
      await line(2).getByLabel('Description').fill('Gift box');
      await line(2).getByLabel('Qty').fill('2');
      await line(2).getByLabel('Unit price').fill('5');
      await shows(['$12.50', '$7.98', '$10.00'], '$30.48', 'a third line of two gift boxes at 5.00');
      await line(1).locator('[data-action="remove-item"]').click();
      await shows(['$12.50', '$10.00'], '$22.50', 'the folds removed');
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`the order form did not save: ${await form.locator('.form-banner, .field-error:not([hidden])').allTextContents()}`);
      });
      const placed = (await t.rest('GET', `/orders?customer_id=${customer.id}`)).items;
      assert(placed.length === 1 && placed[0].total_cents === 2250, `the saved order: ${JSON.stringify(placed.map((o) => o.total_cents))}, expected a total of 2250`);
    },
  },
  {
    name: 'picking a customer on a new invoice fills the counterparty, never over what the user typed (Invoice form)',
    async run(t) {
      const first = await t.rest('POST', '/customers', { name: `Payer One ${t.stamp}`, email: `payer1.${t.stamp}@switchboard.test` });
      const second = await t.rest('POST', '/customers', { name: `Payer Two ${t.stamp}`, email: `payer2.${t.stamp}@switchboard.test` });
      const a = await t.open('A', '/invoices');
      await t.tableLoaded(a, 'invoices');
      await a.locator('[data-action="create"]').click();
      const form = a.locator('[data-testid="invoices-form"]');
      const counterparty = form.getByLabel('Counterparty');
      await form.getByLabel('Invoice number').fill(`INV-C-${t.stamp}`);
      await pick(form, 'Customer', first.name, first.id);
      assert(await counterparty.inputValue() === first.name, `after picking ${first.name} the counterparty reads "${await counterparty.inputValue()}"`);
      await pick(form, 'Customer', second.name, second.id);
      assert(await counterparty.inputValue() === second.name, `after picking ${second.name} the counterparty reads "${await counterparty.inputValue()}"`);
      await counterparty.fill(`Accounts Dept ${t.stamp}`);
      await pick(form, 'Customer', first.name, first.id);
      assert(await counterparty.inputValue() === `Accounts Dept ${t.stamp}`, `a typed counterparty was overwritten with "${await counterparty.inputValue()}"`);
      await form.getByLabel('Amount').fill('12.00');
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`the invoice form did not save: ${await form.locator('.form-banner, .field-error:not([hidden])').allTextContents()}`);
      });
      const [saved] = (await t.rest('GET', `/invoices?q=INV-C-${t.stamp}`)).items;
      assert(saved && saved.customer_id === first.id && saved.counterparty === `Accounts Dept ${t.stamp}`, `the saved invoice: ${JSON.stringify(saved)}`);
    },
  },
  {
    name: 'a transit batch picks its orders by typing part of their customer\'s name, as removable chips (Transit batch form)',
    async run(t) {
      const alpha = await t.rest('POST', '/customers', { name: `Batchy Alpha ${t.stamp}`, email: `alpha.${t.stamp}@switchboard.test` });
      const beta = await t.rest('POST', '/customers', { name: `Batchy Beta ${t.stamp}`, email: `beta.${t.stamp}@switchboard.test` });
      const serviceId = await anyServiceId(t.rest, t.stamp);
      const order = (customer) => t.rest('POST', '/orders', { customer_id: customer.id, delivery_address: '2 Dock Rd, Tacoma', items: [{ service_id: serviceId, quantity: 1 }] });
      const alphaFirst = await order(alpha);
      const alphaSecond = await order(alpha);
      const betaOrder = await order(beta);
      const a = await t.open('A', '/transit-batches');
      await t.tableLoaded(a, 'transit-batches');
      await a.locator('[data-action="create"]').click();
      const form = a.locator('[data-testid="transit-batches-form"]');
      await form.getByLabel('Code').fill(`TB-P-${t.stamp}`);
      await form.getByLabel('Origin').fill('Depot');
      await form.getByLabel('Destination').fill('Shop');
      const chips = form.locator('[data-testid="order_ids-chips"] .chip');
      const chipIds = () => chips.evaluateAll((els) => els.map((el) => Number(el.dataset.id)));
      await pick(form, 'Orders', `Alpha ${t.stamp}`, alphaFirst.id);
      const input = await pick(form, 'Orders', `Alpha ${t.stamp}`, alphaSecond.id);
      // An order already chosen is offered as added, and cannot be picked twice.
      await input.fill(`Alpha ${t.stamp}`);
      const added = a.locator(`#${await input.getAttribute('aria-controls')} [role="option"][data-id="${alphaFirst.id}"]`);
      await added.waitFor({ timeout: BOUND_MS });
      assert(await added.getAttribute('aria-disabled') === 'true', 'an order already in the batch can be picked again');
      await pick(form, 'Orders', `Beta ${t.stamp}`, betaOrder.id);
      assert(JSON.stringify(await chipIds()) === JSON.stringify([alphaFirst.id, alphaSecond.id, betaOrder.id]), `chips: ${await chipIds()}`);
      const betaChip = (await form.locator(`.chip[data-id="${betaOrder.id}"]`).textContent()).replace('×', '');
      assert(betaChip === `#${betaOrder.id} · Batchy Beta ${t.stamp}`, `the chip reads "${betaChip}"`);
      await form.getByRole('button', { name: `Remove #${alphaSecond.id} · Batchy Alpha ${t.stamp}` }).click();
      assert(JSON.stringify(await chipIds()) === JSON.stringify([alphaFirst.id, betaOrder.id]), `chips after removing one: ${await chipIds()}`);
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`the batch form did not save: ${await form.locator('.form-banner, .field-error:not([hidden])').allTextContents()}`);
      });
      const [batch] = (await t.rest('GET', `/transit-batches?q=TB-P-${t.stamp}`)).items;
      assert(batch && JSON.stringify([...batch.order_ids].sort((x, y) => x - y)) === JSON.stringify([alphaFirst.id, betaOrder.id].sort((x, y) => x - y)),
        `the saved batch: ${JSON.stringify(batch)}`);
      // Its edit form shows the chosen orders as chips by customer name.
      const row = await t.expectRow(a, 'transit-batches', { id: batch.id });
      await row.locator('[data-action="more"]').click();
      await row.locator('[data-action="edit"]').click();
      await a.locator('[data-testid="transit-batches-form"]').locator(`.chip[data-id="${betaOrder.id}"]`, { hasText: `Batchy Beta ${t.stamp}` })
        .waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('the edit form does not show the batch\'s orders by customer'); });
    },
  },
  {
    name: 'the orders date-range filter shows only orders created in that range, kept in the URL (Orders filters)',
    async run(t) {
      const customer = await t.rest('POST', '/customers', { name: `Range Customer ${t.stamp}`, email: `range.${t.stamp}@switchboard.test` });
      const serviceId = await anyServiceId(t.rest, t.stamp);
      const fresh = await t.rest('POST', '/orders', { customer_id: customer.id, delivery_address: '3 Range Rd', items: [{ service_id: serviceId, quantity: 1 }] });
      const today = fresh.created_at.slice(0, 10);
      const { items: oldest } = await t.rest('GET', '/orders?sort=created_at&limit=1');
      const day = oldest[0].created_at.slice(0, 10);
      assert(day < today, `the oldest order is from ${day}, not before today (${today})`);
      const a = await t.open('A', '/orders');
      await t.tableLoaded(a, 'orders');
      await a.getByLabel('Created from').fill(day);
      await a.getByLabel('Created to').fill(day);
      await t.expectRow(a, 'orders', { id: oldest[0].id });
      await t.expectNoRow(a, 'orders', fresh.id);
      const hash = new URL(a.url()).hash;
      assert(hash.includes(`from=${day}`) && hash.includes(`to=${day}`), `the URL does not keep the range: ${a.url()}`);
      const shownDays = async () => {
        const ids = await t.table(a, 'orders').locator('tbody tr[data-id]').evaluateAll((rows) => rows.map((row) => Number(row.dataset.id)));
        return Promise.all(ids.map(async (id) => (await t.rest('GET', `/orders/${id}`)).created_at.slice(0, 10)));
      };
      const days = await shownDays();
      assert(days.length > 0 && days.every((d) => d === day), `orders shown for ${day}: created ${days.join(', ')}`);
      // Kept on reload; then today only: the new order, none of that day.
      await a.reload();
      await t.expectRow(a, 'orders', { id: oldest[0].id });
      assert(await a.getByLabel('Created from').inputValue() === day, 'the From date was not kept on reload');
      await a.getByLabel('Created from').fill(today);
      await a.getByLabel('Created to').fill(today);
      await t.expectRow(a, 'orders', { id: fresh.id });
      await t.expectNoRow(a, 'orders', oldest[0].id);
      assert((await shownDays()).every((d) => d === today), 'an order from another day is shown for today');
    },
  },
  {
    name: 'a field the catalogue adds shows as a column, a filter and a form input, with no change to the app (Catalogue fields)',
    async run(t) {
      // The stand-in server, serving the suite's catalogue with two fields no page names: a
      // filterable choice on customers, a short text on products.
      const field = (props) => ({
        required: false, nullable: true, writable: 'always', default: null, max_length: null, minimum: null, maximum: null,
        values: null, references: null, sortable: false, filter: null, searchable: false, summed: false, ...props,
      });
      const tier = field({ name: 'loyalty_tier', label: 'Loyalty tier', kind: 'enum', nullable: false, default: 'bronze', values: ['bronze', 'silver', 'gold'], filter: 'eq' });
      const shelf = field({ name: 'shelf', label: 'Shelf', kind: 'text', max_length: 12 });
      const s = await t.standIn((catalog) => {
        const fieldsOf = (name) => catalog.collections.find((c) => c.name === name).fields;
        fieldsOf('customers').splice(fieldsOf('customers').findIndex((f) => f.name === 'segment') + 1, 0, tier);
        fieldsOf('products').splice(fieldsOf('products').findIndex((f) => f.name === 'name') + 1, 0, shelf);
      });
      const seeded = (await s.rest('GET', '/customers?limit=1')).items[0];
      assert(seeded.loyalty_tier === 'bronze', `the stand-in's seeded customer: ${JSON.stringify(seeded)}`);

      const a = await s.open('A', '/customers');
      await s.expectRow(a, 'customers', { id: seeded.id });
      const table = s.table(a, 'customers');
      assert(await table.locator('thead th', { hasText: 'Loyalty tier' }).count() === 1, 'no Loyalty tier column');
      const cell = (id) => table.locator(`tr[data-id="${id}"] td[data-col="loyalty_tier"]`);
      assert((await cell(seeded.id).textContent()).trim() === 'Bronze', `the seeded customer's tier reads "${await cell(seeded.id).textContent()}"`);
      const filter = a.locator('form.filters select[name="loyalty_tier"]');
      const choices = await filter.locator('option').evaluateAll((options) => options.map((o) => `${o.value}:${o.textContent}`));
      assert(JSON.stringify(choices) === JSON.stringify([':All loyalty tiers', 'bronze:Bronze', 'silver:Silver', 'gold:Gold']), `the tier filter offers ${choices.join(', ')}`);

      // A new customer with a tier, through the form.
      await a.locator('[data-action="create"]').click();
      const form = a.locator('[data-testid="customers-form"]');
      assert(await form.getByLabel('Loyalty tier').inputValue() === 'bronze', 'the form does not start at the default tier');
      await form.getByLabel('Name', { exact: false }).first().fill(`Gold Member ${s.stamp}`);
      await form.getByLabel('Email').fill(`gold.${s.stamp}@switchboard.test`);
      await form.getByLabel('Loyalty tier').selectOption('gold');
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`the customer form did not save: ${await form.locator('.form-banner, .field-error:not([hidden])').allTextContents()}`);
      });
      const [made] = (await s.rest('GET', `/customers?q=${s.stamp}`)).items;
      assert(made?.loyalty_tier === 'gold', `the saved customer: ${JSON.stringify(made)}`);
      await cell(made.id).filter({ hasText: 'Gold' }).waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('the new customer\'s row does not read Gold'); });

      // The filter: only gold customers, kept in the URL.
      await filter.selectOption('gold');
      await s.expectNoRow(a, 'customers', seeded.id);
      await s.expectRow(a, 'customers', { id: made.id });
      assert(new URL(a.url()).hash.includes('loyalty_tier=gold'), `the URL does not keep the filter: ${a.url()}`);

      // Products: a Shelf column and a Shelf input of at most 12 characters; not filterable, so no filter.
      await a.goto(`${s.baseUrl}/#/products`);
      await s.tableLoaded(a, 'products');
      assert(await s.table(a, 'products').locator('thead th', { hasText: 'Shelf' }).count() === 1, 'no Shelf column');
      assert(await a.locator('form.filters [name="shelf"]').count() === 0, 'a Shelf filter the catalogue does not declare');
      await a.locator('[data-action="create"]').click();
      const shelfInput = a.locator('[data-testid="products-form"]').getByLabel('Shelf');
      assert(await shelfInput.getAttribute('maxlength') === '12', `the Shelf input takes ${await shelfInput.getAttribute('maxlength')} characters`);
      t.note = 'on the stand-in server';
    },
  },
  {
    name: 'a change made in A (token "Dispatch desk") is named in B\'s toast and B\'s open history panel shows it live (Who, History)',
    needsAuth: true,
    needsManagedServer: true,
    async run(t) {
      const { customer, orders: [order] } = await ordersFor(t, 'History Customer', 1);
      const dispatch = { name: 'Dispatch desk', token: await t.server.createToken('Dispatch desk', 'admin') };
      const route = `/orders?customer_id=${customer.id}`;
      const a = await t.open('A', route, { user: dispatch });
      const b = await t.open('B', route);
      const rowA = await t.expectRow(a, 'orders', { id: order.id });
      const rowB = await t.expectRow(b, 'orders', { id: order.id });

      // B opens the order's form: its history shows the create, by the runner's token.
      await rowB.locator('[data-action="more"]').click();
      await rowB.locator('[data-action="edit"]').click();
      const history = b.locator('[data-testid="orders-form"] [data-testid="history"]');
      const created = history.locator('.history-entry', { hasText: t.auth.name });
      await created.first().waitFor({ timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`B's history panel does not show the create by ${t.auth.name}: "${await history.textContent().catch(() => '')}"`);
      });
      assert(await history.locator('.history-entry').count() === 1, `a new order's history has ${await history.locator('.history-entry').count()} entries, expected 1`);

      // A (Dispatch desk) confirms the order.
      await rowA.locator('[data-action="status:confirmed"]').click();

      // B's toast names A's token; B's open panel shows the change, newest first, without a reload.
      await t.expectUpdateToast(b, 'Orders', BOUND_MS, { by: 'Dispatch desk' });
      const change = history.locator('.history-entry').first();
      await change.locator('.history-who', { hasText: 'Dispatch desk' }).waitFor({ timeout: BOUND_MS }).catch(async () => {
        throw new TestFailure(`B's history panel did not show Dispatch desk's change: "${(await history.textContent()).replace(/\s+/g, ' ')}"`);
      });
      const status = (await change.locator('li[data-change="status"]').textContent()).replace(/\s+/g, ' ').trim();
      assert(status === 'Status: Pending → Confirmed', `the change reads "${status}", expected "Status: Pending → Confirmed"`);
      assert(await history.locator('.history-entry').count() === 2, 'the history does not hold the create and the change');
      // The form's notice says who changed the order under B.
      await b.locator('[data-testid="orders-form"] [data-testid="changed-by"]', { hasText: 'Dispatch desk' }).waitFor({ timeout: BOUND_MS })
        .catch(() => { throw new TestFailure('B\'s form does not say Dispatch desk changed the order'); });
      await t.expectNotReloaded(b);
      await t.expectConnection(b, 'connected');
    },
  },
  {
    name: 'a change made in this tab gives one toast, its own, while another tab still gets the realtime one (Toasts, Who)',
    needsAuth: true,
    async run(t) {
      const { customer, orders: [order] } = await ordersFor(t, 'Own Toast', 1);
      const route = `/orders?customer_id=${customer.id}`;
      const a = await t.open('A', route);
      const b = await t.open('B', route);
      const eventsA = recordEvents(a);
      const row = await t.expectRow(a, 'orders', { id: order.id });
      await t.expectRow(b, 'orders', { id: order.id });

      // A status step: A's own toast only, though A received the event (B, the same token in
      // another browser, still gets the realtime toast naming it).
      await row.locator('[data-action="status:confirmed"]').click();
      await until(() => eventsA.some((e) => e.entity === 'orders' && e.id === order.id), 'A never received the event of its own change');
      const event = eventsA.find((e) => e.entity === 'orders' && e.id === order.id);
      assert(event.by?.name === t.auth.name && Number.isInteger(event.by?.token_id), `the event's "by" is ${JSON.stringify(event.by)}`);
      await t.expectUpdateToast(b, 'Orders');
      let toasts = await shownToasts(a);
      assert(toasts.length === 1 && toasts[0].startsWith(`Order #${order.id} confirmed`), `A shows ${JSON.stringify(toasts)}, expected only "Order #${order.id} confirmed"`);

      // A create through the form: its event may come before the response; still one toast.
      await a.goto(`${t.baseUrl}/#/customers?q=${t.stamp}`);
      await t.tableLoaded(a, 'customers');
      await a.evaluate(() => document.querySelectorAll('[data-testid="toasts"] .toast').forEach((toast) => toast.remove()));
      await a.locator('[data-action="create"]').click();
      const form = a.locator('[data-testid="customers-form"]');
      const name = `Own Create ${t.stamp}`;
      await form.getByLabel('Name', { exact: false }).first().fill(name);
      await form.getByLabel('Email').fill(`own.create.${t.stamp}@switchboard.test`);
      await form.locator('button[type="submit"]').click();
      await form.waitFor({ state: 'detached', timeout: BOUND_MS });
      const made = (await t.rest('GET', `/customers?q=${encodeURIComponent(name)}`)).items[0];
      assert(made, 'the customer was not created');
      await until(() => eventsA.some((e) => e.entity === 'customers' && e.id === made.id), 'A never received the event of its create');
      toasts = await shownToasts(a);
      assert(toasts.length === 1 && toasts[0].startsWith('Customer created'), `A shows ${JSON.stringify(toasts)}, expected only "Customer created"`);
    },
  },
  {
    name: 'a 412 in B names A\'s token and shows A\'s value beside B\'s (Who, If-Match)',
    needsAuth: true,
    needsManagedServer: true,
    async run(t) {
      const customer = await t.rest('POST', '/customers', { name: `Conflict Who ${t.stamp}`, email: `conflict.who.${t.stamp}@switchboard.test`, phone: '+1 206 555 0100' });
      const dispatch = { name: 'Dispatch desk', token: await t.server.createToken('Dispatch desk', 'admin') };
      t.allowedFailedLoads.push({ status: 412, path: `/api/customers/${customer.id}` });
      const route = `/customers?q=${t.stamp}`;
      const a = await t.open('A', route, { user: dispatch });
      const b = await t.open('B', route);

      // B opens the form and types a phone; meanwhile A saves another phone.
      await (await t.expectRow(b, 'customers', { id: customer.id })).locator('[data-action="edit"]').click();
      const formB = b.locator('[data-testid="customers-form"]');
      await formB.getByLabel('Phone').fill('+1 206 555 0122');
      await (await t.expectRow(a, 'customers', { id: customer.id })).locator('[data-action="edit"]').click();
      const formA = a.locator('[data-testid="customers-form"]');
      await formA.getByLabel('Phone').fill('+1 206 555 0133');
      await formA.locator('button[type="submit"]').click();
      await formA.waitFor({ state: 'detached', timeout: BOUND_MS });

      await formB.locator('button[type="submit"]').click();
      const conflict = b.locator('dialog[open] [data-testid="conflict"]');
      await conflict.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('B was not shown the conflict'); });
      const text = (await conflict.textContent()).replace(/\s+/g, ' ');
      assert(text.includes(`Dispatch desk changed Customer Conflict Who ${t.stamp} at `), `the conflict does not name A's token and when: "${text}"`);
      const title = (await b.locator('dialog[open] .dialog-title', { hasText: 'was changed by' }).textContent()).trim();
      assert(title === `Customer Conflict Who ${t.stamp} was changed by Dispatch desk`, `the conflict's title reads "${title}"`);
      const side = (which) => conflict.locator(`tr[data-field="Phone"] td[data-side="${which}"]`).textContent().then((x) => x.trim());
      assert(await side('theirs') === '+1 206 555 0133', `theirs reads "${await side('theirs')}", expected A's phone`);
      assert(await side('yours') === '+1 206 555 0122', `yours reads "${await side('yours')}", expected B's phone`);
      assert((await t.rest('GET', `/customers/${customer.id}`)).phone === '+1 206 555 0133', 'B\'s stale save went through');
    },
  },
  {
    name: 'three orders confirmed at once from the bulk bar change in the other browser with one toast; a bulk with one illegal step changes nothing (Bulk)',
    async run(t) {
      const { customer, orders } = await ordersFor(t, 'Bulk Customer', 4);
      const route = `/orders?customer_id=${customer.id}`;
      const a = await t.open('A', route);
      const b = await t.open('B', route);
      const eventsA = recordEvents(a);
      for (const order of orders) {
        await t.expectRow(a, 'orders', { id: order.id });
        await t.expectRow(b, 'orders', { id: order.id });
      }
      const bar = a.locator('[data-testid="bulk-bar"]');
      assert(!(await bar.isVisible()), 'the bulk bar shows with nothing selected');
      const select = (id) => t.table(a, 'orders').locator(`tr[data-id="${id}"] input[data-action="select-row"]`).check();

      // Select all on the page, then Clear: nothing stays selected.
      await a.getByLabel('Select all on this page').check();
      await bar.locator('[data-testid="bulk-count"]', { hasText: '4 selected' }).waitFor({ timeout: BOUND_MS });
      await bar.locator('[data-action="bulk-clear"]').click();
      await bar.waitFor({ state: 'hidden', timeout: BOUND_MS });
      assert(await t.table(a, 'orders').locator('input[data-action="select-row"]:checked').count() === 0, 'Clear left rows selected');

      // Three of them confirmed at once.
      const [first, second, third, fourth] = orders;
      for (const order of [first, second, third]) await select(order.id);
      await bar.locator('[data-testid="bulk-count"]', { hasText: '3 selected' }).waitFor({ timeout: BOUND_MS });
      await bar.getByLabel('Set status to').selectOption('confirmed');
      await bar.locator('[data-action="bulk-apply"]').click();
      for (const order of [first, second, third]) {
        await t.table(b, 'orders').locator(`tr[data-id="${order.id}"] [data-col="status"]`, { hasText: 'Confirmed' })
          .waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure(`B did not show order ${order.id} as Confirmed`); });
      }
      assert((await t.table(b, 'orders').locator(`tr[data-id="${fourth.id}"] [data-col="status"]`).textContent()).trim() === 'Pending', 'the unselected order changed');
      await t.expectUpdateToast(b, 'Orders', BOUND_MS, { count: 3 });
      assert((await b.locator('[data-testid="toasts"] .toast', { hasText: 'Orders updated' }).count()) === 1, 'B shows more than one toast for the bulk change');
      await until(() => [first, second, third].every((o) => eventsA.some((e) => e.entity === 'orders' && e.id === o.id)), 'A did not receive the three events');
      const toasts = await shownToasts(a);
      assert(toasts.length === 1 && toasts[0].startsWith('3 orders confirmed'), `A shows ${JSON.stringify(toasts)}, expected one "3 orders confirmed"`);
      await bar.waitFor({ state: 'hidden', timeout: BOUND_MS }).catch(() => { throw new TestFailure('the selection was not cleared after the bulk change'); });

      // Start work on two confirmed orders and the pending one: pending cannot, so none changes.
      t.allowedFailedLoads.push({ status: 409, path: '/api/orders/bulk/status' });
      for (const order of [first, second, fourth]) await select(order.id);
      await bar.getByLabel('Set status to').selectOption('in_progress');
      await bar.locator('[data-action="bulk-apply"]').click();
      const refusal = bar.locator('[data-testid="bulk-error"]');
      await refusal.waitFor({ timeout: BOUND_MS }).catch(() => { throw new TestFailure('the refused bulk change showed nothing'); });
      const said = (await refusal.textContent()).replace(/\s+/g, ' ');
      assert(said.includes('Nothing was changed') && said.includes(`Order #${fourth.id}`), `the refusal reads "${said}"`);
      assert(!said.includes(`Order #${first.id}:`), `the refusal blames an order that could take it: "${said}"`);
      const now = await Promise.all([first, second, fourth].map((o) => t.rest('GET', `/orders/${o.id}`)));
      assert(now.map((o) => o.status).join() === 'confirmed,confirmed,pending', `after the refused bulk change: ${now.map((o) => o.status).join()}`);
      assert(await bar.locator('[data-testid="bulk-count"]', { hasText: '3 selected' }).count() === 1, 'the refused selection was dropped');
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'Export CSV downloads the list as filtered: its rows are the filter\'s records (CSV)',
    async run(t) {
      const { customer, orders } = await ordersFor(t, 'Csv Customer', 3);
      await t.rest('POST', `/orders/${orders[1].id}/status`, { status: 'confirmed' });
      const a = await t.open('A', `/orders?customer_id=${customer.id}&status=pending`);
      await t.expectRow(a, 'orders', { id: orders[0].id });
      await t.expectNoRow(a, 'orders', orders[1].id);
      const link = a.locator('[data-action="export-csv"]');
      const href = await link.getAttribute('href');
      assert(href.includes('format=csv') && href.includes(`customer_id=${customer.id}`) && href.includes('status=pending'), `the link does not carry the filters: ${href}`);
      const [download] = await Promise.all([a.waitForEvent('download', { timeout: BOUND_MS }), link.click()]);
      const text = readFileSync(await download.path(), 'utf8');
      const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter((row) => row.some((cell) => cell !== ''));
      const header = rows.findIndex((row) => row.some((cell) => /^id$/i.test(cell.trim())));
      assert(header >= 0, `no id column in the CSV: ${text.slice(0, 300)}`);
      const idAt = rows[header].findIndex((cell) => /^id$/i.test(cell.trim()));
      const ids = rows.slice(header + 1).map((row) => Number(row[idAt])).sort((x, y) => x - y);
      const expected = (await t.rest('GET', `/orders?customer_id=${customer.id}&status=pending`)).items.map((o) => o.id).sort((x, y) => x - y);
      assert(JSON.stringify(ids) === JSON.stringify(expected) && expected.length === 2, `the CSV has orders ${ids.join(', ')}, the filter ${expected.join(', ')}`);
      t.note = `${download.suggestedFilename()}, ${ids.length} rows`;
    },
  },
  {
    name: 'two browsers on one order form: B sees A editing within a second, and A gone once A closes the tab (presence)',
    async run(t) {
      const customer = await t.rest('POST', '/customers', { name: `Presence Customer ${t.stamp}`, email: `presence.${t.stamp}@switchboard.test` });
      const serviceId = await anyServiceId(t.rest, t.stamp);
      const order = await t.rest('POST', '/orders', {
        customer_id: customer.id, delivery_address: '1 Presence Way', items: [{ service_id: serviceId, quantity: 1 }],
      });
      const route = `/orders?customer_id=${customer.id}`;
      const desk = await t.userWithRole('dispatcher');
      const openForm = async (page) => {
        const row = await t.expectRow(page, 'orders', { id: order.id });
        const more = row.locator('[data-action="more"]');
        if (await more.count()) await more.click();
        await row.locator('[data-action="edit"]').click();
        const form = page.locator('[data-testid="orders-form"]');
        await form.waitFor({ timeout: BOUND_MS });
        return form;
      };
      const a = await t.open('A', route);
      const formA = await openForm(a);
      // A starts editing before B opens the order: B is told before typing anything.
      await formA.getByLabel('Notes').fill('Ring twice');
      const b = await t.open('B', route, { user: desk });
      const formB = await openForm(b);
      const line = formB.locator('[data-testid="presence-text"]');
      await line.waitFor({ timeout: BOUND_MS });
      const warning = (await line.textContent()).trim();
      assert(warning === `${t.auth.name} is editing this order: your changes may conflict with theirs.`, `B's form says "${warning}"`);
      assert(await formB.locator('.presence-avatar[data-state="editing"]').count() === 1, 'B shows one editing avatar');

      // A closes the form and opens it again: B sees A viewing, then editing within a second.
      await formA.getByRole('button', { name: 'Cancel' }).click();
      await formB.locator('[data-testid="presence"]').waitFor({ state: 'hidden', timeout: BOUND_MS })
        .catch(() => { throw new TestFailure('B still shows A after A closed the form'); });
      const formA2 = await openForm(a);
      await line.filter({ hasText: `${t.auth.name} is viewing this order.` }).waitFor({ timeout: BOUND_MS });
      await formA2.getByLabel('Notes').fill('Ring three times');
      const typed = Date.now();
      await line.filter({ hasText: `${t.auth.name} is editing this order` }).waitFor({ timeout: 1_000 })
        .catch(() => { throw new TestFailure('B did not show A editing within a second'); });

      // A closes the tab: B no longer shows A.
      await a.close();
      await formB.locator('[data-testid="presence"]').waitFor({ state: 'hidden', timeout: BOUND_MS })
        .catch(() => { throw new TestFailure('B still shows A after A closed the tab'); });
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'a list filtered by status listens to its filter: an order leaving it drops at once, other orders send nothing, Clear filters hears them again (filtered subscriptions)',
    async run(t) {
      const { orders: [leaving, staying, other] } = await ordersFor(t, 'Filter Customer', 3);
      await t.rest('POST', `/orders/${other.id}/status`, { status: 'confirmed' });
      const topic = 'orders?status=pending';
      let frames = null;
      const a = await t.open('A', '/orders?status=pending', { beforeLoad: (page) => { frames = recordFrames(page); } });
      const acked = (name) => frames.received.some((f) => f.type === 'subscribed' && f.topics.includes(name));
      await until(() => acked(topic), () => `A's socket was never acknowledged ${topic}; it holds ${JSON.stringify(frames.received.filter((f) => f.type === 'subscribed').map((f) => f.topics))}`);
      await until(() => frames.received.some((f) => f.type === 'unsubscribed' && f.topics.includes('orders')), 'A still holds the whole of orders beside its filter');
      await t.expectRow(a, 'orders', { id: leaving.id });
      await t.expectRow(a, 'orders', { id: staying.id });
      assert(await t.table(a, 'orders').locator(`tr[data-id="${other.id}"]`).count() === 0, 'A lists the confirmed order under status=pending');

      // An order moved out of the filter leaves A's list at once: A's refetch of the list is held
      // meanwhile, so only the event's `left` can take the row away.
      const listRequest = (url) => url.pathname === '/api/orders' && url.searchParams.get('status') === 'pending';
      const held = [];
      let holding = true;
      await a.route(listRequest, (route) => (holding ? held.push(route) : route.continue()));
      await t.rest('POST', `/orders/${leaving.id}/status`, { status: 'confirmed' });
      await t.expectNoRow(a, 'orders', leaving.id);
      await until(() => held.length > 0, 'A did not refetch its list after the order left it');
      const left = frames.received.find((f) => isEventAbout(f, 'orders', leaving.id));
      assert(JSON.stringify(left?.left?.[topic]) === JSON.stringify([leaving.id]), `the frame for the order that left reads ${JSON.stringify(left)}`);
      holding = false;
      for (const route of held) await route.continue();
      await a.unroute(listRequest);
      await t.expectRow(a, 'orders', { id: staying.id });
      assert(await t.table(a, 'orders').locator(`tr[data-id="${leaving.id}"]`).count() === 0, 'the refetched list shows the order that left');

      // A change to an order that is not pending sends A nothing: a pending order changed after
      // it does arrive, and frames come in seq order.
      const heardBefore = frames.received.length;
      await t.rest('PATCH', `/orders/${other.id}`, { notes: `Not pending ${t.stamp}` });
      await t.rest('PATCH', `/orders/${staying.id}`, { notes: `Still pending ${t.stamp}` });
      await until(() => frames.received.slice(heardBefore).some((f) => isEventAbout(f, 'orders', staying.id)), 'A did not hear of the pending order\'s change');
      const unheard = frames.received.slice(heardBefore).filter((f) => isEventAbout(f, 'orders', other.id) || isEventAbout(f, 'orders', leaving.id));
      assert(unheard.length === 0, `A's socket received frames for orders that are not pending: ${JSON.stringify(unheard)}`);

      // Clear filters: the whole collection again, from the last event A applied, and the
      // confirmed order's changes show live.
      const sentBefore = frames.sent.length;
      const heardBeforeClear = frames.received.length;
      await a.locator('[data-action="clear-filters"]').click();
      await until(() => frames.received.slice(heardBeforeClear).some((f) => f.type === 'subscribed' && f.topics.includes('orders'))
        && frames.received.slice(heardBeforeClear).some((f) => f.type === 'unsubscribed' && f.topics.includes(topic)), 'A did not go back from its filter to the whole of orders');
      const resubscribe = frames.sent.slice(sentBefore).find((f) => f.type === 'subscribe' && f.topics.includes('orders'));
      assert(Number.isInteger(resubscribe?.since), `A subscribed to orders again without since: ${JSON.stringify(resubscribe)}`);
      await t.expectRow(a, 'orders', { id: other.id });
      await t.rest('POST', `/orders/${other.id}/status`, { status: 'in_progress' });
      await t.expectRow(a, 'orders', { id: other.id, text: 'In progress' });

      // A search cannot be said in a topic: status=pending with `q` keeps the whole collection.
      // (The app subscribes before it asks for the list, so by the list's answer any subscribe is seen.)
      const sentBeforeSearch = frames.sent.length;
      const searched = a.waitForResponse((r) => {
        const url = new URL(r.url());
        return url.pathname === '/api/orders' && url.searchParams.get('q') === t.stamp;
      }, { timeout: BOUND_MS });
      await a.evaluate((stamp) => { window.location.hash = `#/orders?status=pending&q=${stamp}`; }, t.stamp);
      await searched;
      const narrowed = frames.sent.slice(sentBeforeSearch).filter((f) => f.type !== 'ping');
      assert(narrowed.length === 0, `with a search A sent ${JSON.stringify(narrowed)}`);
      await t.expectNotReloaded(a);
    },
  },  {
    name: 'a filtered list back from offline resumes its filter from its last seq, and an order that left meanwhile drops (filtered subscriptions)',
    async run(t) {
      const { orders: [leaving, staying] } = await ordersFor(t, 'Offline Filter', 2);
      const topic = 'orders?status=pending';
      let frames = null;
      const a = await t.open('A', '/orders?status=pending', { beforeLoad: (page) => { frames = recordFrames(page); } });
      await until(() => frames.received.some((f) => f.type === 'subscribed' && f.topics.includes(topic)), `A's socket was never acknowledged ${topic}`);
      await t.expectRow(a, 'orders', { id: leaving.id });
      await t.expectRow(a, 'orders', { id: staying.id });

      await a.context().setOffline(true);
      await t.expectConnection(a, 'offline');
      const sentBefore = frames.sent.length;
      const heardBefore = frames.received.length;
      // The order leaves while A is away; back online, only the replay's `left` can drop it
      // (A's refetch of the list is held).
      await t.rest('POST', `/orders/${leaving.id}/status`, { status: 'confirmed' });
      const listRequest = (url) => url.pathname === '/api/orders' && url.searchParams.get('status') === 'pending';
      const held = [];
      let holding = true;
      await a.route(listRequest, (route) => (holding ? held.push(route) : route.continue()));
      await a.context().setOffline(false);
      await t.expectConnection(a, 'connected', RECONNECT_MS);
      await t.expectNoRow(a, 'orders', leaving.id);
      const resubscribe = frames.sent.slice(sentBefore).find((f) => f.type === 'subscribe' && f.topics.includes(topic));
      assert(resubscribe && Number.isInteger(resubscribe.since) && !resubscribe.topics.includes('orders'), `A subscribed again with ${JSON.stringify(resubscribe)}`);
      const replayed = frames.received.slice(heardBefore).find((f) => isEventAbout(f, 'orders', leaving.id));
      assert(replayed && replayed.seq > resubscribe.since && JSON.stringify(replayed.left?.[topic]) === JSON.stringify([leaving.id]), `the replayed frame reads ${JSON.stringify(replayed)}`);
      holding = false;
      for (const route of held) await route.continue();
      await a.unroute(listRequest);
      await t.expectRow(a, 'orders', { id: staying.id });
      await t.expectNotReloaded(a);
    },
  },
  {
    name: 'a page whose panel sums the whole collection keeps listening to all of it under a filter; budgets narrow by Period (filtered subscriptions)',
    async run(t) {
      let frames = null;
      const a = await t.open('A', '/products?stock=out', { beforeLoad: (page) => { frames = recordFrames(page); } });
      await until(() => frames.received.some((f) => f.type === 'subscribed' && f.topics.includes('products')), 'A never held products');
      const skus = a.locator('[data-testid="inventory-kpis"] [data-stat="sku_count"] dd');
      await skus.waitFor({ timeout: BOUND_MS });
      const before = Number((await skus.textContent()).replace(/\D/g, ''));
      // A product in stock is not in the list (out of stock only), but the panel counts it.
      await t.rest('POST', '/products', { sku: `KPI-${t.stamp}`, name: `Stocked ${t.stamp}`, price_cents: 900, cost_cents: 400, stock_quantity: 10, reorder_level: 1 });
      await until(async () => Number((await skus.textContent()).replace(/\D/g, '')) === before + 1,
        async () => `A's inventory panel shows ${await skus.textContent()} products, expected ${before + 1}`);
      const narrowed = frames.sent.filter((f) => f.type === 'subscribe' && f.topics.some((topic) => topic.startsWith('products?')));
      assert(narrowed.length === 0, `A narrowed products under a summary panel: ${JSON.stringify(narrowed)}`);

      // The budget-vs-actual panel follows the Period filter: there the topic narrows.
      await a.evaluate(() => { window.location.hash = '#/budgets?period=2026-01'; });
      await until(() => frames.received.some((f) => f.type === 'subscribed' && f.topics.includes('budgets?period=2026-01')), 'A did not narrow budgets to the Period filter');
      await t.expectNotReloaded(a);
    },
  },
  {
    name: 'a server that refuses filtered topics: the filtered list takes its whole collection back and stays live (filtered subscriptions, stand-in)',
    async run(t) {
      const s = await t.standIn(() => {}, { SWITCHBOARD_STAND_IN_FILTERS: 'off' });
      const customer = await s.rest('POST', '/customers', { name: `Refused Filter ${s.stamp}`, email: `refused.${s.stamp}@switchboard.test` });
      const serviceId = await anyServiceId(s.rest, s.stamp);
      let frames = null;
      const a = await s.open('A', `/orders?status=pending&customer_id=${customer.id}`, { beforeLoad: (page) => { frames = recordFrames(page); } });
      await until(() => frames.received.some((f) => f.type === 'error' && f.code === 'unknown_topic'), 'the stand-in did not refuse the filtered topic');
      const refused = frames.received.findIndex((f) => f.type === 'error' && f.code === 'unknown_topic');
      await until(() => frames.received.slice(refused).some((f) => f.type === 'subscribed' && f.topics.includes('orders')), 'A did not take the whole of orders back after the refusal');
      const order = await s.rest('POST', '/orders', { customer_id: customer.id, delivery_address: '1 Refused Way', items: [{ service_id: serviceId, quantity: 1 }] });
      await s.expectRow(a, 'orders', { id: order.id });
      await s.expectNotReloaded(a);
    },
  },
  {
    name: 'every filter a list may narrow its topic to is acknowledged as the app spells it; a search or a date range is not narrowed (filtered subscriptions)',
    async run(t) {
      const a = await t.open('A', '/orders');
      // In A's page: the app's own modules (the catalogue it loaded), and a socket of its own.
      const report = await a.evaluate(async (bound) => {
        const { filterTopic } = await import('/assets/js/live-topics.js');
        const { catalog } = await import('/assets/js/catalog.js');
        // A value of each kind, spelled as a user may type it (spaces, case, a leading zero).
        const sample = (kind, values) => (values ? values.at(-1) : {
          boolean: 'false', reference: '007', id: '7', integer: '7', month: '2026-02', date: '2026-02-03',
          text: '  Dépôt & Co, Ltd ', long_text: ' Some Notes ', email: ' Ann@Example.COM ',
        }[kind]);
        const cases = [];
        for (const entry of catalog().collections) {
          const filters = [
            ...entry.fields.filter((field) => field.filter === 'eq'),
            ...(entry.filters || []).filter((filter) => filter.name !== 'ids'),
          ].map((filter) => [filter.name, sample(filter.kind, filter.kind === 'boolean' ? null : filter.values)]);
          for (const [name, value] of filters) cases.push({ collection: entry.name, filters: { [name]: value } });
          // Every field at once, named in reverse: the topic sorts them.
          if (filters.length > 1) cases.push({ collection: entry.name, filters: Object.fromEntries([...filters].reverse()) });
        }
        const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
        const waiting = [];
        socket.onmessage = (message) => {
          const frame = JSON.parse(message.data);
          if (frame.type === 'subscribed' || frame.type === 'error') waiting.shift()?.(frame);
        };
        await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
        const answer = (topic) => Promise.race([
          new Promise((resolve) => { waiting.push(resolve); socket.send(JSON.stringify({ type: 'subscribe', topics: [topic] })); }),
          new Promise((resolve) => { setTimeout(() => resolve({ type: 'timeout' }), bound); }),
        ]);
        const results = [];
        for (const { collection, filters } of cases) {
          const topic = filterTopic(collection, filters);
          const frame = topic ? await answer(topic) : null;
          results.push({ collection, filters, topic, answer: frame && (frame.type === 'subscribed' ? frame.topics : `${frame.type} ${frame.code || ''} ${frame.message || ''}`) });
        }
        socket.close();
        const whole = [
          filterTopic('orders', { q: 'smith' }),
          filterTopic('orders', { status: 'pending', from: '2026-01-01' }),
          filterTopic('orders', { status: 'no_such_status' }),
          filterTopic('orders', {}),
        ];
        return { results, whole };
      }, BOUND_MS);
      const { results, whole } = report;
      const collections = new Set(results.map((r) => r.collection));
      assert(results.length >= 20 && collections.size >= 10, `only ${results.length} filters over ${collections.size} collections were tried`);
      const unnarrowed = results.filter((r) => !r.topic);
      assert(unnarrowed.length === 0, `the app would not narrow to ${JSON.stringify(unnarrowed.map((r) => [r.collection, r.filters]))}`);
      const misspelled = results.filter((r) => JSON.stringify(r.answer) !== JSON.stringify([r.topic]));
      assert(misspelled.length === 0, `the server answered otherwise than the app spells: ${JSON.stringify(misspelled.map((r) => ({ topic: r.topic, answer: r.answer })))}`);
      assert(whole.every((topic) => topic === null), `a search, a date range, a value the catalogue does not list or no filter gave topics ${JSON.stringify(whole)}`);
      t.note = `${results.length} filters over ${collections.size} collections`;
    },
  },
];

// ---------------------------------------------------------------- runner

function selected(test, index) {
  const filter = process.env.SWITCHBOARD_TESTS;
  if (!filter) return true;
  return filter.split(',').some((part) => part.trim() === String(index) || test.name.toLowerCase().includes(part.trim().toLowerCase()));
}

async function main() {
  const launchBrowser = await chromiumLauncher('browser tests');
  mkdirSync(ARTIFACTS, { recursive: true });

  let server = null;
  let baseUrl = process.env.SWITCHBOARD_URL?.replace(/\/$/, '') || null;
  const bin = process.env.SWITCHBOARD_BIN || (baseUrl ? null : findBuiltBinary());
  let scratch = null;
  let token = process.env.SWITCHBOARD_TOKEN || null;
  if (bin) {
    scratch = mkdtempSync(join(tmpdir(), 'switchboard-browser-'));
    const port = Number(process.env.SWITCHBOARD_PORT) || await freePort();
    const databaseUrl = process.env.SWITCHBOARD_DATABASE_URL || `sqlite://${join(scratch, 'switchboard.db')}`;
    const logFile = join(ARTIFACTS, 'server.log');
    writeFileSync(logFile, '');
    server = new ManagedServer({ bin: resolve(bin), databaseUrl, port, logFile });
    try {
      await server.run('migrate');
      await server.run('seed-demo');
      if (!token && await server.hasTokenCommand()) token = await server.createAdminToken();
      await server.start();
    } catch (error) {
      console.error(`browser tests: could not start the server: ${error.message}`);
      await server.stop();
      process.exit(2);
    }
    baseUrl = server.baseUrl;
  }
  if (!baseUrl) {
    console.error('browser tests: no server. Set SWITCHBOARD_BIN (preferred) or SWITCHBOARD_URL, or build target/debug/switchboard.');
    process.exit(2);
  }

  let auth = null;
  try {
    auth = await detectAuth(baseUrl, token);
  } catch (error) {
    console.error(`browser tests: ${error.message}`);
    if (server) await server.stop();
    process.exit(2);
  }

  const browser = await launchBrowser();
  console.log(`browser tests against ${baseUrl} (${server ? 'managed server' : 'external server'}, ${auth ? `logging in as "${auth.name}"` : 'no log-in'}), bound ${BOUND_MS} ms`);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const [i, test] of TESTS.entries()) {
    const index = i + 1;
    if (!selected(test, index)) continue;
    if (test.needsAuth && !auth) {
      skipped += 1;
      console.log(`skip ${index} - ${test.name} (the server has no log-in)`);
      continue;
    }
    if (test.needsManagedServer && !server) {
      skipped += 1;
      console.log(`skip ${index} - ${test.name} (needs SWITCHBOARD_BIN so the runner can restart the server)`);
      continue;
    }
    const t = new Harness({ browser, baseUrl, server, auth, name: test.name, index });
    const started = Date.now();
    let error = null;
    try {
      await test.run(t);
      if (t.consoleErrors.length) throw new TestFailure(`console errors: ${t.consoleErrors.join(' | ')}`);
    } catch (caught) {
      error = caught;
    }
    await t.screenshot('B', error ? '-failed' : '');
    if (error) await t.screenshot('A', '-failed');
    await t.close();
    if (server && !server.child) await server.start().catch(() => {});
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (error) {
      failed += 1;
      console.log(`FAIL ${index} - ${test.name} (${seconds}s): ${error instanceof TestFailure ? error.message : error.stack}`);
    } else {
      passed += 1;
      console.log(`ok   ${index} - ${test.name} (${seconds}s)${t.note ? ` [${t.note}]` : ''}`);
    }
  }
  await browser.close();
  if (server) await server.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  console.log(`browser: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`browser tests: ${error.stack || error}`);
  process.exit(1);
});
