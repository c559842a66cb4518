/**
 * Abuse part (send rate): the seeds allow 5 messages per second (20604 beyond) per USER. Opening
 * more sockets of the same user used to multiply it (20 sockets sent 100 messages in 165 ms).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { TestClock, startTestServer, textMessage, type TestServer } from './helpers.js';

describe('abuse: the send rate counts per user across all her sockets', () => {
  // Frozen clock: every send falls in the same second, so exactly the rate may pass.
  const clock = new TestClock();
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 5 });
  });
  after(() => t.close());

  it('20 sockets of one user sending at once get 5 messages through, the rest 20604', async () => {
    const sockets = await Promise.all(Array.from({ length: 20 }, () => t.connect('flooder')));
    const replies = await Promise.all(
      sockets.map((s, i) =>
        s.request('sendMessage', textMessage(ConversationType.PRIVATE, 'victim', `m${i}`, `f-${i}`)),
      ),
    );
    const codes = replies.map((r) => r.code);
    assert.equal(codes.filter((c) => c === 0).length, 5, JSON.stringify(codes));
    assert.equal(codes.filter((c) => c === ErrorCode.SEND_FREQUENCY_TOO_FAST).length, 15);
    // Another user is not slowed by the flood, and the flooder's rate comes back after a second.
    const other = await t.connect('bystander');
    assert.equal(
      (await other.request('sendMessage', textMessage(ConversationType.PRIVATE, 'victim', 'hi', 'b-1'))).code,
      0,
    );
    clock.advance(1000);
    assert.equal(
      (await sockets[7]!.request('sendMessage', textMessage(ConversationType.PRIVATE, 'victim', 'later', 'f-later')))
        .code,
      0,
    );
  });

  it('fan-out ops from another socket of the same user share the rate', async () => {
    clock.advance(1000);
    const [a, b] = [await t.connect('mixer'), await t.connect('mixer')];
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await a.request('sendMessage', textMessage(ConversationType.PRIVATE, 'victim', `a${i}`, `ma-${i}`))).code,
      );
    for (let i = 0; i < 3; i++)
      codes.push(
        (await b.request('sendMessage', textMessage(ConversationType.PRIVATE, 'victim', `b${i}`, `mb-${i}`))).code,
      );
    assert.deepEqual(codes, [0, 0, 0, 0, 0, ErrorCode.SEND_FREQUENCY_TOO_FAST]);
  });
});
