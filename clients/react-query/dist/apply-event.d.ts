import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { EventFrame } from '@switchboard/client';
/**
 * Apply `event` to `queryClient`'s cache, unless an event with the same or a later seq was
 * applied already (a replay overlapping the live stream, or a second connection).
 * Returns whether the event was applied.
 */
export declare function applyEvent(queryClient: QueryClient, event: EventFrame): boolean;
/** The highest event seq applied to `queryClient`, if any: where a new connection resumes from. */
export declare function appliedSeqOf(queryClient: QueryClient): number | undefined;
/**
 * The server could not replay what was missed (or its log restarted below what was applied):
 * every query may be stale. Later events count from `seq`, the server's position now.
 */
export declare function applyResync(queryClient: QueryClient, seq: number | null | undefined): void;
/** ['order', 42]: the key of one record (the collection's item_key and its id). */
export declare function isRecordKey(key: QueryKey): key is readonly [string, number];
