/**
 * Abuse part (5): requests aborted mid-body or malformed must not fill the log: each is one short
 * line (no stack), and beyond the per-minute budget they are only counted ("suppressed K").
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestServer, sleep, type TestServer } from './helpers.js';

describe('abuse: aborted and malformed Server API requests are logged briefly, rate-limited', () => {
  const lines: string[] = [];
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ logger: (line) => lines.push(line), apiRefusalLogsPerMinute: 5 });
  });
  after(() => t.close());

  async function abortMidBody(): Promise<void> {
    const socket = connect(t.server.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      'POST /user/getToken.json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"userId":',
    );
    await sleep(5);
    socket.destroy();
  }

  it('30 aborted requests and 30 malformed ones log at most 5 one-line entries, then a count', async () => {
    const start = lines.length;
    for (let i = 0; i < 30; i++) await abortMidBody();
    for (let i = 0; i < 30; i++)
      await fetch(`${t.server.url}/user/getToken.json`, { method: 'POST', body: '{not json' });
    await sleep(100);
    const logged = lines.slice(start).filter((l) => l.startsWith('server-api'));
    assert.ok(logged.length <= 5, logged.join('\n'));
    assert.ok(
      logged.some((l) => /aborted/.test(l)),
      logged.join('\n'),
    );
    for (const line of logged) {
      assert.ok(!line.includes('\n'), `one line: ${line}`);
      assert.ok(!/\bat .+:\d+:\d+/.test(line), `no stack: ${line}`);
      assert.ok(!/internal error|failed/.test(line), `not an internal error: ${line}`);
    }
  });

  it('the suppressed lines are summed up when the window ends', async () => {
    const lines2: string[] = [];
    const clock = {
      time: 1_700_000_000_000,
      now() {
        return this.time;
      },
    };
    const { rateLimitedLog } = await import('../../server/limits/log-limiter.js');
    const log = rateLimitedLog((l) => lines2.push(l), 'x', { perWindow: 2, windowMs: 60_000, clock });
    for (let i = 0; i < 10; i++) log(`line ${i}\n    at stack (file.ts:1:2)`);
    clock.time += 60_000;
    log('next window');
    assert.deepEqual(lines2, [
      'x: line 0     at stack (file.ts:1:2)',
      'x: line 1     at stack (file.ts:1:2)',
      'x: suppressed 8 similar lines in the last 60 s',
      'x: next window',
    ]);
  });
});
