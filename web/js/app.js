// Switchboard's browser app: asks the server who is signed in and shows either the log-in screen
// or the shell (navigation for the role, connection indicator, signed-in user, toasts); routes
// between pages, and wires the realtime client to the query cache: every event invalidates
// exactly the keys it names, so the queries on screen refetch and the rest go stale. The topics
// follow the page: a filtered list listens to its filter only (live-topics.js).

import { h } from './dom.js';
import { cache, session, toaster } from './context.js';
import { isOwnEvent } from './own-changes.js';
import { invalidationKeys, updateToast } from './entities.js';
import { logIn, logOut, whoAmI } from './auth.js';
import { DENIED, DOWN, OFFLINE, RealtimeClient, UP } from './realtime.js';
import { canOpen, ROLE_LABELS, topicsFor } from './roles.js';
import { LiveTopics } from './live-topics.js';
import { catalog, loadCatalog } from './catalog.js';
import { describeError } from './api.js';
import { Router } from './router.js';
import { resourcePage } from './resource.js';
import { noAccessPage } from './pages/no-access.js';
import { ordersPage } from './pages/orders.js';
import { customersPage } from './pages/customers.js';
import { employeesPage } from './pages/employees.js';
import { servicesPage } from './pages/services.js';
import { productsPage } from './pages/products.js';
import { invoicesPage } from './pages/invoices.js';
import { expensesPage } from './pages/expenses.js';
import { budgetsPage } from './pages/budgets.js';
import { driversPage } from './pages/drivers.js';
import { liveTrackingPage } from './pages/live-tracking.js';
import { deliveriesPage } from './pages/deliveries.js';
import { transitBatchesPage } from './pages/transit-batches.js';
import { operatorPage } from './pages/operator.js';

// Each collection's page, by its name in the catalogue. The navigation lists the catalogue's
// collections in its order; a collection with no page here gets the page its catalogue entry
// derives (list, filters, forms), so a new collection needs no JS.
const PAGES = {
  orders: ordersPage,
  customers: customersPage,
  employees: employeesPage,
  services: servicesPage,
  products: productsPage,
  invoices: invoicesPage,
  expenses: expensesPage,
  budgets: budgetsPage,
  drivers: driversPage,
  deliveries: deliveriesPage,
  'transit-batches': transitBatchesPage,
};
// Pages that are not one collection's, each after the collection it follows (or last).
const OTHER_PAGES = [
  { path: '/live-tracking', page: liveTrackingPage, after: 'drivers' },
  { path: '/operator', page: operatorPage },
];

/** A collection without a page of its own: its list, filters and forms, all from the catalogue. */
function derivedPage(entry) {
  return resourcePage({ collection: entry.name, title: entry.plural_label });
}

/** Every page, in navigation order: the catalogue's collections (titled by their page, else the catalogue), and the others. */
function appRoutes() {
  const routes = [];
  const place = (other) => routes.push({ path: other.path, title: other.page.title, page: other.page });
  for (const entry of catalog().collections) {
    const page = PAGES[entry.name] || derivedPage(entry);
    routes.push({ path: `/${entry.name}`, title: page.title || entry.plural_label, page });
    OTHER_PAGES.filter((other) => other.after === entry.name).forEach(place);
  }
  OTHER_PAGES.filter((other) => !routes.some((route) => route.path === other.path)).forEach(place);
  return routes;
}

// How long the first page load may take before the socket opens without a `since`.
const FIRST_LOAD_WAIT_MS = 3_000;

function buildNav(list, routes) {
  list.replaceChildren(...routes.map((route) => h('li', null,
    h('a', { class: 'nav-link', href: `#${route.path}`, 'data-path': route.path }, route.title))));
}

