// Expenses: money spent, by category, optionally tied to an employee. Columns, filters and form
// fields come from the catalogue; this page suggests the budgets' categories.

import { api, MAX_PAGE } from '../api.js';
import { resourcePage } from '../resource.js';
import { today } from '../format.js';

/** The budgets' categories, so an expense is filed where its budget counts it. */
async function budgetCategories() {
  const { data } = await api.list('budgets', { limit: MAX_PAGE });
  return [...new Set((data?.items || []).map((budget) => budget.category))].sort((a, b) => a.localeCompare(b));
}

export const expensesPage = resourcePage({
  collection: 'expenses',
  title: 'Expenses',
  description: 'Spending by category; budgets compare against these.',
  // An expense is known by its category and date, not its number.
  recordLabel: (r) => `${r.category} ${r.expense_date}`,
  columns: { hide: ['id'] },
  filters: { set: { category: { placeholder: 'e.g. fuel' } } },
  form: {
    set: {
      category: { suggestions: budgetCategories, hint: 'A budget\'s category, so the budget counts it.' },
      expense_date: { default: today },
    },
  },
});
