// A real Switchboard for one test file: the server binary (SWITCHBOARD_BIN, or the path CI and the
// developers' machines share) on a fresh SQLite database in a temporary directory, migrated,
// optionally seeded, with two admin tokens (the test's user and "another user"), serving on a free
// loopback port. Tests talk to it over real sockets; nothing here knows the clients under test.
//
//   const server = await startServer({ seed: true });
//   server.baseUrl, server.token, server.otherToken
//   await server.restart();   // SIGTERM, wait for the exit, serve again on the same port and database
//   await server.stop();

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const DEFAULT_BIN = '/var/tmp/sb-bin/switchboard';
// Bounds generous enough for a busy two-core machine; a server that needs longer is broken.
const STARTUP_MS = 30_000;
const SHUTDOWN_MS = 15_000;
const POLL_MS = 50;

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Start a server for a test file (call it in beforeAll, and `stop()` in afterAll).
 * @param {{ seed?: boolean, bin?: string, env?: Record<string, string> }} [options]
 */
export async function startServer({ seed = false, bin = process.env.SWITCHBOARD_BIN || DEFAULT_BIN, env = {} } = {}) {
  if (!existsSync(bin)) throw new Error(`no Switchboard binary at ${bin}: build it (cargo build) and set SWITCHBOARD_BIN to its path`);
  const server = new TestServer({ bin, port: await freePort(), env });
  try {
    await server.run(['migrate']);
    if (seed) await server.run(['seed-demo']);
    server.token = await server.createToken('Test admin', 'admin');
    server.otherToken = await server.createToken('Another user', 'admin');
    await server.start();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

export class TestServer {
  /** @type {string} the admin token of the test's own user */
  token = '';
  /** @type {string} a second admin token: "another user" making concurrent changes */
  otherToken = '';
  #child = null;
  #exit = null;

  constructor({ bin, port, env }) {
    this.bin = bin;
    this.port = port;
    this.dir = mkdtempSync(join(tmpdir(), 'switchboard-test-'));
    this.databaseUrl = `sqlite://${join(this.dir, 'sb.db')}`;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}/ws`;
    this.logFile = join(this.dir, 'server.log');
    this.log = createWriteStream(this.logFile, { flags: 'a' });
    this.env = { ...process.env, ...env, DATABASE_URL: this.databaseUrl, PORT: String(port), HOST: '127.0.0.1' };
  }

  /** Run a CLI command to completion; resolves to its stdout (also copied to the log unless quiet). */
  run(args, { quiet = false } = {}) {
    return new Promise((resolve, reject) => {
      this.log.write(`\n$ switchboard ${args.join(' ')}\n`);
      const child = spawn(this.bin, args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (!quiet) this.log.write(chunk);
      });
      child.stderr.pipe(this.log, { end: false });
      child.once('error', reject);
      child.once('exit', (code) => {
        if (code === 0) resolve(stdout);
        else reject(new Error(`\`switchboard ${args.join(' ')}\` exited with ${code}\n${this.logTail()}`));
      });
    });
  }

  /** A new token: `token create` prints its secret on its last line (kept out of the log). */
  async createToken(name, role) {
    const stdout = await this.run(['token', 'create', '--name', name, '--role', role], { quiet: true });
    const secret = stdout.trim().split('\n').at(-1)?.trim();
    if (!secret) throw new Error('`switchboard token create` printed no token');
    return secret;
  }

  /** Serve, and resolve once GET /healthz answers 200. */
  async start() {
    if (this.#child) throw new Error('the server is already running');
    this.log.write(`\n$ switchboard serve (port ${this.port})\n`);
    const child = spawn(this.bin, ['serve'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.#exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    let exited = null;
    this.#exit.then((status) => { exited = status; });
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });

    const deadline = Date.now() + STARTUP_MS;
    while (Date.now() < deadline) {
      if (exited) {
        this.#child = null;
        throw new Error(`the server exited while starting (${exited.code ?? exited.signal})\n${this.logTail()}`);
      }
      if (await this.healthy()) return;
      await delay(POLL_MS);
    }
    await this.stop();
    throw new Error(`the server did not answer /healthz within ${STARTUP_MS / 1000} s\n${this.logTail()}`);
  }

  /** Whether GET /healthz answers 200 (node:http, not fetch: a jsdom test environment replaces AbortSignal). */
  healthy() {
    return new Promise((resolve) => {
      const request = httpGet(`${this.baseUrl}/healthz`, { timeout: 2_000 }, (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode === 200));
      });
      request.once('timeout', () => request.destroy());
      request.once('error', () => resolve(false));
    });
  }

  /** SIGTERM, as a deployment does, and wait for the exit (SIGKILL if it takes over SHUTDOWN_MS). */
  async shutdown() {
    const child = this.#child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), SHUTDOWN_MS);
    await this.#exit;
    clearTimeout(timer);
    this.#child = null;
  }

  /** Stop and serve again on the same port and database (the event log survives). */
  async restart() {
    await this.shutdown();
    await this.start();
  }

  /** Stop for good and delete the temporary directory. */
  async stop() {
    await this.shutdown();
    await new Promise((resolve) => this.log.end(resolve));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The end of the server's output, for failure messages. */
  logTail(lines = 40) {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no server log)';
    }
  }

  /** A REST call with the test's token (or `token`); resolves to the fetch Response. */
  request(method, path, { body, token = this.token, headers = {} } = {}) {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}
