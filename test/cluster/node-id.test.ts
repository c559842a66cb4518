/**
 * One process per node id: a second `--node-id a` beside a running node "a" refuses to start with
 * a message naming the id (it would otherwise renew a's lease and leave ghost members when it
 * stops); a lease left by a killed process is taken over once it is no longer renewed; one
 * released by a clean shutdown is taken at once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { startServer, type RunningServer, type ServerOptions } from '../../server/index.js';
import { tempDir } from '../server/helpers.js';
import { deletePrefix } from './harness.js';
import { freePort, OwnRedis, testRedis } from './own-redis.js';

const CLI = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
const LEASE_MS = 900;
/** `unref`: a deadline that lost its race does not keep the process up. */
const sleep = (ms: number, unref = false) =>
  new Promise((r) => {
    const timer = setTimeout(r, ms);
    if (unref) timer.unref();
  });

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** `parley-server` in a child process on a data folder of its own; `output()` is what it printed so far. */
function spawnNode(dataDir: string, app: { appKey: string; appSecret: string }, redisArgs: string[]) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      ...['--port', '0', '--data', dataDir, '--app-key', app.appKey, '--app-secret', app.appSecret],
      ...redisArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += String(c)));
  child.stderr.on('data', (c: Buffer) => (out += String(c)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => out };
}

describe('cluster: node ids', { timeout: 60_000 }, () => {
  const prefix = `parley-test-${randomBytes(6).toString('hex')}:`;
  const app = { appKey: 'node-id-app', appSecret: 'node-id-secret-0123456789' };
  const dirs: string[] = [];
  const running: RunningServer[] = [];
  let engine: { url: string; stop(): Promise<void> };
  let redis: Redis;

  before(async () => {
    engine = await testRedis();
    redis = new Redis(engine.url);
  });
  after(async () => {
    for (const server of running) await server.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await engine.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function start(nodeId: string, extra: Partial<ServerOptions> = {}): Promise<RunningServer> {
    const dataDir = tempDir();
    dirs.push(dataDir);
    return startServer({
      ...app,
      port: 0,
      dataDir,
      redisUrl: engine.url,
      redisPrefix: prefix,
      nodeId,
      presenceLeaseMs: LEASE_MS,
      chatroom: { sweepMs: 0 },
      ...extra,
    }).then((server) => {
      running.push(server);
      return server;
    });
  }

  it('refuses a second node with the id of a running one, from code and from the command line', async () => {
    const first = await start('a');
    await assert.rejects(start('a'), /node id "a" is in use by another running node/);

    const dataDir = tempDir();
    dirs.push(dataDir);
    const node = spawnNode(dataDir, app, [
      ...['--redis-url', engine.url, '--redis-prefix', prefix, '--node-id', 'a', '--lease-ms', String(LEASE_MS)],
    ]);
    const code = await node.exited;
    const out = node.output();
    assert.equal(code, 1, out);
    assert.match(out, /parley-server: node id "a" is in use by another running node/);
    assert.doesNotMatch(out, /Parley server listening/);

    const health = (await (await fetch(`${first.url}/health`)).json()) as { status: string; nodeId: string };
    assert.deepEqual([health.status, health.nodeId], ['ok', 'a'], 'the running node carries on');
  });

  it('takes over a lease its earlier process (killed) no longer renews', async () => {
    await redis.set(`${prefix}node:k`, 'token-of-a-killed-process 12', 'PX', LEASE_MS);
    const log: string[] = [];
    const node = await start('k', { logger: (line) => log.push(line) });
    assert.equal(node.nodeId, 'k');
    assert.ok(
      log.some((l) => l.includes('waiting') && l.includes('renews it')),
      'it checked the lease first',
    );
  });

  it('restarts at once after a clean shutdown (the lease is released)', async () => {
    const first = await start('r');
    await first.close();
    running.splice(running.indexOf(first), 1);
    const log: string[] = [];
    await start('r', { logger: (line) => log.push(line) });
    assert.ok(!log.some((l) => l.includes('renews it')), log.join('\n'));
  });

  it('after a Redis wipe: takes its lease again with a warning, and exits when another process took the id', async () => {
    // A Redis of this test's own, so FLUSHALL touches nobody else's keys.
    const own = new OwnRedis(await freePort());
    await own.start();
    const wiper = new Redis(own.url);
    const lease = 'parley:node:w';
    const leaseMs = 3000; // renewed every second
    const dataDir = tempDir();
    dirs.push(dataDir);
    const { child, exited, output } = spawnNode(dataDir, app, [
      ...['--redis-url', own.url, '--node-id', 'w', '--lease-ms', String(leaseMs)],
    ]);
    const second = (): Promise<RunningServer> => {
      const dir = tempDir();
      dirs.push(dir);
      return startServer({ ...app, port: 0, dataDir: dir, redisUrl: own.url, nodeId: 'w', presenceLeaseMs: leaseMs });
    };
    let b: RunningServer | undefined;
    try {
      await until(() => output().includes('Parley server listening'), 'the first node to start');

      // Wiped, then renewed before anyone else came: the node holds its id again, and says so.
      await wiper.flushall();
      await until(() => output().includes('taken again'), 'the node to notice its lease is gone');
      assert.match(output(), /WARNING: node w: its lease parley:node:w was gone from Redis/);
      assert.ok((await wiper.get(lease)) !== null);
      await assert.rejects(second(), /node id "w" is in use by another running node/, 'still one process per id');

      // Wiped right after a renewal, and a second process with the id starts before the next one.
      const seen = await wiper.get(lease);
      await until(async () => (await wiper.get(lease)) !== seen, 'a renewal');
      await wiper.flushall();
      b = await second();
      const code = await Promise.race([exited, sleep(15_000, true).then(() => 'still running')]);
      assert.equal(code, 1, output());
      assert.match(output(), /parley-server: node id "w" is in use by another running node/);

      await sleep(1500); // a renewal or two of the second process
      const health = (await (await fetch(`${b.url}/health`)).json()) as { status: string; nodeId: string };
      assert.deepEqual([health.status, health.nodeId], ['ok', 'w'], 'the process that holds the id carries on');
    } finally {
      child.kill();
      wiper.disconnect();
      await b?.close();
      await own.kill();
    }
  });
});
