import { type ReactNode } from 'react';
import { type QueryClient } from '@tanstack/react-query';
import type { PresenceState, Switchboard } from '@switchboard/client';
import { type Presence, type RealtimeCallbacks, type RealtimeStatus, type Snapshot } from './connection.js';
export interface RealtimeHookOptions extends RealtimeCallbacks {
    client: Switchboard;
    /** Default ['*']. Compared by content: a new array with the same topics changes nothing. */
    topics?: readonly string[];
    /**
     * Resume from this seq (the X-Switchboard-Seq of the first load); read when the connection opens.
     * Default: the last event applied to this queryClient, if any.
     */
    since?: number | null;
    /** Default true; false holds no connection. */
    enabled?: boolean;
}
/**
 * Keep `queryClient` up to date with the server's events while this component is mounted.
 * Every component calling it with the same queryClient and client shares one connection.
 */
export declare function useSwitchboardRealtime(queryClient: QueryClient, options: RealtimeHookOptions): Snapshot;
/**
 * Who else is on a record (`topic`: `orders:42`) while this component is mounted, and say this
 * client is there, `viewing` or `editing` (null: only watch). Shares the provider's connection:
 * the topic is subscribed while any component holds it, and leaving it is what tells the others
 * this client left. `people` are the others (at most 20 named, editors first), `count` everyone.
 */
export declare function usePresence(topic: string, state?: PresenceState | null): Presence;
export interface SwitchboardProviderProps extends RealtimeCallbacks {
    client: Switchboard;
    /** Default: the QueryClientProvider's. */
    queryClient?: QueryClient;
    topics?: readonly string[];
    since?: number | null;
    children?: ReactNode;
}
/** Connects `client` to the QueryClient for everything below it; useSwitchboard and useRealtimeStatus read it. */
export declare function SwitchboardProvider({ client, queryClient, children, ...options }: SwitchboardProviderProps): import("react").JSX.Element;
/** The Switchboard client of the nearest SwitchboardProvider. */
export declare function useSwitchboard(): Switchboard;
/** The state of the nearest SwitchboardProvider's connection. */
export declare function useRealtimeStatus(): RealtimeStatus;
