// Live Tracking: drivers' last positions and the orders out for delivery, drawn as an SVG
// scatter plot (no map tiles, so it works offline). Observes ["live-tracking-drivers"] and
// ["live-tracking-orders"]; every location or status event redraws it.

import { describeError, noAccessText } from '../api.js';
import { observe, viewQuery } from '../context.js';
import { h, svg, uid } from '../dom.js';
import { humanize } from '../format.js';
import { badge, coordinates, dateTime } from '../widgets.js';

const WIDTH = 800;
const HEIGHT = 480;
const MARGIN = { top: 20, right: 24, bottom: 40, left: 64 };
const TICKS = 5;

const hasPosition = (p) => Number.isFinite(p.lat) && Number.isFinite(p.lng);

/** Bounds around the points, padded, with longitude shrunk by cos(latitude) so shapes keep their aspect. */
function projection(points) {
  let minLat = Math.min(...points.map((p) => p.lat));
  let maxLat = Math.max(...points.map((p) => p.lat));
  let minLng = Math.min(...points.map((p) => p.lng));
  let maxLng = Math.max(...points.map((p) => p.lng));
  const midLat = (minLat + maxLat) / 2;
  const squeeze = Math.max(Math.cos((midLat * Math.PI) / 180), 0.1);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  // At least ~1 km across, then grow the shorter side so degrees are square on screen.
  let latSpan = Math.max(maxLat - minLat, 0.01) * 1.2;
  let lngSpan = Math.max(maxLng - minLng, 0.01) * 1.2;
  if ((lngSpan * squeeze) / plotW > latSpan / plotH) latSpan = (lngSpan * squeeze * plotH) / plotW;
  else lngSpan = (latSpan * plotW) / (plotH * squeeze);
  const midLng = (minLng + maxLng) / 2;
  minLat = midLat - latSpan / 2; maxLat = midLat + latSpan / 2;
  minLng = midLng - lngSpan / 2; maxLng = midLng + lngSpan / 2;
  return {
    minLat, maxLat, minLng, maxLng,
    x: (lng) => MARGIN.left + ((lng - minLng) / (maxLng - minLng)) * plotW,
    y: (lat) => MARGIN.top + (1 - (lat - minLat) / (maxLat - minLat)) * plotH,
  };
}

function axes(p) {
  const out = [];
  for (let i = 0; i <= TICKS; i += 1) {
    const lng = p.minLng + ((p.maxLng - p.minLng) * i) / TICKS;
    const lat = p.minLat + ((p.maxLat - p.minLat) * i) / TICKS;
    const x = p.x(lng);
    const y = p.y(lat);
    out.push(
      svg('line', { class: 'plot-grid', x1: x, x2: x, y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom }),
      svg('text', { class: 'plot-tick', x, y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'middle' }, lng.toFixed(3)),
      svg('line', { class: 'plot-grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y, y2: y }),
      svg('text', { class: 'plot-tick', x: MARGIN.left - 8, y: y + 4, 'text-anchor': 'end' }, lat.toFixed(3)),
    );
  }
  out.push(
    svg('text', { class: 'plot-axis-label', x: MARGIN.left + (WIDTH - MARGIN.left - MARGIN.right) / 2, y: HEIGHT - 6, 'text-anchor': 'middle' }, 'Longitude'),
    svg('text', { class: 'plot-axis-label', x: 14, y: MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) / 2})` }, 'Latitude'),
  );
  return out;
}

function plot(drivers, orders) {
  const titleId = uid('plot-title');
  const points = [...drivers, ...orders].filter(hasPosition);
  const root = svg('svg', {
    class: 'plot', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': titleId, 'data-testid': 'live-tracking-plot',
  }, svg('title', { id: titleId }, `${drivers.length} drivers and ${orders.length} orders out for delivery`),
  svg('rect', { class: 'plot-bg', x: MARGIN.left, y: MARGIN.top, width: WIDTH - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom }));
  if (points.length === 0) {
    root.append(svg('text', { class: 'plot-empty', x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle' }, 'No positions reported yet'));
    return root;
  }
  const p = projection(points);
  root.append(...axes(p));
  const driverById = new Map(drivers.map((d) => [d.id, d]));
  for (const order of orders.filter(hasPosition)) {
    const x = p.x(order.lng);
    const y = p.y(order.lat);
    const driver = driverById.get(order.driver_id);
    if (driver && hasPosition(driver) && (driver.lat !== order.lat || driver.lng !== order.lng)) {
      root.append(svg('line', { class: 'plot-link', x1: x, y1: y, x2: p.x(driver.lng), y2: p.y(driver.lat) }));
    }
    root.append(svg('rect', {
      class: 'plot-order', x: x - 7, y: y - 7, width: 14, height: 14, transform: `rotate(45 ${x} ${y})`,
      'data-kind': 'order', 'data-id': order.order_id,
    }, svg('title', null, `Order #${order.order_id}${order.driver_name ? ` with ${order.driver_name}` : ''}`)));
  }
  for (const driver of drivers.filter(hasPosition)) {
    const x = p.x(driver.lng);
    const y = p.y(driver.lat);
    root.append(svg('g', { class: ['plot-driver', `plot-driver-${driver.status}`], 'data-kind': 'driver', 'data-id': driver.id },
      svg('circle', { cx: x, cy: y, r: 6 }),
      svg('text', { class: 'plot-label', x: x + 10, y: y + 4 }, driver.name),
      svg('title', null, `${driver.name}: ${humanize(driver.status)}`)));
  }
  return root;
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    ['available', 'on_delivery', 'on_break', 'offline'].map((s) => h('li', null,
      h('span', { class: ['legend-swatch', `legend-driver-${s}`], 'aria-hidden': 'true' }), `Driver ${humanize(s).toLowerCase()}`)),
    h('li', null, h('span', { class: 'legend-swatch legend-order', 'aria-hidden': 'true' }), 'Order out for delivery'));
}

