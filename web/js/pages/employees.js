// Employees: the staff records (the employees collection). Not log-ins: an employee cannot log
// in; API tokens do, made by an admin on the Operator page or with `switchboard token create`.
// (The seed calls this page "User Management"; its toasts say "Employees updated".)

import { h } from '../dom.js';
import { canOpen } from '../roles.js';
import { resourcePage } from '../resource.js';
import { badge, yesNo } from '../widgets.js';
import { formatPlain, humanize } from '../format.js';

export const EMPLOYEE_ROLES = ['admin', 'manager', 'dispatcher', 'accountant', 'driver', 'staff'];
const roleOptions = EMPLOYEE_ROLES.map((r) => ({ value: r, label: humanize(r) }));

export const employeesPage = resourcePage({
  collection: 'employees',
  title: 'Employees',
  description: 'Who works here: their job, department and contact details.',
  // Where log-ins are made, since this page is not it (the link only for those who may open it).
  note: (ctx) => h('p', { class: 'page-note', 'data-testid': 'employees-login-note' },
    'Employees do not log in with these records. Log-ins are API tokens, made by an admin ',
    canOpen(ctx.role ?? null, '/operator') ? h('a', { href: '#/operator' }, 'on the Operator page') : 'on the Operator page',
    ' or on the server with ', h('code', null, 'switchboard token create --name NAME --role ROLE'), '.'),
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
