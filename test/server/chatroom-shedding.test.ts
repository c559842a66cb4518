/**
 * Load shedding, as a live-stream room under a flood sees it: on by default (40 per 200 ms), low
 * priority dropped first with half the window reserved for the rest, allowlisted users and types and
 * the Server API never dropped, the sender told in the ack, drops counted per room in /metrics, and
 * settings per room through the Server API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { roomMessages, roomText, roomTexts, joinRoom } from './chatroom-helpers.js';
import { sleep, startTestServer, TestClock, type TestServer, type TestSocket } from './helpers.js';

describe('chatroom load shedding', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    // Default shedding settings; no per-user send rate, so one client can flood the room.
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0, limits: { joinsPerMinute: 0 } } });
  });
  after(async () => t.close());

  const join = (roomId: string, userId: string) => joinRoom(t, roomId, userId);
  /** Sends n messages; resolves with the acks' `dropped` values (undefined = delivered). */
  async function send(
    s: TestSocket,
    roomId: string,
    n: number,
    type = 'RC:TxtMsg',
    prefix = 'm',
  ): Promise<Array<string | undefined>> {
    const out: Array<string | undefined> = [];
    for (let i = 0; i < n; i++) {
      const res = await s.request('sendChatroomMessage', roomText(roomId, `${prefix}${i}`, type));
      assert.equal(res.code, 0, 'a dropped message is still accepted');
      out.push(res.data.dropped);
    }
    return out;
  }
  const count = (xs: Array<string | undefined>, x: string | undefined) => xs.filter((y) => y === x).length;
  async function settle(s: TestSocket, n: number) {
    await s.waitFor(() => roomMessages(s).length >= n);
    await sleep(30);
  }
  /** Starts a fresh window of the (frozen) test clock. */
  const nextWindow = () => clock.advance(1000 - (clock.now() % 1000) + 1000);

  it('is on by default: a flood of 60 in one 200 ms window delivers 40; the sender is told which were dropped; /metrics counts them per room', async () => {
    const flooder = await join('flood', 'fl-a');
    const viewer = await join('flood', 'fl-v');
    nextWindow();
    const acks = await send(flooder, 'flood', 60);
    assert.equal(count(acks, undefined), 40);
    assert.equal(count(acks, 'overCeiling'), 20);
    assert.deepEqual(
      acks.slice(40),
      Array(20).fill('overCeiling'),
      'the newest beyond the ceiling are the ones dropped',
    );
    await settle(viewer, 40);
    assert.equal(roomTexts(viewer).length, 40);
    const metrics = (await (await fetch(`${t.server.url}/metrics`)).json()) as {
      chatroom: { droppedByRoom: Record<string, { dropped: number }> };
    };
    assert.deepEqual(metrics.chatroom.droppedByRoom['flood'], { dropped: 20, lowPriority: 0 });
    clock.advance(200);
    assert.deepEqual(
      await send(flooder, 'flood', 1, 'RC:TxtMsg', 'later'),
      [undefined],
      'the next window delivers again',
    );
  });

  it('low-priority types are dropped first and cannot use the reserved half; high priority still gets through', async () => {
    await t.api.call('/chatroom/message/priority/add.json', { objectName: 'App:Like' });
    const a = await join('prio', 'pr-a');
    const viewer = await join('prio', 'pr-v');
    nextWindow();
    const likes = await send(a, 'prio', 30, 'App:Like');
    assert.equal(count(likes, undefined), 20, 'low priority stops at the unreserved half of 40');
    assert.equal(count(likes, 'lowPriority'), 10);
    const texts = await send(a, 'prio', 25);
    assert.equal(count(texts, undefined), 20, 'the reserved half is there for normal messages');
    assert.equal(count(texts, 'overCeiling'), 5);
    await settle(viewer, 40);
    const types = roomMessages(viewer).map((m) => m.messageType);
    assert.equal(types.filter((x) => x === 'App:Like').length, 20);
    assert.equal(types.filter((x) => x === 'RC:TxtMsg').length, 20);
    assert.deepEqual(t.server.metrics().chatroom.droppedByRoom['prio'], { dropped: 15, lowPriority: 10 });
    await t.api.call('/chatroom/message/priority/remove.json', { objectName: 'App:Like' });
  });

  it('allowlisted users and types and Server API messages are never dropped, even over the ceiling', async () => {
    await t.api.call('/chatroom/whitelist/add.json', { objectnames: 'App:Gift' });
    const a = await join('prot', 'pt-a');
    const host = await join('prot', 'pt-host');
    const viewer = await join('prot', 'pt-v');
    await t.api.call('/chatroom/user/whitelist/add.json', { chatroomId: 'prot', userId: 'pt-host' });
    nextWindow();
    assert.equal(count(await send(a, 'prot', 45), 'overCeiling'), 5);
    assert.deepEqual(await send(a, 'prot', 2, 'App:Gift', 'gift'), [undefined, undefined]);
    assert.deepEqual(await send(host, 'prot', 2, 'RC:TxtMsg', 'host'), [undefined, undefined]);
    const res = await t.api.call('/message/chatroom/publish.json', {
      fromUserId: 'pt-system',
      toChatroomId: 'prot',
      objectName: 'RC:TxtMsg',
      content: JSON.stringify({ content: 'from the app' }),
    });
    assert.equal(res.code, 200);
    await settle(viewer, 45);
    const got = roomTexts(viewer);
    for (const x of ['gift0', 'gift1', 'host0', 'host1', 'from the app']) assert.ok(got.includes(x), `${x} delivered`);
    await t.api.call('/chatroom/whitelist/delete.json', { objectnames: 'App:Gift' });
  });

  it('a resend of a dropped message is answered as dropped again and delivers nothing', async () => {
    const a = await join('resend', 'rs-a');
    const viewer = await join('resend', 'rs-v');
    nextWindow();
    await send(a, 'resend', 40);
    const body = roomText('resend', 'over');
    const first = await a.request('sendChatroomMessage', body);
    assert.equal(first.data.dropped, 'overCeiling');
    clock.advance(200);
    const again = await a.request('sendChatroomMessage', body);
    assert.equal(again.code, 0);
    assert.equal(again.data.dropped, 'overCeiling');
    assert.equal(again.data.message.messageUId, first.data.message.messageUId);
    assert.deepEqual(again.data.message.content, { content: 'over' });
    await settle(viewer, 40);
    assert.ok(!roomTexts(viewer).includes('over'));
  });

  it('per room through the Server API: set, query, remove; bad settings are refused with 1002', async () => {
    const a = await join('tight', 'ti-a');
    const viewer = await join('tight', 'ti-v');
    const set = await t.api.call('/chatroom/shedding/set.json', { chatroomId: 'tight', ceiling: 3 });
    assert.equal(set.code, 200);
    assert.deepEqual(
      { own: set.own, ceiling: set.ceiling, windowMs: set.windowMs, reservedShare: set.reservedShare },
      { own: true, ceiling: 3, windowMs: 200, reservedShare: 0.5 },
    );
    nextWindow();
    assert.equal(count(await send(a, 'tight', 5), undefined), 3);
    await settle(viewer, 3);
    assert.equal(roomTexts(viewer).length, 3);
    // Other rooms keep the app's settings.
    assert.equal((await t.api.call('/chatroom/shedding/query.json', { chatroomId: 'elsewhere' })).ceiling, 40);
    const bads: Array<Record<string, number | string>> = [
      { ceiling: -1 },
      { windowMs: 1 },
      { reservedShare: 2 },
      { ceiling: 'lots' },
    ];
    for (const bad of bads) {
      const res = await t.api.call('/chatroom/shedding/set.json', { chatroomId: 'tight', ...bad });
      assert.equal(res.code, 1002, JSON.stringify(bad));
    }
    assert.equal(
      (await t.api.call('/chatroom/shedding/query.json', { chatroomId: 'tight' })).ceiling,
      3,
      'a refused change changes nothing',
    );
    const off = await t.api.call('/chatroom/shedding/set.json', { chatroomId: 'tight', ceiling: 0 });
    assert.equal(off.ceiling, 0);
    nextWindow();
    assert.equal(count(await send(a, 'tight', 50), undefined), 50, 'ceiling 0 turns shedding off for the room');
    const removed = await t.api.call('/chatroom/shedding/remove.json', { chatroomId: 'tight' });
    assert.deepEqual({ own: removed.own, ceiling: removed.ceiling }, { own: false, ceiling: 40 });
  });
});
