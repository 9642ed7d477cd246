// Products and inventory: the product list with stock levels, and the inventory KPIs view.
// Columns, filters and form fields come from the catalogue; this page adds the stock state.

import { viewQuery } from '../context.js';
import { resourcePage } from '../resource.js';
import { badge, queryPanel, statTiles } from '../widgets.js';
import { formatMoney, formatNumber, humanize } from '../format.js';

/** in_stock | low | out, as /api/inventory-items computes it. */
export function stockState(product) {
  if (product.stock_state) return product.stock_state;
  if (product.stock_quantity <= 0) return 'out';
  return product.stock_quantity <= product.reorder_level ? 'low' : 'in_stock';
}

const kpiPanel = () => queryPanel({
  title: 'Inventory',
  testid: 'inventory-kpis',
  className: 'panel-wide',
  query: viewQuery('inventory-kpis'),
  render: (k) => statTiles([
    { id: 'sku_count', label: 'Products (SKUs)', value: formatNumber(k.sku_count) },
    { id: 'stock_value_cents', label: 'Stock value at cost', value: formatMoney(k.stock_value_cents) },
    { id: 'low_stock_count', label: 'Low stock', value: formatNumber(k.low_stock_count), tone: k.low_stock_count ? 'warn' : null },
    { id: 'out_of_stock_count', label: 'Out of stock', value: formatNumber(k.out_of_stock_count), tone: k.out_of_stock_count ? 'bad' : null },
  ]),
});

export const productsPage = resourcePage({
  collection: 'products',
  title: 'Products & Inventory',
  description: 'Stocked products, prices and reorder levels.',
  recordLabel: (r) => `${r.sku} ${r.name}`,
  panels: [kpiPanel],
  valueLabels: { stock: (state) => ({ low: 'Low stock', out: 'Out of stock' }[state] || humanize(state)) },
  columns: {
    hide: ['description'],
    set: { stock_quantity: { label: 'In stock' }, reorder_level: { label: 'Reorder at' } },
    // The stock state is derived from the two levels, so the server cannot sort by it.
    add: [{ after: 'reorder_level', id: 'state', name: 'state', label: 'Stock', render: (r) => badge(stockState(r), 'stock') }],
  },
});
