// The browsable API reference at /api/docs: reads /api/openapi.json and renders every endpoint,
// grouped by tag, with its parameters, request body and answers, `$ref` schemas resolved into
// field tables. Text only ever goes in through textContent; no inline styles (the CSP forbids them).

const DOCUMENT_URL = '/api/openapi.json';
const METHOD_ORDER = ['get', 'post', 'put', 'patch', 'delete'];
const SPECIAL_GROUPS = { views: 'Views', system: 'System' };
const MAX_DEPTH = 8;

const $ = (id) => document.getElementById(id);

/** `el('td', {class: 'mono'}, 'text', child)`: an element with attributes and children. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Text with `code` spans, as nodes. */
function prose(text) {
  const nodes = [];
  String(text ?? '').split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      nodes.push(el('code', { class: 'mono' }, part.slice(1, -1)));
    } else if (part) {
      nodes.push(document.createTextNode(part));
    }
  });
  return nodes;
}

function slug(text) {
  return String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function operationId(method, path) {
  return `op-${method}-${slug(path)}`;
}

function schemaAnchor(name) {
  return `schema-${slug(name)}`;
}

// ---------- schemas ----------

/** A document-wide reader of `#/components/schemas/…` references. */
class Schemas {
  constructor(doc) {
    this.components = doc.components?.schemas ?? {};
  }

  refName(schema) {
    const ref = schema?.$ref;
    if (typeof ref !== 'string') return null;
    const prefix = '#/components/schemas/';
    return ref.startsWith(prefix) ? decodeURIComponent(ref.slice(prefix.length)) : ref;
  }

  /** `[name or null, the schema behind any reference]`. */
  resolve(schema) {
    const name = this.refName(schema);
    if (name === null) return [null, schema ?? {}];
    return [name, this.components[name] ?? { description: `Unresolved reference ${schema.$ref}` }];
  }
}

/** The types of a schema without `null`, and whether `null` is allowed. */
function typesOf(schema) {
  let types = schema.type;
  if (types === undefined) types = [];
  if (!Array.isArray(types)) types = [types];
  const nullable = types.includes('null') || schema.nullable === true;
  return [types.filter((t) => t !== 'null'), nullable];
}

/** One variant list (`oneOf`, `anyOf`, `allOf`) without its bare `null` member. */
function variants(schema) {
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    if (Array.isArray(schema[key])) {
      const members = schema[key].filter((s) => !(s && s.type === 'null'));
      const nullable = members.length !== schema[key].length;
      return { key, members, nullable };
    }
  }
  return null;
}

/**
 * A short, readable type label: `integer (int64)`, `string | null`, `array of Order`,
 * `OrderItem`, `object`, with the referenced names as links to the Schemas section.
 */
function typeLabel(schemas, schema, depth = 0) {
  if (!schema || depth > MAX_DEPTH) return [el('span', { class: 'docs-type' }, 'any')];
  const name = schemas.refName(schema);
  if (name !== null) {
    return [el('a', { class: 'docs-type docs-type-ref', href: `#${schemaAnchor(name)}` }, name)];
  }
  const variant = variants(schema);
  if (variant) {
    const parts = [];
    variant.members.forEach((member, i) => {
      if (i > 0) parts.push(variant.key === 'allOf' ? ' & ' : ' | ');
      parts.push(...typeLabel(schemas, member, depth + 1));
    });
    if (variant.nullable) parts.push(' | null');
    return [el('span', { class: 'docs-type' }, parts)];
  }
  const [types, nullable] = typesOf(schema);
  const parts = [];
  if (types.length === 0) {
    parts.push(schema.properties ? 'object' : 'any');
  }
  types.forEach((type, i) => {
    if (i > 0) parts.push(' | ');
    if (type === 'array') {
      parts.push('array of ', ...typeLabel(schemas, schema.items, depth + 1));
    } else {
      parts.push(type);
    }
  });
  if (schema.format) parts.push(` (${schema.format})`);
  if (nullable) parts.push(' | null');
  return [el('span', { class: 'docs-type' }, parts)];
}

