/**
 * Child processes for benchmarks: the Parley server (its real CLI), baseline servers and load
 * generators. Everything listens on 127.0.0.1 only and is killed when the benchmark ends.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'server/cli.ts');
const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) if (child.exitCode === null) child.kill('SIGKILL');
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export interface ServerChild {
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  /** Stops the child: SIGTERM (graceful) or SIGKILL. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** Fixed credentials for benchmark servers: tokens can then be issued locally, without 5k HTTP calls. */
export const BENCH_APP = { appKey: 'bench-app', appSecret: 'bench-secret-0123456789abcdef' };

/** Data folders go under BENCH_DATA_ROOT when set (e.g. /dev/shm, to take the disk out of a measurement). */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(process.env.BENCH_DATA_ROOT ?? tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Spawns a process that prints `... listening on http://HOST:PORT` and waits for that line. */
export function spawnListening(args: string[], what: string): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    let listening = false;
    let stopping = false;
    const onData = (chunk: Buffer) => {
      out += String(chunk);
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (!match) return;
      listening = true;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({
        child,
        pid: child.pid!,
        url: match[1]!,
        port: Number(match[2]),
        stop: (signal = 'SIGTERM') =>
          new Promise<void>((done) => {
            stopping = true;
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out = (out + String(chunk)).slice(-8000)));
    child.once('exit', (code, signal) => {
      reject(new Error(`${what} exited (${code}) before listening: ${out.slice(-2000)}`));
      // A server that dies mid-run says why, instead of leaving the run to fail on a missing /proc entry.
      if (listening && !stopping)
        console.error(
          `\n${what} (pid ${child.pid}) exited during the run (code ${code}, signal ${signal}); its last output:\n${out.slice(-4000)}`,
        );
    });
  });
}

/** The real Parley server (`server/cli.ts`) with SQLite in `dataDir`, no send rate limit. */
export function spawnParley(
  dataDir: string,
  port = 0,
  databaseUrl?: string,
  extraArgs: string[] = [],
): Promise<ServerChild> {
  // BENCH_SERVER_CPU_PROF=DIR: each Parley server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_SERVER_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SERVER_CPU_PROF]
    : [];
  return spawnListening(
    [
      ...profile,
      CLI,
      '--port',
      String(port),
      '--data',
      dataDir,
      '--app-key',
      BENCH_APP.appKey,
      '--app-secret',
      BENCH_APP.appSecret,
      '--send-rate',
      '0',
      '--quiet',
      ...(databaseUrl ? ['--database-url', databaseUrl] : []),
      // Later flags win (e.g. `--send-rate 5` restores the seeds' rate).
      ...extraArgs,
    ],
    'parley-server',
  );
}

/** A worker (load generator) speaking over IPC: `send` a command, `request` one and await its answer. */
export interface Worker {
  child: ChildProcess;
  /** Sends a command and resolves with the worker's reply to it. */
  request<T = unknown>(cmd: string, args?: unknown): Promise<T>;
  stop(): void;
}

/** Forks `script` (a .ts module run through tsx) with IPC. The script uses `serveCommands` from worker.ts. */
export function forkWorker(script: string, argv: string[] = []): Worker {
  const child = fork(script, argv, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let next = 1;
  const waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  child.on('message', (msg: { re: number; ok?: unknown; error?: string }) => {
    const w = waiting.get(msg.re);
    if (!w) return;
    waiting.delete(msg.re);
    if (msg.error !== undefined) w.fail(new Error(msg.error));
    else w.ok(msg.ok);
  });
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.fail(new Error(`worker ${script} exited (${code})`));
    waiting.clear();
  });
  return {
    child,
    request(cmd, args) {
      const id = next++;
      return new Promise((ok, fail) => {
        waiting.set(id, { ok: (v) => ok(v as never), fail });
        child.send({ id, cmd, args });
      });
    },
    stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Waits until the generators saw `expected` deliveries, or `timeoutMs` without progress. */
export async function drain(gens: Worker[], expected: number, timeoutMs: number): Promise<void> {
  let last = -1;
  let since = performance.now();
  for (;;) {
    const counts = await Promise.all(gens.map((g) => g.request<{ received: number }>('count')));
    const received = counts.reduce((a, c) => a + c.received, 0);
    if (received >= expected) return;
    if (received !== last) {
      last = received;
      since = performance.now();
    } else if (performance.now() - since > timeoutMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
