// Hash routing: "#/orders?status=pending&offset=50". A page's filters and paging live in the
// hash's query, so a view can be bookmarked and shared; changing them updates the mounted page
// in place (page.update) instead of mounting it again.

export class Router {
  /**
   * routes: [{ path, title, page }] where page.mount(root, ctx) returns { update?, unmount? };
   * ctx carries query, setQuery, navigate and the fields of `session` (the signed-in `role`).
   * guard(route) may return a path to redirect to.
   */
  constructor({ routes, outlet, fallback, onChange, guard, session = {} }) {
    this.session = session; // what every page may read from its ctx (the signed-in role)
    this.routes = new Map(routes.map((r) => [r.path, r]));
    this.outlet = outlet;
    this.fallback = fallback;
    this.onChange = onChange;
    this.guard = guard;
    this.current = null; // { route, view, query }
  }

  start() {
    this.onHashChange ||= () => this.resolve();
    window.addEventListener('hashchange', this.onHashChange);
    this.resolve();
  }

  /** Stop following the hash and unmount the page (on log-out). */
  stop() {
    if (this.onHashChange) window.removeEventListener('hashchange', this.onHashChange);
    this.current?.view?.unmount?.();
    this.current = null;
    this.outlet.replaceChildren();
  }

  parse() {
    const raw = window.location.hash.replace(/^#/, '');
    const [path, search = ''] = raw.split('?');
    return { path: path || this.fallback, query: new URLSearchParams(search) };
  }

  navigate(path) {
    window.location.hash = `#${path}`;
  }

  /** Replace the current hash's query (null/'' values are dropped) and update the page in place. */
  setQuery(values) {
    if (!this.current) return;
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) {
      if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
    }
    const search = query.toString();
    window.history.replaceState(null, '', `#${this.current.route.path}${search ? `?${search}` : ''}`);
    this.current.query = query;
    this.current.view?.update?.(query);
  }

  resolve() {
    const { path, query } = this.parse();
    const route = this.routes.get(path);
    if (!route) {
      window.history.replaceState(null, '', `#${this.fallback}`);
      this.resolve();
      return;
    }
    const redirect = this.guard?.(route);
    if (redirect && redirect !== path) {
      this.navigate(redirect);
      return;
    }
    if (this.current && this.current.route === route) {
      this.current.query = query;
      this.current.view?.update?.(query);
      return;
    }
    const first = this.current === null;
    this.current?.view?.unmount?.();
    this.outlet.replaceChildren();
    const current = { route, query, view: null };
    this.current = current;
    const ctx = {
      ...this.session,
      get query() { return current.query; },
      setQuery: (values) => this.setQuery(values),
      navigate: (to) => this.navigate(to),
    };
    current.view = route.page.mount(this.outlet, ctx);
    this.onChange?.(route);
    if (!first) this.outlet.querySelector('h1')?.focus();
  }
}