/** The object schema (with properties) a field leads to, if any: through refs, arrays, variants. */
function nestedObject(schemas, schema, depth = 0) {
  if (!schema || depth > MAX_DEPTH) return null;
  const [name, resolved] = schemas.resolve(schema);
  if (resolved.properties && Object.keys(resolved.properties).length) return { name, schema: resolved };
  const [types] = typesOf(resolved);
  if (types.includes('array')) return nestedObject(schemas, resolved.items, depth + 1);
  const variant = variants(resolved);
  if (variant && variant.members.length === 1) return nestedObject(schemas, variant.members[0], depth + 1);
  return null;
}

/** Facts about a field besides its description: enum values, bounds, defaults. */
function constraints(schema) {
  const facts = [];
  if (Array.isArray(schema.enum)) facts.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (schema.minimum !== undefined) facts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) facts.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined) facts.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) facts.push(`at most ${schema.maxLength} characters`);
  if (schema.default !== undefined) facts.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.readOnly) facts.push('read-only');
  return facts;
}

/**
 * The fields of an object schema as a table; fields that are objects (or arrays of them) get a
 * row below with their own table, collapsed. `trail` holds the schema names above, so a schema
 * that contains itself stops at a link instead of recursing.
 */
function fieldTable(schemas, schema, trail, depth) {
  const required = new Set(schema.required ?? []);
  const rows = [];
  for (const [field, raw] of Object.entries(schema.properties ?? {})) {
    const [, resolved] = schemas.resolve(raw);
    const description = raw.description ?? resolved.description;
    const facts = constraints(resolved);
    rows.push(
      el(
        'tr',
        {},
        el('th', { scope: 'row', class: 'mono docs-field' }, field),
        el('td', { class: 'docs-type-cell' }, typeLabel(schemas, raw)),
        el(
          'td',
          { class: 'docs-required' },
          required.has(field) ? el('span', { class: 'badge badge-yes' }, 'required') : el('span', { class: 'muted' }, 'optional'),
        ),
        el(
          'td',
          { class: 'docs-description-cell' },
          description ? el('span', {}, prose(description)) : null,
          facts.length ? el('span', { class: 'docs-facts' }, facts.join(' · ')) : null,
        ),
      ),
    );
    const nested = nestedObject(schemas, raw);
    if (nested && depth < MAX_DEPTH) {
      const label = nested.name ? `${field}: fields of ${nested.name}` : `${field}: fields`;
      const recursive = nested.name && trail.includes(nested.name);
      const cell = el('td', { colspan: 4, class: 'docs-nested-cell' });
      if (recursive) {
        cell.append(el('p', { class: 'muted docs-nested-note' }, `${label} — see `, ...typeLabel(schemas, { $ref: `#/components/schemas/${nested.name}` }), ' above.'));
      } else {
        cell.append(
          lazyDetails('docs-nested', el('span', {}, label), () =>
            schemaView(schemas, nested.schema, nested.name ? [...trail, nested.name] : trail, depth + 1),
          ),
        );
      }
      rows.push(el('tr', { class: 'docs-nested-row' }, cell));
    }
  }
  return el(
    'div',
    { class: 'table-scroll' },
    el(
      'table',
      { class: 'table table-compact docs-fields' },
      el(
        'thead',
        {},
        el('tr', {}, el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, 'Type'), el('th', { scope: 'col' }, 'Required'), el('th', { scope: 'col' }, 'Description')),
      ),
      el('tbody', {}, rows),
    ),
  );
}

/** A schema as people read it: its description, then its fields (or its type when it has none). */
function schemaView(schemas, schema, trail = [], depth = 0) {
  const [name, resolved] = schemas.resolve(schema);
  const nextTrail = name ? [...trail, name] : trail;
  const view = el('div', { class: 'docs-schema' });
  const [types] = typesOf(resolved);
  if (resolved.description && depth === 0) view.append(el('p', { class: 'docs-schema-description' }, prose(resolved.description)));
  if (resolved.properties && Object.keys(resolved.properties).length) {
    view.append(fieldTable(schemas, resolved, nextTrail, depth));
    if (resolved.additionalProperties === false) {
      view.append(el('p', { class: 'docs-facts' }, 'No other fields are accepted.'));
    }
  } else if (types.includes('array')) {
    view.append(el('p', { class: 'docs-schema-type' }, 'A JSON ', ...typeLabel(schemas, resolved), '.'));
    const nested = nestedObject(schemas, resolved.items);
    if (nested) view.append(schemaView(schemas, resolved.items, nextTrail, depth + 1));
  } else if (types.includes('object') || types.length === 0) {
    view.append(el('p', { class: 'docs-schema-type muted' }, 'A JSON object; its fields are not described here.'));
  } else {
    view.append(el('p', { class: 'docs-schema-type' }, ...typeLabel(schemas, resolved)));
  }
  return view;
}

