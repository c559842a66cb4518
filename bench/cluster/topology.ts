/**
 * The two set-ups the cluster benchmark compares: one Parley node (embedded default: SQLite and the
 * in-process bus) and three nodes on one Redis (a per-run key prefix, deleted afterwards) sharing
 * one data folder. Every node is the real CLI in its own process.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { BENCH_APP, spawnListening, tempDir, type ServerChild } from '../lib/children.js';

const CLI = join(fileURLToPath(new URL('../../', import.meta.url)), 'server/cli.ts');

export interface Topology {
  name: string;
  nodes: ServerChild[];
  /** Bus counters summed over the nodes (from `/metrics`). */
  busCounters(): Promise<{ published: number; received: number }>;
  stop(): Promise<void>;
}

function nodeArgs(data: string, extra: string[]): string[] {
  // Chatroom load shedding off: the bench measures fan-out, not the room's ceiling.
  return [
    CLI,
    '--port',
    '0',
    '--data',
    data,
    '--app-key',
    BENCH_APP.appKey,
    '--app-secret',
    BENCH_APP.appSecret,
    '--send-rate',
    '0',
    '--chatroom-shedding-ceiling',
    '0',
    '--quiet',
    ...extra,
  ];
}

async function busCounters(nodes: ServerChild[]): Promise<{ published: number; received: number }> {
  const all = await Promise.all(
    nodes.map(
      async (n) =>
        ((await (await fetch(`${n.url}/metrics`)).json()) as { bus: { published: number; received: number } }).bus,
    ),
  );
  return { published: all.reduce((a, b) => a + b.published, 0), received: all.reduce((a, b) => a + b.received, 0) };
}

export async function singleNode(): Promise<Topology> {
  const data = tempDir('parley-cluster-bench-1-');
  const node = await spawnListening(nodeArgs(data.path, []), 'parley (1 node)');
  return {
    name: '1 node',
    nodes: [node],
    busCounters: () => busCounters([node]),
    async stop() {
      await node.stop('SIGTERM');
      data.remove();
    },
  };
}

export async function threeNodes(redisUrl: string): Promise<Topology> {
  const data = tempDir('parley-cluster-bench-3-');
  const prefix = `parley-bench-${randomBytes(6).toString('hex')}:`;
  const nodes: ServerChild[] = [];
  for (const id of ['a', 'b', 'c']) {
    nodes.push(
      await spawnListening(
        nodeArgs(data.path, ['--redis-url', redisUrl, '--node-id', id, '--redis-prefix', prefix]),
        `parley node ${id}`,
      ),
    );
  }
  return {
    name: '3 nodes',
    nodes,
    busCounters: () => busCounters(nodes),
    async stop() {
      await Promise.all(nodes.map((n) => n.stop('SIGTERM')));
      await deletePrefix(redisUrl, prefix);
      data.remove();
    },
  };
}

/** Only this run's keys (the Redis may be shared: never FLUSHALL). */
async function deletePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
