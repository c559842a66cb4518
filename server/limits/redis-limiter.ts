/**
 * The limiter shared by every node of a cluster: each budget window is one Redis counter
 * (`<prefix>lim:<rule>:<key>:<windowStart>`; a smooth rule's bucket is one number at
 * `<prefix>lim:<rule>:<key>`), checked and bumped in one script so two nodes cannot both take
 * the last unit. Windows are fixed slices of the nodes' clock (the cluster
 * already assumes synchronised clocks) and expire on their own shortly after they end.
 *
 * When Redis cannot answer, the node falls back to its own in-memory windows rather than refusing
 * every operation: a user then gets at most one budget per node until Redis is back.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import { MemoryLimiter, type LimitRule, type Limiter } from './limiter.js';

/** KEYS[1] the window's counter; ARGV cost, limit, ttl ms. Returns 1 when taken, 0 when over. */
const TAKE = `local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
if used + cost > tonumber(ARGV[2]) then return 0 end
redis.call('INCRBY', KEYS[1], cost)
if used == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1`;

/**
 * The smooth rules' bucket (GCRA, as `nextBucketTime`): KEYS[1] the key's full-again time; ARGV
 * now, the refill interval times cost, the window. Returns 1 when taken, 0 when over.
 */
const TAKE_SMOOTH = `local now = tonumber(ARGV[1])
local full = tonumber(redis.call('GET', KEYS[1]) or '0')
if full < now then full = now end
local next = full + tonumber(ARGV[2])
if next - now > tonumber(ARGV[3]) then return 0 end
redis.call('SET', KEYS[1], string.format('%.3f', next), 'PX', math.ceil(next - now) + 1)
return 1`;

type TakeCommand = (key: string, cost: number, limit: number, ttlMs: number) => Promise<number>;

export interface RedisLimiterOptions {
  /** The node's command connection (the bus's; a limiter needs no connection of its own). */
  redis: Redis;
  /** The cluster's key prefix (`parley:` by default). */
  prefix: string;
  clock: Clock;
  log(line: string): void;
}

export class RedisLimiter implements Limiter {
  private readonly fallback: MemoryLimiter;
  private readonly takeScript: TakeCommand;
  private readonly takeSmooth: TakeCommand;
  private failing = false;

  constructor(private readonly options: RedisLimiterOptions) {
    this.fallback = new MemoryLimiter(options.clock);
    options.redis.defineCommand('parleyLimiterTake', { numberOfKeys: 1, lua: TAKE });
    options.redis.defineCommand('parleyLimiterTakeSmooth', { numberOfKeys: 1, lua: TAKE_SMOOTH });
    const redis = options.redis as unknown as { parleyLimiterTake: TakeCommand; parleyLimiterTakeSmooth: TakeCommand };
    this.takeScript = (...args) => redis.parleyLimiterTake(...args);
    this.takeSmooth = (...args) => redis.parleyLimiterTakeSmooth(...args);
  }

  async take(rule: LimitRule, key: string, cost = 1): Promise<boolean> {
    if (rule.limit <= 0) return true;
    const now = this.options.clock.now();
    const start = now - (now % rule.windowMs);
    const base = `${this.options.prefix}lim:${rule.name}:${key}`;
    try {
      const taken = rule.smooth
        ? await this.takeSmooth(base, now, (rule.windowMs / rule.limit) * cost, rule.windowMs)
        : await this.takeScript(`${base}:${start}`, cost, rule.limit, rule.windowMs * 2);
      if (this.failing) this.options.log('limiter: Redis answers again; budgets are cluster-wide again');
      this.failing = false;
      return taken === 1;
    } catch (error) {
      if (!this.failing)
        this.options.log(
          `limiter: Redis failed (${(error as Error).message}); counting budgets on this node meanwhile`,
        );
      this.failing = true;
      return this.fallback.take(rule, key, cost);
    }
  }
}
