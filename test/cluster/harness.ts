/**
 * A Parley cluster for tests: nodes as child processes (`parley-server --redis-url --node-id`)
 * over one Redis and one database, a per-run key prefix so parallel runs never meet (and a
 * cleanup that deletes only that prefix), and a failover load balancer on loopback.
 *
 * The database is PostgreSQL by default: a database of the cluster's own, made by the pg harness
 * (`PARLEY_TEST_DATABASE_URL`, else the machine's 127.0.0.1:5432, else a throwaway `initdb`) and
 * passed to every node as `--database-url`, dropped by `dispose()`. `{ database: 'sqlite' }` runs
 * the nodes on one SQLite data folder instead (WAL, several processes), the embedded engine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, createConnection, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../server/pg-harness.js';
import { testRedis } from './own-redis.js';

const CLI = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));

export interface ClusterNode {
  id: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything the node printed (for failure messages). */
  output(): string;
}

export interface Cluster {
  app: { appKey: string; appSecret: string };
  prefix: string;
  dataDir: string;
  /** The cluster's PostgreSQL database (absent on the SQLite variant). */
  databaseUrl?: string;
  nodes: Map<string, ClusterNode>;
  redis: Redis;
  redisUrl: string;
  node(id: string): ClusterNode;
  start(id: string, port?: number): Promise<ClusterNode>;
  /** SIGKILL: no goodbye to Redis or the database. */
  kill(id: string): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(id: string): Promise<void>;
  dispose(): Promise<void>;
}

export interface ClusterOptions {
  leaseMs?: number;
  /** Extra environment for the nodes. */
  env?: Record<string, string>;
  /** 'postgres' (default): a database of the cluster's own; 'sqlite': one shared data folder. */
  database?: 'postgres' | 'sqlite';
}

export async function startCluster(ids: string[], options: ClusterOptions = {}): Promise<Cluster> {
  const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cluster-'));
  const app = { appKey: `cluster-${randomBytes(4).toString('hex')}`, appSecret: randomBytes(16).toString('hex') };
  const database: TestDatabase | null =
    (options.database ?? 'postgres') === 'postgres' ? await createTestDatabase() : null;
  const engine = await testRedis();
  const REDIS_URL = engine.url;
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const nodes = new Map<string, ClusterNode>();

  const start = (id: string, port = 0): Promise<ClusterNode> => {
    const args = [
      '--import',
      'tsx',
      CLI,
      '--port',
      String(port),
      '--data',
      dataDir,
      '--app-key',
      app.appKey,
      '--app-secret',
      app.appSecret,
      '--send-rate',
      '0',
      '--redis-url',
      REDIS_URL,
      '--node-id',
      id,
      '--redis-prefix',
      prefix,
      '--lease-ms',
      String(options.leaseMs ?? 2000),
      ...(database ? ['--database-url', database.url] : []),
    ];
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    let out = '';
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += String(chunk);
        const match = /Parley server listening on (http:\/\/\S+)/.exec(out);
        if (match && !nodes.has(id)) {
          const url = match[1]!;
          const node = { id, url, port: Number(new URL(url).port), child, output: () => out };
          nodes.set(id, node);
          resolve(node);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (out += String(chunk)));
      child.once('exit', (code, signal) => {
        if (nodes.get(id)?.child === child) nodes.delete(id);
        reject(new Error(`node ${id} exited (${code ?? signal}): ${out}`));
      });
    });
  };

  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );

  const cluster: Cluster = {
    app,
    prefix,
    dataDir,
    ...(database ? { databaseUrl: database.url } : {}),
    nodes,
    redis,
    redisUrl: REDIS_URL,
    node(id) {
      const node = nodes.get(id);
      if (!node) throw new Error(`node ${id} is not running`);
      return node;
    },
    start,
    async kill(id) {
      const node = cluster.node(id);
      node.child.kill('SIGKILL');
      await exited(node.child);
    },
    async stop(id) {
      const node = cluster.node(id);
      node.child.kill('SIGTERM');
      await exited(node.child);
    },
    async dispose() {
      for (const node of [...nodes.values()]) {
        node.child.kill('SIGKILL');
        await exited(node.child);
      }
      await deletePrefix(redis, prefix);
      redis.disconnect();
      await engine.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    // All at once, as an operator's nodes come up: the schema steps serialise themselves (advisory
    // lock on PostgreSQL, BEGIN IMMEDIATE on SQLite).
    await Promise.all(ids.map((id) => start(id)));
  } catch (error) {
    await cluster.dispose();
    throw error;
  }
  return cluster;
}

/** Deletes this run's keys only (never FLUSHALL: the Redis is shared). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

/** Kills a node's Redis subscriber connection (as a network blip would), found by its name. */
export async function killSubscriber(redis: Redis, nodeId: string): Promise<void> {
  const list = (await redis.client('LIST')) as string;
  const line = list.split('\n').find((l) => l.includes(` name=parley-${nodeId}-sub `));
  const id = line ? /(?:^|\s)id=(\d+)/.exec(line)?.[1] : undefined;
  if (!id) throw new Error(`no subscriber connection of node ${nodeId}`);
  await redis.client('KILL', 'ID', id);
}

/**
 * A TCP load balancer on loopback without sticky sessions: each new connection goes to the first
 * backend in its list that accepts it (failover order), so a test decides where users land first
 * and where they go when that node dies.
 */
export class FailoverBalancer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly backends: () => number[]) {
    this.server = createServer((client) => this.route(client, this.backends(), 0));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** Cuts every open connection (a network blip for the clients behind it). */
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(client: Socket, ports: number[], i: number): void {
    if (i >= ports.length) return void client.destroy();
    client.pause();
    const upstream = createConnection({ host: '127.0.0.1', port: ports[i]! });
    // Refused (the node is down): try the next one.
    upstream.once('error', () => this.route(client, ports, i + 1));
    upstream.once('connect', () => {
      upstream.removeAllListeners('error');
      this.sockets.add(client);
      this.sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
      const done = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', done).on('close', done);
      upstream.on('error', done).on('close', done);
    });
  }
}

/** Polls an async check until it holds. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 5000,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
