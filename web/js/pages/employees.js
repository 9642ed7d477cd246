// Employees: the staff records (the employees collection). Not log-ins: an employee cannot log
// in; API tokens do, made by an admin on the Operator page or with `switchboard token create`.
// (The seed calls this page "User Management"; its toasts say "Employees updated".) Columns,
// filters and form fields come from the catalogue.

import { h } from '../dom.js';
import { canOpen } from '../roles.js';
import { resourcePage } from '../resource.js';

export const employeesPage = resourcePage({
  collection: 'employees',
  title: 'Employees',
  description: 'Who works here: their job, department and contact details.',
  // Where log-ins are made, since this page is not it (the link only for those who may open it).
  note: (ctx) => h('p', { class: 'page-note', 'data-testid': 'employees-login-note' },
    'Employees do not log in with these records. Log-ins are API tokens, made by an admin ',
    canOpen(ctx.role ?? null, '/operator') ? h('a', { href: '#/operator' }, 'on the Operator page') : 'on the Operator page',
    ' or on the server with ', h('code', null, 'switchboard token create --name NAME --role ROLE'), '.'),
});
