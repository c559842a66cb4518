/**
 * Whatever reaches a room's members as a member's words obeys the send rules: the KV notice and
 * the mic queue respect gags, global gags and mute-all; messages pass the content rules private and
 * group sends pass; server-made types cannot be forged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomEvents, roomMessages, roomText, waitForRoomMessages, joinRoom } from './chatroom-helpers.js';
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

  const join = (roomId: string, userId: string) => joinRoom(t, roomId, userId);

  /** Nothing a muted user does may reach `watcher`: no message, no attribute, no queue change. */
  async function assertSilenced(muted: TestSocket, watcher: TestSocket, roomId: string, label: string): Promise<void> {
    assert.equal(
      (await muted.request('setChatRoomEntries', kvNotice(roomId, `k-${label}`, `${label} shouts`))).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
      `${label}: KV notice`,
    );
    assert.equal(
      (await muted.request('chatroomQueueOffer', { chatRoomId: roomId, key: `q-${label}`, value: `${label} shouts` }))
        .code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
      `${label}: queue`,
    );
    await sleep(30);
    assert.deepEqual(
      roomMessages(watcher).filter((m) => JSON.stringify(m.content).includes(label)),
      [],
      `${label}: no message`,
    );
    assert.deepEqual(
      roomEvents(watcher).filter((e) => JSON.stringify(e.event).includes(label)),
      [],
      `${label}: no event`,
    );
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
    assert.equal(
      (await m.request('sendChatroomMessage', roomText('sr2', 'rolemute'))).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
  });

  it('chatroom messages pass the content rules of private and group sends: safe URLs, known RC: types, depth', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'sr3' });
    const sender = await join('sr3', 'sr3-sender');
    const watcher = await join('sr3', 'sr3-watcher');
    const send = (messageType: string, content: Record<string, unknown>) =>
      sender.request('sendChatroomMessage', {
        chatRoomId: 'sr3',
        messageType,
        content,
        clientMessageId: `sr3-${Math.random()}`,
      });
    const refused = [
      ['RC:ImgMsg', { content: '', imageUri: 'javascript:alert(1)' }],
      [
        'RC:ImgTextMsg',
        { title: 't', content: 'c', imageUri: 'https://x.test/a.png', url: 'data:text/html,<script>alert(1)</script>' },
      ],
      ['RC:FileMsg', { name: 'a.txt', size: 1, type: 'txt', fileUrl: 'javascript:alert(1)' }],
      ['RC:NoSuchMsg', { content: 'x' }],
      ['RC:TxtMsg', { content: 42 }],
      ['RC:TxtMsg', { content: 'deep', extra: 'x', nest: JSON.parse('{"a":'.repeat(120) + '1' + '}'.repeat(120)) }],
    ] as const;
    for (const [type, content] of refused) {
      assert.equal((await send(type, content)).code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, type);
    }
    assert.equal((await send('App:Custom', { anything: 'goes' })).code, 0, 'custom types are the app’s business');
    assert.equal((await send('RC:ImgMsg', { content: '', imageUri: 'https://cdn.test/a.png' })).code, 0);
    await waitForRoomMessages(watcher, 2);
    assert.deepEqual(
      roomMessages(watcher).map((m) => m.messageType),
      ['App:Custom', 'RC:ImgMsg'],
    );
  });

  it('a forged recall notice (RC:RcNtf) or KV notice from a member is refused; the named message stays', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'sr4' });
    const victim = await join('sr4', 'sr4-victim');
    const forger = await join('sr4', 'sr4-forger');
    const sent = await victim.request('sendChatroomMessage', roomText('sr4', 'my words'));
    const messageUId = sent.data.message.messageUId as string;
    await waitForRoomMessages(forger, 1);
    const forged = {
      messageUId,
      conversationType: 4,
      targetId: 'sr4',
      operatorId: 'sr4-victim',
      recallTime: clock.now(),
      originalObjectName: 'RC:TxtMsg',
      sentTime: 1,
    };
    const r1 = await forger.request('sendChatroomMessage', {
      chatRoomId: 'sr4',
      messageType: 'RC:RcNtf',
      content: forged,
      clientMessageId: 'forge-1',
    });
    assert.equal(r1.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    const kv = { type: 1, key: 'k', value: 'v', extra: '' };
    const r2 = await forger.request('sendChatroomMessage', {
      chatRoomId: 'sr4',
      messageType: 'RC:chrmKVNotiMsg',
      content: kv,
      clientMessageId: 'forge-2',
    });
    assert.equal(r2.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    await sleep(30);
    assert.deepEqual(roomMessages(victim), [], 'the victim got no recall notice');
    const late = await t.connect('sr4-late');
    const joined = await late.request('joinChatRoom', { chatRoomId: 'sr4', count: 10 });
    assert.deepEqual(
      joined.data.messages.map((m: { messageUId: string }) => m.messageUId),
      [messageUId],
      'the message is still there',
    );
  });

  it('the Server API publish obeys the same content rules', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'sr5' });
    const bad = await t.api.call('/message/chatroom/publish.json', {
      fromUserId: 'app',
      toChatroomId: 'sr5',
      objectName: 'RC:ImgMsg',
      content: JSON.stringify({ content: '', imageUri: 'javascript:alert(1)' }),
    });
    assert.equal(bad.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER);
    const forged = await t.api.call('/message/chatroom/publish.json', {
      fromUserId: 'app',
      toChatroomId: 'sr5',
      objectName: 'RC:RcNtf',
      content: JSON.stringify({ messageUId: 'x' }),
    });
    assert.equal(forged.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, 'a recall goes through /message/recall.json');
  });
});
