/**
 * Chatroom load shedding is per room for the whole cluster: messages a room delivered through one
 * node use up the window on the others, so a room with members on two nodes delivers at most its
 * ceiling per window, not twice it; the sender whose message was dropped is told in the ack. Two
 * `startServer` nodes on one Redis, one clock they share (windows are 200 ms slices of that clock).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunningServer } from '../../server/index.js';
import { roomText, roomTexts } from '../server/chatroom-helpers.js';
import { TestClock, type TestSocket } from '../server/helpers.js';
import { eventually } from './harness.js';
import { useInProcessNodes } from './in-process-nodes.js';

const CEILING = 10;
const WINDOW_MS = 200;

describe('cluster: one shedding window per room across nodes', { timeout: 60_000 }, () => {
  const clock = new TestClock(Date.now());
  const { nodes, connect } = useInProcessNodes('budget', ['b1', 'b2'], {
    clock,
    sendRatePerSecond: 0,
    chatroom: { sweepMs: 0, sheddingCeiling: CEILING, sheddingWindowMs: WINDOW_MS },
  });

  async function member(node: RunningServer, userId: string): Promise<TestSocket> {
    const socket = await connect(node, userId);
    assert.equal((await socket.request('joinChatRoom', { chatRoomId: 'budget-room', count: 0 })).code, 0);
    return socket;
  }

  it('a second node drops what the first already delivered beyond the ceiling, and tells the sender; a new window delivers again', async () => {
    const one = await member(nodes[0]!, 'bu-1');
    const two = await member(nodes[1]!, 'bu-2');
    const send = async (s: TestSocket, text: string): Promise<string | undefined> => {
      const res = await s.request('sendChatroomMessage', roomText('budget-room', text));
      assert.equal(res.code, 0);
      return res.data.dropped;
    };
    clock.advance(WINDOW_MS - (clock.now() % WINDOW_MS));
    for (let i = 0; i < CEILING - 2; i++) await send(one, `one-${i}`);
    // Node b2 has heard the first node's deliveries before its own member sends.
    await eventually(async () => roomTexts(two).length === CEILING - 2, 'b2 hears the first eight');
    const acks: Array<string | undefined> = [];
    for (let i = 0; i < 5; i++) acks.push(await send(two, `two-${i}`));
    assert.deepEqual(
      acks,
      [undefined, undefined, 'overCeiling', 'overCeiling', 'overCeiling'],
      'the sender is told which were dropped',
    );
    // A sender does not get its own message back: b1's member hears only b2's.
    assert.equal(nodes[1]!.metrics().chatroom.messagesDropped, 3, 'b2 dropped what was over the room ceiling');
    assert.deepEqual(nodes[1]!.metrics().chatroom.droppedByRoom['budget-room'], { dropped: 3, lowPriority: 0 });
    await eventually(async () => roomTexts(one).length === 2, 'b1 hears the two within the ceiling');
    assert.deepEqual(roomTexts(one), ['two-0', 'two-1'], 'the room delivered its ceiling, not more');

    clock.advance(WINDOW_MS);
    assert.equal(await send(two, 'next window'), undefined);
    await eventually(async () => roomTexts(one).includes('next window'), 'a new window delivers');
  });
});
