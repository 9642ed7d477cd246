// Types for observer.mjs.
import type { TestServer } from './server.mjs';

export interface WitnessFrame {
  type: string;
  seq?: number;
  entity?: string;
  id?: number;
  data?: Record<string, unknown> & { version?: number };
  invalidate?: (string | number)[][];
  by?: { token_id: number | null; name: string; role: string };
  [field: string]: unknown;
}

export interface Witness {
  /** Every event frame, in arrival order. */
  readonly events: WitnessFrame[];
  /** Every frame (events, acks, resyncs, operator reports…), in arrival order. */
  readonly frames: WitnessFrame[];
  readonly closed: { code: number; reason: string } | null;
  close(): void;
}

export declare function observe(
  server: TestServer,
  options: { WebSocketImpl: unknown; topics?: string[]; since?: number | null; token?: string },
): Promise<Witness>;
