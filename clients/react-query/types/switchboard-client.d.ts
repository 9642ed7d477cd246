// TEMPORARY: the shared client contract until clients/js lands on main; deleted then.
declare module '@switchboard/client' {
  export type RealtimeState = 'connected' | 'reconnecting' | 'offline';
  export type EventFrame = {
    type: string; entity: string; id: number; seq: number;
    data?: Record<string, unknown> & { version?: number };
    ids?: number[]; invalidate: (string | number)[][];
    by?: { token_id: number | null; name: string; role: string };
  };
  export interface RealtimeOptions {
    url?: string | (() => string | Promise<string>);
    topics?: string[];
    baseDelayMs?: number; maxDelayMs?: number;
    WebSocketImpl?: typeof WebSocket;
    onStatus?: (state: RealtimeState, previous: string) => void;
    log?: Pick<Console, 'log' | 'warn'>;
  }
  export class RealtimeClient {
    constructor(options?: RealtimeOptions);
    readonly state: RealtimeState; readonly lastSeq: number | null;
    on(type: string, fn: (...args: any[]) => void): () => void;
    connect(opts?: { since?: number | null }): void; disconnect(): void;
    subscribe(topics: string[]): void; unsubscribe(topics: string[]): void;
  }
  export type Catalog = { collections: { name: string; label: string; plural_label: string }[] };
  export interface Switchboard {
    api: any;
    realtimeUrl(): Promise<string>;
    realtime(options?: Omit<RealtimeOptions, 'url' | 'WebSocketImpl'>): RealtimeClient;
    catalog(): Promise<Catalog>;
  }
  export function createSwitchboard(options?: { baseUrl?: string; token?: string | (() => string | null | undefined); fetch?: typeof fetch; WebSocketImpl?: typeof WebSocket }): Switchboard;
  export function toastFor(event: EventFrame, catalog: Catalog): { title: string; description: string };
}
