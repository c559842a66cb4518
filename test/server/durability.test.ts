import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConversationType } from '../../src/protocol/enums.js';
import type { HistoryReply, ReplyFrame, SyncReply } from '../../src/protocol/frames.js';
import { createServerApiClient } from '../../server/api-client.js';
import { TestSocket, tempDir, textMessage } from './helpers.js';
import { createTestDatabase, type TestDatabase } from './pg-harness.js';

const CLI = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
const APP = { appKey: 'durable-app', appSecret: 'durable-secret-0123456789' };

/** Starts `parley-server` as a child process and resolves with its URL once it listens. */
function spawnServer(dataDir: string, databaseUrl?: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      '--port',
      '0',
      '--data',
      dataDir,
      '--app-key',
      APP.appKey,
      '--app-secret',
      APP.appSecret,
      '--send-rate',
      '0',
      '--quiet',
      ...(databaseUrl ? ['--database-url', databaseUrl] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /Parley server listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += String(chunk)));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

async function connect(url: string, userId: string): Promise<TestSocket> {
  const api = createServerApiClient({ baseUrl: url, ...APP });
  const { token } = await api.call('/user/getToken.json', { userId });
  const socket = await TestSocket.open(url);
  const res = await socket.request('connect', { token, appkey: APP.appKey });
  assert.equal(res.code, 0);
  return socket;
}

for (const engine of ['sqlite', 'postgres'] as const)
  describe(`durability (${engine})`, () => {
    const dataDir = tempDir('parley-kill-');
    const children: ChildProcess[] = [];
    let database: TestDatabase | undefined;
    before(async () => {
      if (engine === 'postgres') database = await createTestDatabase();
    });
    after(async () => {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    });

    it('keeps every acknowledged message exactly once across kill -9', async () => {
      const first = await spawnServer(dataDir, database?.url);
      children.push(first.child);
      const sender = await connect(first.url, 'ka');
      await connect(first.url, 'kb').then((s) => s.close());

      // Pipeline many sends; kill the process while acks are still streaming in.
      const N = 1500;
      const acked = new Set<string>();
      const exited = new Promise((r) => first.child.once('exit', r));
      sender.ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as ReplyFrame<{ message: { clientMessageId: string } }>;
        if ('reply' in frame && frame.code === 0 && frame.data?.message) {
          acked.add(frame.data.message.clientMessageId);
          if (acked.size === 200) first.child.kill('SIGKILL');
        }
      });
      for (let i = 0; i < N; i++) {
        sender.ws.send(
          JSON.stringify({
            id: 100 + i,
            op: 'sendMessage',
            data: textMessage(ConversationType.PRIVATE, 'kb', `k${i}`, `k-${i}`),
          }),
        );
      }
      await exited;
      assert.ok(acked.size >= 200 && acked.size < N, `killed mid-stream (${acked.size} acked)`);

      const second = await spawnServer(dataDir, database?.url);
      children.push(second.child);
      const receiver = await connect(second.url, 'kb');
      const items: SyncReply['items'] = [];
      for (let since = 0; ;) {
        const res = await receiver.request<SyncReply>('sync', { since, limit: 200 });
        items.push(...res.data!.items);
        // Page from the last item returned; lastSeq is the newest seq in the whole inbox.
        since = res.data!.items.at(-1)?.seq ?? since;
        if (!res.data!.hasMore) break;
      }
      const inbox = items.flatMap((i) => (i.type === 'message' ? [i.message.clientMessageId] : []));
      assert.deepEqual(
        items.map((i) => i.seq),
        Array.from({ length: items.length }, (_, i) => i + 1),
        'seq 1..n, no gaps',
      );
      assert.equal(new Set(inbox).size, inbox.length, 'no duplicates in the inbox');
      for (const id of acked) assert.ok(inbox.includes(id), `acknowledged ${id} is in the inbox`);

      const history: string[] = [];
      for (let timestamp = 0; ;) {
        const res = await receiver.request<HistoryReply>('getHistoryMessages', {
          conversationType: 1,
          targetId: 'ka',
          timestamp,
          count: 100,
        });
        history.unshift(...res.data!.list.map((m) => m.clientMessageId));
        if (!res.data!.hasMore) break;
        timestamp = res.data!.list[0]!.sentTime;
      }
      assert.deepEqual(history, inbox, 'history holds the same messages, in the same order');

      // The client resends what it never saw acknowledged: each is stored once in the end.
      const again = await connect(second.url, 'ka');
      for (let i = 0; i < N; i++) {
        if (acked.has(`k-${i}`)) continue;
        const res = await again.request('sendMessage', textMessage(ConversationType.PRIVATE, 'kb', `k${i}`, `k-${i}`));
        assert.equal(res.code, 0);
      }
      const final = await receiver.request<SyncReply>('sync', { since: 0, limit: 1 });
      assert.equal(final.data!.lastSeq, N, 'every message exactly once after resends');
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    });
  });
