// The per-user and per-app budgets follow the server's clock; a clock that steps back (NTP, a test's
// clock) must not refuse a user or an app for the length of the step.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MemoryLimiter, type LimitRule } from '../../server/limits/limiter.js';

const perSecond: LimitRule = { name: 'send', limit: 5, windowMs: 1000, smooth: true };

describe('limiter and the clock', () => {
  it('a smooth budget spent at a later time is available again after the clock steps back an hour', async () => {
    let now = 10 * 3_600_000;
    const limiter = new MemoryLimiter({ now: () => now });
    for (let i = 0; i < 5; i++) assert.equal(await limiter.take(perSecond, 'alice'), true);
    assert.equal(await limiter.take(perSecond, 'alice'), false, 'the sixth in the same instant is over the budget');
    now -= 3_600_000;
    assert.equal(await limiter.take(perSecond, 'alice'), true, 'after the step back the budget is full again');
  });

  it('a step back within the window keeps the budget spent (no extra burst)', async () => {
    let now = 1_000_000;
    const limiter = new MemoryLimiter({ now: () => now });
    for (let i = 0; i < 5; i++) assert.equal(await limiter.take(perSecond, 'bob'), true);
    now -= 100;
    assert.equal(await limiter.take(perSecond, 'bob'), false);
  });
});
