DROP TABLE products;
DROP TABLE services;
DROP TABLE employees;
DROP TABLE customers;
