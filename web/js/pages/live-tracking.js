// Live Tracking: a map of the service area (web/js/service-area.js, shipped with the app: no tile
// server, so it works offline) with each driver's last fix, heading and age, and each open
// delivery's route from its driver to its address. Observes ["live-tracking-drivers"],
// ["live-tracking-orders"] and the open deliveries; realtime events invalidate them, so the map
// follows the events alone. A local clock only re-ages the fixes; it fetches nothing. A fleet
// sends positions many times a second: the page draws at most once per animation frame, with
// whatever arrived since the last one.

import { describeError, MAX_PAGE, noAccessText } from '../api.js';
import { stateRule } from '../catalog.js';
import { listQuery, observe, viewQuery } from '../context.js';
import { h, svg, uid } from '../dom.js';
import { DASH, humanize } from '../format.js';
import { locate, SERVICE_AREA } from '../service-area.js';
import { badge, coordinates, dateTime } from '../widgets.js';

const WIDTH = 800;
const HEIGHT = 560;
const PAD = 36;
// A fix older than this is drawn faded: the driver may be elsewhere by now.
const STALE_AFTER_MS = 15 * 60_000;
const REAGE_EVERY_MS = 30_000;
// Moves shorter than this (in degrees, ~10 m) do not change a driver's heading.
const MIN_MOVE_DEG = 0.0001;
const SCALE_STEPS_M = [50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000];
const METRES_PER_DEG_LAT = 111_320;

const hasPosition = (p) => p && Number.isFinite(p.lat) && Number.isFinite(p.lng);

// The last position seen of each driver and the heading it implies (bearing of the last move).
// Kept across renders and page visits, so a heading survives a redraw.
const lastFix = new Map();

function bearing(from, to) {
  const dLng = (to.lng - from.lng) * Math.cos((((from.lat + to.lat) / 2) * Math.PI) / 180);
  const degrees = (Math.atan2(dLng, to.lat - from.lat) * 180) / Math.PI;
  return (degrees + 360) % 360;
}

/** The driver's heading in degrees from north, or null until it has been seen moving. */
function headingOf(driver) {
  if (!hasPosition(driver)) return null;
  const seen = lastFix.get(driver.id);
  let heading = seen?.heading ?? null;
  if (seen && Math.hypot(driver.lat - seen.lat, driver.lng - seen.lng) >= MIN_MOVE_DEG) heading = bearing(seen, driver);
  if (!seen || heading !== seen.heading || seen.lat !== driver.lat || seen.lng !== driver.lng) {
    lastFix.set(driver.id, { lat: driver.lat, lng: driver.lng, heading });
  }
  return heading;
}

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];
const compass = (degrees) => `${COMPASS[Math.round(degrees / 45) % 8]} ${Math.round(degrees)}°`;

/** "just now", "4 min ago", "2 h ago", "3 d ago" */
function age(at, now) {
  if (!at) return null;
  const ms = now - new Date(at).getTime();
  if (!Number.isFinite(ms)) return null;
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return `${Math.floor(ms / 86_400_000)} d ago`;
}

/**
 * The view: the points padded, at least ~3 km across, with degrees of longitude shrunk by
 * cos(latitude) so distances are equal in both directions; the whole area when there are none.
 */
function projection(points) {
  const all = points.length ? points : SERVICE_AREA.districts.map((d) => ({ lat: d.center[0], lng: d.center[1] }));
  let minLat = Math.min(...all.map((p) => p.lat));
  let maxLat = Math.max(...all.map((p) => p.lat));
  const minLng = Math.min(...all.map((p) => p.lng));
  const maxLng = Math.max(...all.map((p) => p.lng));
  const midLat = (minLat + maxLat) / 2;
  const squeeze = Math.max(Math.cos((midLat * Math.PI) / 180), 0.1);
  const plotW = WIDTH - 2 * PAD;
  const plotH = HEIGHT - 2 * PAD;
  let latSpan = Math.max(maxLat - minLat, 0.03) * 1.15;
  let lngSpan = Math.max(maxLng - minLng, 0.03 / squeeze) * 1.15;
  if ((lngSpan * squeeze) / plotW > latSpan / plotH) latSpan = (lngSpan * squeeze * plotH) / plotW;
  else lngSpan = (latSpan * plotW) / (plotH * squeeze);
  const midLng = (minLng + maxLng) / 2;
  minLat = midLat - latSpan / 2;
  maxLat = midLat + latSpan / 2;
  const west = midLng - lngSpan / 2;
  return {
    metresPerPx: (lngSpan * METRES_PER_DEG_LAT * squeeze) / plotW,
    x: (lng) => PAD + ((lng - west) / lngSpan) * plotW,
    y: (lat) => PAD + (1 - (lat - minLat) / latSpan) * plotH,
  };
}

