#!/usr/bin/env node
// The React example (examples/react-back-office) in two browsers, A and B, on one real Switchboard:
// a change made in A shows in B within a bound, without reloading B, with the seed's toast.
//
//   (cd examples/react-back-office && npm ci && npm run build)
//   node tests/browser/react-example.mjs
//
// It builds nothing: it serves examples/react-back-office/dist from a static server on a port of
// its own, and starts Switchboard (SWITCHBOARD_BIN, default /var/tmp/sb-bin/switchboard) on a fresh
// seeded SQLite database with SWITCHBOARD_ALLOWED_ORIGINS set to that port's origin: the documented
// cross-origin set-up (a bearer token for REST, one-time tickets for the socket). The app is told
// where the server is with `?server=`. Each test logs in through the app's log-in page with an
// admin token the server's CLI made.
// Other settings: CHROMIUM_PATH (default /usr/bin/chromium), SWITCHBOARD_BOUND_MS (5000),
// SWITCHBOARD_TESTS (comma-separated test numbers, to run a subset).
// Exit codes: 0 all passed, 1 a test failed, 2 nothing to test (no build, no server, no
// playwright-core), 3 no Chromium.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { startServer } from '../../clients/testing/server.mjs';
import { assert, chromiumLauncher, NETWORK_DOWN_ERRORS, TestFailure } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXAMPLE = resolve(HERE, '../../examples/react-back-office');
const DIST = join(EXAMPLE, 'dist');
const ARTIFACTS = join(HERE, 'artifacts');
// How long B may take to show A's change: the seed's "immediately", on a busy machine.
const BOUND_MS = Number(process.env.SWITCHBOARD_BOUND_MS || 5_000);
// Loading the app and logging in is not what is measured: a slow start must not fail a test.
const SETUP_MS = 20_000;
// After a restart the client's next attempt comes within its back-off (0.5 s doubling, with
// jitter), a few seconds after a short outage; this bound leaves room for a busy machine.
const RECONNECT_MS = 20_000;


/** Wait until `check()` is truthy, or fail with `message` after `timeout`. */
async function until(check, message, timeout = BOUND_MS) {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new TestFailure(typeof message === 'function' ? await message() : message);
    await delay(50);
  }
}

// ---------------------------------------------------------------- one test's browsers

/** A test's browsers (each an independent context: its own sessionStorage and sockets) and its checks. */
class Harness {
  constructor({ browser, appUrl, server, index }) {
    this.browser = browser;
    this.appUrl = appUrl;
    this.server = server;
    this.index = index;
    this.stamp = `${Date.now().toString(36)}${index}`;
    this.contexts = [];
    this.pages = {};
    this.sockets = new Map(); // page -> the URLs of the WebSockets it opened
    this.consoleErrors = [];
    this.notes = [];
    // While the server is down (the reconnect test) the browser reports the refused connections.
    this.serverDown = false;
  }

