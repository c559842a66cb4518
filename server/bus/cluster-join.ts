/**
 * A node's bus and chatroom presence: with a Redis URL, the Redis bus, this process's claim on its
 * node id (`node-lease.ts`) and the presence that renews it; without one, the in-process bus.
 */
import { redactUrl } from '../storage/unavailable.js';
import type { Bus } from './bus.js';
import { InProcessBus } from './in-process.js';
import { NodeLease } from './node-lease.js';
import { RedisBus } from './redis.js';
import { RedisPresence } from './redis-presence.js';

export interface ClusterJoinOptions {
  redisUrl?: string;
  nodeId: string;
  prefix: string;
  leaseMs: number;
  log(line: string): void;
  /** Another process took this node's id while it ran (`NodeLease`): the node must stop. */
  onTaken?(error: Error): void;
}

export interface JoinedCluster {
  bus: Bus;
  /** Null without Redis. */
  redisBus: RedisBus | null;
  presence?: RedisPresence;
}

/** Connects; rejects (naming the URL or the node id) when Redis is away or the node id is taken. */
export async function joinCluster(options: ClusterJoinOptions): Promise<JoinedCluster> {
  const { redisUrl, nodeId, prefix, leaseMs, log, onTaken } = options;
  if (!redisUrl) return { bus: new InProcessBus(nodeId), redisBus: null };
  const redisBus = await RedisBus.connect({ url: redisUrl, nodeId, prefix, log });
  // One process per node id: a second one with the same id stops here, before it touches anything.
  const lease = await NodeLease.claim({
    redis: redisBus.redis,
    prefix,
    nodeId,
    leaseMs,
    redisUrl: redactUrl(redisUrl),
    log,
    onTaken,
  }).catch(async (error: unknown) => {
    await redisBus.close();
    throw error;
  });
  const presence = new RedisPresence({ redis: redisBus.redis, prefix, nodeId, leaseMs, lease, log });
  return { bus: redisBus, redisBus, presence };
}
