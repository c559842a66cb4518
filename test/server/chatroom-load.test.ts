import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { roomText, roomTexts, joinRoom } from './chatroom-helpers.js';
import { sleep, startTestServer, TestClock, type TestServer, type TestSocket } from './helpers.js';

async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(5);
  }
}

describe('chatroom: offline members, load shedding, metrics', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({
      clock,
      sendRatePerSecond: 0,
      chatroom: {
        sweepMs: 0,
        sheddingCeiling: 10,
        sheddingReservedShare: 0.5,
        historyEnabled: true,
        historyRetentionMs: 86_400_000,
      },
    });
  });
  after(async () => t.close());

  const room = (id: string) => t.server.chatrooms.rooms.get(id)!;
  const join = (roomId: string, userId: string) => joinRoom(t, roomId, userId);
  async function goOffline(s: TestSocket, roomId: string, userId: string) {
    s.close();
    await until(() => room(roomId).offline.has(userId), `${userId} offline`);
  }
  async function send(s: TestSocket, roomId: string, n: number, type = 'RC:TxtMsg') {
    for (let i = 0; i < n; i++)
      assert.equal((await s.request('sendChatroomMessage', roomText(roomId, `m${i}`, type))).code, 0);
  }

  it('an offline member is removed on the 31st message within 30 s', async () => {
    const a = await join('off1', 'off1-a');
    const b = await join('off1', 'off1-b');
    await goOffline(b, 'off1', 'off1-b');
    clock.advance(1000);
    await send(a, 'off1', 15);
    clock.advance(1000); // a new shedding window
    await send(a, 'off1', 15);
    assert.ok(room('off1').members.has('off1-b'), 'still a member after 30 messages');
    clock.advance(1000);
    await send(a, 'off1', 1);
    assert.ok(!room('off1').members.has('off1-b'), 'removed on the 31st');
  });

  it('an offline member is removed on the first message after 30 s; without messages nobody is removed; rejoining in time keeps the join time', async () => {
    const a = await join('off2', 'off2-a');
    const b = await join('off2', 'off2-b');
    const c = await join('off2', 'off2-c');
    const joinTimeC = room('off2').members.get('off2-c')!.joinTime;
    await goOffline(b, 'off2', 'off2-b');
    await goOffline(c, 'off2', 'off2-c');
    clock.advance(29_000);
    const c2 = await t.connect('off2-c');
    await c2.request('joinChatRoom', { chatRoomId: 'off2', count: -1 });
    clock.advance(60_000);
    assert.equal(room('off2').members.size, 3, 'no message, no removal');
    await send(a, 'off2', 1);
    assert.deepEqual([...room('off2').members.keys()], ['off2-a', 'off2-c']);
    assert.equal(room('off2').members.get('off2-c')!.joinTime, joinTimeC);
    assert.ok(t.server.metrics().chatroom.offlineRemovals >= 2);
  });

  it('allowlisted users are never removed for being offline', async () => {
    const a = await join('off3', 'off3-a');
    const b = await join('off3', 'off3-b');
    await t.api.call('/chatroom/user/whitelist/add.json', { chatroomId: 'off3', userId: 'off3-b' });
    await goOffline(b, 'off3', 'off3-b');
    clock.advance(31_000);
    await send(a, 'off3', 1);
    assert.ok(room('off3').members.has('off3-b'));
  });

  it('over the shedding ceiling: low-priority types go first, then the rest; allowlisted users and types pass; drops are counted', async () => {
    await t.api.call('/chatroom/message/priority/add.json', { objectName: 'App:Like' });
    await t.api.call('/chatroom/whitelist/add.json', { objectnames: 'App:Gift' });
    const a = await join('bud', 'bud-a');
    const vip = await join('bud', 'bud-vip');
    const r = await join('bud', 'bud-r');
    await t.api.call('/chatroom/user/whitelist/add.json', { chatroomId: 'bud', userId: 'bud-vip' });
    const before = t.server.metrics().chatroom;
    clock.advance(1000);
    await send(a, 'bud', 8, 'App:Like'); // low priority: 5 (the unreserved half of 10) pass
    await send(a, 'bud', 8); // normal: up to the ceiling, so 5 more pass
    await send(a, 'bud', 2, 'App:Gift'); // allowlisted type: always
    await send(vip, 'bud', 2); // allowlisted user: always
    await until(() => roomTexts(r).length >= 14, 'r got the delivered ones');
    await sleep(30);
    const got = r.frames.flatMap((f) =>
      'push' in f && f.push === 'chatroom' && f.data.type === 'message' ? [f.data.message.messageType] : [],
    );
    assert.deepEqual(got.filter((x) => x === 'App:Like').length, 5);
    assert.deepEqual(got.filter((x) => x === 'RC:TxtMsg').length, 5 + 2);
    assert.deepEqual(got.filter((x) => x === 'App:Gift').length, 2);
    const after = t.server.metrics().chatroom;
    assert.equal(after.messagesDropped - before.messagesDropped, 6);
    assert.equal(after.lowPriorityDropped - before.lowPriorityDropped, 3);
    const http = (await (await fetch(`${t.server.url}/metrics`)).json()) as { chatroom: { messagesDropped: number } };
    assert.equal(http.chatroom.messagesDropped, after.messagesDropped);
    clock.advance(1000);
    await send(a, 'bud', 1);
    await until(() => roomTexts(r).length === 15, 'a new window has room again');
    await t.api.call('/chatroom/message/priority/remove.json', { objectName: 'App:Like' });
    await t.api.call('/chatroom/whitelist/delete.json', { objectnames: 'App:Gift' });
  });

  it('history is kept for the retention time, then pruned by the sweep', async () => {
    const a = await join('ret', 'ret-a');
    clock.advance(1000);
    await send(a, 'ret', 2);
    assert.equal((await a.request('getChatroomHistoryMessages', { chatRoomId: 'ret', count: 20 })).data.list.length, 2);
    clock.advance(86_400_000 + 1000);
    t.server.chatrooms.tick();
    await a.request('joinChatRoom', { chatRoomId: 'ret', count: -1 });
    assert.equal((await a.request('getChatroomHistoryMessages', { chatRoomId: 'ret', count: 20 })).data.list.length, 0);
    assert.equal(
      (await a.request('sendChatroomMessage', roomText('nowhere', 'x'))).code,
      ErrorCode.RC_CHATROOM_NOT_EXIST,
    );
  });
});
