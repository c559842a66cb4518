import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { ConversationListReply, HistoryReply, SyncReply, WireMessage } from '../../src/protocol/frames.js';
import { TestClock, startTestServer, textMessage, type TestServer } from './helpers.js';

const { PRIVATE } = ConversationType;

describe('history paging and resync', () => {
  // Frozen clock: every message is sent "in the same millisecond".
  const clock = new TestClock();
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ clock, sendRatePerSecond: 0 });
  });
  after(() => t.close());

  it('pages 45 same-millisecond messages without skips or duplicates, oldest first', async () => {
    const a = await t.connect('ha');
    const b = await t.connect('hb');
    for (let i = 0; i < 45; i++) {
      const from = i % 2 === 0 ? a : b;
      const res = await from.request('sendMessage', textMessage(PRIVATE, i % 2 === 0 ? 'hb' : 'ha', `m${i}`, `h-${i}`));
      assert.equal(res.code, 0);
    }
    const expected = Array.from({ length: 45 }, (_, i) => `m${i}`);

    // Backwards from now, 20 at a time, as the seeds page: timestamp = sentTime of the oldest.
    const seen: string[][] = [];
    let timestamp = 0;
    let hasMore = true;
    while (hasMore) {
      const res = await a.request<HistoryReply>('getHistoryMessages', {
        conversationType: PRIVATE,
        targetId: 'hb',
        timestamp,
        count: 20,
        order: 0,
      });
      assert.equal(res.code, 0);
      const list = res.data!.list;
      assert.ok(
        list.every((m, i) => i === 0 || m.sentTime > list[i - 1]!.sentTime),
        'oldest first',
      );
      seen.unshift(list.map((m) => m.content.content as string));
      hasMore = res.data!.hasMore;
      timestamp = list[0]!.sentTime;
    }
    assert.deepEqual(
      seen.map((p) => p.length),
      [5, 20, 20],
    );
    assert.deepEqual(seen.flat(), expected);

    // Forwards from the beginning with order 1, from B's side.
    const forward: WireMessage[] = [];
    timestamp = 0;
    hasMore = true;
    while (hasMore) {
      const res = await b.request<HistoryReply>('getHistoryMessages', {
        conversationType: PRIVATE,
        targetId: 'ha',
        timestamp,
        count: 20,
        order: 1,
      });
      forward.push(...res.data!.list);
      hasMore = res.data!.hasMore;
      timestamp = res.data!.list.at(-1)!.sentTime;
    }
    assert.deepEqual(
      forward.map((m) => m.content.content),
      expected,
    );
    assert.ok(
      forward.every((m) => m.targetId === (m.senderUserId === 'hb' ? 'ha' : 'ha')),
      'targetId from B’s side',
    );

    const noMore = await a.request<HistoryReply>('getHistoryMessages', {
      conversationType: PRIVATE,
      targetId: 'hb',
      timestamp: 0,
      count: 45,
    });
    assert.equal(noMore.data!.list.length, 45);
    assert.equal(noMore.data!.hasMore, false);
  });

  it('resyncs a reconnecting client: exactly the missed messages, in order, no duplicates', async () => {
    const b1 = await t.connect('sb');
    await t.api.call('/message/private/publish.json', {
      fromUserId: 'sa',
      toUserId: 'sb',
      objectName: 'RC:TxtMsg',
      content: '{"content":"before"}',
    });
    const [first] = await b1.waitForItems(1);
    const lastSeq = first!.seq;
    b1.close();
    await b1.closed;

    for (let i = 0; i < 30; i++) {
      const res = await t.api.call('/message/private/publish.json', {
        fromUserId: 'sa',
        toUserId: 'sb',
        objectName: 'RC:TxtMsg',
        content: JSON.stringify({ content: `r${i}` }),
      });
      assert.equal(res.code, 200);
    }
    const b2 = await t.connect('sb');
    const connectReply = b2.frames.find((f) => 'reply' in f && f.reply === 1) as { data: { lastSeq: number } };
    assert.equal(connectReply.data.lastSeq, lastSeq + 30);
    const items: SyncReply['items'] = [];
    let since = lastSeq;
    for (;;) {
      const res = await b2.request<SyncReply>('sync', { since, limit: 7 });
      items.push(...res.data!.items);
      since = res.data!.items.at(-1)?.seq ?? since;
      if (!res.data!.hasMore) break;
    }
    assert.deepEqual(
      items.map((i) => i.seq),
      Array.from({ length: 30 }, (_, i) => lastSeq + 1 + i),
    );
    assert.deepEqual(
      items.map((i) => (i.type === 'message' ? i.message.content.content : null)),
      Array.from({ length: 30 }, (_, i) => `r${i}`),
    );
    const list = await b2.request<ConversationListReply>('getConversationList', {});
    assert.equal(list.data!.list[0]!.unreadMessageCount, 31);
  });

  it('pages the conversation list by updatedTime', async () => {
    const c = await t.connect('lc');
    for (const peer of ['p1', 'p2', 'p3']) {
      clock.advance(10);
      await t.api.call('/message/private/publish.json', {
        fromUserId: peer,
        toUserId: 'lc',
        objectName: 'RC:TxtMsg',
        content: '{"content":"x"}',
      });
    }
    const all = await c.request<ConversationListReply>('getConversationList', { count: 2 });
    assert.deepEqual(
      all.data!.list.map((x) => x.targetId),
      ['p3', 'p2'],
    );
    const next = await c.request<ConversationListReply>('getConversationList', {
      count: 2,
      startTime: all.data!.list[1]!.latestMessage!.sentTime,
    });
    assert.deepEqual(
      next.data!.list.map((x) => x.targetId),
      ['p1'],
    );
    const oldest = await c.request<ConversationListReply>('getConversationList', { count: 2, order: 1 });
    assert.deepEqual(
      oldest.data!.list.map((x) => x.targetId),
      ['p2', 'p1'],
      'order 1: oldest two, newest first',
    );
  });

  it('does not count own messages nor non-counted ones as unread', async () => {
    const u = await t.connect('cu');
    await t.api.call('/message/private/publish.json', {
      fromUserId: 'cv',
      toUserId: 'cu',
      objectName: 'RC:CmdMsg',
      content: '{"name":"ping","data":""}',
      isCounted: 0,
    });
    await u.request('sendMessage', textMessage(PRIVATE, 'cv', 'mine', 'cu-1'));
    const list = await u.request<ConversationListReply>('getConversationList', {});
    const conv = list.data!.list.find((c) => c.targetId === 'cv')!;
    assert.equal(conv.unreadMessageCount, 0);
    assert.equal(conv.latestMessage!.content.content, 'mine');
  });
});

describe('rate limit', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('refuses a sixth send within a second with 20604', async () => {
    const s = await t.connect('fast');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await s.request('sendMessage', textMessage(PRIVATE, 'slow', `${i}`, `f-${i}`))).code);
    assert.deepEqual(codes, [0, 0, 0, 0, 0, ErrorCode.SEND_FREQUENCY_TOO_FAST]);
    // The Server API is not rate limited.
    for (let i = 0; i < 8; i++) {
      const res = await t.api.call('/message/private/publish.json', {
        fromUserId: 'fast',
        toUserId: 'slow',
        objectName: 'RC:TxtMsg',
        content: '{"content":"x"}',
      });
      assert.equal(res.code, 200);
    }
  });
});
