// Tiny DOM builders. Everything the app renders goes through h() / svg(), which only ever set
// text (never innerHTML) and never touch inline styles, so the strict CSP holds by construction.

const SVG_NS = 'http://www.w3.org/2000/svg';

// Set as DOM properties rather than attributes, so later reads reflect what the user typed.
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'indeterminate']);

function applyProps(el, props) {
  if (!props) return;
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') {
      const cls = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      if (cls) el.setAttribute('class', cls);
    } else if (name === 'text') {
      el.textContent = String(value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (PROPERTIES.has(name)) {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function appendChildren(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) appendChildren(el, child);
    else if (child instanceof Node) el.append(child);
    else el.append(document.createTextNode(String(child)));
  }
}

/** Build an HTML element: h('button', { class: 'primary', onClick }, 'Save'). */
export function h(tag, props = null, ...children) {
  const el = document.createElement(tag);
  applyProps(el, props);
  appendChildren(el, children);
  return el;
}

/** Build an SVG element; geometry goes in attributes (cx, cy, x, y…), looks go in CSS classes. */
export function svg(tag, attrs = null, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyProps(el, attrs);
  appendChildren(el, children);
  return el;
}

/** Replace all children of el. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  appendChildren(el, children);
}

let idCounter = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
