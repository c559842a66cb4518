/**
 * A connection's sends overlap while they wait for their commit (they share group commits). What
 * a user sees must not change: a burst is stored and delivered in the order it was sent, each
 * frame gets exactly one reply, a refused send does not hold the next one up, and any other
 * request sees every send made before it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { HistoryReply, InboxItem, ReplyFrame, SendMessageReply, SyncReply } from '../../src/protocol/frames.js';
import { sleep, startTestServer, textMessage, type TestServer, type TestSocket } from './helpers.js';

const { PRIVATE } = ConversationType;

/** Writes every frame at once (no waiting for acks), as the Parley client does; ids from 1001 up. */
function burst(socket: TestSocket, frames: Array<{ op: string; data: Record<string, unknown> }>): number[] {
  return frames.map((frame, i) => {
    const id = 1001 + i;
    socket.ws.send(JSON.stringify({ id, op: frame.op, data: frame.data }));
    return id;
  });
}

async function repliesTo(socket: TestSocket, ids: number[]): Promise<Map<number, ReplyFrame[]>> {
  await socket.waitFor(() => ids.every((id) => socket.frames.some((f) => 'reply' in f && f.reply === id)), 0, 10_000);
  await sleep(100); // a second reply to any frame would arrive by now
  const byId = new Map<number, ReplyFrame[]>(ids.map((id) => [id, []]));
  for (const f of socket.frames) if ('reply' in f && byId.has(f.reply as number)) byId.get(f.reply as number)!.push(f);
  return byId;
}

const texts = (items: InboxItem[]) =>
  items.flatMap((item) => (item.type === 'message' ? [(item.message.content as { content: string }).content] : []));

describe('pipelined sends on one connection', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0 });
  });
  after(() => t.close());

  it('stores and delivers a burst of 50 sends in order, each acked once', async () => {
    const a = await t.connect('burst-a');
    const b = await t.connect('burst-b');
    const sent = Array.from({ length: 50 }, (_, i) => `m${i}`);
    const ids = burst(
      a,
      sent.map((text, i) => ({ op: 'sendMessage', data: textMessage(PRIVATE, 'burst-b', text, `burst-${i}`) })),
    );

    const replies = await repliesTo(a, ids);
    const acks = ids.map((id) => {
      assert.equal(replies.get(id)!.length, 1, `frame ${id} has exactly one reply`);
      const reply = replies.get(id)![0]! as ReplyFrame<SendMessageReply>;
      assert.equal(reply.code, ErrorCode.SUCCESS);
      return reply.data!.message;
    });
    assert.deepEqual(
      acks.map((m) => (m.content as { content: string }).content),
      sent,
      'each ack carries its own message',
    );
    for (let i = 1; i < acks.length; i++)
      assert.ok(acks[i]!.sentTime > acks[i - 1]!.sentTime, 'sent times follow the frames');

    assert.deepEqual(texts(await b.waitForItems(50)), sent, 'delivered in order');
    const stored = await b.request<SyncReply>('sync', { since: 0, limit: 100 });
    assert.deepEqual(texts(stored.data!.items), sent, 'stored in the recipient’s inbox in order');
    const history = await b.request<HistoryReply>('getHistoryMessages', {
      conversationType: PRIVATE,
      targetId: 'burst-a',
      timestamp: 0,
      count: 50,
      order: 0,
    });
    assert.deepEqual(
      history.data!.list.map((m) => (m.content as { content: string }).content),
      sent,
      'history in order',
    );
  });

  it('answers a refused send at once and still stores the sends around it, in order', async () => {
    const a = await t.connect('refuse-a');
    const tooBig = 'x'.repeat(200 * 1024);
    const ids = burst(a, [
      { op: 'sendMessage', data: textMessage(PRIVATE, 'refuse-b', 'first', 'r-1') },
      { op: 'sendMessage', data: textMessage(PRIVATE, 'refuse-b', tooBig, 'r-2') },
      { op: 'sendMessage', data: textMessage(PRIVATE, 'refuse-b', 'third', 'r-3') },
    ]);
    const replies = await repliesTo(a, ids);
    assert.deepEqual(
      ids.map((id) => replies.get(id)!.length),
      [1, 1, 1],
    );
    assert.deepEqual(
      ids.map((id) => replies.get(id)![0]!.code === ErrorCode.SUCCESS),
      [true, false, true],
    );
    const b = await t.connect('refuse-b');
    const stored = await b.request<SyncReply>('sync', { since: 0 });
    assert.deepEqual(texts(stored.data!.items), ['first', 'third']);
  });

  it('lets another request in the burst see every send before it', async () => {
    const a = await t.connect('seen-a');
    const sent = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const ids = burst(a, [
      ...sent.map((text, i) => ({ op: 'sendMessage', data: textMessage(PRIVATE, 'seen-b', text, `seen-${i}`) })),
      {
        op: 'getHistoryMessages',
        data: { conversationType: PRIVATE, targetId: 'seen-b', timestamp: 0, count: 20, order: 0 },
      },
    ]);
    const replies = await repliesTo(a, ids);
    const history = replies.get(ids.at(-1)!)![0]! as ReplyFrame<HistoryReply>;
    assert.equal(history.code, ErrorCode.SUCCESS);
    assert.deepEqual(
      history.data!.list.map((m) => (m.content as { content: string }).content),
      sent,
    );
  });
});

describe('pipelined sends and the per-connection send rate', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 5 });
  });
  after(() => t.close());

  it('refuses the sends over the rate in frame order', async () => {
    const a = await t.connect('rate-a');
    const ids = burst(
      a,
      Array.from({ length: 10 }, (_, i) => ({
        op: 'sendMessage',
        data: textMessage(PRIVATE, 'rate-b', `q${i}`, `rate-${i}`),
      })),
    );
    const replies = await repliesTo(a, ids);
    const codes = ids.map((id) => replies.get(id)![0]!.code);
    const accepted = codes.filter((c) => c === ErrorCode.SUCCESS).length;
    assert.ok(accepted >= 5 && accepted < 10, `some sends refused (${codes.join(',')})`);
    assert.deepEqual(
      codes.slice(accepted),
      Array(10 - accepted).fill(ErrorCode.SEND_FREQUENCY_TOO_FAST),
      'the first ones pass',
    );
  });
});