/** A `<details>` whose body is built the first time it opens. */
function lazyDetails(className, summaryContent, build, attrs = {}) {
  const details = el('details', { class: className, ...attrs }, el('summary', {}, summaryContent));
  let built = false;
  const fill = () => {
    if (built || !details.open) return;
    built = true;
    details.append(build());
  };
  details.addEventListener('toggle', fill);
  details.fill = () => {
    if (!built) {
      built = true;
      details.append(build());
    }
  };
  return details;
}

// ---------- operations ----------

function methodBadge(method) {
  return el('span', { class: `docs-method docs-method-${method}` }, method.toUpperCase());
}

function statusClass(status) {
  const first = String(status)[0];
  return { 2: 'docs-status-ok', 3: 'docs-status-redirect', 4: 'docs-status-client', 5: 'docs-status-server' }[first] ?? '';
}

function parameterSection(schemas, parameters) {
  if (!parameters.length) return null;
  const rows = parameters.map((raw) => {
    const [, parameter] = schemas.resolve(raw);
    const schema = parameter.schema ?? {};
    const [, resolved] = schemas.resolve(schema);
    const facts = constraints(resolved);
    return el(
      'tr',
      {},
      el('th', { scope: 'row', class: 'mono docs-field' }, parameter.name),
      el('td', {}, el('span', { class: 'badge' }, parameter.in)),
      el('td', { class: 'docs-type-cell' }, typeLabel(schemas, schema)),
      el(
        'td',
        { class: 'docs-required' },
        parameter.required ? el('span', { class: 'badge badge-yes' }, 'required') : el('span', { class: 'muted' }, 'optional'),
      ),
      el(
        'td',
        { class: 'docs-description-cell' },
        parameter.description ? el('span', {}, prose(parameter.description)) : null,
        facts.length ? el('span', { class: 'docs-facts' }, facts.join(' · ')) : null,
      ),
    );
  });
  return el(
    'section',
    { class: 'docs-section' },
    el('h4', { class: 'docs-section-title' }, 'Parameters'),
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { class: 'table table-compact docs-fields' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, 'Name'),
            el('th', { scope: 'col' }, 'In'),
            el('th', { scope: 'col' }, 'Type'),
            el('th', { scope: 'col' }, 'Required'),
            el('th', { scope: 'col' }, 'Description'),
          ),
        ),
        el('tbody', {}, rows),
      ),
    ),
  );
}

function mediaEntries(content) {
  return Object.entries(content ?? {});
}

function requestBodySection(schemas, raw) {
  if (!raw) return null;
  const [, body] = schemas.resolve(raw);
  const section = el(
    'section',
    { class: 'docs-section' },
    el('h4', { class: 'docs-section-title' }, 'Request body', body.required ? el('span', { class: 'badge badge-yes docs-title-badge' }, 'required') : null),
  );
  if (body.description) section.append(el('p', {}, prose(body.description)));
  for (const [mediaType, media] of mediaEntries(body.content)) {
    section.append(
      el('p', { class: 'docs-media' }, el('span', { class: 'mono' }, mediaType), media.schema ? [' · ', ...typeLabel(schemas, media.schema)] : null),
    );
    if (media.schema) section.append(schemaView(schemas, media.schema));
  }
  return section;
}

