DROP TABLE budgets;
DROP TABLE expenses;
DROP TABLE invoices;
