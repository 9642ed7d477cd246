import { useEffect, useState, type ComponentType } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { seqOf, type Switchboard } from '@switchboard/client';
import { SwitchboardProvider, useSwitchboard } from '@switchboard/react-query';
import { ConnectionIndicator } from './components/ConnectionIndicator';
import { ToastProvider, useToast } from './toasts';
import { PAGES, useRoute, type PagePath } from './route';
import { EmployeesPage } from './pages/Employees';
import { OrdersPage } from './pages/Orders';
import { ServicesPage } from './pages/Services';
import { InventoryPage } from './pages/Inventory';
import { LiveTrackingPage } from './pages/LiveTracking';

const PAGE_COMPONENTS: Record<PagePath, ComponentType> = {
  employees: EmployeesPage,
  orders: OrdersPage,
  services: ServicesPage,
  inventory: InventoryPage,
  'live-tracking': LiveTrackingPage,
};

type Props = { sb: Switchboard; onLogOut: () => void };

export function BackOffice(props: Props) {
  return (
    <ToastProvider>
      <Realtime {...props} />
    </ToastProvider>
  );
}

/**
 * The realtime connection for everything below it: one socket, subscribed to all the caller may
 * read, resuming from where the data on screen was read. Each event refreshes the queries it
 * names (the provider does that) and shows the seed's toast, one per collection for a burst.
 */
function Realtime({ sb, onLogOut }: Props) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const since = useStartSeq(sb);
  if (since === undefined) return <p className="muted centered">Loading…</p>;
  return (
    <SwitchboardProvider
      client={sb}
      queryClient={queryClient}
      since={since ?? undefined}
      onEvent={(event, { toast: content }) => toast(event.entity, content)}
      onDenied={onLogOut} // token revoked or expired (close 1008): back to the log-in page
    >
      <Shell onLogOut={onLogOut} />
    </SwitchboardProvider>
  );
}

/**
 * The event-log position before any page loads (the X-Switchboard-Seq of a one-row read of
 * orders, which every back-office role may read), so the socket replays whatever changes between
 * the pages' reads and its subscription: nothing is missed in that gap. undefined while reading;
 * null if the read failed (the socket then starts live).
 */
function useStartSeq(sb: Switchboard): number | null | undefined {
  const [since, setSince] = useState<number | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    sb.api.GET('/api/orders', { params: { query: { limit: 1 } } })
      .then(({ response }) => seqOf(response), () => null)
      .then((seq) => { if (current) setSince(seq); });
    return () => { current = false; };
  }, [sb]);
  return since;
}

function Shell({ onLogOut }: { onLogOut: () => void }) {
  const sb = useSwitchboard();
  const route = useRoute();
  const me = useQuery({ queryKey: ['me'], queryFn: () => sb.me() });
  const Page = PAGE_COMPONENTS[route];

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Switchboard</span>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((page) => (
              <li key={page.path}>
                <a href={`#/${page.path}`} aria-current={page.path === route ? 'page' : undefined}>{page.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionIndicator />
        <span className="who">{me.data ? `${me.data.name} (${me.data.role})` : ''}</span>
        <button type="button" className="button" onClick={onLogOut}>Log out</button>
      </header>
      <main className="page">
        <Page />
      </main>
    </div>
  );
}
