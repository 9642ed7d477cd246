import { type ReactNode } from 'react';
import { type QueryClient } from '@tanstack/react-query';
import type { Switchboard } from '@switchboard/client';
import { type RealtimeCallbacks, type RealtimeStatus, type Snapshot } from './connection.js';
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