const round = (n) => Math.round(n * 10) / 10;
const pointsAttr = (p, outline) => outline.map(([lat, lng]) => `${round(p.x(lng))},${round(p.y(lat))}`).join(' ');

function basemap(p) {
  const layers = [svg('rect', { class: 'map-land', x: 0, y: 0, width: WIDTH, height: HEIGHT })];
  for (const d of SERVICE_AREA.districts) layers.push(svg('polygon', { class: 'map-district', points: pointsAttr(p, d.outline) }));
  for (const w of SERVICE_AREA.water) {
    layers.push(svg('polygon', { class: 'map-water', points: pointsAttr(p, w.outline) }, svg('title', null, w.name)));
  }
  for (const r of SERVICE_AREA.roads) {
    layers.push(svg('polyline', { class: 'map-road', points: pointsAttr(p, r.path) }, svg('title', null, r.name)));
  }
  for (const d of SERVICE_AREA.districts) {
    layers.push(svg('text', { class: 'map-district-label', x: round(p.x(d.center[1])), y: round(p.y(d.center[0])) - 14, 'text-anchor': 'middle' }, d.name));
  }
  return layers;
}

/** A bar of a round distance, about a sixth of the map wide, at the bottom left. */
function scaleBar(p) {
  const target = (WIDTH / 6) * p.metresPerPx;
  const metres = SCALE_STEPS_M.filter((m) => m <= target).at(-1) || SCALE_STEPS_M[0];
  const length = round(metres / p.metresPerPx);
  const x = 16;
  const y = HEIGHT - 18;
  const label = metres >= 1_000 ? `${metres / 1_000} km` : `${metres} m`;
  return svg('g', { class: 'map-scale', 'data-testid': 'map-scale', 'data-metres': String(metres) },
    svg('rect', { class: 'map-scale-bg', x: x - 6, y: y - 22, width: length + 12 + 8 * label.length, height: 30, rx: 4 }),
    svg('path', { class: 'map-scale-bar', d: `M${x} ${y - 6} V${y} H${x + length} V${y - 6}` }),
    svg('text', { class: 'map-scale-label', x: x + length + 6, y: y + 1 }, label));
}

function northArrow() {
  const x = WIDTH - 26;
  const y = 30;
  return svg('g', { class: 'map-north', 'aria-hidden': 'true' },
    svg('path', { d: `M${x} ${y - 14} L${x + 7} ${y + 6} L${x} ${y + 2} L${x - 7} ${y + 6} Z` }),
    svg('text', { x, y: y + 20, 'text-anchor': 'middle' }, 'N'));
}

/**
 * Routes: each open delivery with a driver, from the driver's fix to the delivery's address;
 * orders out for delivery without a live delivery are marked at their address alone.
 */
function stops(deliveries, orders) {
  const out = deliveries.map((d) => ({
    deliveryId: d.id, orderId: d.order_id, driverId: d.driver_id, status: d.status, address: d.address, at: locate(d.address),
  }));
  const covered = new Set(out.map((s) => s.deliveryId));
  for (const o of orders) {
    if (o.delivery_id && covered.has(o.delivery_id)) continue;
    out.push({ deliveryId: o.delivery_id, orderId: o.order_id, driverId: o.driver_id, status: o.delivery_status, address: o.delivery_address, at: locate(o.delivery_address) });
  }
  return out;
}

