import { useQuery } from '@tanstack/react-query';
import { unwrap } from '@switchboard/client';
import { useSwitchboard } from '@switchboard/react-query';
import { Loaded } from '../components/Loaded';
import { PageHeader } from '../components/PageHeader';
import { Table } from '../components/Table';
import { formatTime, humanize } from '../format';
import { viewKey } from '../keys';

const position = (lat?: number | null, lng?: number | null) =>
  (lat != null && lng != null ? `${lat.toFixed(4)}, ${lng.toFixed(4)}` : '—');

/** Drivers on shift and orders out for delivery: driver and delivery events refresh both. */
export function LiveTrackingPage() {
  const sb = useSwitchboard();
  const drivers = useQuery({
    queryKey: viewKey('live-tracking-drivers'),
    queryFn: () => unwrap(sb.api.GET('/api/live-tracking-drivers')),
  });
  const orders = useQuery({
    queryKey: viewKey('live-tracking-orders'),
    queryFn: () => unwrap(sb.api.GET('/api/live-tracking-orders')),
  });

  return (
    <>
      <PageHeader title="Live tracking" />
      <h2>Drivers on shift</h2>
      <Loaded query={drivers}>
        {(view) => (
          <Table
            label="Drivers on shift"
            rows={view.items}
            rowKey={(driver) => driver.id}
            empty="No driver is on shift."
            columns={[
              { header: 'Driver', cell: (driver) => driver.name },
              { header: 'Vehicle', cell: (driver) => driver.vehicle ?? '—' },
              { header: 'Status', cell: (driver) => humanize(driver.status) },
              { header: 'Position', cell: (driver) => position(driver.lat, driver.lng) },
              { header: 'Last fix', cell: (driver) => formatTime(driver.location_updated_at) },
            ]}
          />
        )}
      </Loaded>
      <h2>Orders out for delivery</h2>
      <Loaded query={orders}>
        {(view) => (
          <Table
            label="Orders out for delivery"
            rows={view.items}
            rowKey={(order) => order.order_id}
            empty="No order is out for delivery."
            columns={[
              { header: 'Order', cell: (order) => `#${order.order_id}` },
              { header: 'Customer', cell: (order) => order.customer_name },
              { header: 'Status', cell: (order) => humanize(order.status) },
              { header: 'Driver', cell: (order) => order.driver_name ?? '—' },
              { header: 'Delivery', cell: (order) => (order.delivery_status ? humanize(order.delivery_status) : '—') },
              { header: 'Address', cell: (order) => order.delivery_address ?? '—' },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