function driversTable(drivers) {
  return h('table', { class: 'table table-compact', 'data-testid': 'live-tracking-drivers-table' },
    h('caption', { class: 'table-caption' }, 'Drivers'),
    h('thead', null, h('tr', null, ['Driver', 'Status', 'Position', 'Seen'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, drivers.length ? drivers.map((d) => h('tr', { 'data-id': String(d.id) },
      h('td', null, d.name),
      h('td', null, badge(d.status, 'driver')),
      h('td', { class: 'mono position' }, coordinates(d.lat, d.lng)),
      h('td', null, dateTime(d.location_updated_at))))
      : h('tr', null, h('td', { colspan: '4', class: 'muted' }, 'No driver has reported a position.'))));
}

function ordersTable(orders) {
  return h('table', { class: 'table table-compact', 'data-testid': 'live-tracking-orders-table' },
    h('caption', { class: 'table-caption' }, 'Out for delivery'),
    h('thead', null, h('tr', null, ['Order', 'Driver', 'Address'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, orders.length ? orders.map((o) => h('tr', { 'data-id': String(o.order_id) },
      h('td', { class: 'mono' }, `#${o.order_id}`),
      h('td', null, o.driver_name || 'Unassigned'),
      h('td', null, o.delivery_address || '—')))
      : h('tr', null, h('td', { colspan: '3', class: 'muted' }, 'No orders are out for delivery.'))));
}

export const liveTrackingPage = {
  title: 'Live Tracking',
  mount(root) {
    const state = { drivers: null, orders: null, error: null };
    const plotHolder = h('div', { class: 'plot-holder' }, h('p', { class: 'muted' }, 'Loading positions…'));
    const side = h('div', { class: 'tracking-lists' });
    const errorLine = h('p', { class: 'panel-error', role: 'alert', hidden: true });
    root.append(h('section', { class: 'page', 'data-page': 'live-tracking' },
      h('header', { class: 'page-header' },
        h('div', null,
          h('h1', { class: 'page-title', tabindex: '-1' }, 'Live Tracking'),
          h('p', { class: 'page-description' }, 'Drivers and the orders they carry, updated as positions come in.'))),
      errorLine,
      h('div', { class: 'tracking' },
        h('div', { class: 'card plot-card' }, plotHolder, legend()),
        side)));

    const render = () => {
      errorLine.hidden = !state.error;
      errorLine.classList.toggle('no-access', Boolean(state.error?.isForbidden));
      if (state.error?.isForbidden) errorLine.textContent = noAccessText('live tracking');
      else errorLine.textContent = state.error ? `Positions could not be refreshed: ${describeError(state.error)}` : '';
      if (state.drivers === null || state.orders === null) return;
      plotHolder.replaceChildren(plot(state.drivers, state.orders));
      side.replaceChildren(h('div', { class: 'card' }, driversTable(state.drivers)), h('div', { class: 'card' }, ordersTable(state.orders)));
    };
    const stops = [
      observe(viewQuery('live-tracking-drivers'), ({ data, error }) => {
        state.error = error;
        if (data) state.drivers = data.items || [];
        render();
      }),
      observe(viewQuery('live-tracking-orders'), ({ data, error }) => {
        state.error = error;
        if (data) state.orders = data.items || [];
        render();
      }),
    ];
    return { unmount: () => stops.forEach((stop) => stop()) };
  },
};
