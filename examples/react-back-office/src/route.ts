import { useSyncExternalStore } from 'react';

// Pages are addressed by the URL's hash (#/orders), so the static build needs no server rewrites
// and `?server=` stays in the address across pages.
export const PAGES = [
  { path: 'employees', label: 'Employees' },
  { path: 'orders', label: 'Orders' },
  { path: 'services', label: 'Services' },
  { path: 'inventory', label: 'Inventory' },
  { path: 'live-tracking', label: 'Live tracking' },
] as const;

export type PagePath = (typeof PAGES)[number]['path'];

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

function current(): PagePath {
  const path = window.location.hash.replace(/^#\/?/, '');
  return PAGES.find((page) => page.path === path)?.path ?? 'employees';
}

export const useRoute = (): PagePath => useSyncExternalStore(subscribe, current);
