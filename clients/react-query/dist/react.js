import { jsx as _jsx } from "react/jsx-runtime";
// The React side: a hook that holds the shared connection while its component is mounted, and a
// provider that puts the Switchboard client and the connection's status in context.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { acquireConnection, } from './connection.js';
const ALL_TOPICS = ['*'];
const OFFLINE = { status: 'offline', lastSeq: null };
/**
 * Keep `queryClient` up to date with the server's events while this component is mounted.
 * Every component calling it with the same queryClient and client shares one connection.
 */
export function useSwitchboardRealtime(queryClient, options) {
    const { client, since, enabled = true } = options;
    const topics = normalise(options.topics ?? ALL_TOPICS);
    const topicsKey = topics.join('\n');
    // Read when they are needed (an event, the connection opening), so that new identities of the
    // callbacks or of the topics array on every render change nothing.
    const latest = useRef({ options, topics, since });
    useLayoutEffect(() => {
        latest.current = { options, topics, since };
    });
    const [lease, setLease] = useState(null);
    useEffect(() => {
        if (!enabled)
            return undefined;
        const { topics: initial, since: from } = latest.current;
        const held = acquireConnection(queryClient, client, { callbacks: () => latest.current.options }, initial, from);
        setLease(held);
        return () => {
            held.release();
            setLease(null);
        };
    }, [queryClient, client, enabled]);
    useEffect(() => {
        lease?.setTopics(latest.current.topics);
    }, [lease, topicsKey]);
    const subscribe = useCallback((onChange) => lease?.connection.watch(onChange) ?? noop, [lease]);
    const snapshot = useCallback(() => lease?.connection.snapshot ?? OFFLINE, [lease]);
    return useSyncExternalStore(subscribe, snapshot, snapshot);
}
const NOBODY = { people: [], count: 0 };
const NO_CALLBACKS = {};
/**
 * Who else is on a record (`topic`: `orders:42`) while this component is mounted, and say this
 * client is there, `viewing` or `editing` (null: only watch). Shares the provider's connection:
 * the topic is subscribed while any component holds it, and leaving it is what tells the others
 * this client left. `people` are the others (at most 20 named, editors first), `count` everyone.
 */
export function usePresence(topic, state = 'viewing') {
    const client = useSwitchboard();
    const queryClient = useQueryClient();
    const [lease, setLease] = useState(null);
    useEffect(() => {
        const held = acquireConnection(queryClient, client, { callbacks: () => NO_CALLBACKS }, [topic], null);
        setLease(held);
        return () => {
            held.release();
            setLease(null);
        };
    }, [queryClient, client, topic]);
    useEffect(() => {
        if (lease && state)
            lease.connection.announce(topic, state);
    }, [lease, topic, state]);
    const subscribe = useCallback((onChange) => lease?.connection.watch(onChange) ?? noop, [lease]);
    const snapshot = useCallback(() => lease?.connection.presenceOf(topic) ?? NOBODY, [lease, topic]);
    return useSyncExternalStore(subscribe, snapshot, snapshot);
}
// ---------------------------------------------------------------- provider and context
const SwitchboardContext = createContext(null);
const StatusContext = createContext(null);
/** Connects `client` to the QueryClient for everything below it; useSwitchboard and useRealtimeStatus read it. */
export function SwitchboardProvider({ client, queryClient, children, ...options }) {
    const { status } = useSwitchboardRealtime(useQueryClient(queryClient), { client, ...options });
    return (_jsx(SwitchboardContext.Provider, { value: client, children: _jsx(StatusContext.Provider, { value: status, children: children }) }));
}
/** The Switchboard client of the nearest SwitchboardProvider. */
export function useSwitchboard() {
    return required(useContext(SwitchboardContext), 'useSwitchboard');
}
/** The state of the nearest SwitchboardProvider's connection. */
export function useRealtimeStatus() {
    return required(useContext(StatusContext), 'useRealtimeStatus');
}
function required(value, hook) {
    if (value === null)
        throw new Error(`${hook}() must be called inside a <SwitchboardProvider>`);
    return value;
}
/** Sorted without repeats, so that the same topics in another order are the same topics. */
function normalise(topics) {
    return [...new Set(topics)].sort();
}
function noop() { }
