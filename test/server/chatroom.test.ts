import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import {
  roomEvents,
  roomMessages,
  roomText,
  roomTexts,
  waitForEvent,
  waitForRoomMessages,
} from './chatroom-helpers.js';
import { sleep, startTestServer, TestClock, type TestServer } from './helpers.js';

const HOUR = 3_600_000;

describe('chatroom: join, messages, info, history, lifecycle', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0, historyEnabled: true } });
  });
  after(async () => t.close());

  it('joinChatRoom creates the room, joinExistChatRoom refuses a missing one with 23410', async () => {
    const a = await t.connect('j-a');
    assert.equal(
      (await a.request('joinExistChatRoom', { chatRoomId: 'nope', count: -1 })).code,
      ErrorCode.RC_CHATROOM_NOT_EXIST,
    );
    const joined = await a.request('joinChatRoom', { chatRoomId: 'r-join', count: -1 });
    assert.equal(joined.code, 0);
    assert.equal(joined.data.chatroomId, 'r-join');
    assert.equal(joined.data.userCount, 1);
    assert.ok(joined.data.sessionId);
    const b = await t.connect('j-b');
    assert.equal((await b.request('joinExistChatRoom', { chatRoomId: 'r-join', count: -1 })).code, 0);
    const q = await t.api.call('/chatroom/query.json', { chatroomId: 'r-join' });
    assert.equal(q.chatRooms[0].userCount, 2);
    // The joining device hears its own userChange (the seeds' default).
    const change = await waitForEvent(b, (e) => !!e.userChange);
    assert.equal(change.event.userChange!.ups[0]!.userId, 'j-b');
  });

  it('delivers messages live to online members only, not to the sender socket; non-members are refused with 23406', async () => {
    const [a, b, c] = [await t.connect('m-a'), await t.connect('m-b'), await t.connect('m-c')];
    await a.request('joinChatRoom', { chatRoomId: 'r-msg', count: -1 });
    await b.request('joinChatRoom', { chatRoomId: 'r-msg', count: -1 });
    const sent = await a.request('sendChatroomMessage', roomText('r-msg', 'hello'));
    assert.equal(sent.code, 0);
    assert.equal(sent.data.message.conversationType, 4);
    assert.deepEqual(
      roomTexts(b).length
        ? roomTexts(b)
        : (await waitForRoomMessages(b, 1)).map((m) => (m.content as { content: string }).content),
      ['hello'],
    );
    assert.equal((await c.request('sendChatroomMessage', roomText('r-msg', 'nope'))).code, ErrorCode.NOT_IN_CHATROOM);
    await sleep(50);
    assert.equal(roomMessages(a).length, 0, 'no echo to the sending socket');
    assert.equal(roomMessages(c).length, 0, 'non-members get nothing');
    // Nothing went to the inbox: a chatroom message is not a conversation item.
    assert.equal(a.pushes.filter((p) => p.push === 'inbox').length, 0);
  });

  it('a resend with the same clientMessageId is answered with the first message and not delivered twice', async () => {
    const [a, b] = [await t.connect('id-a'), await t.connect('id-b')];
    await a.request('joinChatRoom', { chatRoomId: 'r-idem', count: -1 });
    await b.request('joinChatRoom', { chatRoomId: 'r-idem', count: -1 });
    const body = { ...roomText('r-idem', 'once'), clientMessageId: 'same-id' };
    const first = await a.request('sendChatroomMessage', body);
    const again = await a.request('sendChatroomMessage', body);
    assert.equal(again.code, 0);
    assert.equal(again.data.message.messageUId, first.data.message.messageUId);
    await waitForRoomMessages(b, 1);
    await sleep(30);
    assert.deepEqual(roomTexts(b), ['once']);
  });

  it('join returns the newest count messages (−1 none)', async () => {
    const a = await t.connect('c-a');
    await a.request('joinChatRoom', { chatRoomId: 'r-count', count: -1 });
    for (let i = 0; i < 12; i++) await a.request('sendChatroomMessage', roomText('r-count', `n${i}`));
    const b = await t.connect('c-b');
    const j = await b.request('joinChatRoom', { chatRoomId: 'r-count', count: 10 });
    assert.deepEqual(
      j.data.messages.map((m: { content: { content: string } }) => m.content.content),
      ['n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n11'],
    );
    const c = await t.connect('c-c');
    assert.equal((await c.request('joinChatRoom', { chatRoomId: 'r-count', count: -1 })).data.messages.length, 0);
    assert.equal(
      (await c.request('joinChatRoom', { chatRoomId: 'r-count', count: 51 })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
  });

  it('a user is in one room at a time by default: joining another leaves the first, with notices', async () => {
    const a1 = await t.connect('s-a');
    const a2 = await t.connect('s-a');
    const other = await t.connect('s-o');
    await other.request('joinChatRoom', { chatRoomId: 'r-first', count: -1 });
    await a1.request('joinChatRoom', { chatRoomId: 'r-first', count: -1 });
    const join = await waitForEvent(a2, (e) => e.chatroomNotifyMultiLoginSync?.status === 1);
    assert.equal(join.event.chatroomNotifyMultiLoginSync!.chatroomId, 'r-first');
    await a1.request('joinChatRoom', { chatRoomId: 'r-second', count: -1 });
    const moved = await waitForEvent(a1, (e) => e.chatroomNotifyMultiLoginSync?.reason === 2);
    assert.equal(moved.left, 'r-first');
    assert.equal(moved.event.chatroomNotifyMultiLoginSync!.status, 0);
    await waitForEvent(a2, (e) => e.chatroomNotifyMultiLoginSync?.reason === 2);
    await waitForEvent(other, (e) => e.userChange?.ups[0]?.userId === 's-a' && e.userChange.ups[0].status === 3);
    const q = await t.api.call('/chatroom/query.json', { chatroomId: ['r-first', 'r-second'] });
    assert.deepEqual(
      q.chatRooms.map((r: { userCount: number }) => r.userCount),
      [1, 1],
    );
  });

  it('getChatRoomInfo: count and members by join time, rate-limited per device (1/s)', async () => {
    const s = [await t.connect('i-1'), await t.connect('i-2'), await t.connect('i-3')];
    for (const x of s) {
      await x.request('joinChatRoom', { chatRoomId: 'r-info', count: -1 });
      clock.advance(10);
    }
    const asc = await s[0]!.request('getChatRoomInfo', { chatRoomId: 'r-info', count: 2, order: 1 });
    assert.equal(asc.data.userCount, 3);
    assert.deepEqual(
      asc.data.userInfos.map((u: { id: string }) => u.id),
      ['i-1', 'i-2'],
    );
    assert.equal(
      (await s[0]!.request('getChatRoomInfo', { chatRoomId: 'r-info' })).code,
      ErrorCode.REQUEST_OVER_FREQUENCY,
    );
    const desc = await s[1]!.request('getChatRoomInfo', { chatRoomId: 'r-info', count: 20, order: 2 });
    assert.deepEqual(
      desc.data.userInfos.map((u: { id: string }) => u.id),
      ['i-3', 'i-2', 'i-1'],
    );
    clock.advance(1000);
    const none = await s[0]!.request('getChatRoomInfo', { chatRoomId: 'r-info' });
    assert.equal(none.code, 0);
    assert.deepEqual(none.data.userInfos, []);
    assert.equal(
      (await s[0]!.request('getChatRoomInfo', { chatRoomId: 'r-info', count: 21 })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
  });

  it('getChatroomHistoryMessages pages by timestamp and order (count 1–20)', async () => {
    const a = await t.connect('h-a');
    await a.request('joinChatRoom', { chatRoomId: 'r-hist', count: -1 });
    const times: number[] = [];
    for (let i = 0; i < 5; i++)
      times.push((await a.request('sendChatroomMessage', roomText('r-hist', `h${i}`))).data.message.sentTime);
    const latest = await a.request('getChatroomHistoryMessages', {
      chatRoomId: 'r-hist',
      timestamp: 0,
      count: 2,
      order: 0,
    });
    assert.deepEqual(
      latest.data.list.map((m: { content: { content: string } }) => m.content.content),
      ['h3', 'h4'],
    );
    assert.equal(latest.data.hasMore, true);
    const after1 = await a.request('getChatroomHistoryMessages', {
      chatRoomId: 'r-hist',
      timestamp: times[1],
      count: 20,
      order: 1,
    });
    assert.deepEqual(
      after1.data.list.map((m: { content: { content: string } }) => m.content.content),
      ['h2', 'h3', 'h4'],
    );
    assert.equal(after1.data.hasMore, false);
    assert.equal(
      (await a.request('getChatroomHistoryMessages', { chatRoomId: 'r-hist', count: 21 })).code,
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
    );
  });

  it('recall replaces the message with RC:RcNtf for the room and in history; only the sender may', async () => {
    const [a, b] = [await t.connect('rc-a'), await t.connect('rc-b')];
    await a.request('joinChatRoom', { chatRoomId: 'r-recall', count: -1 });
    await b.request('joinChatRoom', { chatRoomId: 'r-recall', count: -1 });
    const sent = (await a.request('sendChatroomMessage', roomText('r-recall', 'oops'))).data.message;
    assert.equal(
      (await b.request('recallChatroomMessage', { chatRoomId: 'r-recall', messageUId: sent.messageUId })).code,
      ErrorCode.RECALL_MESSAGE_USER_INVALID,
    );
    assert.equal(
      (await a.request('recallChatroomMessage', { chatRoomId: 'r-recall', messageUId: sent.messageUId })).code,
      0,
    );
    const got = await waitForRoomMessages(b, 2);
    assert.equal(got[1]!.messageType, 'RC:RcNtf');
    assert.equal((got[1]!.content as { messageUId: string }).messageUId, sent.messageUId);
    const h = await a.request('getChatroomHistoryMessages', { chatRoomId: 'r-recall', count: 20 });
    assert.deepEqual(
      h.data.list.map((m: { messageType: string }) => m.messageType),
      ['RC:RcNtf'],
    );
    const c = await t.connect('rc-c');
    assert.equal((await c.request('joinChatRoom', { chatRoomId: 'r-recall', count: 10 })).data.messages.length, 0);
  });

  it('Server API: create (form), create_new, query, publish, broadcast and destroy with chatroomDestroyed', async () => {
    assert.equal(
      (await t.api.call('/chatroom/create.json', { 'chatroom[api-1]': 'One', 'chatroom[api-2]': 'Two' })).code,
      200,
    );
    const q = await t.api.call('/chatroom/query.json', { chatroomId: ['api-1', 'api-2', 'missing'] });
    assert.deepEqual(
      q.chatRooms.map((r: { chrmId: string; name: string }) => [r.chrmId, r.name]),
      [
        ['api-1', 'One'],
        ['api-2', 'Two'],
      ],
    );
    assert.equal((await t.api.call('/chatroom/create.json', {})).code, 1002);
    const a = await t.connect('api-a');
    assert.equal((await a.request('joinExistChatRoom', { chatRoomId: 'api-1', count: -1 })).code, 0);
    const pub = await t.api.call('/message/chatroom/publish.json', {
      fromUserId: 'bot',
      toChatroomId: 'api-1',
      objectName: 'RC:TxtMsg',
      content: '{"content":"from api"}',
    });
    assert.equal(pub.code, 200);
    const bc = await t.api.call('/message/chatroom/broadcast.json', {
      fromUserId: 'bot',
      objectName: 'RC:TxtMsg',
      content: '{"content":"to all"}',
    });
    assert.equal(bc.code, 200);
    assert.deepEqual(
      (await waitForRoomMessages(a, 2)).map((m) => (m.content as { content: string }).content),
      ['from api', 'to all'],
    );
    assert.equal(
      (
        await t.api.call('/message/chatroom/publish.json', {
          fromUserId: 'bot',
          toChatroomId: 'missing',
          objectName: 'RC:TxtMsg',
          content: '{}',
        })
      ).code,
      23410,
    );
    const session = q.chatRooms[0].sessionId;
    assert.equal((await t.api.call('/chatroom/destroy.json', { chatroomId: 'api-1' })).code, 200);
    const destroyed = await waitForEvent(a, (e) => e.chatroomDestroyed !== undefined);
    assert.equal(destroyed.event.chatroomDestroyed, 'api-1');
    assert.equal(
      (await a.request('sendChatroomMessage', roomText('api-1', 'x'))).code,
      ErrorCode.RC_CHATROOM_NOT_EXIST,
    );
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'api-1' });
    const again = await t.api.call('/chatroom/query.json', { chatroomId: 'api-1' });
    assert.notEqual(again.chatRooms[0].sessionId, session, 'each lifetime has its own session id');
  });

  it('auto-destroy: an inactive room dies after the wait (1 h), activity resets it, keep-alive rooms never die', async () => {
    const a = await t.connect('ad-a');
    await a.request('joinChatRoom', { chatRoomId: 'r-idle', count: -1 });
    await t.api.call('/chatroom/create.json', { 'chatroom[r-kept]': 'kept' });
    await t.api.call('/chatroom/keepalive/add.json', { chatroomId: 'r-kept' });
    assert.deepEqual((await t.api.call('/chatroom/keepalive/query.json', {})).chatroomIds, ['r-kept']);
    clock.advance(HOUR - 1000);
    await a.request('sendChatroomMessage', roomText('r-idle', 'still here'));
    clock.advance(HOUR - 1000);
    t.server.chatrooms.tick();
    assert.ok(t.server.chatrooms.rooms.has('r-idle'), 'the message kept it alive');
    clock.advance(1000);
    t.server.chatrooms.tick();
    assert.ok(!t.server.chatrooms.rooms.has('r-idle'));
    await waitForEvent(a, (e) => e.chatroomDestroyed === 'r-idle');
    assert.ok(t.server.chatrooms.rooms.has('r-kept'));
    await t.api.call('/chatroom/keepalive/remove.json', { chatroomId: 'r-kept' });
    t.server.chatrooms.tick();
    assert.ok(!t.server.chatrooms.rooms.has('r-kept'));
  });

  it('create_new with destroyType 1 destroys at the fixed time even when active', async () => {
    assert.equal(
      (await t.api.call('/chatroom/create_new.json', { chatroomId: 'r-fixed', destroyType: 1, destroyTime: 90 })).code,
      200,
    );
    assert.equal((await t.api.call('/chatroom/create_new.json', { chatroomId: 'r-bad', destroyType: 1 })).code, 1002);
    const a = await t.connect('fx-a');
    await a.request('joinExistChatRoom', { chatRoomId: 'r-fixed', count: -1 });
    clock.advance(89 * 60_000);
    await a.request('sendChatroomMessage', roomText('r-fixed', 'x'));
    t.server.chatrooms.tick();
    assert.ok(t.server.chatrooms.rooms.has('r-fixed'));
    clock.advance(60_000);
    t.server.chatrooms.tick();
    assert.ok(!t.server.chatrooms.rooms.has('r-fixed'));
    assert.ok(roomEvents(a).length > 0);
  });
});

