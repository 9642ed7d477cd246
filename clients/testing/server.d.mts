// Types for server.mjs, for the clients' TypeScript test suites.

export declare const DEFAULT_BIN: string;

export declare function freePort(): Promise<number>;

export interface StartOptions {
  /** Load the demo data (`switchboard seed-demo`). */
  seed?: boolean;
  /** The server binary; default SWITCHBOARD_BIN, else DEFAULT_BIN. */
  bin?: string;
  /** Extra environment for every command (settings from `switchboard --help`). */
  env?: Record<string, string>;
}

export declare function startServer(options?: StartOptions): Promise<TestServer>;

export declare class TestServer {
  readonly bin: string;
  readonly port: number;
  readonly dir: string;
  readonly databaseUrl: string;
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** ws://127.0.0.1:<port>/ws */
  readonly wsUrl: string;
  readonly logFile: string;
  /** The admin token of the test's own user. */
  token: string;
  /** A second admin token: "another user" making concurrent changes. */
  otherToken: string;
  run(args: string[], options?: { quiet?: boolean }): Promise<string>;
  createToken(name: string, role: string): Promise<string>;
  start(): Promise<void>;
  healthy(): Promise<boolean>;
  /** SIGTERM and wait for the exit. */
  shutdown(): Promise<void>;
  /** Stop and serve again on the same port and database. */
  restart(): Promise<void>;
  /** Stop for good and delete the temporary directory. */
  stop(): Promise<void>;
  logTail(lines?: number): string;
  /** A REST call with the test's token (or `token`). */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<Response>;
}