function responsesSection(schemas, responses) {
  const entries = Object.entries(responses ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const section = el('section', { class: 'docs-section' }, el('h4', { class: 'docs-section-title' }, 'Responses'));
  const successes = entries.filter(([status]) => !/^[45]/.test(status));
  const errors = entries.filter(([status]) => /^[45]/.test(status));

  for (const [status, raw] of successes) {
    const [, response] = schemas.resolve(raw);
    const media = mediaEntries(response.content);
    const block = el(
      'div',
      { class: 'docs-response' },
      el(
        'p',
        { class: 'docs-response-head' },
        el('span', { class: `docs-status ${statusClass(status)}` }, status),
        el('span', {}, prose(response.description ?? '')),
        media.length ? el('span', { class: 'mono muted docs-media-type' }, media.map(([type]) => type).join(', ')) : el('span', { class: 'muted' }, 'no body'),
      ),
    );
    for (const [, item] of media) {
      if (item.schema) block.append(schemaView(schemas, item.schema));
    }
    section.append(block);
  }

  if (errors.length) {
    const errorSchemas = new Map();
    const rows = errors.map(([status, raw]) => {
      const [, response] = schemas.resolve(raw);
      const schemaCell = el('td', { class: 'docs-type-cell' });
      for (const [, media] of mediaEntries(response.content)) {
        if (!media.schema) continue;
        schemaCell.append(...typeLabel(schemas, media.schema));
        const key = schemas.refName(media.schema) ?? JSON.stringify(media.schema);
        if (!errorSchemas.has(key)) errorSchemas.set(key, media.schema);
      }
      return el(
        'tr',
        {},
        el('th', { scope: 'row' }, el('span', { class: `docs-status ${statusClass(status)}` }, status)),
        el('td', {}, prose(response.description ?? '')),
        schemaCell,
      );
    });
    section.append(
      el(
        'div',
        { class: 'table-scroll' },
        el(
          'table',
          { class: 'table table-compact docs-errors' },
          el('caption', { class: 'visually-hidden' }, 'Error answers'),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Error'), el('th', { scope: 'col' }, 'When'), el('th', { scope: 'col' }, 'Body'))),
          el('tbody', {}, rows),
        ),
      ),
    );
    for (const [key, schema] of errorSchemas) {
      const name = schemas.refName(schema);
      section.append(lazyDetails('docs-nested', el('span', {}, `Error body${name ? `: fields of ${name}` : ''}`), () => schemaView(schemas, schema, [], 0), { 'data-schema': key }));
    }
  }
  return section;
}

function operationView(schemas, entry) {
  const { method, path, operation } = entry;
  const summary = el(
    'span',
    { class: 'docs-op-summary' },
    methodBadge(method),
    el('span', { class: 'mono docs-path' }, path),
    el('span', { class: 'docs-op-text' }, prose(operation.summary ?? '')),
  );
  const details = lazyDetails(
    'card docs-op',
    summary,
    () => {
      const body = el('div', { class: 'docs-op-body' });
      if (operation.description) body.append(el('p', { class: 'docs-op-description' }, prose(operation.description)));
      if (operation.operationId) body.append(el('p', { class: 'docs-facts' }, 'Operation id ', el('code', { class: 'mono' }, operation.operationId)));
      const parameters = [...(entry.pathParameters ?? []), ...(operation.parameters ?? [])];
      body.append(...[parameterSection(schemas, parameters), requestBodySection(schemas, operation.requestBody), responsesSection(schemas, operation.responses)].filter(Boolean));
      return body;
    },
    { id: operationId(method, path) },
  );
  details.dataset.search = `${method} ${path} ${operation.summary ?? ''} ${(operation.tags ?? []).join(' ')}`.toLowerCase();
  return details;
}

// ---------- the page ----------

/** Every operation, grouped: each collection's tag, then views, then system. */
function groupOperations(doc) {
  const groups = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHOD_ORDER) {
      const operation = item?.[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'other';
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag).push({ method, path, operation, pathParameters: item.parameters });
    }
  }
  for (const list of groups.values()) {
    list.sort((a, b) => {
      const byDepth = a.path.split('/').length - b.path.split('/').length;
      if (byDepth) return byDepth;
      if (a.path !== b.path) return a.path.localeCompare(b.path);
      return METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method);
    });
  }
  const tagInfo = new Map((doc.tags ?? []).map((t) => [t.name, t]));
  const special = Object.keys(SPECIAL_GROUPS);
  const collections = [...groups.keys()].filter((tag) => !special.includes(tag)).sort();
  const sections = [];
  if (collections.length) {
    sections.push({
      id: 'collections',
      title: 'Collections',
      description: 'Create, read, update and delete the records; every change is also pushed over the WebSocket.',
      groups: collections.map((tag) => ({ tag, title: tag, description: tagInfo.get(tag)?.description, entries: groups.get(tag) })),
    });
  }
  for (const tag of special) {
    if (!groups.has(tag)) continue;
    sections.push({
      id: tag,
      title: SPECIAL_GROUPS[tag],
      description: tagInfo.get(tag)?.description ?? (tag === 'views' ? 'Read-only views derived from the records.' : 'Operational endpoints.'),
      groups: [{ tag, title: null, entries: groups.get(tag) }],
    });
  }
  return sections;
}

