/**
 * Abuse limits are per user for the whole cluster: a user who spreads her requests over two nodes
 * gets one budget, not one per node (drafts, the send rate and chatroom attributes here; every budget
 * goes through the same Redis limiter). Two `startServer` nodes on one Redis, one shared frozen clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { TestClock, textMessage } from '../server/helpers.js';
import { useInProcessNodes } from './in-process-nodes.js';

const { PRIVATE } = ConversationType;

describe('cluster: one budget per user across nodes', { timeout: 60_000 }, () => {
  const clock = new TestClock(Date.now());
  const { nodes, connect } = useInProcessNodes('limits', ['l1', 'l2'], {
    clock,
    sendRatePerSecond: 5,
    limits: { draftsPerMinute: 6 },
    chatroom: { sweepMs: 0, limits: { kvPerMinute: 4 } },
  });

  it('drafts saved through two nodes share one per-minute budget', async () => {
    const [a, b] = [await connect(nodes[0]!, 'dana'), await connect(nodes[1]!, 'dana')];
    await connect(nodes[0]!, 'friend');
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = i % 2 === 0 ? a : b;
      codes.push(
        (await s.request('saveTextMessageDraft', { conversationType: PRIVATE, targetId: 'friend', draft: `d${i}` }))
          .code,
      );
    }
    assert.deepEqual(codes, [0, 0, 0, 0, 0, 0, ...Array(4).fill(ErrorCode.REQUEST_OVER_FREQUENCY)]);
  });

  it('sends through sockets on both nodes share the 5 per second', async () => {
    const [a, b] = [await connect(nodes[0]!, 'sam'), await connect(nodes[1]!, 'sam')];
    const all = [...Array(5)].flatMap((_, i) =>
      [a, b].map((s, j) => s.request('sendMessage', textMessage(PRIVATE, 'friend', `s${i}${j}`, `s-${i}-${j}`))),
    );
    const codes = (await Promise.all(all)).map((r) => r.code);
    assert.equal(codes.filter((c) => c === 0).length, 5, JSON.stringify(codes));
    assert.equal(codes.filter((c) => c === ErrorCode.SEND_FREQUENCY_TOO_FAST).length, 5);
    clock.advance(1000);
    assert.equal((await b.request('sendMessage', textMessage(PRIVATE, 'friend', 'later', 's-later'))).code, 0);
  });

  it('chatroom attribute changes through two nodes share one per-minute budget (23425)', async () => {
    const [a, b] = [await connect(nodes[0]!, 'kim'), await connect(nodes[1]!, 'kim')];
    for (const s of [a, b])
      assert.equal((await s.request('joinChatRoom', { chatRoomId: 'lim-room', count: -1 })).code, 0);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const s = i % 2 === 0 ? a : b;
      codes.push(
        (
          await s.request('setChatRoomEntries', {
            chatRoomId: 'lim-room',
            entries: [{ key: `k${i}`, value: 'v' }],
            isBatch: false,
          })
        ).code,
      );
    }
    assert.deepEqual(codes, [
      0,
      0,
      0,
      0,
      ErrorCode.CHATROOM_SET_PROPERTY_OVER_FREQUENCY,
      ErrorCode.CHATROOM_SET_PROPERTY_OVER_FREQUENCY,
    ]);
  });
});
