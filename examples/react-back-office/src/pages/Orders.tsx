import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ifMatch, unwrap, type Schemas } from '@switchboard/client';
import { useSwitchboard } from '@switchboard/react-query';
import { statusSteps, useCatalog } from '../catalog';
import { Loaded } from '../components/Loaded';
import { PageHeader } from '../components/PageHeader';
import { Table } from '../components/Table';
import { describeError } from '../errors';
import { formatCents, formatTime, humanize } from '../format';
import { listKey } from '../keys';

type Order = Schemas['OrderRow'];
type OrderStatus = Order['status'];

const PARAMS = { limit: 50 }; // the newest 50

export function OrdersPage() {
  const sb = useSwitchboard();
  const catalog = useCatalog();
  const orders = useQuery({
    queryKey: listKey('orders', PARAMS),
    queryFn: () => unwrap(sb.api.GET('/api/orders', { params: { query: PARAMS } })),
  });
  const customerNames = useCustomerNames(orders.data?.items ?? []);
  const changeStatus = useChangeStatus();

  return (
    <>
      <PageHeader title="Orders" total={orders.data?.total} />
      {changeStatus.isError && <p role="alert" className="error">{describeError(changeStatus.error)}</p>}
      <Loaded query={catalog}>
        {(loaded) => (
          <Loaded query={orders}>
            {(page) => (
              <Table
                label="Orders"
                rows={page.items}
                rowKey={(order) => order.id}
                empty="No orders yet."
                columns={[
                  { header: 'Order', cell: (order) => `#${order.id}` },
                  { header: 'Customer', cell: (order) => customerNames.get(order.customer_id) ?? `#${order.customer_id}` },
                  {
                    header: 'Status',
                    cell: (order) => <StatusSelect order={order} steps={statusSteps(loaded, 'orders', order.status)} change={changeStatus} />,
                  },
                  { header: 'Total', numeric: true, cell: (order) => formatCents(order.total_cents) },
                  { header: 'Created', cell: (order) => formatTime(order.created_at) },
                ]}
              />
            )}
          </Loaded>
        )}
      </Loaded>
    </>
  );
}

/** An order's status, offering the steps the status action may take from it. */
function StatusSelect({ order, steps, change }: { order: Order; steps: string[]; change: ReturnType<typeof useChangeStatus> }) {
  // While a change is on its way, show where the order is going.
  const sending = change.isPending && change.variables.order.id === order.id;
  return (
    <select aria-label={`Status of order #${order.id}`} value={sending ? change.variables.status : order.status}
      disabled={sending || steps.length === 0}
      // The options are the order's status and the catalogue's steps from it.
      onChange={(event) => change.mutate({ order, status: event.target.value as OrderStatus })}>
      {[order.status, ...steps].map((value) => <option key={value} value={value}>{humanize(value)}</option>)}
    </select>
  );
}

/**
 * The names of the orders' customers, from one list request for just those ids (key
 * ["customers", {ids}], so a customer's rename refreshes it too).
 */
function useCustomerNames(orders: Order[]): Map<number, string> {
  const sb = useSwitchboard();
  const ids = [...new Set(orders.map((order) => order.customer_id))].sort((a, b) => a - b).join(',');
  const params = { ids, limit: 500 };
  const customers = useQuery({
    queryKey: listKey('customers', params),
    queryFn: () => unwrap(sb.api.GET('/api/customers', { params: { query: params } })),
    enabled: ids !== '',
    placeholderData: keepPreviousData, // keep the names while a new set of ids loads
  });
  return new Map((customers.data?.items ?? []).map((customer) => [customer.id, customer.name]));
}

/**
 * POST /api/orders/{id}/status, the README's order status route, with If-Match from the row: a
 * status someone else changed meanwhile is refused (412) rather than overwritten.
 */
function useChangeStatus() {
  const sb = useSwitchboard();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ order, status }: { order: Order; status: OrderStatus }) => unwrap(sb.api.POST('/api/orders/{id}/status', {
      params: { path: { id: order.id } },
      headers: ifMatch(order),
      body: { status },
    })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['orders'] }),
  });
}
