/**
 * Room and member profiles and closed rooms (seeds 003), against a real server: what members see
 * and receive, what strangers are refused, and what survives a restart.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomMessages, roomText, waitForEvent, waitForRoomMessages } from './chatroom-helpers.js';
import { startTestServer, tempDir, TestClock, type TestServer, type TestSocket } from './helpers.js';
import { createTestDatabase, testEngine, type TestDatabase } from './pg-harness.js';

describe('chatroom room and member profiles', () => {
  const clock = new TestClock();
  const dataDir = tempDir();
  let database: TestDatabase | null = null;
  let t: TestServer;
  const options = () => ({
    clock,
    dataDir,
    sendRatePerSecond: 0,
    chatroom: { sweepMs: 0 },
    ...(database ? { databaseUrl: database.url } : {}),
  });

  before(async () => {
    if (testEngine() === 'postgres') database = await createTestDatabase();
    t = await startTestServer(options());
  });
  after(async () => {
    await t.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function join(
    userId: string,
    roomId: string,
    extra: Record<string, unknown> = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the join reply is read field by field in the assertions
  ): Promise<{ s: TestSocket; reply: any }> {
    const s = await t.connect(userId);
    const res = await s.request('joinChatRoom', { chatRoomId: roomId, count: -1, ...extra });
    assert.equal(res.code, 0, JSON.stringify(res));
    return { s, reply: res.data };
  }

  it('the app sets a profile on create; the join reply and getChatRoomInfo return it', async () => {
    const res = await t.api.call('/chatroom/create_new.json', {
      chatroomId: 'p1',
      creatorId: 'p1-owner',
      name: 'Friday show',
      announcement: 'Be kind',
      broadcastUrl: 'https://live.example.com/p1.m3u8',
      ext: '{"tier":2}',
    });
    assert.equal(res.code, 200);
    const { s, reply } = await join('p1-viewer', 'p1');
    const expected = {
      name: 'Friday show',
      announcement: 'Be kind',
      broadcastUrl: 'https://live.example.com/p1.m3u8',
      ext: '{"tier":2}',
      closed: false,
      creatorId: 'p1-owner',
    };
    assert.deepEqual(reply.info, expected);
    const info = await s.request('getChatRoomInfo', { chatRoomId: 'p1', count: 5 });
    assert.deepEqual(info.data.info, expected);
    const got = await t.api.call('/chatroom/get.json', { chatroomId: 'p1' });
    assert.equal(got.chatroom.announcement, 'Be kind');
  });

  it('the creator and admins update the profile and every member hears updateChatroom; others get 23408', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'p2', creatorId: 'p2-owner' });
    const owner = (await join('p2-owner', 'p2')).s;
    const viewer = (await join('p2-viewer', 'p2')).s;
    const res = await owner.request('updateChatroomInfo', {
      chatRoomId: 'p2',
      info: { name: 'Late show', announcement: 'Starts at 10' },
      notifyExt: '{"v":1}',
    });
    assert.equal(res.code, 0);
    const heard = await waitForEvent(viewer, (e) => !!e.updateChatroom);
    assert.equal(heard.event.updateChatroom!.info.name, 'Late show');
    assert.equal(heard.event.updateChatroom!.info.announcement, 'Starts at 10');
    assert.equal(heard.event.updateChatroom!.operatorId, 'p2-owner');
    assert.equal(heard.event.updateChatroom!.notifyExt, '{"v":1}');
    const refused = await viewer.request('updateChatroomInfo', { chatRoomId: 'p2', info: { name: 'Mine now' } });
    assert.equal(refused.code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    await owner.request('setChatRoomMemberRole', { chatRoomId: 'p2', userId: 'p2-viewer', role: 'admin' });
    assert.equal(
      (
        await viewer.request('updateChatroomInfo', {
          chatRoomId: 'p2',
          info: { announcement: 'by admin' },
          needNotify: false,
        })
      ).code,
      0,
    );
    const info = await owner.request('getChatRoomInfo', { chatRoomId: 'p2' });
    assert.equal(info.data.info.name, 'Late show', 'the refused change changed nothing');
    assert.equal(info.data.info.announcement, 'by admin');
    // The app changes it too, with a notice.
    assert.equal(
      (await t.api.call('/chatroom/update.json', { chatroomId: 'p2', broadcastUrl: 'http://cdn.example.com/x.flv' }))
        .code,
      200,
    );
    const byApp = await waitForEvent(owner, (e) => e.updateChatroom?.operatorId === '');
    assert.equal(byApp.event.updateChatroom!.info.broadcastUrl, 'http://cdn.example.com/x.flv');
  });

  it('hostile profile input is refused with a clear error and changes nothing', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'p3', creatorId: 'p3-owner', name: 'Safe' });
    const owner = (await join('p3-owner', 'p3')).s;
    for (const info of [
      { broadcastUrl: 'javascript:alert(1)' },
      { broadcastUrl: 'data:text/html,<script>x</script>' },
      { broadcastUrl: '//evil.example.com/relative' },
      { ext: '{not json' },
      { name: 'x'.repeat(129) },
      { name: 'bad\u0000name' },
      { name: 'spoof\u202eevil' },
      {},
    ]) {
      const res = await owner.request('updateChatroomInfo', { chatRoomId: 'p3', info });
      assert.equal(res.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, JSON.stringify(info));
      assert.ok(res.msg, 'the refusal says why');
    }
    const api = await t.api.call('/chatroom/update.json', { chatroomId: 'p3', broadcastUrl: 'javascript:alert(1)' });
    assert.equal(api.code, 1002);
    assert.match(String(api.errorMessage), /broadcastUrl/);
    assert.equal(
      (await t.api.call('/chatroom/update.json', { chatroomId: 'p3', announcement: 'a'.repeat(4097) })).code,
      1005,
    );
    assert.equal((await t.api.call('/chatroom/update.json', { chatroomId: 'p3' })).code, 1002, 'nothing to change');
    const missing = await t.api.call('/chatroom/update.json', { chatroomId: 'nope', name: 'x' });
    assert.equal(missing.code, ErrorCode.RC_CHATROOM_NOT_EXIST);
    const info = await owner.request('getChatRoomInfo', { chatRoomId: 'p3' });
    assert.deepEqual(info.data.info, {
      name: 'Safe',
      announcement: '',
      broadcastUrl: '',
      ext: '',
      closed: false,
      creatorId: 'p3-owner',
    });
  });

  it('a closed room admits nobody new (13002); members in it stay and are told; reopening admits again', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'p4', creatorId: 'p4-owner' });
    const owner = (await join('p4-owner', 'p4')).s;
    const inside = (await join('p4-in', 'p4')).s;
    assert.equal((await t.api.call('/chatroom/toggleCloseStat.json', { chatroomId: 'p4', valid: 'false' })).code, 200);
    const told = await waitForEvent(inside, (e) => e.updateChatroom?.info.closed === true);
    assert.equal(told.event.updateChatroom!.chatroomId, 'p4');
    const stranger = await t.connect('p4-stranger');
    assert.equal(
      (await stranger.request('joinChatRoom', { chatRoomId: 'p4', count: -1 })).code,
      ErrorCode.CHATROOM_CLOSED,
    );
    assert.equal(
      (await stranger.request('joinExistChatRoom', { chatRoomId: 'p4', count: -1 })).code,
      ErrorCode.CHATROOM_CLOSED,
    );
    // A member already in rejoins (a reconnect) and still talks.
    assert.equal((await inside.request('joinChatRoom', { chatRoomId: 'p4', count: -1 })).code, 0);
    assert.equal((await inside.request('sendChatroomMessage', roomText('p4', 'still here'))).code, 0);
    // Only the creator and admins toggle it from a client.
    assert.equal(
      (await inside.request('toggleChatroomCloseStat', { chatRoomId: 'p4', closed: false })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    const opened = await owner.request('toggleChatroomCloseStat', { chatRoomId: 'p4', closed: false });
    assert.equal(opened.code, 0);
    assert.equal(opened.data.info.closed, false);
    await waitForEvent(inside, (e) => e.updateChatroom?.info.closed === false);
    assert.equal((await stranger.request('joinChatRoom', { chatRoomId: 'p4', count: -1 })).code, 0);
    assert.equal((await t.api.call('/chatroom/toggleCloseStat.json', { chatroomId: 'p4', valid: 'maybe' })).code, 1002);
  });

  it('members set a nickname and avatar on join or later; lists and messages carry them', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'p5' });
    const { s: alice, reply } = await join('p5-alice', 'p5', {
      memberInfo: { nick: 'Ali', avatar: 'https://img.example.com/a.png', ext: '{"lvl":3}' },
    });
    assert.deepEqual(reply.memberInfo, { nick: 'Ali', avatar: 'https://img.example.com/a.png', ext: '{"lvl":3}' });
    const bob = (await join('p5-bob', 'p5')).s;
    const list = await bob.request('getChatRoomInfo', { chatRoomId: 'p5', count: 5 });
    const listedAlice = list.data.userInfos.find((u: { id: string }) => u.id === 'p5-alice');
    assert.equal(listedAlice.nick, 'Ali');
    assert.equal(listedAlice.avatar, 'https://img.example.com/a.png');
    assert.equal(
      list.data.userInfos.find((u: { id: string }) => u.id === 'p5-bob').nick,
      undefined,
      'no profile, no fields',
    );

    assert.equal((await alice.request('sendChatroomMessage', roomText('p5', 'hi'))).code, 0);
    const [first] = await waitForRoomMessages(bob, 1);
    assert.equal(first!.fromNick, 'Ali');
    assert.equal(first!.fromAvatar, 'https://img.example.com/a.png');

    const changed = await alice.request('updateMyChatroomMemberInfo', {
      chatRoomId: 'p5',
      member: { nick: 'Alice B.' },
    });
    assert.equal(changed.code, 0);
    assert.deepEqual(changed.data.member, {
      nick: 'Alice B.',
      avatar: 'https://img.example.com/a.png',
      ext: '{"lvl":3}',
    });
    const heard = await waitForEvent(bob, (e) => !!e.updateMemberInfo);
    assert.equal(heard.event.updateMemberInfo!.userId, 'p5-alice');
    assert.equal(heard.event.updateMemberInfo!.member.nick, 'Alice B.');
    await alice.request('sendChatroomMessage', roomText('p5', 'again'));
    await waitForRoomMessages(bob, 2);
    assert.equal(roomMessages(bob)[1]!.fromNick, 'Alice B.');
    // Bob never set one: his messages carry nothing, so the kit shows his own profile.
    await bob.request('sendChatroomMessage', roomText('p5', 'plain'));
    const [plain] = await waitForRoomMessages(alice, 1);
    assert.equal(plain!.fromNick, undefined);
  });

  it('hostile member profiles are refused; a stranger cannot set one; changes are rate-limited', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'p6' });
    const m = await t.connect('p6-m');
    for (const memberInfo of [
      { avatar: 'javascript:alert(1)' },
      { avatar: 'data:image/png;base64,AAAA' },
      { nick: 'n'.repeat(65) },
      { nick: 'a\nb' },
      { ext: 'nope' },
    ]) {
      const res = await m.request('joinChatRoom', { chatRoomId: 'p6', count: -1, memberInfo });
      assert.equal(res.code, ErrorCode.BIZ_ERROR_INVALID_PARAMETER, JSON.stringify(memberInfo));
    }
    const outsider = await t.connect('p6-out');
    assert.equal(
      (await outsider.request('updateMyChatroomMemberInfo', { chatRoomId: 'p6', member: { nick: 'x' } })).code,
      ErrorCode.NOT_IN_CHATROOM,
    );
    assert.equal((await m.request('joinChatRoom', { chatRoomId: 'p6', count: -1 })).code, 0);
    assert.equal(
      (
        await m.request('updateMyChatroomMemberInfo', {
          chatRoomId: 'p6',
          member: { avatar: 'ftp://x.example.com/a.png' },
        })
      ).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
    for (let i = 0; i < 5; i++)
      assert.equal(
        (
          await m.request('updateMyChatroomMemberInfo', {
            chatRoomId: 'p6',
            member: { nick: `n${i}` },
            needNotify: false,
          })
        ).code,
        0,
      );
    assert.equal(
      (await m.request('updateMyChatroomMemberInfo', { chatRoomId: 'p6', member: { nick: 'n6' } })).code,
      ErrorCode.REQUEST_OVER_FREQUENCY,
    );
    clock.advance(10_000);
    assert.equal(
      (await m.request('updateMyChatroomMemberInfo', { chatRoomId: 'p6', member: { nick: 'later' } })).code,
      0,
    );
    // The app sets a member's profile; not for someone outside the room.
    assert.equal(
      (await t.api.call('/chatroom/user/info/update.json', { chatroomId: 'p6', userId: 'p6-m', nick: 'Host pick' }))
        .code,
      200,
    );
    const heard = await waitForEvent(m, (e) => e.updateMemberInfo?.member.nick === 'Host pick');
    assert.equal(heard.event.updateMemberInfo!.member.nick, 'Host pick');
    assert.equal(
      (await t.api.call('/chatroom/user/info/update.json', { chatroomId: 'p6', userId: 'p6-out', nick: 'x' })).code,
      ErrorCode.NOT_IN_CHATROOM,
    );
  });

  it('a profile, a closed state and a permanent member profile survive a restart', async () => {
    await t.api.call('/chatroom/create_new.json', {
      chatroomId: 'p7',
      creatorId: 'p7-owner',
      name: 'Kept',
      announcement: 'Still here',
    });
    await t.api.call('/chatroom/role/member/add.json', { chatroomId: 'p7', userId: 'p7-fan' });
    await join('p7-fan', 'p7', { memberInfo: { nick: 'Fan #1' } });
    await t.api.call('/chatroom/toggleCloseStat.json', { chatroomId: 'p7', valid: 0 });
    await t.close();
    t = await startTestServer(options());
    const owner = await t.connect('p7-owner');
    const joined = await owner.request('joinChatRoom', { chatRoomId: 'p7', count: -1 });
    assert.equal(joined.code, 0, 'the creator gets into the closed room');
    assert.deepEqual(joined.data.info, {
      name: 'Kept',
      announcement: 'Still here',
      broadcastUrl: '',
      ext: '',
      closed: true,
      creatorId: 'p7-owner',
    });
    const stranger = await t.connect('p7-new');
    assert.equal(
      (await stranger.request('joinChatRoom', { chatRoomId: 'p7', count: -1 })).code,
      ErrorCode.CHATROOM_CLOSED,
    );
    await t.api.call('/chatroom/toggleCloseStat.json', { chatroomId: 'p7', valid: 1 });
    const fan = await t.connect('p7-fan');
    const back = await fan.request('joinChatRoom', { chatRoomId: 'p7', count: -1 });
    assert.equal(back.data.memberInfo.nick, 'Fan #1', 'a permanent member keeps their room profile');
  });
});