describe('chatroom: rate limits', () => {
  it('a client sends at most 5 chatroom messages per second (20604); getChatRoomInfo at most 20 per minute', async () => {
    const clock = new TestClock();
    const t = await startTestServer({ clock, chatroom: { sweepMs: 0 } });
    try {
      const a = await t.connect('rl-a');
      await a.request('joinChatRoom', { chatRoomId: 'rl', count: -1 });
      const codes = [];
      for (let i = 0; i < 6; i++) codes.push((await a.request('sendChatroomMessage', roomText('rl', `r${i}`))).code);
      assert.deepEqual(codes, [0, 0, 0, 0, 0, ErrorCode.SEND_FREQUENCY_TOO_FAST]);
      clock.advance(1000);
      assert.equal((await a.request('sendChatroomMessage', roomText('rl', 'later'))).code, 0);
      const info = [];
      for (let i = 0; i < 21; i++) {
        info.push((await a.request('getChatRoomInfo', { chatRoomId: 'rl' })).code);
        clock.advance(1000);
      }
      assert.deepEqual(info.slice(0, 20), Array(20).fill(0));
      assert.equal(info[20], ErrorCode.REQUEST_OVER_FREQUENCY);
    } finally {
      await t.close();
    }
  });
});

describe('chatroom: configuration', () => {
  it('multiRoom lets a user be in several rooms; a shorter destroy wait applies; history off answers 23414', async () => {
    const clock = new TestClock();
    const t = await startTestServer({
      clock,
      sendRatePerSecond: 0,
      chatroom: { sweepMs: 0, multiRoom: true, destroyWaitMs: 60_000 },
    });
    try {
      const a = await t.connect('mr-a');
      await a.request('joinChatRoom', { chatRoomId: 'mr-1', count: -1 });
      await a.request('joinChatRoom', { chatRoomId: 'mr-2', count: -1 });
      const q = await t.api.call('/chatroom/query.json', { chatroomId: ['mr-1', 'mr-2'] });
      assert.deepEqual(
        q.chatRooms.map((r: { userCount: number }) => r.userCount),
        [1, 1],
      );
      assert.equal(
        (await a.request('getChatroomHistoryMessages', { chatRoomId: 'mr-1' })).code,
        ErrorCode.CHATROOM_NOT_OPEN_HISTORYMSG_STORE,
      );
      clock.advance(60_000);
      t.server.chatrooms.tick();
      assert.equal(t.server.chatrooms.rooms.size, 0);
    } finally {
      await t.close();
    }
  });
});
