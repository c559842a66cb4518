import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { issueToken } from '../../server/index.js';
import { startTestServer, type TestServer } from './helpers.js';
import type { ReplyFrame } from '../../src/protocol/frames.js';

/** A bare member socket: connects, joins, and counts the chatroom texts it gets, in order. */
class Member {
  readonly texts: string[] = [];
  readonly times: number[] = [];
  private nextId = 1;
  private readonly replies = new Map<number, (frame: ReplyFrame) => void>();
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.push === 'chatroom' && frame.data.type === 'message') {
        this.texts.push(frame.data.message.content.content);
        this.times.push(frame.data.message.sentTime);
      } else if (typeof frame.reply === 'number') this.replies.get(frame.reply)?.(frame);
    });
  }
  static async open(url: string): Promise<Member> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws');
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new Member(ws);
  }
  request(op: string, data: Record<string, unknown>): Promise<ReplyFrame> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.replies.set(id, resolve);
      this.ws.send(JSON.stringify({ id, op, data }));
    });
  }
}

const MEMBERS = 400;
const MESSAGES = 90;

describe('chatroom at scale', () => {
  let t: TestServer;
  const members: Member[] = [];
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, chatroom: { sweepMs: 0, sheddingCeiling: 100_000 } });
  });
  after(async () => {
    for (const m of members) m.ws.terminate();
    await t.close();
  });

  it(`${MEMBERS} real WebSocket members each get every message, in order, under budget`, async () => {
    const { url, appKey, appSecret } = t.server;
    for (let batch = 0; batch < MEMBERS; batch += 50) {
      const opened = await Promise.all(
        Array.from({ length: Math.min(50, MEMBERS - batch) }, async (_, i) => {
          const m = await Member.open(url);
          const token = issueToken({ userId: `big-${batch + i}`, appKey, issuedAt: Date.now() }, appSecret);
          assert.equal((await m.request('connect', { token, appkey: appKey })).code, 0);
          assert.equal((await m.request('joinChatRoom', { chatRoomId: 'big', count: -1 })).code, 0);
          return m;
        }),
      );
      members.push(...opened);
    }
    assert.equal(t.server.chatrooms.rooms.get('big')!.members.size, MEMBERS);
    // Three senders interleave; each member must see each sender's messages in send order.
    const senders = members.slice(0, 3);
    const sends: Promise<ReplyFrame>[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const s = senders[i % 3]!;
      sends.push(
        s.request('sendChatroomMessage', {
          chatRoomId: 'big',
          messageType: 'RC:TxtMsg',
          content: { content: `m${i}` },
          clientMessageId: `big-${i}`,
        }),
      );
    }
    const replies = await Promise.all(sends);
    assert.ok(replies.every((r) => r.code === 0));
    const expected = (m: Member) =>
      Array.from({ length: MESSAGES }, (_, i) => `m${i}`).filter(
        (_, i) => !senders.includes(m) || senders[i % 3] !== m,
      );
    const deadline = Date.now() + 8000;
    while (members.some((m) => m.texts.length < expected(m).length) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    for (const m of members) {
      const want = expected(m);
      assert.deepEqual([...m.texts].sort(), [...want].sort(), 'every message once');
      // Everyone sees the server's one order (strictly increasing sentTime), and each sender's own order.
      assert.ok(
        m.times.every((x, k) => k === 0 || x > m.times[k - 1]!),
        'in server order',
      );
      for (const s of senders) {
        const fromS = m.texts.filter((x) => senders[Number(x.slice(1)) % 3] === s);
        assert.deepEqual(
          fromS,
          want.filter((x) => senders[Number(x.slice(1)) % 3] === s),
        );
      }
    }
    const metrics = t.server.metrics().chatroom;
    assert.equal(metrics.messagesDropped, 0);
    assert.equal(metrics.deliveries, MESSAGES * (MEMBERS - 1));
  });
});
