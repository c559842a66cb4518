/**
 * Non-members see neither member ids nor counts unless the app allows it (`publicMemberInfo`):
 * getChatRoomInfo refuses a logged-in user who is not in the room with 23406, the other read ops
 * that reveal members (roles, queue, attributes, history) already do, and members keep their view.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { startTestServer, type TestServer, type TestSocket } from './helpers.js';

async function joined(t: TestServer, roomId: string, userId: string): Promise<TestSocket> {
  const s = await t.connect(userId);
  assert.equal((await s.request('joinChatRoom', { chatRoomId: roomId, count: -1 })).code, 0);
  return s;
}

describe('chatroom privacy: members and counts are for members', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({
      sendRatePerSecond: 0,
      chatroom: { sweepMs: 0, historyEnabled: true, infoPerSecond: 100, infoPerMinute: 1000 },
    });
  });
  after(async () => t.close());

  it('a logged-in stranger gets 23406 from getChatRoomInfo: no ids, no counts', async () => {
    await joined(t, 'pv1', 'pv1-a');
    await joined(t, 'pv1', 'pv1-b');
    const stranger = await t.connect('pv1-stranger');
    const r = await stranger.request('getChatRoomInfo', { chatRoomId: 'pv1', count: 20, order: 1 });
    assert.equal(r.code, ErrorCode.NOT_IN_CHATROOM);
    assert.equal(r.data, undefined, 'nothing about the room leaks with the refusal');
  });

  it('every other read that reveals members refuses a stranger too', async () => {
    await joined(t, 'pv2', 'pv2-a');
    const stranger = await t.connect('pv2-stranger');
    for (const [op, body] of [
      ['getChatRoomRoles', { chatRoomId: 'pv2' }],
      ['chatroomQueueList', { chatRoomId: 'pv2' }],
      ['getChatRoomEntries', { chatRoomId: 'pv2' }],
      ['getChatroomHistoryMessages', { chatRoomId: 'pv2' }],
    ] as const) {
      assert.equal((await stranger.request(op, body)).code, ErrorCode.NOT_IN_CHATROOM, op);
    }
  });

  it('members still get the count and the list', async () => {
    const a = await joined(t, 'pv3', 'pv3-a');
    await joined(t, 'pv3', 'pv3-b');
    const r = await a.request('getChatRoomInfo', { chatRoomId: 'pv3', count: 20, order: 1 });
    assert.equal(r.code, 0);
    assert.equal(r.data.userCount, 2);
    assert.deepEqual(
      r.data.userInfos.map((u: { id: string }) => u.id),
      ['pv3-a', 'pv3-b'],
    );
  });

  it('after quitting, a former member is a stranger again', async () => {
    const a = await joined(t, 'pv4', 'pv4-a');
    await joined(t, 'pv4', 'pv4-b');
    assert.equal((await a.request('quitChatRoom', { chatRoomId: 'pv4' })).code, 0);
    assert.equal((await a.request('getChatRoomInfo', { chatRoomId: 'pv4', count: 5 })).code, ErrorCode.NOT_IN_CHATROOM);
  });
});

describe('chatroom privacy: publicMemberInfo lets anyone look', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, chatroom: { sweepMs: 0, publicMemberInfo: true } });
  });
  after(async () => t.close());

  it('a stranger gets the count and member ids when the app turns it on', async () => {
    await joined(t, 'pb1', 'pb1-a');
    const stranger = await t.connect('pb1-stranger');
    const r = await stranger.request('getChatRoomInfo', { chatRoomId: 'pb1', count: 5, order: 1 });
    assert.equal(r.code, 0);
    assert.equal(r.data.userCount, 1);
    assert.deepEqual(
      r.data.userInfos.map((u: { id: string }) => u.id),
      ['pb1-a'],
    );
  });
});
