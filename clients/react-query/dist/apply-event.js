// Applying one server event to a QueryClient: no React, no socket, so it is easy to test.
//
// The event names the query keys it changes (`invalidate`). A list or view key is invalidated
// with React Query's prefix match. A record key (['order', 42]) gets the record the event carries
// when the cache holds an older version of it, so an open record shows the change without a
// refetch, and one's own save (whose PATCH answer is already cached) costs nothing.
/** The highest event seq applied to each QueryClient, shared by every connection feeding it. */
const appliedSeq = new WeakMap();
/**
 * Apply `event` to `queryClient`'s cache, unless an event with the same or a later seq was
 * applied already (a replay overlapping the live stream, or a second connection).
 * Returns whether the event was applied.
 */
export function applyEvent(queryClient, event) {
    const highest = appliedSeq.get(queryClient);
    if (highest !== undefined && event.seq <= highest)
        return false;
    appliedSeq.set(queryClient, event.seq);
    for (const key of event.invalidate) {
        if (isRecordKey(key))
            applyToRecord(queryClient, key, event);
        else
            void queryClient.invalidateQueries({ queryKey: key });
    }
    return true;
}
/** The highest event seq applied to `queryClient`, if any: where a new connection resumes from. */
export function appliedSeqOf(queryClient) {
    return appliedSeq.get(queryClient);
}
/**
 * The server could not replay what was missed (or its log restarted below what was applied):
 * every query may be stale. Later events count from `seq`, the server's position now.
 */
export function applyResync(queryClient, seq) {
    if (typeof seq === 'number')
        appliedSeq.set(queryClient, seq);
    else
        appliedSeq.delete(queryClient);
    void queryClient.invalidateQueries();
}
/** ['order', 42]: the key of one record (the collection's item_key and its id). */
export function isRecordKey(key) {
    return key.length === 2 && typeof key[1] === 'number';
}
function applyToRecord(queryClient, key, event) {
    // The version of this record the event carries, if it carries the record (a delete's is the past).
    const version = event.type.endsWith('_deleted') || key[1] !== event.id ? undefined : versionOf(event.data);
    if (version === undefined) {
        void queryClient.invalidateQueries({ queryKey: key, exact: true });
        return;
    }
    const cached = queryClient.getQueryData(key);
    // Nothing cached: nobody is looking at this record, and whoever does will fetch it.
    if (cached === undefined)
        return;
    const cachedVersion = versionOf(cached);
    if (cachedVersion === undefined || cachedVersion < version)
        queryClient.setQueryData(key, event.data);
    // Otherwise the cache already holds this version or a newer one: nothing to do.
}
function versionOf(record) {
    if (typeof record !== 'object' || record === null)
        return undefined;
    const version = record.version;
    return typeof version === 'number' ? version : undefined;
}
