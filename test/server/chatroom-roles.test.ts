import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomText, roomTexts, waitForEvent, waitForRoomMessages } from './chatroom-helpers.js';
import { sleep, startTestServer, TestClock, type TestServer, type TestSocket } from './helpers.js';

const MIN = 60_000;

describe('chatroom roles, mic queue, several devices', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
  });
  after(async () => t.close());

  /** The app creates the room naming the first user its creator; all join. */
  async function room(id: string, ...users: string[]): Promise<TestSocket[]> {
    assert.equal(
      (await t.api.call('/chatroom/create_new.json', { chatroomId: id, creatorId: `${id}-${users[0]}` })).code,
      200,
    );
    const out = [];
    for (const u of users) {
      const s = await t.connect(`${id}-${u}`);
      assert.equal((await s.request('joinChatRoom', { chatRoomId: id, count: -1 })).code, 0);
      out.push(s);
    }
    return out;
  }

  it('the creator appoints admins; admins set permanent members but not admins; roles are listed', async () => {
    const [owner, admin, m] = await room('ro', 'owner', 'admin', 'm');
    assert.equal(
      (await admin.request('setChatRoomMemberRole', { chatRoomId: 'ro', userId: 'ro-m', role: 'admin' })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.equal(
      (await owner.request('setChatRoomMemberRole', { chatRoomId: 'ro', userId: 'ro-admin', role: 'admin' })).code,
      0,
    );
    assert.equal(
      (await admin.request('setChatRoomMemberRole', { chatRoomId: 'ro', userId: 'ro-m', role: 'member' })).code,
      0,
    );
    assert.equal(
      (await m.request('setChatRoomMemberRole', { chatRoomId: 'ro', userId: 'ro-m', role: 'member' })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    const roles = await m.request('getChatRoomRoles', { chatRoomId: 'ro' });
    assert.deepEqual(roles.data, { creatorId: 'ro-owner', admins: ['ro-admin'], permanentMembers: ['ro-m'] });
  });

  it('admins mute (time-limited) and remove members; only the creator acts on admins; nobody on the creator', async () => {
    const [owner, admin, , m] = await room('rk', 'owner', 'admin', 'a2', 'm');
    await owner.request('setChatRoomMemberRole', { chatRoomId: 'rk', userId: 'rk-admin', role: 'admin' });
    await owner.request('setChatRoomMemberRole', { chatRoomId: 'rk', userId: 'rk-a2', role: 'admin' });
    assert.equal((await admin.request('muteChatRoomMember', { chatRoomId: 'rk', userId: 'rk-m', minute: 3 })).code, 0);
    assert.equal((await m.request('sendChatroomMessage', roomText('rk', 'no'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    clock.advance(3 * MIN);
    assert.equal((await m.request('sendChatroomMessage', roomText('rk', 'yes'))).code, 0, 'the mute ended by itself');
    assert.equal(
      (await admin.request('muteChatRoomMember', { chatRoomId: 'rk', userId: 'rk-a2', minute: 3 })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.equal(
      (await admin.request('kickChatRoomMember', { chatRoomId: 'rk', userId: 'rk-owner' })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.equal(
      (await m.request('kickChatRoomMember', { chatRoomId: 'rk', userId: 'rk-admin' })).code,
      ErrorCode.FORBIDDEN_IN_CHATROOM,
    );
    assert.equal((await admin.request('kickChatRoomMember', { chatRoomId: 'rk', userId: 'rk-m', minute: 1 })).code, 0);
    const kicked = await waitForEvent(m, (e) => e.userChange?.ups[0]?.status === 3);
    assert.equal(kicked.left, 'rk');
    assert.equal(
      (await m.request('joinChatRoom', { chatRoomId: 'rk', count: -1 })).code,
      ErrorCode.RC_CHATROOM_USER_KICKED,
    );
    assert.equal((await owner.request('kickChatRoomMember', { chatRoomId: 'rk', userId: 'rk-a2' })).code, 0);
    assert.ok(!t.server.chatrooms.rooms.get('rk')!.members.has('rk-a2'));
    // Under mute-all the creator and admins still speak.
    await t.api.call('/chatroom/ban/add.json', { chatroomId: 'rk', needNotify: 1 });
    const note = await waitForEvent(admin, (e) => e.chatroomNotifyBan?.banType === 1);
    // rk-a2 was removed but keeps its role (roles live with the room), so it is named too.
    assert.deepEqual(
      note.event.chatroomNotifyBan!.exemptUserIds,
      ['rk-owner', 'rk-admin', 'rk-a2'],
      'the notice names who still speaks',
    );
    assert.equal((await admin.request('sendChatroomMessage', roomText('rk', 'admin speaks'))).code, 0);
    clock.advance(MIN);
    await m.request('joinChatRoom', { chatRoomId: 'rk', count: -1 });
    assert.equal((await m.request('sendChatroomMessage', roomText('rk', 'no'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
  });

  it('under mute-all, a member made admin (or no longer admin) is told whether they may send', async () => {
    const [owner, m] = await room('rs', 'owner', 'm');
    await t.api.call('/chatroom/ban/add.json', { chatroomId: 'rs' });
    assert.equal(
      (await owner.request('setChatRoomMemberRole', { chatRoomId: 'rs', userId: 'rs-m', role: 'admin' })).code,
      0,
    );
    const up = await waitForEvent(m, (e) => !!e.chatroomSendState);
    assert.deepEqual(up.event.chatroomSendState, { chatroomId: 'rs', isMuted: false });
    assert.equal((await m.request('sendChatroomMessage', roomText('rs', 'as admin'))).code, 0);
    await owner.request('setChatRoomMemberRole', { chatRoomId: 'rs', userId: 'rs-m', role: 'guest' });
    const down = await waitForEvent(m, (e) => e.chatroomSendState?.isMuted === true);
    assert.deepEqual(down.event.chatroomSendState, {
      chatroomId: 'rs',
      isMuted: true,
      muteReason: 'muteAll',
      mutedUntil: 0,
    });
    assert.equal((await m.request('sendChatroomMessage', roomText('rs', 'no'))).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
  });

  it('create_new can name the creator', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'rc', creatorId: 'rc-boss' });
    const x = await t.connect('rc-x');
    await x.request('joinChatRoom', { chatRoomId: 'rc', count: -1 });
    assert.equal((await x.request('getChatRoomRoles', { chatRoomId: 'rc' })).data.creatorId, 'rc-boss');
  });

  it('permanent members are not removed for being offline', async () => {
    const [owner, perm] = await room('rp', 'owner', 'perm');
    await owner.request('setChatRoomMemberRole', { chatRoomId: 'rp', userId: 'rp-perm', role: 'member' });
    perm!.close();
    const r = t.server.chatrooms.rooms.get('rp')!;
    while (!r.offline.has('rp-perm')) await sleep(5);
    clock.advance(40_000);
    await owner.request('sendChatroomMessage', roomText('rp', 'x'));
    assert.ok(r.members.has('rp-perm'));
  });

  it('mic queue: members offer, moderators take in order and clear; everyone sees changes; it dies with the room', async () => {
    const [owner, a, b] = await room('mq', 'owner', 'a', 'b');
    assert.equal((await a.request('chatroomQueueOffer', { chatRoomId: 'mq', key: 'mq-a', value: 'slot?' })).code, 0);
    await b.request('chatroomQueueOffer', { chatRoomId: 'mq', key: 'mq-b' });
    await waitForEvent(owner, (e) => e.chatroomQueueChange?.key === 'mq-b');
    assert.deepEqual((await b.request('chatroomQueueList', { chatRoomId: 'mq' })).data.entries, [
      { key: 'mq-a', value: 'slot?', userId: 'mq-a' },
      { key: 'mq-b', value: '', userId: 'mq-b' },
    ]);
    assert.equal((await a.request('chatroomQueuePoll', { chatRoomId: 'mq' })).code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    assert.deepEqual((await owner.request('chatroomQueuePoll', { chatRoomId: 'mq' })).data.entry, {
      key: 'mq-a',
      value: 'slot?',
      userId: 'mq-a',
    });
    await owner.request('chatroomQueueOffer', { chatRoomId: 'mq', key: 'mq-c' });
    assert.equal((await owner.request('chatroomQueueClear', { chatRoomId: 'mq' })).code, 0);
    assert.deepEqual((await owner.request('chatroomQueuePoll', { chatRoomId: 'mq' })).data.entry, null);
    await a.request('chatroomQueueOffer', { chatRoomId: 'mq', key: 'again' });
    await t.api.call('/chatroom/destroy.json', { chatroomId: 'mq' });
    await a.request('joinChatRoom', { chatRoomId: 'mq', count: -1 });
    assert.deepEqual((await a.request('chatroomQueueList', { chatRoomId: 'mq' })).data.entries, []);
  });

  it('one account in one room from several devices: each device gets messages; the user leaves with its last device', async () => {
    const [other] = await room('md', 'other');
    const d1 = await t.connect('md-u');
    const d2 = await t.connect('md-u');
    await d1.request('joinChatRoom', { chatRoomId: 'md', count: -1 });
    await d2.request('joinChatRoom', { chatRoomId: 'md', count: -1 });
    const r = t.server.chatrooms.rooms.get('md')!;
    assert.equal(r.members.size, 2);
    await other!.request('sendChatroomMessage', roomText('md', 'both'));
    await waitForRoomMessages(d1, 1);
    await waitForRoomMessages(d2, 1);
    // A send from one device reaches the other device of the same user.
    await d1.request('sendChatroomMessage', roomText('md', 'from d1'));
    await waitForRoomMessages(d2, 2);
    assert.deepEqual(roomTexts(d1), ['both']);
    await d1.request('quitChatRoom', { chatRoomId: 'md' });
    await waitForEvent(d2, (e) => e.chatroomNotifyMultiLoginSync?.status === 0);
    assert.ok(r.members.has('md-u'), 'still in through d2');
    await d2.request('quitChatRoom', { chatRoomId: 'md' });
    assert.ok(!r.members.has('md-u'));
  });
});
