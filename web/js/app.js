// Switchboard's browser app: builds the shell (navigation, connection indicator, toasts), routes
// between pages, and wires the realtime client to the query cache: every event invalidates
// exactly the keys it names, so the queries on screen refetch and the rest go stale.

import { h } from './dom.js';
import { cache, toaster } from './context.js';
import { invalidationKeys, updateToast } from './entities.js';
import { RealtimeClient } from './realtime.js';
import { Router } from './router.js';
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

export const ROUTES = [
  { path: '/orders', title: 'Orders', page: ordersPage },
  { path: '/customers', title: 'Customers', page: customersPage },
  { path: '/employees', title: 'User Management', page: employeesPage },
  { path: '/services', title: 'Services', page: servicesPage },
  { path: '/products', title: 'Products & Inventory', page: productsPage },
  { path: '/invoices', title: 'Invoices', page: invoicesPage },
  { path: '/expenses', title: 'Expenses', page: expensesPage },
  { path: '/budgets', title: 'Budgets', page: budgetsPage },
  { path: '/drivers', title: 'Drivers', page: driversPage },
  { path: '/live-tracking', title: 'Live Tracking', page: liveTrackingPage },
  { path: '/deliveries', title: 'Deliveries', page: deliveriesPage },
  { path: '/transit-batches', title: 'Transit Batches', page: transitBatchesPage },
];

// How long the first page load may take before the socket opens without a `since`.
const FIRST_LOAD_WAIT_MS = 3_000;

function buildNav(list) {
  list.replaceChildren(...ROUTES.map((route) => h('li', null,
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

function startRealtime(indicator) {
  const realtime = new RealtimeClient({ topics: ['*'] });
  realtime.on('state', (state) => showConnection(indicator, state));
  realtime.on('event', (event) => {
    const keys = Array.isArray(event.invalidate) ? event.invalidate : invalidationKeys(event.entity, event.id);
    for (const key of keys) cache.invalidate(key, Number.isFinite(event.seq) ? event.seq : null);
    toaster.show({ ...updateToast(event.entity), key: `realtime:${event.entity}` });
  });
  realtime.on('resync', () => cache.invalidateAll());

  // Subscribe from the seq the first page's data is consistent with, so nothing that happened
  // between that load and the socket opening is missed. Without one, refetch what is older
  // than the subscription instead.
  cache.firstSettled(FIRST_LOAD_WAIT_MS).then(() => {
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

function boot() {
  const navList = document.getElementById('nav-list');
  const indicator = document.querySelector('[data-testid="connection-status"]');
  buildNav(navList);

  const router = new Router({
    routes: ROUTES,
    outlet: document.getElementById('main'),
    fallback: '/orders',
    onChange: (route) => markActive(navList, route),
  });
  router.start();

  // Authentication is not built yet; when it is, a 401 will send the user to the log-in page.
  window.addEventListener('switchboard:unauthorized', (event) => {
    toaster.error('Not signed in', event.detail?.message || 'Please sign in again.');
  });

  startRealtime(indicator);
}

boot();
