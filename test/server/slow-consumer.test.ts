/**
 * A client that stops reading must not stall the others or grow the server's memory without
 * bound: the gateway cuts it past 16 MB unsent, and it resyncs everything on its next connect.
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import type { SyncReply } from '../../src/protocol/frames.js';
import { startTestServer, textMessage, type TestServer, type TestSocket } from './helpers.js';

const MESSAGES = 260;
/** ~60 KB of content: each push carries it twice (the item and the conversation's latest message). */
const BODY = 'x'.repeat(60_000);

describe('slow consumer', () => {
  let t: TestServer;
  const log: string[] = [];
  before(async () => {
    t = await startTestServer({ sendRatePerSecond: 0, logger: (line) => log.push(line) });
    await t.api.call('/group/create.json', {
      groupId: 'gs',
      groupName: 'slow',
      userId: ['sender', 'slow', 'f1', 'f2'],
    });
  });
  after(() => t.close());

  it('is cut past the unsent-bytes limit while the others keep receiving in time; it resyncs everything later', async () => {
    const slow = await t.connect('slow');
    const fast: TestSocket[] = [await t.connect('f1'), await t.connect('f2')];
    const sender = await t.connect('sender');
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (slow.ws as unknown as { _socket: Socket })._socket.pause();

    const acked = new Map<string, number>();
    const lags: number[] = [];
    for (const f of fast) {
      f.ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as {
          push?: string;
          data?: { items: Array<{ message?: { clientMessageId: string } }> };
        };
        for (const item of frame.push ? frame.data!.items : []) {
          const at = acked.get(item.message!.clientMessageId);
          if (at !== undefined) lags.push(performance.now() - at);
        }
      });
    }
    const started = performance.now();
    for (let i = 0; i < MESSAGES; i++) {
      const id = `slow-${i}`;
      const res = await sender.request('sendMessage', {
        ...textMessage(ConversationType.GROUP, 'gs', BODY, id),
        content: { content: BODY, i },
      });
      assert.equal(res.code, 0);
      acked.set(id, performance.now());
    }
    for (const f of fast) await f.waitForItems(MESSAGES, 10_000);
    const elapsed = performance.now() - started;
    assert.ok(
      log.some((l) => /terminating slow socket: \d+ bytes unsent/.test(l)),
      `the slow socket was cut; log: ${log.join('\n').slice(0, 500)}`,
    );
    assert.ok(Math.max(...lags) < 2000, `fast receivers lagged at most ${Math.max(...lags).toFixed(0)} ms`);
    assert.ok(elapsed < 15_000, `all sent and received in ${elapsed.toFixed(0)} ms`);

    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    await slow.closed;
    assert.ok(
      slow.pushes.flatMap((p) => p.data.items).length < MESSAGES,
      'the slow socket did not get everything live',
    );

    const back = await t.connect('slow');
    const seen: number[] = [];
    for (let since = 0; ;) {
      const res = await back.request<SyncReply>('sync', { since, limit: 50 });
      seen.push(...res.data!.items.map((i) => i.seq));
      since = res.data!.items.at(-1)?.seq ?? since;
      if (!res.data!.hasMore) break;
    }
    assert.deepEqual(
      seen,
      Array.from({ length: MESSAGES }, (_, i) => i + 1),
      'every message once, in order, after the resync',
    );
  });
});
