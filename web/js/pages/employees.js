// User Management: the employees collection.

import { resourcePage } from '../resource.js';
import { badge, yesNo } from '../widgets.js';
import { formatPlain, humanize } from '../format.js';

export const EMPLOYEE_ROLES = ['admin', 'manager', 'dispatcher', 'accountant', 'driver', 'staff'];
const roleOptions = EMPLOYEE_ROLES.map((r) => ({ value: r, label: humanize(r) }));

export const employeesPage = resourcePage({
  collection: 'employees',
  title: 'User Management',
  description: 'Staff accounts, roles and departments.',
  recordLabel: (r) => r.name,
  columns: [
    { id: 'name', label: 'Name', render: (r) => r.name },
    { id: 'email', label: 'Email', render: (r) => r.email },
    { id: 'role', label: 'Role', render: (r) => badge(r.role, 'role') },
    { id: 'department', label: 'Department', render: (r) => formatPlain(r.department) },
    { id: 'phone', label: 'Phone', className: 'nowrap', render: (r) => formatPlain(r.phone) },
    { id: 'active', label: 'Active', render: (r) => yesNo(r.active) },
  ],
  filters: [
    { name: 'q', label: 'Search', type: 'search', placeholder: 'Name or email' },
    { name: 'role', label: 'Role', type: 'select', options: roleOptions, anyLabel: 'All roles' },
    {
      name: 'active', label: 'Status', type: 'select', anyLabel: 'Active and inactive',
      options: [{ value: 'true', label: 'Active' }, { value: 'false', label: 'Inactive' }],
    },
  ],
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'email', label: 'Email', type: 'email', required: true },
    { name: 'role', label: 'Role', type: 'select', options: roleOptions, required: true, default: 'staff' },
    { name: 'department', label: 'Department' },
    { name: 'phone', label: 'Phone', type: 'tel' },
    { name: 'active', label: 'Active', type: 'checkbox', default: true },
  ],
});