function schemaSection(schemas) {
  const names = Object.keys(schemas.components).sort((a, b) => a.localeCompare(b));
  if (!names.length) return null;
  const list = el('div', { class: 'docs-ops' });
  for (const name of names) {
    const details = lazyDetails('card docs-op docs-schema-card', el('span', { class: 'docs-op-summary' }, el('span', { class: 'mono docs-path' }, name), el('span', { class: 'docs-op-text' }, prose(schemas.components[name].description ?? ''))), () =>
      el('div', { class: 'docs-op-body' }, schemaView(schemas, { $ref: `#/components/schemas/${name}` }, [], 0)),
      { id: schemaAnchor(name) },
    );
    details.dataset.search = `schema ${name} ${schemas.components[name].description ?? ''}`.toLowerCase();
    list.append(details);
  }
  return el(
    'section',
    { class: 'docs-group-section', id: 'schemas', 'aria-labelledby': 'schemas-title' },
    el('h2', { class: 'docs-group-title', id: 'schemas-title' }, 'Schemas'),
    el('p', { class: 'page-description' }, 'The records, forms and answers the endpoints refer to.'),
    list,
  );
}

function render(doc) {
  const schemas = new Schemas(doc);
  const info = doc.info ?? {};
  const title = info.title ? `${info.title} API` : 'API reference';
  $('docs-title').textContent = title;
  document.title = `${title} reference`;
  $('docs-version').textContent = [info.version && `Version ${info.version}`, doc.openapi && `OpenAPI ${doc.openapi}`].filter(Boolean).join(' · ');
  $('docs-description').replaceChildren(...(info.description ? [el('p', {}, prose(info.description))] : []));

  const nav = $('docs-nav');
  const content = $('docs-content');
  const sections = groupOperations(doc);
  for (const section of sections) {
    const block = el(
      'section',
      { class: 'docs-group-section', id: section.id, 'aria-labelledby': `${section.id}-title` },
      el('h2', { class: 'docs-group-title', id: `${section.id}-title` }, section.title),
      section.description ? el('p', { class: 'page-description' }, prose(section.description)) : null,
    );
    for (const group of section.groups) {
      const ops = el('div', { class: 'docs-ops' }, group.entries.map((entry) => operationView(schemas, entry)));
      const groupBlock = el('div', { class: 'docs-group', id: group.title ? `tag-${slug(group.tag)}` : null });
      if (group.title) {
        groupBlock.append(el('h3', { class: 'docs-tag-title mono' }, group.title));
        if (group.description) groupBlock.append(el('p', { class: 'page-description' }, prose(group.description)));
      }
      groupBlock.append(ops);
      block.append(groupBlock);
    }
    content.append(block);
    const item = el('li', { 'data-section': section.id }, el('a', { class: 'nav-link', href: `#${section.id}` }, section.title));
    if (section.groups.length > 1) {
      item.append(
        el(
          'ul',
          { class: 'docs-subnav' },
          section.groups.map((g) => el('li', { 'data-group': `tag-${slug(g.tag)}` }, el('a', { class: 'nav-link docs-subnav-link', href: `#tag-${slug(g.tag)}` }, g.title))),
        ),
      );
    }
    nav.append(item);
  }
  const schemaBlock = schemaSection(schemas);
  if (schemaBlock) {
    content.append(schemaBlock);
    nav.append(el('li', { 'data-section': 'schemas' }, el('a', { class: 'nav-link', href: '#schemas' }, 'Schemas')));
  }

  $('docs-status').replaceChildren();
  $('docs-toolbar').hidden = false;
  setUpFilter();
  setUpExpandButtons();
  openFromHash();
  window.addEventListener('hashchange', openFromHash);
}

