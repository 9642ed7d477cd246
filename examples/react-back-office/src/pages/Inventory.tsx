import { useQuery } from '@tanstack/react-query';
import { unwrap } from '@switchboard/client';
import { useSwitchboard } from '@switchboard/react-query';
import { Loaded } from '../components/Loaded';
import { PageHeader } from '../components/PageHeader';
import { Table } from '../components/Table';
import { formatCents, humanize } from '../format';
import { viewKey } from '../keys';

/** The inventory views, both recomputed by the server and invalidated by every product event. */
export function InventoryPage() {
  const sb = useSwitchboard();
  const kpis = useQuery({
    queryKey: viewKey('inventory-kpis'),
    queryFn: () => unwrap(sb.api.GET('/api/inventory-kpis')),
  });
  const items = useQuery({
    queryKey: viewKey('inventory-items'),
    queryFn: () => unwrap(sb.api.GET('/api/inventory-items')),
  });

  return (
    <>
      <PageHeader title="Inventory" />
      <Loaded query={kpis}>
        {(k) => (
          <dl className="kpis" aria-label="Inventory figures">
            <Kpi label="Products (SKUs)" value={k.sku_count} />
            <Kpi label="Units in stock" value={k.total_units} />
            <Kpi label="Stock value (cost)" value={formatCents(k.stock_value_cents)} />
            <Kpi label="Retail value" value={formatCents(k.retail_value_cents)} />
            <Kpi label="Low stock" value={k.low_stock_count} />
            <Kpi label="Out of stock" value={k.out_of_stock_count} />
          </dl>
        )}
      </Loaded>
      <h2>Items</h2>
      <Loaded query={items}>
        {(view) => (
          <Table
            label="Inventory items"
            rows={view.items}
            rowKey={(item) => item.id}
            empty="No products yet."
            columns={[
              { header: 'SKU', cell: (item) => item.sku },
              { header: 'Name', cell: (item) => item.name },
              { header: 'In stock', numeric: true, cell: (item) => item.stock_quantity },
              { header: 'Reorder at', numeric: true, cell: (item) => item.reorder_level },
              { header: 'Stock value', numeric: true, cell: (item) => formatCents(item.stock_value_cents) },
              { header: 'State', cell: (item) => <span className={`badge badge-${item.stock_state}`}>{humanize(item.stock_state)}</span> },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}

function Kpi({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="kpi card">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
