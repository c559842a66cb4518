/**
 * A node id's lease in Redis (`node:<id>`, under the cluster prefix): held by one process at a
 * time. The process claims it at start and its heartbeat renews it; the value names the process
 * (a random token) and counts its renewals, so a second process started with the same `--node-id`
 * sees the lease being renewed and refuses to start, instead of running beside the first one and
 * leaving ghost members behind when it stops. A lease that is no longer renewed (the earlier
 * process of a restarted node was killed) is taken over once a renewal is overdue; one released by
 * a clean shutdown is taken over at once. A renewal that finds the lease gone (Redis restarted empty
 * or was flushed) takes it again with a warning; one that finds another process's lease there (that
 * process started with this id meanwhile) reports the duplicate, and this process stops.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface NodeLeaseOptions {
  redis: Redis;
  prefix: string;
  nodeId: string;
  /** The lease, ms; renewed every `leaseMs / 3`. */
  leaseMs: number;
  /** The Redis URL (password hidden), for the refusal message. */
  redisUrl: string;
  log(line: string): void;
  /** A renewal found another process holding the lease: this one must stop (once). */
  onTaken?(error: Error): void;
}

const RELEASED = 'released ';

// KEYS: lease. ARGV: this process's token, the new value, lease ms.
// 1 = renewed, 2 = it was gone and is taken again, 0 = another process holds it.
const RENEW = `
local v = redis.call('GET', KEYS[1])
if v == false then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 2
end
if string.sub(v, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. ' ' then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

// KEYS: lease. ARGV: the value seen, the new value, lease ms. Takes the lease only if it still holds what was seen.
const TAKE_OVER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

// KEYS: lease. ARGV: token. Marks the lease released (keeping its expiry, so members stay until it lapses).
const RELEASE = `
local v = redis.call('GET', KEYS[1])
if v ~= false and string.sub(v, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. ' ' then
  redis.call('SET', KEYS[1], '${RELEASED}' .. ARGV[1], 'KEEPTTL')
end
return 0`;

type Scripts = {
  parleyLeaseRenew(key: string, token: string, value: string, leaseMs: string): Promise<number>;
  parleyLeaseTakeOver(key: string, seen: string, value: string, leaseMs: string): Promise<number>;
  parleyLeaseRelease(key: string, token: string): Promise<number>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How often the holder renews its lease, ms. */
export function renewEveryMs(leaseMs: number): number {
  return Math.max(100, Math.floor(leaseMs / 3));
}

export class NodeLease {
  private readonly token = randomBytes(9).toString('base64url');
  private renewals = 0;
  private taken = false;
  private readonly redis: Redis & Scripts;
  private readonly key: string;

  private constructor(private readonly options: NodeLeaseOptions) {
    const redis = options.redis;
    redis.defineCommand('parleyLeaseRenew', { numberOfKeys: 1, lua: RENEW });
    redis.defineCommand('parleyLeaseTakeOver', { numberOfKeys: 1, lua: TAKE_OVER });
    redis.defineCommand('parleyLeaseRelease', { numberOfKeys: 1, lua: RELEASE });
    this.redis = redis as Redis & Scripts;
    this.key = `${options.prefix}node:${options.nodeId}`;
  }

  /**
   * Claims the node id, or rejects with a message naming it when another live process holds it.
   * Waits up to half a lease when an earlier process's lease is still there, to see whether it is
   * renewed.
   */
  static async claim(options: NodeLeaseOptions): Promise<NodeLease> {
    const lease = new NodeLease(options);
    await lease.acquire();
    return lease;
  }

  /**
   * Renews the lease; false when another process holds it now (this one's lapsed or vanished and was
   * taken), which is reported once through `onTaken`.
   */
  async renew(): Promise<boolean> {
    const { leaseMs, nodeId, redisUrl } = this.options;
    const result = await this.redis.parleyLeaseRenew(this.key, this.token, this.next(), String(leaseMs));
    if (result === 2) {
      // Nobody holds the id now, but a second process with it could have started unseen meanwhile.
      this.options.log(
        `WARNING: node ${nodeId}: its lease ${this.key} was gone from Redis at ${redisUrl} (Redis restarted empty or ` +
          'was flushed, or this process stalled past the lease); taken again',
      );
    }
    if (result === 0 && !this.taken) {
      this.taken = true;
      this.options.onTaken?.(this.inUse('is held by another process now'));
    }
    return result !== 0;
  }

  /** Marks the lease released, so a restart with this node id need not wait. Best effort. */
  async release(): Promise<void> {
    await this.redis.parleyLeaseRelease(this.key, this.token).catch(() => {});
  }

  private inUse(how: string): Error {
    return new Error(
      `node id "${this.options.nodeId}" is in use by another running node (its lease ${this.key} in Redis at ` +
        `${this.options.redisUrl} ${how}); give each node its own --node-id`,
    );
  }

  private next(): string {
    return `${this.token} ${++this.renewals}`;
  }

  private async acquire(): Promise<void> {
    const { redis, leaseMs, nodeId } = this.options;
    for (;;) {
      if ((await redis.set(this.key, this.next(), 'PX', leaseMs, 'NX')) === 'OK') return;
      let seen = await redis.get(this.key);
      if (seen === null) continue;
      if (!seen.startsWith(RELEASED)) {
        const waitMs = Math.ceil(renewEveryMs(leaseMs) * 1.5);
        this.options.log(
          `node ${nodeId}: the node id's lease is held in Redis; waiting ${waitMs} ms to see whether another process renews it`,
        );
        await sleep(waitMs);
        const now = await redis.get(this.key);
        if (now === null) continue;
        if (now !== seen && !now.startsWith(RELEASED)) throw this.inUse('is being renewed');
        seen = now;
      }
      const taken = await this.redis.parleyLeaseTakeOver(this.key, seen, this.next(), String(leaseMs));
      if (taken === 1) return;
    }
  }
}
