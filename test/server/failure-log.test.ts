import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailureLog, isRedisUnavailable } from '../../server/failure-log.js';

describe('FailureLog', () => {
  it('logs the first failure, a summary at most once a minute, and the recovery', () => {
    let now = 1_000_000;
    const lines: string[] = [];
    const failures = new FailureLog(
      'chatroom: cluster sweep',
      (l) => lines.push(l),
      () => now,
    );
    for (let i = 0; i < 10; i++) {
      failures.failed(new Error('Connection is closed.'));
      now += 1000;
    }
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^chatroom: cluster sweep failed: Connection is closed\./);
    now += 60_000;
    failures.failed(new Error('Connection is closed.'));
    assert.match(lines[1]!, /still failing \(11 times so far\)/);
    failures.succeeded();
    failures.succeeded();
    assert.deepEqual(lines.slice(2), ['chatroom: cluster sweep works again (after 11 failures)']);
    failures.failed(new Error('again'));
    assert.equal(lines.length, 4, 'a new outage is told again');
  });

  it('tells ioredis outage errors from command errors', () => {
    assert.ok(isRedisUnavailable(new Error("Stream isn't writeable and enableOfflineQueue options is false")));
    assert.ok(isRedisUnavailable(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' })));
    assert.ok(!isRedisUnavailable(new Error('WRONGTYPE Operation against a key holding the wrong kind of value')));
  });
});
