/** A throwaway `redis-server` on a free loopback port (nothing on disk), for tests that stop Redis. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export class OwnRedis {
  private child: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it and waits until it answers PING. */
  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 5000;
    for (;;) {
      const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** SIGKILL, as a crash or a network cut would look to the nodes. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  }
}

/**
 * The Redis the cluster tests use: `PARLEY_TEST_REDIS_URL`, else the machine's `127.0.0.1:6379` when
 * it answers, else a throwaway `redis-server` of this run (a laptop without a running Redis).
 */
export async function testRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.PARLEY_TEST_REDIS_URL;
  if (given) return { url: given, stop: async () => {} };
  const local = 'redis://127.0.0.1:6379';
  const probe = new Redis(local, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return { url: local, stop: async () => {} };
  } catch {
    const own = new OwnRedis(await freePort());
    await own.start();
    return { url: own.url, stop: () => own.kill() };
  } finally {
    probe.disconnect();
  }
}
