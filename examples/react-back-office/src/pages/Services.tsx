import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap, type Schemas } from '@switchboard/client';
import { useSwitchboard } from '@switchboard/react-query';
import { Field, optionalTextOf, textOf } from '../components/forms';
import { Loaded } from '../components/Loaded';
import { PageHeader } from '../components/PageHeader';
import { Table } from '../components/Table';
import { describeError } from '../errors';
import { formatCents, parseCents } from '../format';
import { listKey } from '../keys';
import { useDelete } from '../mutations';

const PARAMS = { limit: 50 }; // the newest 50

export function ServicesPage() {
  const sb = useSwitchboard();
  const services = useQuery({
    queryKey: listKey('services', PARAMS),
    queryFn: () => unwrap(sb.api.GET('/api/services', { params: { query: PARAMS } })),
  });
  const remove = useDelete('services');

  return (
    <>
      <PageHeader title="Services" total={services.data?.total} />
      <NewServiceForm />
      {remove.isError && <p role="alert" className="error">{describeError(remove.error)}</p>}
      <Loaded query={services}>
        {(page) => (
          <Table
            label="Services"
            rows={page.items}
            rowKey={(service) => service.id}
            empty="No services yet."
            columns={[
              { header: 'Name', cell: (service) => service.name },
              { header: 'Description', cell: (service) => service.description ?? '—' },
              { header: 'Price', numeric: true, cell: (service) => formatCents(service.price_cents) },
              { header: 'Duration', numeric: true, cell: (service) => (service.duration_minutes ? `${service.duration_minutes} min` : '—') },
              { header: 'Active', cell: (service) => (service.active ? 'Yes' : 'No') },
              {
                header: 'Actions',
                cell: (service) => (
                  <button type="button" className="button danger small" aria-label={`Delete ${service.name}`}
                    disabled={remove.isPending} onClick={() => remove.mutate(service)}>Delete</button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}

function NewServiceForm() {
  const sb = useSwitchboard();
  const queryClient = useQueryClient();
  const [priceProblem, setPriceProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: Schemas['NewService']) => unwrap(sb.api.POST('/api/services', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['services'] }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const priceCents = parseCents(textOf(data, 'price'));
    setPriceProblem(priceCents === null ? 'Price: write an amount like 25 or 25.50.' : null);
    if (priceCents === null) return;
    const duration = textOf(data, 'duration');
    create.mutate(
      {
        name: textOf(data, 'name'),
        description: optionalTextOf(data, 'description'),
        price_cents: priceCents,
        duration_minutes: duration ? Number(duration) : undefined,
      },
      { onSuccess: () => form.reset() },
    );
  }

  const problem = priceProblem ?? (create.isError ? describeError(create.error) : null);
  return (
    <form className="card inline-form" onSubmit={submit} aria-label="New service">
      <Field label="Name">{(id) => <input id={id} name="name" required />}</Field>
      <Field label="Description">{(id) => <input id={id} name="description" />}</Field>
      <Field label="Price ($)">{(id) => <input id={id} name="price" inputMode="decimal" required placeholder="25.00" />}</Field>
      <Field label="Duration (min)">{(id) => <input id={id} name="duration" type="number" min={1} step={1} />}</Field>
      <button type="submit" className="button primary" disabled={create.isPending}>Add service</button>
      {problem && <p role="alert" className="error">{problem}</p>}
    </form>
  );
}
