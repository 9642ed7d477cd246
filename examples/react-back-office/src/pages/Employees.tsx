import type { FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@switchboard/client';
import { useSwitchboard } from '@switchboard/react-query';
import { enumValues, useCatalog } from '../catalog';
import { Field, optionalTextOf, textOf } from '../components/forms';
import { Loaded } from '../components/Loaded';
import { PageHeader } from '../components/PageHeader';
import { Table } from '../components/Table';
import { describeError } from '../errors';
import { humanize } from '../format';
import { listKey } from '../keys';
import { useDelete } from '../mutations';

type Role = Schemas['Employee']['role'];

const PARAMS = { limit: 50 }; // the newest 50

export function EmployeesPage() {
  const sb = useSwitchboard();
  const employees = useQuery({
    queryKey: listKey('employees', PARAMS),
    queryFn: () => unwrap(sb.api.GET('/api/employees', { params: { query: PARAMS } })),
  });
  const catalog = useCatalog();
  const remove = useDelete('employees');

  return (
    <>
      <PageHeader title="Employees" total={employees.data?.total} />
      <p className="muted">Staff records. Nobody logs in with one: log-ins are API tokens.</p>
      <Loaded query={catalog}>{(loaded) => <NewEmployeeForm roles={enumValues(loaded, 'employees', 'role')} />}</Loaded>
      {remove.isError && <p role="alert" className="error">{describeError(remove.error)}</p>}
      <Loaded query={employees}>
        {(page) => (
          <Table
            label="Employees"
            rows={page.items}
            rowKey={(employee) => employee.id}
            empty="No employees yet."
            columns={[
              { header: 'Name', cell: (employee) => employee.name },
              { header: 'Email', cell: (employee) => employee.email },
              { header: 'Role', cell: (employee) => humanize(employee.role) },
              { header: 'Department', cell: (employee) => employee.department ?? '—' },
              { header: 'Active', cell: (employee) => (employee.active ? 'Yes' : 'No') },
              {
                header: 'Actions',
                cell: (employee) => (
                  <button type="button" className="button danger small" aria-label={`Delete ${employee.name}`}
                    disabled={remove.isPending} onClick={() => remove.mutate(employee)}>Delete</button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}

function NewEmployeeForm({ roles }: { roles: string[] }) {
  const sb = useSwitchboard();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Schemas['NewEmployee']) => unwrap(sb.api.POST('/api/employees', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['employees'] }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.mutate(
      {
        name: textOf(data, 'name'),
        email: textOf(data, 'email'),
        role: textOf(data, 'role') as Role, // one of the select's options: the catalogue's roles
        department: optionalTextOf(data, 'department'),
      },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <form className="card inline-form" onSubmit={submit} aria-label="New employee">
      <Field label="Name">{(id) => <input id={id} name="name" required />}</Field>
      <Field label="Email">{(id) => <input id={id} name="email" type="email" required />}</Field>
      <Field label="Role">
        {(id) => (
          <select id={id} name="role" defaultValue="staff">
            {roles.map((role) => <option key={role} value={role}>{humanize(role)}</option>)}
          </select>
        )}
      </Field>
      <Field label="Department">{(id) => <input id={id} name="department" />}</Field>
      <button type="submit" className="button primary" disabled={create.isPending}>Add employee</button>
      {create.isError && <p role="alert" className="error">{describeError(create.error)}</p>}
    </form>
  );
}
