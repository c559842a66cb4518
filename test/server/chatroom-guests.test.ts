import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomText, roomTexts, waitForRoomMessages } from './chatroom-helpers.js';
import { startTestServer, TestSocket, type TestServer } from './helpers.js';

describe('anonymous chatroom guests', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({
      sendRatePerSecond: 0,
      chatroom: { sweepMs: 0, infoPerSecond: 100, infoPerMinute: 1000, guests: { sendsPerMinute: 2, maxPerRoom: 2 } },
    });
  });
  after(async () => t.close());

  async function guestToken(
    chatroomId: string,
    guestId?: string,
  ): Promise<{ code: number; token?: string; userId?: string }> {
    return (await t.api.call('/chatroom/guest/token.json', { chatroomId, ...(guestId ? { guestId } : {}) })) as {
      code: number;
      token?: string;
      userId?: string;
    };
  }

  async function connectGuest(
    token: string,
  ): Promise<{ socket: TestSocket; reply: { code: number; data?: { userId: string; isGuest?: boolean } } }> {
    const socket = await TestSocket.open(t.server.url);
    const reply = await socket.request('connect', { token, appkey: t.server.appKey });
    return { socket, reply };
  }

  it('no guest token for a room that does not admit guests, nor for a missing room; nothing is set ahead for one', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'closed' });
    assert.equal((await guestToken('closed')).code, ErrorCode.NOT_SUPPORT);
    assert.equal((await guestToken('nowhere')).code, ErrorCode.RC_CHATROOM_NOT_EXIST);
    assert.equal(
      (await t.api.call('/chatroom/guest/allow.json', { chatroomId: ['closed', 'nowhere'] })).code,
      ErrorCode.RC_CHATROOM_NOT_EXIST,
    );
    assert.equal(
      (await t.api.call('/chatroom/guest/query.json', { chatroomId: 'closed' })).policy,
      'none',
      'a refused call changes nothing',
    );
  });

  it('a guest of a read-only room reads, is told why it cannot send, and is counted apart', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'read' });
    assert.equal((await t.api.call('/chatroom/guest/allow.json', { chatroomId: 'read' })).code, 200);
    const member = await t.connect('read-m');
    assert.equal((await member.request('joinChatRoom', { chatRoomId: 'read', count: -1 })).code, 0);
    const issued = await guestToken('read', 'visitor1');
    assert.equal(issued.code, 200);
    assert.equal(issued.userId, 'guest:visitor1');
    const { socket: guest, reply } = await connectGuest(issued.token!);
    assert.equal(reply.code, 0);
    assert.deepEqual([reply.data?.userId, reply.data?.isGuest], ['guest:visitor1', true]);
    const joined = await guest.request('joinChatRoom', { chatRoomId: 'read', count: -1 });
    assert.equal(joined.code, 0);
    assert.deepEqual([joined.data.isMuted, joined.data.muteReason], [true, 'guest']);
    assert.equal((await member.request('sendChatroomMessage', roomText('read', 'hello guests'))).code, 0);
    await waitForRoomMessages(guest, 1);
    assert.deepEqual(roomTexts(guest), ['hello guests']);
    const refused = await guest.request('sendChatroomMessage', roomText('read', 'me too'));
    assert.equal(refused.code, ErrorCode.FORBIDDEN_IN_CHATROOM);
    assert.equal(
      (
        await guest.request('sendMessage', {
          conversationType: 1,
          targetId: 'read-m',
          messageType: 'RC:TxtMsg',
          content: { content: 'x' },
          clientMessageId: 'g1',
        })
      ).code,
      ErrorCode.NOT_SUPPORT,
    );
    assert.equal(
      (await guest.request('setChatRoomEntries', { chatRoomId: 'read', entries: [{ key: 'k', value: 'v' }] })).code,
      ErrorCode.NOT_SUPPORT,
    );
    const info = await member.request('getChatRoomInfo', { chatRoomId: 'read', count: 20, order: 1 });
    assert.equal(info.code, 0);
    assert.deepEqual([info.data.userCount, info.data.guestCount], [2, 1], 'two in the room, one of them a guest');
    assert.deepEqual(
      info.data.userInfos.map((u: { id: string }) => u.id),
      ['read-m'],
    );
    const users = await t.api.call('/chatroom/user/query.json', { chatroomId: 'read' });
    assert.deepEqual([users.total, users.guestCount, users.users.map((u: { id: string }) => u.id)], [2, 1, ['read-m']]);
    const guests = await t.api.call('/chatroom/guest/query.json', { chatroomId: 'read' });
    assert.deepEqual([guests.policy, guests.guestCount, guests.guests], ['read', 1, ['guest:visitor1']]);
  });

  it('a guest joins only the room its token names and leaves the count when gone', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'one' });
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'two' });
    await t.api.call('/chatroom/guest/allow.json', { chatroomId: ['one', 'two'] });
    const { socket: guest } = await connectGuest((await guestToken('one')).token!);
    assert.equal((await guest.request('joinChatRoom', { chatRoomId: 'two', count: -1 })).code, ErrorCode.NOT_SUPPORT);
    assert.equal((await guest.request('joinChatRoom', { chatRoomId: 'one', count: -1 })).code, 0);
    assert.equal((await t.api.call('/chatroom/guest/query.json', { chatroomId: 'one' })).guestCount, 1);
    assert.equal((await guest.request('quitChatRoom', { chatRoomId: 'one' })).code, 0);
    assert.equal((await t.api.call('/chatroom/guest/query.json', { chatroomId: 'one' })).guestCount, 0);
  });

  it('forged, tampered and wrong-kind tokens are refused', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'forge' });
    await t.api.call('/chatroom/guest/allow.json', { chatroomId: 'forge' });
    const good = (await guestToken('forge')).token!;
    const [, payload, signature] = good.split('.');
    const body = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const otherRoom = Buffer.from(JSON.stringify({ ...body, r: 'read' })).toString('base64url');
    for (const token of [`g1.${otherRoom}.${signature}`, `g1.${payload}.${'A'.repeat(43)}`, good.slice(3)]) {
      const { reply } = await connectGuest(token);
      assert.equal(reply.code, ErrorCode.RC_CONN_TOKEN_INCORRECT, token);
    }
    // A user's token stays a user's: no guest limits, no guest id.
    const user = await t.connect('plain-user');
    assert.equal(
      (
        await user.request('sendMessage', {
          conversationType: 1,
          targetId: 'x',
          messageType: 'RC:TxtMsg',
          content: { content: 'x' },
          clientMessageId: 'u1',
        })
      ).code,
      0,
    );
  });

  it('guests of a room that lets them send do so within the guest rate; the room caps its guests; disallowing stops new joins', async () => {
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'talk' });
    await t.api.call('/chatroom/guest/allow.json', { chatroomId: 'talk', canSend: 1 });
    const member = await t.connect('talk-m');
    await member.request('joinChatRoom', { chatRoomId: 'talk', count: -1 });
    const { socket: guest } = await connectGuest((await guestToken('talk', 'chatty')).token!);
    const joined = await guest.request('joinChatRoom', { chatRoomId: 'talk', count: -1 });
    assert.equal(joined.data.isMuted, false);
    assert.equal((await guest.request('sendChatroomMessage', roomText('talk', 'g1'))).code, 0);
    assert.equal((await guest.request('sendChatroomMessage', roomText('talk', 'g2'))).code, 0);
    assert.equal(
      (await guest.request('sendChatroomMessage', roomText('talk', 'g3'))).code,
      ErrorCode.SEND_FREQUENCY_TOO_FAST,
    );
    await waitForRoomMessages(member, 2);
    assert.deepEqual(roomTexts(member), ['g1', 'g2']);
    const { socket: second } = await connectGuest((await guestToken('talk')).token!);
    assert.equal((await second.request('joinChatRoom', { chatRoomId: 'talk', count: -1 })).code, 0);
    const { socket: third } = await connectGuest((await guestToken('talk')).token!);
    assert.equal(
      (await third.request('joinChatRoom', { chatRoomId: 'talk', count: -1 })).code,
      ErrorCode.RC_CHATROOM_IS_FULL,
    );
    const late = (await guestToken('talk')).token!;
    await t.api.call('/chatroom/guest/disallow.json', { chatroomId: 'talk' });
    const { socket: fourth } = await connectGuest(late);
    assert.equal((await fourth.request('joinChatRoom', { chatRoomId: 'talk', count: -1 })).code, ErrorCode.NOT_SUPPORT);
    assert.equal((await guestToken('talk')).code, ErrorCode.NOT_SUPPORT);
    for (const s of [guest, second, third, fourth]) s.close();
  });
});
