/**
 * Per-user budgets of the chatroom ops, as a script abusing them meets them: more sockets do not buy
 * more budget, over budget an op changes nothing and answers the seeds' code (23425 attributes, 20604
 * sends, 20607 the rest), and rooms created by joining and rooms held at once are capped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomText } from './chatroom-helpers.js';
import { startTestServer, TestClock, type TestServer, type TestSocket } from './helpers.js';

const MINUTE = 60_000;

describe('chatroom per-user limits (defaults)', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, chatroom: { sweepMs: 0 } });
  });
  after(async () => t.close());

  it('join/quit: 60 a minute per user, whatever the number of sockets; then 20607 until the next minute', async () => {
    clock.advance(MINUTE - (clock.now() % MINUTE));
    const sockets = [await t.connect('jq'), await t.connect('jq'), await t.connect('jq')];
    await t.api.call('/chatroom/create_new.json', { chatroomId: 'jq-room' });
    const codes: number[] = [];
    for (let i = 0; i < 63; i++) {
      const s = sockets[i % 3]!;
      codes.push((await s.request(i % 2 ? 'quitChatRoom' : 'joinChatRoom', { chatRoomId: 'jq-room', count: -1 })).code);
    }
    assert.deepEqual(
      codes.slice(0, 60).filter((c) => c === ErrorCode.REQUEST_OVER_FREQUENCY),
      [],
    );
    assert.deepEqual(codes.slice(60), [
      ErrorCode.REQUEST_OVER_FREQUENCY,
      ErrorCode.REQUEST_OVER_FREQUENCY,
      ErrorCode.REQUEST_OVER_FREQUENCY,
    ]);
    // Another user is not affected.
    const other = await t.connect('jq-other');
    assert.equal((await other.request('joinChatRoom', { chatRoomId: 'jq-room', count: -1 })).code, 0);
    clock.advance(MINUTE);
    assert.equal((await sockets[0]!.request('joinChatRoom', { chatRoomId: 'jq-room', count: -1 })).code, 0);
  });

  it('rooms created by joining: 5 a minute; the 6th new id is refused and not created; existing rooms still join', async () => {
    clock.advance(MINUTE - (clock.now() % MINUTE));
    const s = await t.connect('creator');
    for (let i = 0; i < 5; i++)
      assert.equal((await s.request('joinChatRoom', { chatRoomId: `new-${i}`, count: -1 })).code, 0);
    const sixth = await s.request('joinChatRoom', { chatRoomId: 'new-5', count: -1 });
    assert.equal(sixth.code, ErrorCode.REQUEST_OVER_FREQUENCY);
    assert.ok(!t.server.chatrooms.rooms.has('new-5'), 'the refused join created nothing');
    assert.equal((await s.request('joinChatRoom', { chatRoomId: 'new-0', count: -1 })).code, 0);
  });

  it('sends: 5 a second per user across sockets (20604)', async () => {
    const a = await t.connect('sender');
    const b = await t.connect('sender');
    for (const s of [a, b]) assert.equal((await s.request('joinChatRoom', { chatRoomId: 'sends', count: -1 })).code, 0);
    clock.advance(1000);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await [a, b][i % 2]!.request('sendChatroomMessage', roomText('sends', `m${i}`))).code);
    assert.deepEqual(codes, [0, 0, 0, 0, 0, ErrorCode.SEND_FREQUENCY_TOO_FAST]);
  });
});

describe('chatroom per-user limits (configured)', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({
      clock,
      sendRatePerSecond: 0,
      chatroom: {
        sweepMs: 0,
        multiRoom: true,
        limits: {
          maxJoinedRooms: 3,
          kvPerMinute: 5,
          readsPerMinute: 4,
          queuePerMinute: 3,
          managePerMinute: 2,
          roomsCreatedPerMinute: 0,
        },
      },
    });
  });
  after(async () => t.close());

  async function joined(userId: string, roomId: string): Promise<TestSocket> {
    const s = await t.connect(userId);
    assert.equal((await s.request('joinChatRoom', { chatRoomId: roomId, count: -1 })).code, 0);
    return s;
  }

  it('multiRoom: at most maxJoinedRooms at once; rejoining a held room is fine; quitting one frees a place', async () => {
    const s = await t.connect('multi');
    for (const id of ['m1', 'm2', 'm3'])
      assert.equal((await s.request('joinChatRoom', { chatRoomId: id, count: -1 })).code, 0);
    const fourth = await s.request('joinChatRoom', { chatRoomId: 'm4', count: -1 });
    assert.equal(fourth.code, ErrorCode.REQUEST_OVER_FREQUENCY);
    assert.match(String(fourth.msg), /at most 3/);
    assert.ok(!t.server.chatrooms.rooms.get('m4')?.members.has('multi'));
    assert.equal((await s.request('joinChatRoom', { chatRoomId: 'm2', count: -1 })).code, 0);
    assert.equal((await s.request('quitChatRoom', { chatRoomId: 'm1' })).code, 0);
    assert.equal((await s.request('joinChatRoom', { chatRoomId: 'm4', count: -1 })).code, 0);
  });

  it('attributes: a batch of n counts n; over the budget 23425 from any socket, and nothing is set', async () => {
    clock.advance(MINUTE - (clock.now() % MINUTE));
    const a = await joined('kv-user', 'kv-room');
    const b = await joined('kv-user', 'kv-room');
    const entries = (p: string) => [1, 2, 3].map((i) => ({ key: `${p}${i}`, value: 'v' }));
    assert.equal(
      (await a.request('setChatRoomEntries', { chatRoomId: 'kv-room', entries: entries('a'), isBatch: true })).code,
      0,
    );
    const over = await b.request('setChatRoomEntries', { chatRoomId: 'kv-room', entries: entries('b'), isBatch: true });
    assert.equal(over.code, ErrorCode.CHATROOM_SET_PROPERTY_OVER_FREQUENCY);
    assert.ok(!t.server.chatrooms.rooms.get('kv-room')!.entries.has('b1'), 'the refused batch set nothing');
  });

  it('reads, queue changes and member management each have their budget (20607)', async () => {
    clock.advance(MINUTE - (clock.now() % MINUTE));
    const s = await joined('ops', 'ops-room');
    const reads: number[] = [];
    for (let i = 0; i < 5; i++) reads.push((await s.request('getChatRoomRoles', { chatRoomId: 'ops-room' })).code);
    assert.deepEqual(reads, [0, 0, 0, 0, ErrorCode.REQUEST_OVER_FREQUENCY]);
    const offers: number[] = [];
    for (let i = 0; i < 4; i++)
      offers.push((await s.request('chatroomQueueOffer', { chatRoomId: 'ops-room', key: `k${i}`, value: 'v' })).code);
    assert.equal(offers[3], ErrorCode.REQUEST_OVER_FREQUENCY);
    assert.ok(offers.slice(0, 3).every((c) => c !== ErrorCode.REQUEST_OVER_FREQUENCY));
    const manage: number[] = [];
    for (let i = 0; i < 3; i++)
      manage.push(
        (await s.request('muteChatRoomMember', { chatRoomId: 'ops-room', userId: 'someone', minute: 1 })).code,
      );
    assert.equal(manage[2], ErrorCode.REQUEST_OVER_FREQUENCY);
    assert.ok(manage.slice(0, 2).every((c) => c !== ErrorCode.REQUEST_OVER_FREQUENCY));
  });
});
