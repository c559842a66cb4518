/**
 * Abuse part (Server API): requests per second per App Key are bounded (HTTP 429, code 1008), and
 * only signed requests count, so a stranger flooding unsigned requests cannot use up the app's budget.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { signRequest } from '../../server/index.js';
import { TestClock, startTestServer, type TestServer } from './helpers.js';

const RATE = 10;

describe('abuse: the Server API is rate-limited per App Key', () => {
  // Frozen clock: all requests fall in the same second, so exactly RATE may pass.
  const clock = new TestClock(Date.now());
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ clock, apiRequestsPerSecond: RATE });
  });
  after(() => t.close());

  async function post(
    path: string,
    secret: string,
    body = 'userId=u1',
  ): Promise<{ status: number; body: { code: number } }> {
    const nonce = randomBytes(8).toString('hex');
    const timestamp = String(clock.now());
    const res = await fetch(t.server.url + path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'App-Key': t.server.appKey,
        Nonce: nonce,
        Timestamp: timestamp,
        Signature: signRequest(secret, nonce, timestamp),
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as { code: number } };
  }

  it('forged signatures do not spend the budget; signed requests beyond it get 429 / 1008', async () => {
    const forged = await Promise.all(
      Array.from({ length: 3 * RATE }, () => post('/user/getToken.json', 'not-the-secret')),
    );
    assert.ok(forged.every((r) => r.status === 401 && r.body.code === ServerApiCode.SIGNATURE_ERROR));
    const signed = await Promise.all(
      Array.from({ length: RATE + 5 }, (_, i) => post('/user/getToken.json', t.server.appSecret, `userId=u${i}`)),
    );
    const statuses = signed.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, RATE, JSON.stringify(statuses));
    const refused = signed.filter((r) => r.status === 429);
    assert.equal(refused.length, 5);
    assert.ok(refused.every((r) => r.body.code === ServerApiCode.RATE_LIMITED));
    clock.advance(1000);
    assert.equal((await post('/user/getToken.json', t.server.appSecret)).status, 200);
  });
});
