/**
 * The Redis limiter while Redis is away: budgets keep being enforced, counted on the node alone
 * (no operation is refused just because Redis is down, and none goes unlimited), and counting is
 * shared again once Redis answers.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { connectRedis } from '../../server/bus/redis-connect.js';
import { RedisLimiter } from '../../server/limits/redis-limiter.js';
import { TestClock } from '../server/helpers.js';
import { OwnRedis, freePort } from './own-redis.js';

describe('cluster: the Redis limiter (outage, smooth rules)', { timeout: 30_000 }, () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('falls back to per-node counting and keeps enforcing the budget', async () => {
    const own = new OwnRedis(await freePort());
    await own.start();
    let killed = false;
    cleanup.push(() => (killed ? undefined : own.kill()));
    const logs: string[] = [];
    const redis = await connectRedis({ url: own.url, name: 'limiter-outage', log: (l) => logs.push(l) });
    cleanup.push(() => redis.disconnect());
    const clock = new TestClock(Date.now());
    const rule = { name: 'draft', limit: 3, windowMs: 60_000 };
    const limiter = new RedisLimiter({ redis, prefix: 'outage-test:', clock, log: (l) => logs.push(l) });
    const takes = async (n: number) => {
      const out: boolean[] = [];
      for (let i = 0; i < n; i++) out.push(await limiter.take(rule, 'u1'));
      return out;
    };
    assert.deepEqual(await takes(2), [true, true]);
    assert.equal(
      await redis.exists(`outage-test:lim:draft:u1:${clock.now() - (clock.now() % 60_000)}`),
      1,
      'counted in Redis',
    );
    await own.kill();
    killed = true;
    assert.deepEqual(await takes(4), [true, true, true, false], 'a node-local budget while Redis is down');
    assert.ok(
      logs.some((l) => /limiter: Redis failed/.test(l)),
      logs.join('\n'),
    );
  });

  it('a smooth rule with a fractional refill interval (3 per second) refills one unit per 333.3 ms', async () => {
    const own = new OwnRedis(await freePort());
    await own.start();
    cleanup.push(() => own.kill());
    const redis = await connectRedis({ url: own.url, name: 'limiter-smooth', log: () => {} });
    cleanup.push(() => redis.disconnect());
    const clock = new TestClock(Date.now());
    const rule = { name: 'send', limit: 3, windowMs: 1000, smooth: true };
    const limiter = new RedisLimiter({ redis, prefix: 'smooth-test:', clock, log: () => {} });
    const take = () => limiter.take(rule, 'u1');
    assert.deepEqual([await take(), await take(), await take(), await take()], [true, true, true, false]);
    clock.advance(333);
    assert.equal(await take(), false, 'not refilled before 333.3 ms');
    clock.advance(1);
    assert.deepEqual([await take(), await take()], [true, false]);
  });
});
