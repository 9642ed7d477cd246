-- Expense and budget categories match without regard to case or surrounding spaces (README,
-- "Rules between records"): one budget per category and month, whatever its case. Rows changed
-- here count as changed: their version grows.
UPDATE budgets SET category = trim(category), version = version + 1 WHERE category <> trim(category);
UPDATE expenses SET category = trim(category), version = version + 1 WHERE category <> trim(category);
-- Budgets that now share a category and month keep their id in the category, so the index can
-- be made and no budget is lost; the earliest keeps its name.
UPDATE budgets SET category = category || ' (' || id || ')', version = version + 1
WHERE EXISTS (
    SELECT 1 FROM budgets AS earlier
    WHERE lower(earlier.category) = lower(budgets.category)
      AND earlier.period = budgets.period
      AND earlier.id < budgets.id
);
-- Expenses take the spelling of the budget category they match, as new ones do.
UPDATE expenses SET version = version + 1, category = (
    SELECT b.category FROM budgets AS b WHERE lower(b.category) = lower(expenses.category) ORDER BY b.id LIMIT 1
)
WHERE category <> coalesce((
    SELECT b.category FROM budgets AS b WHERE lower(b.category) = lower(expenses.category) ORDER BY b.id LIMIT 1
), category);
CREATE UNIQUE INDEX budgets_category_ci_period ON budgets (lower(category), period);
-- Budget-vs-actual finds the expenses of its budgets' categories, in any case, by this.
CREATE INDEX expenses_lower_category_date ON expenses (lower(category), expense_date);
