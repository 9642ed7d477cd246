import { useQuery } from '@tanstack/react-query';
import type { Catalog, CatalogCollection } from '@switchboard/client';
import { useSwitchboard } from '@switchboard/react-query';

/** The server's catalogue (collections, labels, fields, status machines): read once per log-in. */
export function useCatalog() {
  const sb = useSwitchboard();
  return useQuery({ queryKey: ['catalog'], queryFn: () => sb.catalog(), staleTime: Infinity });
}

function collection(catalog: Catalog, name: string): CatalogCollection {
  const found = catalog.collections.find((entry) => entry.name === name);
  if (!found) throw new Error(`the catalogue has no collection "${name}"`);
  return found;
}

/** The values an enum field takes (an employee's role…), in the catalogue's order. */
export function enumValues(catalog: Catalog, collectionName: string, field: string): string[] {
  return collection(catalog, collectionName).fields.find((entry) => entry.name === field)?.values ?? [];
}

/**
 * The statuses a record in `from` may go to through the status action (POST …/{id}/status):
 * the catalogue's status machine steps taken `by: "status"` (rules between records take the others).
 */
export function statusSteps(catalog: Catalog, collectionName: string, from: string): string[] {
  return (collection(catalog, collectionName).status_machine?.steps ?? [])
    .filter((step) => step.from === from && step.by === 'status')
    .map((step) => step.to);
}
