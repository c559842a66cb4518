/**
 * Whatever reaches a room's members as a member's words obeys the send rules: the KV notice and
 * the mic queue respect gags, global gags and mute-all; messages pass the content rules private and
 * group sends pass; server-made types cannot be forged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomEvents, roomMessages, roomText, waitForRoomMessages } from './chatroom-helpers.js';
import { sleep, startTestServer, TestClock, type TestServer, type TestSocket } from './helpers.js';

const kvNotice = (chatRoomId: string, key: string, value: string) => ({
  chatRoomId,
  entries: [{ key, value }],
  isAutoDelete: false,
  isForce: false,
  isSendNotification: true,
  notificationExtra: 'listen to me',
  isBatch: false,
});

describe('chatroom send rules reach every way of talking to the room', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
  });
  after(async () => t.close());

  async function join(roomId: string, userId: string): Promise<TestSocket> {
    const s = await t.connect(userId);
    assert.equal((await s.request('joinChatRoom', { chatRoomId: roomId, count: -1 })).code, 0);
    return s;
  }

  /** Nothing a muted user does may reach `watcher`: no message, no attribute, no queue change. */
  async function assertSilenced(muted: TestSocket, watcher: TestSocket, roomId: string, label: string): Promise<void> {
    assert.equal((await muted.request('setChatRoomEntries', kvNotice(roomId, `k-${label}`, `${label} shouts`))).code, ErrorCode.FORBIDDEN_IN_CHATROOM, `${label}: KV notice`);
    assert.equal((await muted.request('chatroomQueueOffer', { chatRoomId: roomId, key: `q-${label}`, value: `${label} shouts` })).code, ErrorCode.FORBIDDEN_IN_CHATROOM, `${label}: queue`);
    await sleep(30);
    assert.deepEqual(roomMessages(watcher).filter((m) => JSON.stringify(m.content).includes(label)), [], `${label}: no message`);
    assert.deepEqual(roomEvents(watcher).filter((e) => JSON.stringify(e.event).includes(label)), [], `${label}: no event`);
  }

  it('a gagged, globally gagged or muted-all member cannot talk through the KV notice or the queue', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'sr1', creatorId: 'sr1-boss' });
    const watcher = await join('sr1', 'sr1-boss');
    const gagged = await join('sr1', 'sr1-gagged');
    const global = await join('sr1', 'sr1-global');
    const plain = await join('sr1', 'sr1-plain');
    await t.api.call('/chatroom/user/gag/add.json', { chatroomId: 'sr1', userId: 'sr1-gagged', minute: 10 });
    await t.api.call('/chatroom/user/ban/add.json', { userId: 'sr1-global', minute: 10 });
    await assertSilenced(gagged, watcher, 'sr1', 'gagged');
    await assertSilenced(global, watcher, 'sr1', 'globalgag');
    await t.api.call('/chatroom/ban/add.json', { chatroomId: 'sr1' });
    await assertSilenced(plain, watcher, 'sr1', 'muteall');
    // Attributes without a notice are no words: a gagged member still sets them.
    const quiet = { ...kvNotice('sr1', 'seat', 'gagged'), isSendNotification: false };
    assert.equal((await gagged.request('setChatRoomEntries', quiet)).code, 0);
    // The creator, spared by mute-all, still notifies.
    assert.equal((await watcher.request('setChatRoomEntries', kvNotice('sr1', 'topic', 'boss speaks'))).code, 0);
    await waitForRoomMessages(plain, 1);
  });

  it('a gag from a creator or admin (role mute) also silences the KV notice and the queue', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'sr2', creatorId: 'sr2-boss' });
    const boss = await join('sr2', 'sr2-boss');
    const m = await join('sr2', 'sr2-m');
    assert.equal((await boss.request('muteChatRoomMember', { chatRoomId: 'sr2', userId: 'sr2-m', minute: 5 })).code, 0);
    await assertSilenced(m, boss, 'sr2', 'rolemute');
    assert.equal((await m.request('sendChatroomMessage', roomText('sr2', 'rolemute'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
  });
});
