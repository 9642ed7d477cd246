import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { describeError } from '../errors';

/** A query's data once loaded; "Loading…" before, the error if it failed. */
export function Loaded<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <p className="muted">Loading…</p>;
  if (query.isError) return <p role="alert" className="error">{describeError(query.error)}</p>;
  return <>{children(query.data)}</>;
}
