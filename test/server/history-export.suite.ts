import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { roomText } from './chatroom-helpers.js';
import { startTestServer, TestClock, textMessage, type TestServer } from './helpers.js';

describe('history export and room activity (Server API)', () => {
  let t: TestServer;
  const clock = new TestClock();
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0, chatroom: { sweepMs: 0, historyEnabled: true } });
  });
  after(async () => t.close());

  it('pages a room and a private conversation over a time range by cursor; limits are enforced', async () => {
    const start = clock.now();
    const alice = await t.connect('h-alice');
    await alice.request('joinChatRoom', { chatRoomId: 'hist', count: -1 });
    for (let i = 1; i <= 7; i++) {
      clock.advance(1000);
      assert.equal((await alice.request('sendChatroomMessage', roomText('hist', `r${i}`))).code, 0);
      assert.equal((await alice.request('sendMessage', textMessage(1, 'h-bob', `p${i}`, `p${i}`))).code, 0);
    }
    const end = clock.now() - 500; // leaves the last message (sent at now) out of the range
    const pages = async (params: Record<string, string | number>) => {
      const texts: string[][] = [];
      let cursor: string | undefined;
      do {
        const res = await t.api.call('/message/history.json', {
          ...params,
          startTime: start,
          endTime: end,
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        assert.equal(res.code, 200, JSON.stringify(res));
        texts.push((res.messages as Array<{ content: { content: string } }>).map((m) => m.content.content));
        cursor = (res.nextCursor as string | null) ?? undefined;
      } while (cursor);
      return texts;
    };
    assert.deepEqual(await pages({ conversationType: 4, targetId: 'hist' }), [
      ['r1', 'r2', 'r3'],
      ['r4', 'r5', 'r6'],
    ]);
    assert.deepEqual(await pages({ conversationType: 1, targetId: 'h-alice', userId: 'h-bob' }), [
      ['p1', 'p2', 'p3'],
      ['p4', 'p5', 'p6'],
    ]);
    const bad: Array<Record<string, string | number>> = [
      { conversationType: 1, targetId: 'h-bob', startTime: start, endTime: end },
      { conversationType: 4, targetId: 'hist', startTime: end, endTime: start },
      { conversationType: 4, targetId: 'hist', startTime: 0, endTime: 32 * 86_400_000 },
      { conversationType: 4, targetId: 'hist', startTime: start, endTime: end, limit: 501 },
      { conversationType: 4, targetId: 'hist', startTime: start, endTime: end, cursor: 'h1.1' },
      { conversationType: 4, targetId: 'hist', startTime: start, endTime: end, cursor: 'DROP TABLE' },
      { conversationType: 2, targetId: 'hist', startTime: start, endTime: end },
    ];
    for (const params of bad)
      assert.equal((await t.api.call('/message/history.json', params)).code, 1002, JSON.stringify(params));
  });

  it('ranks the busiest rooms by messages and by members over a window', async () => {
    const [a, b, c] = [await t.connect('top-a'), await t.connect('top-b'), await t.connect('top-c')];
    await a.request('joinChatRoom', { chatRoomId: 'quiet', count: -1 });
    await b.request('joinChatRoom', { chatRoomId: 'busy', count: -1 });
    await c.request('joinChatRoom', { chatRoomId: 'busy', count: -1 });
    await a.request('sendChatroomMessage', roomText('quiet', 'q'));
    clock.advance(10 * 60_000);
    for (let i = 0; i < 3; i++) await b.request('sendChatroomMessage', roomText('busy', `b${i}`));
    await a.request('sendChatroomMessage', roomText('quiet', 'q2'));
    const top = async (params: Record<string, string | number>) =>
      (
        (await t.api.call('/chatroom/top.json', params)).rooms as Array<{
          chatroomId: string;
          messages: number;
          peakMembers: number;
        }>
      ).filter((r) => r.chatroomId !== 'hist');
    assert.deepEqual(await top({ by: 'messages', minutes: 5 }), [
      { chatroomId: 'busy', messages: 3, peakMembers: 2, members: 2 },
      { chatroomId: 'quiet', messages: 1, peakMembers: 1, members: 1 },
    ]);
    const hour = await top({ by: 'messages', minutes: 60 });
    assert.deepEqual(
      hour.map((r) => [r.chatroomId, r.messages]),
      [
        ['busy', 3],
        ['quiet', 2],
      ],
    );
    assert.deepEqual(
      (await top({ by: 'members', minutes: 60, count: 1 })).map((r) => r.chatroomId),
      ['busy'],
    );
    const metrics = (await (await fetch(`${t.server.url}/metrics`)).json()) as {
      chatroomTop: { messages5m: Array<{ chatroomId: string }> };
    };
    assert.equal(metrics.chatroomTop.messages5m[0]!.chatroomId, 'busy');
    assert.equal((await t.api.call('/chatroom/top.json', { minutes: 61 })).code, 1002);
    assert.equal((await t.api.call('/chatroom/top.json', { by: 'vibes' })).code, 1002);
  });
});