/** Opens the operation or schema the URL's fragment names (and the details around it). */
function openFromHash() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  if (!target) return;
  if (target.tagName === 'DETAILS') {
    target.hidden = false;
    target.open = true;
    target.fill?.();
    target.querySelector('summary')?.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
  }
}

function setUpFilter() {
  const input = $('docs-filter');
  const count = $('docs-count');
  const items = [...document.querySelectorAll('#docs-content details[data-search]')];
  const operations = items.filter((d) => !d.classList.contains('docs-schema-card'));

  const apply = () => {
    const terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shownOps = 0;
    for (const item of items) {
      const match = terms.every((term) => item.dataset.search.includes(term));
      item.hidden = !match;
      if (match && !item.classList.contains('docs-schema-card')) shownOps += 1;
    }
    for (const group of document.querySelectorAll('#docs-content .docs-group, #docs-content .docs-group-section')) {
      group.hidden = !group.querySelector('details[data-search]:not([hidden])');
    }
    for (const link of document.querySelectorAll('#docs-nav [data-section], #docs-nav [data-group]')) {
      const target = document.getElementById(link.dataset.section ?? link.dataset.group);
      link.hidden = Boolean(target?.hidden);
    }
    count.textContent = terms.length
      ? `${shownOps} of ${operations.length} endpoints match`
      : `${operations.length} endpoints`;
    $('docs-status').replaceChildren(...(terms.length && !items.some((i) => !i.hidden) ? [el('p', { class: 'empty' }, 'Nothing matches the filter.')] : []));
  };
  input.addEventListener('input', apply);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value) {
      input.value = '';
      apply();
      event.preventDefault();
    }
  });
  document.addEventListener('keydown', (event) => {
    const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable]');
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  apply();
}

function setUpExpandButtons() {
  const operations = () => [...document.querySelectorAll('#docs-content details.docs-op:not(.docs-schema-card)')];
  $('docs-expand').addEventListener('click', () => {
    for (const details of operations()) {
      if (details.hidden) continue;
      details.fill?.();
      details.open = true;
    }
  });
  $('docs-collapse').addEventListener('click', () => {
    for (const details of document.querySelectorAll('#docs-content details')) details.open = false;
  });
}

function showProblem(...content) {
  $('docs-status').replaceChildren(el('div', { class: 'card docs-problem', role: 'alert' }, content));
}

async function load() {
  let response;
  try {
    response = await fetch(DOCUMENT_URL, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch (error) {
    showProblem(el('p', {}, 'The server could not be reached. '), el('p', {}, el('a', { href: '' }, 'Try again'), ' or ', el('a', { href: '/' }, 'go back to the app'), '.'));
    return;
  }
  if (response.status === 401 || response.status === 403) {
    showProblem(
      el('h2', { class: 'docs-problem-title' }, response.status === 401 ? 'Please log in first' : 'Not allowed'),
      el(
        'p',
        {},
        response.status === 401 ? 'The API reference is for signed-in users. ' : 'Your account may not read the API reference. ',
        el('a', { href: '/' }, 'Log in to Switchboard'),
        ', then come back to this page.',
      ),
    );
    return;
  }
  if (!response.ok) {
    showProblem(el('p', {}, `The API description could not be loaded (HTTP ${response.status}). `, el('a', { href: '' }, 'Try again'), '.'));
    return;
  }
  let doc;
  try {
    doc = await response.json();
  } catch (error) {
    showProblem(el('p', {}, 'The API description is not valid JSON.'));
    return;
  }
  render(doc);
}

load();
