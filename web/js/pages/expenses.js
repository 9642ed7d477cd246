// Expenses: money spent, by category, optionally tied to an employee.

import { api, MAX_PAGE } from '../api.js';
import { nameOf, resourcePage } from '../resource.js';
import { formatMoney, formatPlain, today } from '../format.js';

/** The budgets' categories, so an expense is filed where its budget counts it. */
async function budgetCategories() {
  const { data } = await api.list('budgets', { limit: MAX_PAGE });
  return [...new Set((data?.items || []).map((budget) => budget.category))].sort((a, b) => a.localeCompare(b));
}

export const expensesPage = resourcePage({
  collection: 'expenses',
  title: 'Expenses',
  description: 'Spending by category; budgets compare against these.',
  recordLabel: (r) => `${r.category} ${r.expense_date}`,
  lookups: { employees: (expense) => expense.employee_id },
  columns: [
    { id: 'date', label: 'Date', className: 'nowrap', render: (r) => formatPlain(r.expense_date) },
    { id: 'category', label: 'Category', render: (r) => r.category },
    { id: 'description', label: 'Description', className: 'col-wide', render: (r) => formatPlain(r.description) },
    { id: 'vendor', label: 'Vendor', render: (r) => formatPlain(r.vendor) },
    {
      id: 'employee', label: 'Employee',
      render: (r, lookups) => (r.employee_id ? nameOf(lookups, 'employees', r.employee_id, `#${r.employee_id}`) : '—'),
    },
    { id: 'amount', label: 'Amount', className: 'num', render: (r) => formatMoney(r.amount_cents) },
  ],
  filters: [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'Description or vendor' },
    { name: 'category', label: 'Category', type: 'text', placeholder: 'e.g. fuel' },
    { name: 'from', label: 'From', type: 'date' },
    { name: 'to', label: 'To', type: 'date' },
  ],
  fields: [
    { name: 'category', label: 'Category', required: true, suggestions: budgetCategories, hint: 'A budget\'s category, so the budget counts it.' },
    { name: 'amount_cents', label: 'Amount', type: 'money', required: true },
    { name: 'expense_date', label: 'Date', type: 'date', required: true, default: today },
    { name: 'vendor', label: 'Vendor' },
    { name: 'employee_id', label: 'Employee', type: 'picker', collection: 'employees', optionLabel: (e) => `${e.name} · ${e.email}`, noun: 'employee' },
    { name: 'description', label: 'Description', type: 'textarea', wide: true },
  ],
});
