/**
 * Nobody takes a room over: roles come from the app (Server API), not from whoever happened to
 * create the room by joining it; rejoining never hands out roles; `create_new.json` on a room a
 * join created gives it the app's creator and settings; the roles Server API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomText, waitForEvent, joinRoom } from './chatroom-helpers.js';
import { startTestServer, TestClock, type TestServer } from './helpers.js';

const MIN = 60_000;

describe('chatroom takeover: roles come from the app', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
  });
  after(async () => t.close());

  const join = (roomId: string, userId: string) => joinRoom(t, roomId, userId);

  it('the first joiner of a missing room gets no creator role and cannot kick or mute others', async () => {
    const first = await join('tk1', 'tk1-first');
    const other = await join('tk1', 'tk1-other');
    assert.equal((await first.request('getChatRoomRoles', { chatRoomId: 'tk1' })).data.creatorId, '');
    assert.equal(
      (await first.request('kickChatRoomMember', { chatRoomId: 'tk1', userId: 'tk1-other', minute: 60 })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.equal(
      (await first.request('muteChatRoomMember', { chatRoomId: 'tk1', userId: 'tk1-other', minute: 60 })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.ok(t.server.chatrooms.rooms.get('tk1')!.members.has('tk1-other'));
    assert.equal((await other.request('sendChatroomMessage', roomText('tk1', 'still here'))).code, 0);
  });

  it('after an auto-destroy, the viewer who rejoins first cannot kick the streamer', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'tk2', creatorId: 'tk2-streamer' });
    const streamer = await join('tk2', 'tk2-streamer');
    clock.advance(61 * MIN);
    t.server.chatrooms.tick();
    await waitForEvent(streamer, (e) => e.chatroomDestroyed === 'tk2');
    const viewer = await join('tk2', 'tk2-viewer');
    assert.equal((await viewer.request('getChatRoomRoles', { chatRoomId: 'tk2' })).data.creatorId, '');
    const back = await join('tk2', 'tk2-streamer');
    assert.equal(
      (await viewer.request('kickChatRoomMember', { chatRoomId: 'tk2', userId: 'tk2-streamer', minute: 60 })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.equal(
      (await back.request('joinChatRoom', { chatRoomId: 'tk2', count: -1 })).code,
      0,
      'the streamer is not blocked',
    );
  });

  it('create_new.json on a room a join created sets the app’s creator and settings', async () => {
    const squatter = await join('tk3', 'tk3-squatter');
    const before = (await t.api.call('/chatroom/get.json', { chatroomId: 'tk3' })).chatroom;
    const res = await t.api.call('/chatroom/create_new.json', {
      chatroomId: 'tk3',
      creatorId: 'tk3-app',
      isBan: 1,
      destroyType: 1,
      destroyTime: 30,
    });
    assert.equal(res.code, 200);
    const roles = await squatter.request('getChatRoomRoles', { chatRoomId: 'tk3' });
    assert.equal(roles.data.creatorId, 'tk3-app');
    assert.equal(
      (await squatter.request('sendChatroomMessage', roomText('tk3', 'x'))).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
      'isBan applied',
    );
    const after = (await t.api.call('/chatroom/get.json', { chatroomId: 'tk3' })).chatroom;
    assert.equal(after.sessionId, before.sessionId, 'the same room, members kept');
    assert.equal(after.creatorId, 'tk3-app');
    assert.equal(after.destroyAt, clock.now() + 30 * MIN);
  });

  it('the app may let the joiner who creates a room be its creator (joinerIsCreator); rejoining never hands out roles', async () => {
    const other = await startTestServer({
      clock,
      sendRatePerSecond: 0,
      chatroom: { sweepMs: 0, joinerIsCreator: true },
    });
    try {
      const a = await other.connect('jc-a');
      const b = await other.connect('jc-b');
      await a.request('joinChatRoom', { chatRoomId: 'jc', count: -1 });
      await b.request('joinChatRoom', { chatRoomId: 'jc', count: -1 });
      await a.request('quitChatRoom', { chatRoomId: 'jc' });
      await b.request('quitChatRoom', { chatRoomId: 'jc' });
      await b.request('joinChatRoom', { chatRoomId: 'jc', count: -1 });
      assert.equal((await b.request('getChatRoomRoles', { chatRoomId: 'jc' })).data.creatorId, 'jc-a');
    } finally {
      await other.close();
    }
  });

  it('Server API: creator, admins and permanent members are set, listed and removed by the app', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'tk4' });
    const boss = await join('tk4', 'tk4-boss');
    const mod = await join('tk4', 'tk4-mod');
    const fan = await join('tk4', 'tk4-fan');
    assert.equal(
      (await t.api.call('/chatroom/role/creator/set.json', { chatroomId: 'tk4', userId: 'tk4-boss' })).code,
      200,
    );
    assert.equal(
      (await t.api.call('/chatroom/role/admin/add.json', { chatroomId: 'tk4', userId: ['tk4-mod'] })).code,
      200,
    );
    assert.equal(
      (await t.api.call('/chatroom/role/member/add.json', { chatroomId: 'tk4', userId: 'tk4-fan' })).code,
      200,
    );
    const listed = await t.api.call('/chatroom/role/query.json', { chatroomId: 'tk4' });
    assert.deepEqual(
      [listed.creatorId, listed.admins, listed.permanentMembers],
      ['tk4-boss', ['tk4-mod'], ['tk4-fan']],
    );
    assert.equal(
      (await mod.request('muteChatRoomMember', { chatRoomId: 'tk4', userId: 'tk4-fan', minute: 5 })).code,
      0,
      'the admin moderates',
    );
    assert.equal(
      (await t.api.call('/chatroom/role/admin/remove.json', { chatroomId: 'tk4', userId: 'tk4-mod' })).code,
      200,
    );
    assert.equal(
      (await t.api.call('/chatroom/role/member/remove.json', { chatroomId: 'tk4', userId: 'tk4-fan' })).code,
      200,
    );
    assert.deepEqual((await boss.request('getChatRoomRoles', { chatRoomId: 'tk4' })).data, {
      creatorId: 'tk4-boss',
      admins: [],
      permanentMembers: [],
    });
    assert.equal(
      (await mod.request('muteChatRoomMember', { chatRoomId: 'tk4', userId: 'tk4-boss', minute: 5 })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.equal(
      (await t.api.call('/chatroom/role/query.json', { chatroomId: 'nope' })).code,
      ErrorCode.RC_CHATROOM_NOT_EXIST,
    );
    void fan;
  });

  it('Server API: kick (with a block), timed mute with list and lift', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'tk5' });
    const a = await join('tk5', 'tk5-a');
    const b = await join('tk5', 'tk5-b');
    assert.equal(
      (await t.api.call('/chatroom/user/mute/add.json', { chatroomId: 'tk5', userId: 'tk5-b', minute: 10 })).code,
      200,
    );
    assert.equal((await b.request('sendChatroomMessage', roomText('tk5', 'x'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    const muted = await t.api.call('/chatroom/user/mute/list.json', { chatroomId: 'tk5' });
    assert.deepEqual(muted.users, [{ userId: 'tk5-b', time: clock.now() + 10 * MIN }]);
    assert.equal(
      (await t.api.call('/chatroom/user/mute/remove.json', { chatroomId: 'tk5', userId: 'tk5-b' })).code,
      200,
    );
    assert.equal((await b.request('sendChatroomMessage', roomText('tk5', 'y'))).code, 0);
    assert.equal(
      (await t.api.call('/chatroom/user/kick.json', { chatroomId: 'tk5', userId: 'tk5-b', minute: 5 })).code,
      200,
    );
    await waitForEvent(b, (e) => e.userChange?.ups[0]?.status === 3);
    assert.equal(
      (await b.request('joinChatRoom', { chatRoomId: 'tk5', count: -1 })).code,
      ErrorCode.RC_CHATROOM_USER_KICKED,
    );
    void a;
  });
});