  /** Open the app on `route` in a new context labelled `label`, log in with the admin token, wait for `connected`. */
  async open(label, route) {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
    this.contexts.push(context);
    const page = await context.newPage();
    this.pages[label] = page;
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (this.serverDown && NETWORK_DOWN_ERRORS.some((re) => re.test(message.text()))) return;
      this.consoleErrors.push(`${label}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`${label}: uncaught ${error.message}`));
    this.sockets.set(page, []);
    page.on('websocket', (socket) => this.sockets.get(page).push(socket.url()));

    await page.goto(`${this.appUrl}#/${route}`);
    await page.getByLabel('API token').fill(this.server.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor({ timeout: SETUP_MS }).catch(async () => {
      throw new TestFailure(`${label}: the app did not appear after logging in: ${await page.locator('[role="alert"]').allTextContents()}`);
    });
    await this.expectConnection(page, 'connected', SETUP_MS);
    // A marker a reload would wipe: B must update in place.
    await page.evaluate(() => { window.__noReload = true; });
    return page;
  }

  async expectConnection(page, state, timeout = BOUND_MS) {
    const indicator = page.getByTestId('connection-status');
    await indicator.filter({ hasText: new RegExp(`^${state}$`) }).waitFor({ timeout }).catch(async () => {
      throw new TestFailure(`the connection indicator says "${await indicator.textContent()}", expected "${state}" within ${timeout} ms`);
    });
  }

  /** Wait for a table's first load (the app shows "Loading…" until then), so what follows tests the update, not the load. */
  async tableLoaded(page, table) {
    await page.getByRole('table', { name: table }).waitFor({ timeout: SETUP_MS });
  }

  row(page, table, text) {
    return page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
  }

  async expectRow(page, table, text, timeout = BOUND_MS) {
    await this.row(page, table, text).waitFor({ timeout }).catch(() => {
      throw new TestFailure(`the ${table} table did not show "${text}" within ${timeout} ms`);
    });
  }

  async expectNoRow(page, table, text) {
    await this.row(page, table, text).waitFor({ state: 'detached', timeout: BOUND_MS }).catch(() => {
      throw new TestFailure(`the ${table} table still showed "${text}" after ${BOUND_MS} ms`);
    });
  }

  /** The seed's toast: "<Plural> updated" over "The list of <plural> has been updated in real-time." */
  async expectToast(page, plural) {
    const title = `${plural} updated`;
    const description = `The list of ${plural.toLowerCase()} has been updated in real-time.`;
    const toast = page.getByRole('region', { name: 'Notifications' }).locator('.toast').filter({ hasText: title });
    await toast.waitFor({ timeout: BOUND_MS }).catch(() => {
      throw new TestFailure(`no "${title}" toast within ${BOUND_MS} ms`);
    });
    const shown = [await toast.locator('.toast-title').textContent(), await toast.locator('.toast-description').textContent()];
    assert(shown[0] === title && shown[1] === description, `the toast reads "${shown.join(' / ')}", expected "${title} / ${description}"`);
  }

  /** Run `wait` (B showing A's change) and note how long it took, for the test's line. */
  async timed(what, wait) {
    const started = Date.now();
    await wait();
    this.notes.push(`${what} ${Date.now() - started} ms`);
  }

  async expectNotReloaded(page) {
    assert(await page.evaluate(() => window.__noReload === true), 'the page was reloaded');
  }

  /** A REST call to the server with the admin token; resolves to the JSON answer (null for 204). */
  async rest(method, path, body) {
    const response = await this.server.request(method, path, { body });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  async screenshots() {
    for (const [label, page] of Object.entries(this.pages)) {
      await page.screenshot({ path: join(ARTIFACTS, `react-example-${this.index}-${label}-failed.png`), fullPage: true }).catch(() => {});
    }
  }

  async close() {
    await Promise.all(this.contexts.map((context) => context.close().catch(() => {})));
  }
}

// ---------------------------------------------------------------- tests

/** Create an employee through A's form. */
async function addEmployee(page, { name, email, role }) {
  const form = page.getByRole('form', { name: 'New employee' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Email', { exact: true }).fill(email);
  await form.getByLabel('Role', { exact: true }).selectOption(role);
  await form.getByRole('button', { name: 'Add employee' }).click();
}

const TESTS = [
  {
    name: 'an employee created in A shows in B with the toast "Employees updated"',
    async run(t) {
      const a = await t.open('A', 'employees');
      const b = await t.open('B', 'employees');
      await t.tableLoaded(b, 'Employees');
      const employee = { name: `Ada Example ${t.stamp}`, email: `ada.${t.stamp}@example.test`, role: 'dispatcher' };
      await addEmployee(a, employee);
      await t.timed('B shows it after', () => t.expectRow(b, 'Employees', employee.name));
      await t.expectToast(b, 'Employees');
      const { items } = await t.rest('GET', `/api/employees?q=${encodeURIComponent(employee.email)}`);
      assert(items.length === 1 && items[0].role === 'dispatcher', `the server has ${JSON.stringify(items)} for ${employee.email}`);
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'an order status changed in A shows in B with the toast "Orders updated"',
    async run(t) {
      const { items: [customer] } = await t.rest('GET', '/api/customers?limit=1');
      const { items: [service] } = await t.rest('GET', '/api/services?active=true&limit=1');
      const order = await t.rest('POST', '/api/orders', {
        customer_id: customer.id, delivery_address: `${t.index} Example Street`, items: [{ service_id: service.id, quantity: 1 }],
      });
      assert(order.status === 'pending', `a new order is ${order.status}`);
      const a = await t.open('A', 'orders');
      const b = await t.open('B', 'orders');
      const status = (page) => page.getByRole('combobox', { name: `Status of order #${order.id}` });
      await until(async () => (await status(b).inputValue({ timeout: SETUP_MS }).catch(() => null)) === 'pending',
        `B does not show order #${order.id} as pending`, SETUP_MS);
      await status(a).selectOption('confirmed');
      await t.timed('B shows it after', () => until(async () => (await status(b).inputValue()) === 'confirmed',
        async () => `B shows order #${order.id} as "${await status(b).inputValue()}" after ${BOUND_MS} ms, expected "confirmed"`));
      await t.expectToast(b, 'Orders');
      const now = await t.rest('GET', `/api/orders/${order.id}`);
      assert(now.status === 'confirmed', `the server has order #${order.id} ${now.status}`);
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'a service deleted in A disappears from B with the toast "Services updated"',
    async run(t) {
      const service = await t.rest('POST', '/api/services', { name: `Gutter check ${t.stamp}`, price_cents: 4_500 });
      const a = await t.open('A', 'services');
      const b = await t.open('B', 'services');
      await t.expectRow(a, 'Services', service.name, SETUP_MS);
      await t.expectRow(b, 'Services', service.name, SETUP_MS);
      await a.getByRole('button', { name: `Delete ${service.name}` }).click();
      await t.timed('B drops it after', () => t.expectNoRow(b, 'Services', service.name));
      await t.expectToast(b, 'Services');
      const gone = await t.server.request('GET', `/api/services/${service.id}`);
      assert(gone.status === 404, `the server answers ${gone.status} for the deleted service`);
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'after a server restart B reconnects with a fresh ticket and shows A\'s next change',
    async run(t) {
      const a = await t.open('A', 'employees');
      const b = await t.open('B', 'employees');
      await t.tableLoaded(b, 'Employees');
      t.serverDown = true;
      await t.server.shutdown(); // SIGTERM, as a deployment does
      await t.expectConnection(b, 'reconnecting');
      await t.server.start();
      await t.timed('B connected again', () => t.expectConnection(b, 'connected', RECONNECT_MS));
      await t.expectConnection(a, 'connected', RECONNECT_MS);
      t.serverDown = false;

      const employee = { name: `Grace Restart ${t.stamp}`, email: `grace.${t.stamp}@example.test`, role: 'manager' };
      await addEmployee(a, employee);
      await t.timed('then shows A\'s change after', () => t.expectRow(b, 'Employees', employee.name));
      await t.expectToast(b, 'Employees');
      const tickets = t.sockets.get(b).map((url) => new URL(url).searchParams.get('ticket'));
      assert(tickets.length >= 2 && tickets.every(Boolean) && new Set(tickets).size === tickets.length,
        `B's sockets should each use a ticket of their own: ${tickets.length} sockets, tickets ${tickets.map((x) => (x ? `${x.slice(0, 6)}…` : x)).join(', ')}`);
      await t.expectNotReloaded(b);
    },
  },
  {
    name: 'a burst of three employee changes is one toast in B',
    async run(t) {
      const b = await t.open('B', 'employees');
      await t.tableLoaded(b, 'Employees');
      const names = [1, 2, 3].map((n) => `Burst ${n} ${t.stamp}`);
      for (const [n, name] of names.entries()) {
        await t.rest('POST', '/api/employees', { name, email: `burst${n}.${t.stamp}@example.test` });
      }
      for (const name of names) await t.expectRow(b, 'Employees', name);
      await t.expectToast(b, 'Employees');
      const toasts = await b.getByRole('region', { name: 'Notifications' }).locator('.toast').count();
      assert(toasts === 1, `B shows ${toasts} toasts for the burst, expected one`);
    },
  },
  {
    name: 'the log-in page and every page have no serious WCAG 2.1 A/AA finding (axe-core)',
    async run(t) {
      const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
      const findings = [];
      const check = async (page, where) => {
        await page.evaluate(axeSource);
        const result = await page.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          resultTypes: ['violations'],
        }));
        for (const violation of result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))) {
          findings.push(`${where}: ${violation.id} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
        }
      };
      const context = await t.browser.newContext();
      t.contexts.push(context);
      const login = await context.newPage();
      await login.goto(`${t.appUrl}#/employees`);
      await login.getByLabel('API token').waitFor({ timeout: SETUP_MS });
      await check(login, 'log-in');
      const a = await t.open('A', 'employees');
      for (const { link, table } of PAGES) {
        await a.getByRole('link', { name: link, exact: true }).click();
        await t.tableLoaded(a, table);
        await check(a, link);
      }
      assert(findings.length === 0, `${findings.length} finding(s): ${findings.join(' | ')}`);
    },
  },
];

// The example's pages, each with a table that shows once its data has loaded.
const PAGES = [
  { link: 'Employees', table: 'Employees' },
  { link: 'Orders', table: 'Orders' },
  { link: 'Services', table: 'Services' },
  { link: 'Inventory', table: 'Inventory items' },
  { link: 'Live tracking', table: 'Orders out for delivery' },
];

// ---------------------------------------------------------------- runner

/** SWITCHBOARD_TESTS=2,4 runs those tests alone. */
function selected(index) {
  const only = process.env.SWITCHBOARD_TESTS;
  return !only || only.split(',').map((part) => part.trim()).includes(String(index));
}

async function main() {
  const launchBrowser = await chromiumLauncher('react example tests');
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error(`react example tests: no build at ${DIST}. Build it first: (cd examples/react-back-office && npm ci && npm run build)`);
    process.exit(2);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const app = await serveStatic(DIST);
  let server;
  try {
    server = await startServer({ seed: true, env: { SWITCHBOARD_ALLOWED_ORIGINS: app.origin } });
  } catch (error) {
    console.error(`react example tests: could not start the server: ${error.message}`);
    await app.close();
    process.exit(2);
  }
  const appUrl = `${app.origin}/?server=${encodeURIComponent(server.baseUrl)}`;
  const browser = await launchBrowser();
  console.log(`react example tests: ${app.origin} (the build) against ${server.baseUrl}, bound ${BOUND_MS} ms`);

  let failed = 0;
  let ran = 0;
  for (const [i, test] of TESTS.entries()) {
    if (!selected(i + 1)) continue;
    ran += 1;
    const t = new Harness({ browser, appUrl, server, index: i + 1 });
    const started = Date.now();
    let error = null;
    try {
      await test.run(t);
      if (t.consoleErrors.length) throw new TestFailure(`console errors: ${t.consoleErrors.join(' | ')}`);
    } catch (caught) {
      error = caught;
      await t.screenshots();
    }
    await t.close();
    if (!(await server.healthy())) await server.start().catch(() => {}); // a failed restart test
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (error) {
      failed += 1;
      console.log(`FAIL ${t.index} - ${test.name} (${seconds}s): ${error instanceof TestFailure ? error.message : error.stack}`);
      if (t.consoleErrors.length && !error.message.startsWith('console errors')) console.log(`     console errors: ${t.consoleErrors.join(' | ')}`);
    } else {
      console.log(`ok   ${t.index} - ${test.name} (${seconds}s)${t.notes.length ? ` [${t.notes.join(', ')}]` : ''}`);
    }
  }
  await browser.close();
  await app.close();
  await server.stop();
  console.log(`react example: ${ran - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`react example tests: ${error.stack || error}`);
  process.exit(1);
});
