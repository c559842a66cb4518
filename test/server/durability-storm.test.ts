/**
 * kill -9 during a send storm from several clients, private and group at once: after the restart
 * every acknowledged message is in every recipient's inbox exactly once, and every stored message
 * is in all of its recipients' inboxes (no half-stored fan-out).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConversationType } from '../../src/protocol/enums.js';
import type { ReplyFrame, SyncReply, WireMessage } from '../../src/protocol/frames.js';
import { createServerApiClient } from '../../server/api-client.js';
import { BENCH_APP, spawnParley, tempDir, type ServerChild } from '../../bench/lib/children.js';
import { benchToken } from '../../bench/lib/tokens.js';
import { TestSocket, textMessage } from './helpers.js';
import { createTestDatabase, type TestDatabase } from './pg-harness.js';

const SENDERS = ['s1', 's2', 's3'];
const GROUP_MEMBERS = [...SENDERS, 'r1'];
const PER_SENDER = 800;

async function connect(url: string, userId: string): Promise<TestSocket> {
  const socket = await TestSocket.open(url);
  const res = await socket.request('connect', { token: benchToken(userId), appkey: BENCH_APP.appKey });
  assert.equal(res.code, 0);
  return socket;
}

async function inbox(url: string, userId: string): Promise<WireMessage[]> {
  const s = await connect(url, userId);
  const items: SyncReply['items'] = [];
  for (let since = 0; ;) {
    const res = await s.request<SyncReply>('sync', { since, limit: 200 });
    items.push(...res.data!.items);
    since = res.data!.items.at(-1)?.seq ?? since;
    if (!res.data!.hasMore) break;
  }
  s.close();
  assert.deepEqual(
    items.map((i) => i.seq),
    Array.from({ length: items.length }, (_, i) => i + 1),
    `${userId}: seq 1..n without gaps`,
  );
  return items.flatMap((i) => (i.type === 'message' ? [i.message] : []));
}

for (const engine of ['sqlite', 'postgres'] as const)
  describe(`durability under a multi-client storm (${engine})`, () => {
    const dir = tempDir('parley-storm-');
    const servers: ServerChild[] = [];
    let database: TestDatabase | undefined;
    before(async () => {
      if (engine === 'postgres') database = await createTestDatabase();
    });
    after(async () => {
      for (const s of servers) await s.stop('SIGKILL');
      dir.remove();
      await database?.drop();
    });

    it('keeps every acknowledged message exactly once for every recipient across kill -9; nothing half-stored', async () => {
      const first = await spawnParley(dir.path, 0, database?.url);
      servers.push(first);
      const api = createServerApiClient({ baseUrl: first.url, ...BENCH_APP });
      assert.equal(
        (await api.call('/group/create.json', { groupId: 'dg', groupName: 'storm', userId: GROUP_MEMBERS })).code,
        200,
      );
      const sockets = await Promise.all(SENDERS.map((u) => connect(first.url, u)));

      const acked = new Map<string, { sender: string; group: boolean }>();
      const exited = new Promise((r) => first.child.once('exit', r));
      sockets.forEach((socket, k) => {
        const sender = SENDERS[k]!;
        socket.ws.on('message', (data) => {
          const frame = JSON.parse(String(data)) as ReplyFrame<{ message: WireMessage }>;
          if (!('reply' in frame) || frame.code !== 0 || !frame.data?.message) return;
          const m = frame.data.message;
          acked.set(`${sender}/${m.clientMessageId}`, { sender, group: m.conversationType === ConversationType.GROUP });
          if (acked.size === 600) first.child.kill('SIGKILL');
        });
        // Pipelined: all sends are on the wire before the kill lands in the middle of them.
        for (let i = 0; i < PER_SENDER; i++) {
          const group = i % 2 === 0;
          const frame = textMessage(
            group ? ConversationType.GROUP : ConversationType.PRIVATE,
            group ? 'dg' : 'r1',
            `${sender}:${i}`,
            `${sender}-${i}`,
          );
          socket.ws.send(JSON.stringify({ id: 10 + i, op: 'sendMessage', data: frame }));
        }
      });
      await exited;
      assert.ok(
        acked.size >= 600 && acked.size < SENDERS.length * PER_SENDER,
        `killed mid-storm (${acked.size} acked)`,
      );

      const second = await spawnParley(dir.path, 0, database?.url);
      servers.push(second);
      const inboxes = new Map<string, WireMessage[]>();
      for (const u of GROUP_MEMBERS) inboxes.set(u, await inbox(second.url, u));

      // Who must hold a message: the group's members, or the private pair.
      const recipients = (sender: string, group: boolean) => (group ? GROUP_MEMBERS : [sender, 'r1']);
      const stored = new Map<string, { sender: string; group: boolean }>();
      for (const [user, messages] of inboxes) {
        const keys = messages.map((m) => `${m.senderUserId}/${m.clientMessageId}`);
        assert.equal(new Set(keys).size, keys.length, `${user}: no duplicates`);
        for (const m of messages)
          stored.set(`${m.senderUserId}/${m.clientMessageId}`, {
            sender: m.senderUserId,
            group: m.conversationType === ConversationType.GROUP,
          });
      }
      for (const key of acked.keys()) assert.ok(stored.has(key), `acknowledged ${key} survived`);
      for (const [key, info] of stored) {
        for (const user of recipients(info.sender, info.group)) {
          assert.ok(
            inboxes.get(user)!.some((m) => `${m.senderUserId}/${m.clientMessageId}` === key),
            `${key} reached ${user} (no half-stored fan-out)`,
          );
        }
      }
    });
  });
