/**
 * The chatroom delivery budget (load shedding) is per room for the whole cluster: messages a room
 * delivered through one node use up the budget on the others, so a room with members on two nodes
 * delivers at most its budget per second, not twice it. Two `startServer` nodes on one Redis, one
 * clock they share (the window is a second of that clock).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunningServer } from '../../server/index.js';
import { roomText, roomTexts } from '../server/chatroom-helpers.js';
import { TestClock, type TestSocket } from '../server/helpers.js';
import { eventually } from './harness.js';
import { useInProcessNodes } from './in-process-nodes.js';

const BUDGET = 10;

describe('cluster: one delivery budget per room across nodes', { timeout: 60_000 }, () => {
  const clock = new TestClock(Date.now());
  const { nodes, connect } = useInProcessNodes('budget', ['b1', 'b2'], {
    clock,
    sendRatePerSecond: 0,
    chatroom: { sweepMs: 0, deliveryBudgetPerSecond: BUDGET },
  });

  async function member(node: RunningServer, userId: string): Promise<TestSocket> {
    const socket = await connect(node, userId);
    assert.equal((await socket.request('joinChatRoom', { chatRoomId: 'budget-room', count: 0 })).code, 0);
    return socket;
  }

  it('a second node drops what the first already delivered beyond the budget; a new second delivers again', async () => {
    const one = await member(nodes[0]!, 'bu-1');
    const two = await member(nodes[1]!, 'bu-2');
    const send = async (s: TestSocket, text: string) => assert.equal((await s.request('sendChatroomMessage', roomText('budget-room', text))).code, 0);
    for (let i = 0; i < BUDGET - 2; i++) await send(one, `one-${i}`);
    // Node b2 has heard the first node's deliveries before its own member sends.
    await eventually(async () => roomTexts(two).length === BUDGET - 2, 'b2 hears the first eight');
    for (let i = 0; i < 5; i++) await send(two, `two-${i}`);
    // A sender does not get its own message back: b1's member hears only b2's.
    assert.equal(nodes[1]!.metrics().chatroom.messagesDropped, 3, 'b2 dropped what was over the room budget');
    await eventually(async () => roomTexts(one).length === 2, 'b1 hears the two within the budget');
    assert.deepEqual(roomTexts(one), ['two-0', 'two-1'], 'the room delivered its budget, not more');

    clock.advance(1000);
    await send(two, 'next second');
    await eventually(async () => roomTexts(one).includes('next second'), 'a new window delivers');
  });
});