function map(drivers, routes, now) {
  const titleId = uid('map-title');
  const placed = drivers.filter(hasPosition);
  const points = [...placed, ...routes.map((s) => s.at).filter(Boolean)];
  const p = projection(points);
  const root = svg('svg', {
    class: 'plot map', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': titleId, 'data-testid': 'live-tracking-plot',
  }, svg('title', { id: titleId }, `Map: ${placed.length} drivers and ${routes.length} deliveries under way`), ...basemap(p));

  const driverById = new Map(placed.map((d) => [d.id, d]));
  for (const stop of routes) {
    if (!stop.at) continue;
    const x = round(p.x(stop.at.lng));
    const y = round(p.y(stop.at.lat));
    const driver = driverById.get(stop.driverId);
    if (driver) {
      root.append(svg('line', {
        class: 'map-route', x1: round(p.x(driver.lng)), y1: round(p.y(driver.lat)), x2: x, y2: y,
        'data-kind': 'route', 'data-delivery-id': stop.deliveryId ?? undefined, 'data-driver-id': driver.id,
      }, svg('title', null, `${driver.name} to ${stop.address}`)));
    }
    root.append(svg('rect', {
      class: 'plot-order', x: x - 6, y: y - 6, width: 12, height: 12, transform: `rotate(45 ${x} ${y})`,
      'data-kind': 'order', 'data-id': stop.orderId, 'data-delivery-id': stop.deliveryId ?? undefined,
    }, svg('title', null, `Order #${stop.orderId}: ${stop.address}${driver ? ` (${driver.name})` : ''}`)));
  }
  if (placed.length === 0) {
    root.append(svg('text', { class: 'plot-empty', x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle' }, 'No positions reported yet'));
  }
  const labels = [];
  for (const driver of [...placed].sort((d1, d2) => d2.lat - d1.lat)) {
    const x = round(p.x(driver.lng));
    const y = round(p.y(driver.lat));
    const label = placeLabel(labels, x, y, driver.name);
    const heading = headingOf(driver);
    const when = age(driver.location_updated_at, now);
    const stale = !driver.location_updated_at || now - new Date(driver.location_updated_at).getTime() > STALE_AFTER_MS;
    root.append(svg('g', {
      class: ['plot-driver', `plot-driver-${driver.status}`, stale ? 'plot-driver-stale' : null],
      'data-kind': 'driver', 'data-id': driver.id, 'data-status': driver.status,
      'data-heading': heading === null ? undefined : String(Math.round(heading)),
    },
    heading === null ? null : svg('path', { class: 'plot-heading', d: 'M0 -17 L5 -8 L-5 -8 Z', transform: `translate(${x} ${y}) rotate(${round(heading)})` }),
    label.y === y ? null : svg('line', { class: 'plot-leader', x1: x, y1: y, x2: label.x - 2, y2: label.y - 4 }),
    svg('circle', { cx: x, cy: y, r: 7 }),
    svg('text', { class: 'plot-label', x: label.x, y: label.y + 1 }, driver.name),
    svg('text', { class: 'plot-age', x: label.x, y: label.y + 14 }, when ? `fix ${when}` : 'no fix time'),
    svg('title', null, `${driver.name}: ${humanize(driver.status)}${heading === null ? '' : `, heading ${compass(heading)}`}${when ? `, fix ${when}` : ''}`)));
  }
  root.append(scaleBar(p), northArrow());
  return root;
}

// A driver's label (name, and age of fix under it) takes about this much room.
const LABEL_HEIGHT = 30;
const LABEL_CHAR_WIDTH = 7.2;

/**
 * Where a driver's label goes: right of its marker, or, when that overlaps a label already
 * placed (drivers a few hundred metres apart), the nearest free spot above or below it.
 */
function placeLabel(placed, x, y, name) {
  const width = Math.max(name.length, 16) * LABEL_CHAR_WIDTH;
  const overlaps = (box) => placed.some((other) => box.x < other.x + other.width && other.x < box.x + box.width
    && box.y - 12 < other.y - 12 + LABEL_HEIGHT && other.y - 12 < box.y - 12 + LABEL_HEIGHT);
  const spots = [0, 1, -1, 2, -2, 3, -3, 4, -4].map((shift) => ({ x: x + 11, y: y + shift * LABEL_HEIGHT, width }));
  const box = spots.find((spot) => !overlaps(spot)) || spots[0];
  placed.push(box);
  return box;
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    ['available', 'on_delivery', 'on_break'].map((s) => h('li', null,
      h('span', { class: ['legend-swatch', `legend-driver-${s}`], 'aria-hidden': 'true' }), `Driver ${humanize(s).toLowerCase()}`)),
    h('li', null, h('span', { class: 'legend-swatch legend-order', 'aria-hidden': 'true' }), 'Delivery address'),
    h('li', null, h('span', { class: 'legend-swatch legend-route', 'aria-hidden': 'true' }), 'Route, driver to address'),
    h('li', null, h('span', { class: 'legend-swatch legend-stale', 'aria-hidden': 'true' }), 'Fix older than 15 min'));
}

function driversTable(drivers, now) {
  return h('table', { class: 'table table-compact', 'data-testid': 'live-tracking-drivers-table' },
    h('caption', { class: 'table-caption' }, 'Drivers'),
    h('thead', null, h('tr', null, ['Driver', 'Status', 'Position', 'Heading', 'Fix'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, drivers.length ? drivers.map((d) => {
      const heading = lastFix.get(d.id)?.heading ?? null;
      return h('tr', { 'data-id': String(d.id) },
        h('td', null, d.name),
        h('td', { 'data-col': 'status' }, badge(d.status, 'driver')),
        h('td', { class: 'mono position' }, coordinates(d.lat, d.lng)),
        h('td', { class: 'nowrap' }, heading === null ? DASH : compass(heading)),
        h('td', { title: d.location_updated_at || '' }, age(d.location_updated_at, now) || dateTime(d.location_updated_at)));
    })
      : h('tr', null, h('td', { colspan: '5', class: 'muted' }, 'No driver has reported a position.'))));
}

function ordersTable(orders) {
  return h('table', { class: 'table table-compact', 'data-testid': 'live-tracking-orders-table' },
    h('caption', { class: 'table-caption' }, 'Out for delivery'),
    h('thead', null, h('tr', null, ['Order', 'Driver', 'Address'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, orders.length ? orders.map((o) => h('tr', { 'data-id': String(o.order_id) },
      h('td', { class: 'mono' }, `#${o.order_id}`),
      h('td', null, o.driver_name || 'Unassigned'),
      h('td', null, o.delivery_address || DASH)))
      : h('tr', null, h('td', { colspan: '3', class: 'muted' }, 'No orders are out for delivery.'))));
}

export const liveTrackingPage = {
  title: 'Live Tracking',
  mount(root) {
    const state = { drivers: null, orders: null, deliveries: new Map(), error: null };
    const plotHolder = h('div', { class: 'plot-holder' }, h('p', { class: 'muted' }, 'Loading positions…'));
    const side = h('div', { class: 'tracking-lists' });
    const errorLine = h('p', { class: 'panel-error', role: 'alert', hidden: true });
    root.append(h('section', { class: 'page', 'data-page': 'live-tracking' },
      h('header', { class: 'page-header' },
        h('div', null,
          h('h1', { class: 'page-title', tabindex: '-1' }, 'Live Tracking'),
          h('p', { class: 'page-description' }, 'Drivers, where they are heading, and the deliveries they carry, updated as events come in.'))),
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
      const now = Date.now();
      const deliveries = [...state.deliveries.values()].flat();
      plotHolder.replaceChildren(map(state.drivers, stops(deliveries, state.orders), now));
      side.replaceChildren(h('div', { class: 'card' }, driversTable(state.drivers, now)), h('div', { class: 'card' }, ordersTable(state.orders)));
    };
    // Updates only change `state`; the drawing follows once, at the next frame.
    let frame = 0;
    const redraw = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        render();
      });
    };
    const observers = [
      observe(viewQuery('live-tracking-drivers'), ({ data, error }) => {
        state.error = error;
        if (data) state.drivers = data.items || [];
        redraw();
      }),
      observe(viewQuery('live-tracking-orders'), ({ data, error }) => {
        state.error = error;
        if (data) state.orders = data.items || [];
        redraw();
      }),
      // The deliveries a driver is busy with: the catalogue's `busy` statuses. A role that may
      // not read deliveries still sees the orders out for delivery, without routes.
      ...stateRule('deliveries', 'busy').map((status) => observe(listQuery('deliveries', { status, limit: MAX_PAGE, offset: 0 }), ({ data }) => {
        if (!data) return;
        state.deliveries.set(status, data.items || []);
        redraw();
      })),
    ];
    const reage = setInterval(redraw, REAGE_EVERY_MS);
    return {
      unmount: () => {
        clearInterval(reage);
        cancelAnimationFrame(frame);
        observers.forEach((stop) => stop());
      },
    };
  },
};
