// Products and inventory: the product list with stock levels, and the inventory KPIs view.

import { viewQuery } from '../context.js';
import { resourcePage } from '../resource.js';
import { badge, queryPanel, statTiles } from '../widgets.js';
import { formatMoney, formatNumber } from '../format.js';

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
  columns: [
    { id: 'sku', label: 'SKU', className: 'mono', render: (r) => r.sku },
    { id: 'name', label: 'Name', render: (r) => r.name },
    { id: 'price', label: 'Price', className: 'num', render: (r) => formatMoney(r.price_cents) },
    { id: 'cost', label: 'Cost', className: 'num', render: (r) => formatMoney(r.cost_cents) },
    { id: 'stock', label: 'In stock', className: 'num', render: (r) => formatNumber(r.stock_quantity) },
    { id: 'reorder', label: 'Reorder at', className: 'num', render: (r) => formatNumber(r.reorder_level) },
    { id: 'state', label: 'Stock', render: (r) => badge(stockState(r), 'stock') },
  ],
  filters: [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'SKU or name' },
    {
      name: 'stock', label: 'Stock', type: 'select', anyLabel: 'All stock levels',
      options: [{ value: 'low', label: 'Low stock' }, { value: 'out', label: 'Out of stock' }],
    },
  ],
  fields: [
    { name: 'sku', label: 'SKU', required: true },
    { name: 'name', label: 'Name', required: true },
    { name: 'price_cents', label: 'Price', type: 'money', required: true },
    { name: 'cost_cents', label: 'Cost', type: 'money', required: true },
    { name: 'stock_quantity', label: 'Quantity in stock', type: 'number', min: 0, required: true, default: 0 },
    { name: 'reorder_level', label: 'Reorder level', type: 'number', min: 0, required: true, default: 0 },
    { name: 'description', label: 'Description', type: 'textarea', wide: true },
  ],
});