function markActive(list, route) {
  for (const link of list.querySelectorAll('a.nav-link')) {
    if (link.dataset.path === route.path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.getElementById('topbar-title').textContent = route.title;
  document.title = `${route.title} · Switchboard`;
}

function showConnection(indicator, state) {
  indicator.textContent = state;
  indicator.dataset.state = state;
}

// A refused handshake (401 on /ws) looks like a network failure to the browser, so after one the
// realtime client asks GET /api/me instead of opening another socket: one request per attempt,
// whether the server is down (keep backing off), the session is gone (log in) or it is back.
async function probeSession() {
  const who = await whoAmI();
  if (who.state === 'signed-out') return DENIED;
  if (who.state === 'unreachable') return DOWN;
  return UP;
}

function startRealtime(indicator, topics) {
  const realtime = new RealtimeClient({ topics, probe: probeSession });
  realtime.on('state', (state) => showConnection(indicator, state));
  realtime.on('event', (event) => {
    const keys = Array.isArray(event.invalidate) ? event.invalidate : invalidationKeys(event.entity, event.id);
    for (const key of keys) cache.invalidate(key, Number.isFinite(event.seq) ? event.seq : null);
    // This tab's own change already said so in its own toast ("Order saved"); others' name who.
    if (isOwnEvent(event, session.me)) return;
    toaster.show({ ...updateToast(event.entity), key: `realtime:${event.entity}`, by: event.by?.name || null });
  });
  realtime.on('resync', () => cache.invalidateAll());

  // Subscribe from the seq the first page's data is consistent with, so nothing that happened
  // between that load and the socket opening is missed. Without one, refetch what is older
  // than the subscription instead.
  cache.firstSettled(FIRST_LOAD_WAIT_MS).then(() => {
    if (realtime.stopped) return; // logged out before the first page settled
    const since = cache.oldestSeq();
    if (since === null) {
      const off = realtime.on('subscribed', (frame) => {
        off();
        if (Number.isFinite(frame.seq)) cache.invalidateOlderThan(frame.seq);
      });
    }
    realtime.connect({ since });
  });
  return realtime;
}

const SESSION_ENDED = 'Your session has ended. Log in again.';

class App {
  constructor() {
    this.shell = document.getElementById('shell');
    this.navList = document.getElementById('nav-list');
    this.outlet = document.getElementById('main');
    this.indicator = document.querySelector('[data-testid="connection-status"]');
    this.session = document.getElementById('session');
    this.loginScreen = document.getElementById('login-screen');
    this.loginForm = document.getElementById('login-form');
    this.tokenInput = document.getElementById('login-token');
    this.loginError = document.getElementById('login-error');
    this.loginButton = this.loginForm.querySelector('button[type="submit"]');
    this.logoutButton = this.session.querySelector('[data-action="logout"]');
    this.running = null; // { router, realtime, me } while the shell is shown

    this.loginForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submitLogin();
    });
    this.tokenInput.addEventListener('input', () => this.setLoginError(null));
    this.logoutButton.addEventListener('click', () => this.logout());
    this.setUpNavToggle();
    // Any API call answered 401: the session is gone (logged out in another tab, revoked, expired).
    window.addEventListener('switchboard:unauthorized', () => {
      if (!this.running) return;
      this.showLogin(SESSION_ENDED);
    });
  }

  /** Below 900 px the sidebar is a drawer: the Menu button opens it; a link, Escape or a click outside closes it. */
  setUpNavToggle() {
    const toggle = document.querySelector('[data-action="nav-toggle"]');
    const shell = this.shell;
    const setOpen = (open) => {
      shell.classList.toggle('nav-open', open);
      toggle.setAttribute('aria-expanded', String(open));
    };
    toggle.addEventListener('click', () => {
      const open = !shell.classList.contains('nav-open');
      setOpen(open);
      if (open) this.navList.querySelector('a')?.focus();
    });
    this.navList.addEventListener('click', (event) => {
      if (event.target.closest('a')) setOpen(false);
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && shell.classList.contains('nav-open')) {
        setOpen(false);
        toggle.focus();
      }
    });
    document.addEventListener('click', (event) => {
      if (shell.classList.contains('nav-open') && !event.target.closest('.sidebar, [data-action="nav-toggle"]')) setOpen(false);
    });
  }

  async boot() {
    const who = await whoAmI();
    if (who.state === 'signed-in') this.startApp(who.me);
    else if (who.state === 'open') this.startApp(null);
    else {
      this.showLogin(who.state === 'unreachable' ? who.message : null);
    }
  }

  // ---------- log-in screen ----------

  setLoginError(message) {
    this.loginError.textContent = message || '';
    this.loginError.hidden = !message;
    if (message) this.tokenInput.setAttribute('aria-invalid', 'true');
    else this.tokenInput.removeAttribute('aria-invalid');
  }

  showLogin(message = null) {
    this.stopApp();
    this.shell.hidden = true;
    this.loginScreen.hidden = false;
    document.title = 'Log in · Switchboard';
    this.tokenInput.value = '';
    this.loginButton.disabled = false;
    this.setLoginError(message);
    this.tokenInput.focus();
  }

  async submitLogin() {
    const token = this.tokenInput.value.trim();
    if (!token) {
      this.setLoginError('Enter your API token.');
      this.tokenInput.focus();
      return;
    }
    this.loginButton.disabled = true;
    this.setLoginError(null);
    try {
      const result = await logIn(token);
      if (!result.ok) {
        this.setLoginError(result.message);
        this.tokenInput.select();
        return;
      }
      if (result.open) {
        this.startApp(null);
        return;
      }
      const who = await whoAmI();
      if (who.state === 'signed-in') this.startApp(who.me);
      else if (who.state === 'signed-out') this.setLoginError('Logged in, but the browser did not keep the session cookie (are cookies blocked?).');
      else this.setLoginError(who.message || 'Something went wrong. Please try again.');
    } finally {
      this.loginButton.disabled = false;
    }
  }

  // ---------- the app ----------

  async startApp(me) {
    this.stopApp();
    try {
      await loadCatalog();
    } catch (error) {
      this.showLogin(describeError(error));
      return;
    }
    const role = me ? me.role : null;
    session.me = me;
    this.loginScreen.hidden = true;
    this.setLoginError(null);
    this.tokenInput.value = '';
    this.shell.hidden = false;
    this.showSession(me);

    // Pages the role cannot read keep their route (a bookmark lands on a clear message) but
    // leave the navigation.
    const routes = appRoutes().map((route) => (canOpen(role, route.path) ? route : { ...route, page: noAccessPage(route.title), denied: true }));
    const visible = routes.filter((route) => !route.denied);
    buildNav(this.navList, visible);
    const topics = topicsFor(role);
    const realtime = startRealtime(this.indicator, topics);
    // A list page narrows its collection's topic to its filter (after the handlers above, so an
    // event's keys are invalidated before its `left` records leave the list).
    const live = new LiveTopics(realtime, topics);
    const router = new Router({
      routes,
      outlet: this.outlet,
      fallback: (visible[0] || routes[0]).path,
      onChange: (route) => markActive(this.navList, route),
      session: { role, realtime, live },
    });
    router.start();

    realtime.on('denied', () => {
      // Closed with 1008 (logged out elsewhere, token revoked): no reconnecting, log in again.
      if (this.running?.realtime === realtime) this.showLogin(SESSION_ENDED);
    });
    this.running = { router, realtime, me };
    session.realtime = realtime;
  }

  stopApp() {
    const running = this.running;
    if (!running) return;
    this.running = null;
    running.realtime.stopped = true;
    running.realtime.disconnect();
    running.router.stop();
    cache.reset(); // the next user must not see this one's data
    session.me = null;
    session.realtime = null;
    showConnection(this.indicator, OFFLINE);
    this.navList.replaceChildren();
    this.showSession(null);
  }

  showSession(me) {
    this.session.hidden = !me;
    this.session.querySelector('[data-testid="session-name"]').textContent = me ? me.name : '';
    this.session.querySelector('[data-testid="session-role"]').textContent = me ? (ROLE_LABELS[me.role] || me.role) : '';
  }

  async logout() {
    const running = this.running;
    if (!running) return;
    this.logoutButton.disabled = true;
    // Stop listening first, so the server closing this socket is not taken for a drop to retry.
    running.realtime.stopped = true;
    running.realtime.disconnect();
    const reached = await logOut();
    this.logoutButton.disabled = false;
    if (!reached) {
      toaster.error('Could not log out', 'The server could not be reached. Check your connection and try again.');
      running.realtime.stopped = false;
      running.realtime.connect();
      return;
    }
    this.showLogin(null);
  }
}

new App().boot();
