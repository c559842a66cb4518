import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomText, waitForEvent, waitForRoomMessages } from './chatroom-helpers.js';
import { startTestServer, tempDir, TestClock, type TestServer } from './helpers.js';

const MIN = 60_000;

describe('chatroom moderation (Server API, enforced by the server)', () => {
  let t: TestServer;
  const clock = new TestClock();
  const dataDir = tempDir();
  before(async () => {
    t = await startTestServer({ clock, dataDir, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function members(room: string, ...ids: string[]) {
    const sockets = [];
    for (const id of ids) {
      const s = await t.connect(`${room}-${id}`);
      assert.equal((await s.request('joinChatRoom', { chatRoomId: room, count: -1 })).code, 0);
      sockets.push(s);
    }
    return sockets;
  }

  it('block: kicked with notice to the room, cannot re-enter (23409) until the minutes pass; rollback notifies the user', async () => {
    const [a, b] = await members('bl', 'a', 'b');
    const res = await t.api.call('/chatroom/user/block/add.json', {
      chatroomId: 'bl',
      userId: 'bl-b',
      minute: 10,
      needNotify: 1,
      extra: 'spam',
    });
    assert.equal(res.code, 200);
    const note = await waitForEvent(a, (e) => !!e.chatroomNotifyBlock);
    assert.deepEqual(
      { ...note.event.chatroomNotifyBlock, operateTime: 0 },
      { chatroomId: 'bl', operateType: 0, userIds: ['bl-b'], durationTime: 10, operateTime: 0, extra: 'spam' },
    );
    const kicked = await waitForEvent(b, (e) => e.userChange?.ups[0]?.status === 3);
    assert.equal(kicked.left, 'bl');
    assert.equal(
      (await b.request('joinChatRoom', { chatRoomId: 'bl', count: -1 })).code,
      ErrorCode.RC_CHATROOM_USER_KICKED,
    );
    assert.equal((await b.request('sendChatroomMessage', roomText('bl', 'x'))).code, ErrorCode.NOT_IN_CHATROOM);
    assert.deepEqual(
      (await t.api.call('/chatroom/user/block/list.json', { chatroomId: 'bl' })).users.map(
        (u: { userId: string }) => u.userId,
      ),
      ['bl-b'],
    );
    clock.advance(10 * MIN);
    assert.equal(
      (await b.request('joinChatRoom', { chatRoomId: 'bl', count: -1 })).code,
      0,
      'the block ended by itself',
    );
    await t.api.call('/chatroom/user/block/add.json', { chatroomId: 'bl', userId: 'bl-b', minute: 5 });
    await t.api.call('/chatroom/user/block/rollback.json', { chatroomId: 'bl', userId: 'bl-b', needNotify: 1 });
    const lifted = await waitForEvent(b, (e) => e.chatroomNotifyBlock?.operateType === 1);
    assert.deepEqual(lifted.event.chatroomNotifyBlock!.userIds, ['bl-b']);
    assert.equal((await b.request('joinChatRoom', { chatRoomId: 'bl', count: -1 })).code, 0);
    assert.equal(
      (await t.api.call('/chatroom/user/block/add.json', { chatroomId: 'bl', userId: 'bl-b', minute: 0 })).code,
      1002,
    );
    assert.equal(
      (await t.api.call('/chatroom/user/block/add.json', { chatroomId: 'bl', userId: 'bl-b', minute: 43_201 })).code,
      1002,
    );
  });

  it('gag: the gagged member is refused with 23408, others are not; it expires by itself; rollback lifts it', async () => {
    const [a, b] = await members('gg', 'a', 'b');
    await t.api.call('/chatroom/user/gag/add.json', {
      chatroomId: 'gg',
      userId: 'gg-b',
      minute: 2,
      needNotify: 'true',
    });
    const note = await waitForEvent(a, (e) => !!e.chatroomNotifyBan);
    assert.equal(note.event.chatroomNotifyBan!.banType, 0);
    assert.deepEqual(note.event.chatroomNotifyBan!.userIds, ['gg-b']);
    assert.equal((await b.request('sendChatroomMessage', roomText('gg', 'no'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    const rejoin = (await b.request('joinChatRoom', { chatRoomId: 'gg', count: -1 })).data;
    // Parley: the join reply says why and until when.
    assert.deepEqual([rejoin.isMuted, rejoin.muteReason, rejoin.mutedUntil], [true, 'gag', clock.now() + 2 * MIN]);
    assert.equal((await a.request('joinChatRoom', { chatRoomId: 'gg', count: -1 })).data.muteReason, undefined);
    assert.equal((await a.request('sendChatroomMessage', roomText('gg', 'yes'))).code, 0);
    assert.deepEqual(
      (await t.api.call('/chatroom/user/gag/list.json', { chatroomId: 'gg' })).users.map(
        (u: { userId: string }) => u.userId,
      ),
      ['gg-b'],
    );
    clock.advance(2 * MIN);
    t.server.chatrooms.tick();
    assert.deepEqual((await t.api.call('/chatroom/user/gag/list.json', { chatroomId: 'gg' })).users, []);
    assert.equal((await b.request('sendChatroomMessage', roomText('gg', 'free'))).code, 0);
    await t.api.call('/chatroom/user/gag/add.json', { chatroomId: 'gg', userId: 'gg-b', minute: 60 });
    await t.api.call('/chatroom/user/gag/rollback.json', { chatroomId: 'gg', userId: 'gg-b' });
    assert.equal((await b.request('sendChatroomMessage', roomText('gg', 'again'))).code, 0);
  });

  it('mute all: everyone is refused except the mute-all allowlist; notices to the room; query', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'ma', creatorId: 'ma-a' });
    const [a, b, c] = await members('ma', 'a', 'b', 'c');
    await t.api.call('/chatroom/ban/add.json', { chatroomId: 'ma', needNotify: 1, extra: 'quiet' });
    const note = await waitForEvent(c, (e) => e.chatroomNotifyBan?.banType === 1);
    assert.equal(note.event.chatroomNotifyBan!.extra, 'quiet');
    // Parley: who may still send (here the creator, ma-a) comes with the notice.
    assert.deepEqual(note.event.chatroomNotifyBan!.exemptUserIds, ['ma-a']);
    await t.api.call('/chatroom/user/ban/whitelist/add.json', { chatroomId: 'ma', userId: 'ma-b', needNotify: 1 });
    const allowed = await waitForEvent(c, (e) => e.chatroomNotifyBan?.banType === 2);
    assert.deepEqual(allowed.event.chatroomNotifyBan!.exemptUserIds, ['ma-b', 'ma-a']);
    assert.deepEqual((await t.api.call('/chatroom/user/ban/whitelist/query.json', { chatroomId: 'ma' })).userIds, [
      'ma-b',
    ]);
    assert.deepEqual((await t.api.call('/chatroom/ban/query.json', { chatroomId: 'ma' })).chatroomIds, ['ma']);
    assert.equal((await c.request('sendChatroomMessage', roomText('ma', 'no'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    const joined = (await c.request('joinChatRoom', { chatRoomId: 'ma', count: -1 })).data;
    assert.deepEqual([joined.isMuted, joined.muteReason, joined.mutedUntil], [true, 'muteAll', 0]);
    assert.equal((await b.request('joinChatRoom', { chatRoomId: 'ma', count: -1 })).data.isMuted, false, 'allowlisted');
    assert.equal((await b.request('sendChatroomMessage', roomText('ma', 'allowlisted'))).code, 0);
    // The app named ma-a the creator: the creator may speak under mute-all (seeds 003).
    assert.equal((await a.request('sendChatroomMessage', roomText('ma', 'creator'))).code, 0);
    await t.api.call('/chatroom/user/ban/whitelist/rollback.json', { chatroomId: 'ma', userId: 'ma-b' });
    assert.equal((await b.request('sendChatroomMessage', roomText('ma', 'no'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    await t.api.call('/chatroom/ban/rollback.json', { chatroomId: 'ma', needNotify: 1 });
    const lifted = await waitForEvent(
      c,
      (e) => e.chatroomNotifyBan?.banType === 1 && e.chatroomNotifyBan.operateType === 1,
    );
    assert.equal(lifted.event.chatroomNotifyBan!.exemptUserIds, undefined, 'mute-all off: nothing to be exempt from');
    assert.equal((await c.request('sendChatroomMessage', roomText('ma', 'back'))).code, 0);
    assert.deepEqual((await t.api.call('/chatroom/ban/query.json', {})).chatroomIds, []);
    await waitForRoomMessages(a, 2);
  });

  it('global gag: no sending in any room until it ends; only the gagged user is told', async () => {
    const [a, b] = await members('gl', 'a', 'b');
    await t.api.call('/chatroom/user/ban/add.json', { userId: 'gl-a', minute: 1, needNotify: 1 });
    const note = await waitForEvent(a, (e) => e.chatroomNotifyBan?.banType === 3);
    assert.deepEqual(note.event.chatroomNotifyBan!.userIds, ['gl-a']);
    assert.equal((await a.request('sendChatroomMessage', roomText('gl', 'no'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    await a.request('joinChatRoom', { chatRoomId: 'gl-other', count: -1 });
    assert.equal(
      (await a.request('sendChatroomMessage', roomText('gl-other', 'no'))).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.deepEqual(
      (await t.api.call('/chatroom/user/ban/query.json', {})).users.map((u: { userId: string }) => u.userId),
      ['gl-a'],
    );
    assert.ok(
      !b.frames.some(
        (f) => 'push' in f && f.push === 'chatroom' && f.data.type === 'event' && f.data.event.chatroomNotifyBan,
      ),
    );
    clock.advance(MIN);
    assert.equal((await a.request('sendChatroomMessage', roomText('gl-other', 'ok'))).code, 0);
    await t.api.call('/chatroom/user/ban/add.json', { userId: 'gl-a', minute: 5 });
    await t.api.call('/chatroom/user/ban/remove.json', { userId: 'gl-a' });
    assert.equal((await a.request('sendChatroomMessage', roomText('gl-other', 'ok'))).code, 0);
  });

  it('allowlists and priority lists: add, query, remove; bad object names are refused', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'wl' });
    assert.equal(
      (await t.api.call('/chatroom/user/whitelist/add.json', { chatroomId: 'wl', userId: ['u1', 'u2'] })).code,
      200,
    );
    assert.deepEqual((await t.api.call('/chatroom/user/whitelist/query.json', { chatroomId: 'wl' })).users, [
      'u1',
      'u2',
    ]);
    await t.api.call('/chatroom/user/whitelist/remove.json', { chatroomId: 'wl', userId: 'u1' });
    assert.deepEqual((await t.api.call('/chatroom/user/whitelist/query.json', { chatroomId: 'wl' })).users, ['u2']);
    assert.equal(
      (await t.api.call('/chatroom/whitelist/add.json', { objectnames: ['App:Gift', 'RC:TxtMsg'] })).code,
      200,
    );
    assert.deepEqual((await t.api.call('/chatroom/whitelist/query.json', {})).whitlistMsgType, [
      'App:Gift',
      'RC:TxtMsg',
    ]);
    await t.api.call('/chatroom/whitelist/delete.json', { objectnames: 'RC:TxtMsg' });
    assert.deepEqual((await t.api.call('/chatroom/whitelist/query.json', {})).objectNames, ['App:Gift']);
    assert.equal((await t.api.call('/chatroom/message/priority/add.json', { objectName: 'App:Like' })).code, 200);
    assert.deepEqual((await t.api.call('/chatroom/message/priority/query.json', {})).objectNames, ['App:Like']);
    await t.api.call('/chatroom/message/priority/remove.json', { objectName: 'App:Like' });
    assert.deepEqual((await t.api.call('/chatroom/message/priority/query.json', {})).objectNames, []);
    assert.equal((await t.api.call('/chatroom/whitelist/add.json', { objectnames: 'bad name!' })).code, 1002);
    await t.api.call('/chatroom/whitelist/delete.json', { objectnames: 'App:Gift' });
  });

  it('the lists survive a restart (SQLite)', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'rs' });
    await t.api.call('/chatroom/user/gag/add.json', { chatroomId: 'rs', userId: 'rs-a', minute: 30 });
    await t.api.call('/chatroom/keepalive/add.json', { chatroomId: 'rs' });
    await t.close();
    t = await startTestServer({ clock, dataDir, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
    assert.deepEqual(
      (await t.api.call('/chatroom/user/gag/list.json', { chatroomId: 'rs' })).users.map(
        (u: { userId: string }) => u.userId,
      ),
      ['rs-a'],
    );
    assert.deepEqual((await t.api.call('/chatroom/keepalive/query.json', {})).chatroomIds, ['rs']);
    const a = await t.connect('rs-a');
    await a.request('joinChatRoom', { chatRoomId: 'rs', count: -1 });
    assert.equal((await a.request('sendChatroomMessage', roomText('rs', 'no'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
  });
});
