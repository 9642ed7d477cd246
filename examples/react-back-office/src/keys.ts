// Query keys, exactly as Switchboard's events name them in `invalidate` (docs/react-query.md):
// a list is [collection, params] and a view [view name]. An event's ["orders"] reaches every
// ["orders", params] (React Query matches by prefix), so every page of every filter refetches.
export const listKey = <P extends object>(collection: string, params: P) => [collection, params] as const;
export const viewKey = (view: string) => [view] as const;
