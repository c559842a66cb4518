/**
 * Moderation belongs to one lifetime of a room: kicks and mutes need a member to act on (no row is
 * stored for anyone else), and a destroyed room's lists do not apply to the next room with its id.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomText, joinRoom } from './chatroom-helpers.js';
import { startTestServer, TestClock, type TestServer } from './helpers.js';

describe('chatroom moderation lives and dies with the room', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
  });
  after(async () => t.close());

  const join = (roomId: string, userId: string) => joinRoom(t, roomId, userId);

  it('kick and mute refuse a target who is not in the room (23406) and store nothing', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'lf1', creatorId: 'lf1-boss' });
    const boss = await join('lf1', 'lf1-boss');
    assert.equal(
      (await boss.request('kickChatRoomMember', { chatRoomId: 'lf1', userId: 'lf1-away', minute: 60 })).code,
      ErrorCode.NOT_IN_CHATROOM,
    );
    assert.equal(
      (await boss.request('muteChatRoomMember', { chatRoomId: 'lf1', userId: 'lf1-away', minute: 60 })).code,
      ErrorCode.NOT_IN_CHATROOM,
    );
    assert.equal(
      (await t.api.call('/chatroom/user/kick.json', { chatroomId: 'lf1', userId: 'lf1-away', minute: 60 })).code,
      ErrorCode.NOT_IN_CHATROOM,
    );
    assert.equal(
      (await t.api.call('/chatroom/user/mute/add.json', { chatroomId: 'lf1', userId: 'lf1-away', minute: 60 })).code,
      ErrorCode.NOT_IN_CHATROOM,
    );
    assert.deepEqual((await t.api.call('/chatroom/user/block/list.json', { chatroomId: 'lf1' })).users, []);
    assert.deepEqual((await t.api.call('/chatroom/user/mute/list.json', { chatroomId: 'lf1' })).users, []);
    const away = await join('lf1', 'lf1-away');
    assert.equal((await away.request('sendChatroomMessage', roomText('lf1', 'free'))).code, 0);
  });

  it('a re-created room inherits no gag, mute, mute-all, block or allowlist of the destroyed one; app-wide lists stay', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'lf2', creatorId: 'lf2-boss' });
    const boss = await join('lf2', 'lf2-boss');
    await join('lf2', 'lf2-gagged');
    await join('lf2', 'lf2-muted');
    await t.api.call('/chatroom/user/gag/add.json', { chatroomId: 'lf2', userId: 'lf2-gagged', minute: 600 });
    assert.equal(
      (await boss.request('muteChatRoomMember', { chatRoomId: 'lf2', userId: 'lf2-muted', minute: 600 })).code,
      0,
    );
    await t.api.call('/chatroom/user/block/add.json', { chatroomId: 'lf2', userId: 'lf2-blocked', minute: 600 });
    await t.api.call('/chatroom/ban/add.json', { chatroomId: 'lf2' });
    await t.api.call('/chatroom/user/ban/whitelist/add.json', { chatroomId: 'lf2', userId: 'lf2-gagged' });
    await t.api.call('/chatroom/user/whitelist/add.json', { chatroomId: 'lf2', userId: 'lf2-boss' });
    await t.api.call('/chatroom/keepalive/add.json', { chatroomId: 'lf2' });
    await t.api.call('/chatroom/user/ban/add.json', { userId: 'lf2-global', minute: 600 });
    await t.api.call('/chatroom/whitelist/add.json', { objectnames: 'LF:Kept' });

    assert.equal((await t.api.call('/chatroom/destroy.json', { chatroomId: 'lf2' })).code, 200);
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'lf2' });
    for (const list of [
      '/chatroom/user/gag/list.json',
      '/chatroom/user/block/list.json',
      '/chatroom/user/mute/list.json',
    ]) {
      assert.deepEqual((await t.api.call(list, { chatroomId: 'lf2' })).users, [], list);
    }
    assert.deepEqual((await t.api.call('/chatroom/ban/query.json', { chatroomId: 'lf2' })).chatroomIds, []);
    assert.deepEqual((await t.api.call('/chatroom/user/ban/whitelist/query.json', { chatroomId: 'lf2' })).userIds, []);
    assert.deepEqual((await t.api.call('/chatroom/user/whitelist/query.json', { chatroomId: 'lf2' })).users, []);
    assert.deepEqual((await t.api.call('/chatroom/keepalive/query.json', {})).chatroomIds, []);
    for (const user of ['lf2-gagged', 'lf2-muted', 'lf2-blocked']) {
      const s = await join('lf2', user);
      assert.equal((await s.request('sendChatroomMessage', roomText('lf2', 'new show'))).code, 0, user);
    }
    // App-wide lists are the app's, not the room's: they stay.
    const global = await join('lf2', 'lf2-global');
    assert.equal(
      (await global.request('sendChatroomMessage', roomText('lf2', 'no'))).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.deepEqual((await t.api.call('/chatroom/whitelist/query.json', {})).objectNames, ['LF:Kept']);
  });

  it('a room destroyed while inactive also takes its lists along', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'lf3' });
    const s = await join('lf3', 'lf3-a');
    await t.api.call('/chatroom/user/gag/add.json', { chatroomId: 'lf3', userId: 'lf3-a', minute: 43_200 });
    await s.request('quitChatRoom', { chatRoomId: 'lf3' });
    clock.advance(2 * 3_600_000);
    t.server.chatrooms.tick();
    assert.equal(t.server.chatrooms.rooms.has('lf3'), false);
    const again = await join('lf3', 'lf3-a');
    assert.equal((await again.request('sendChatroomMessage', roomText('lf3', 'hi'))).code, 0);
  });
});
