/**
 * CPU time per 1:1 send, in-process, without sockets: the storage layer alone (`appendMessage`) and
 * the chat domain on top of it (`ChatService.send` + publish on the in-process bus, nobody
 * listening). Sends go in commits of `SEND_CPU_BATCH` (20, like the 20 pairs of `bench:messaging`),
 * each commit awaited before the next. CPU is `process.cpuUsage` (user + system, all threads).
 *
 * On a shared machine CPU time per send still moves with the neighbours' load (up to 2× within
 * minutes), so compare variants inside one run: `SEND_CPU_VARIANTS` lists checkouts (and SQLite
 * pragmas to try), each opened on its own fresh database in this process, measured in alternating
 * rounds; the run prints each variant's median and, per round, its ratio to the first variant.
 *
 *   npx tsx bench/messaging/send-cpu.ts                                  # this checkout, SQLite
 *   SEND_CPU_VARIANTS='/work/main,.' npx tsx bench/messaging/send-cpu.ts # main vs this checkout
 *   SEND_CPU_VARIANTS='.,.|temp_store=MEMORY' ...                        # a pragma on top (| separates)
 *   SEND_CPU_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres ... # PostgreSQL instead
 *
 * Knobs: SEND_CPU_SENDS (4000 per round), SEND_CPU_BATCH (20), SEND_CPU_ROUNDS (5),
 * SEND_CPU_PARTS (storage,chat; `group`: storage sends to a 500-member group, e.g. with
 * SEND_CPU_SENDS=200 SEND_CPU_BATCH=4).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ConversationType } from '../../src/protocol/enums.js';
import type { ChatService } from '../../server/domain/chat.js';
import type { Storage } from '../../server/storage/storage.js';

const SENDS = Number(process.env['SEND_CPU_SENDS'] ?? 4000);
const BATCH = Number(process.env['SEND_CPU_BATCH'] ?? 20);
const ROUNDS = Number(process.env['SEND_CPU_ROUNDS'] ?? 5);
const PARTS = (process.env['SEND_CPU_PARTS'] ?? 'storage,chat').split(',');
const PG_URL = process.env['SEND_CPU_POSTGRES_URL'];
const VARIANTS = (process.env['SEND_CPU_VARIANTS'] ?? '.').split(',');
const PAIRS = 20;
const TEXT = 'hello from the benchmark, a message of ordinary length';

interface Variant {
  label: string;
  storage: Storage;
  chat: ChatService;
  newMessageUId(time: number): string;
  close(): Promise<void>;
}

/** Opens one variant: `root` is a checkout of this repository, `pragmas` SQLite pragmas set after opening. */
async function openVariant(spec: string): Promise<Variant> {
  const [rootSpec, pragmaSpec = ''] = spec.split('|');
  const root = resolve(rootSpec!);
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const { ChatService } = await load('server/domain/chat.ts');
  const { InProcessBus } = await load('server/bus/in-process.ts');
  const { newMessageUId } = await load('server/domain/ids.ts');
  const { systemClock } = await load('server/clock.ts');
  const pragmas = pragmaSpec.split(';').filter(Boolean);
  let storage: Storage;
  let dispose: () => Promise<void>;
  if (!PG_URL) {
    const { SqliteStorage } = await load('server/storage/sqlite.ts');
    const dir = mkdtempSync(join(tmpdir(), 'parley-send-cpu-'));
    const sqlite = new SqliteStorage({ file: join(dir, 'parley.db') });
    const db = (sqlite as unknown as { db: { pragma(source: string): unknown } }).db;
    for (const p of pragmas) db.pragma(p);
    storage = sqlite;
    dispose = async () => (await sqlite.close(), rmSync(dir, { recursive: true, force: true }));
  } else {
    const { openPostgres } = await load('server/storage/pg-connect.ts');
    const name = `send_cpu_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    const opened = await openPostgres(url.toString());
    storage = opened.storage;
    dispose = async () => {
      await opened.close();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    };
  }
  const chat = (await ChatService.create(storage, new InProcessBus(), systemClock)) as ChatService;
  return { label: spec, storage, chat, newMessageUId, close: dispose };
}

/**
 * µs of CPU per send (user, system) over `count` sends made by `sendOne(i)`, `BATCH` at a time, and
 * the slowest commit's wall time in ms (a checkpoint's pause shows there).
 */
async function cpuPerSend(count: number, sendOne: (i: number) => Promise<unknown>): Promise<[number, number, number]> {
  const start = process.cpuUsage();
  let slowest = 0;
  for (let i = 0; i < count; i += BATCH) {
    const batch: Array<Promise<unknown>> = [];
    const began = performance.now();
    for (let j = i; j < Math.min(count, i + BATCH); j++) batch.push(sendOne(j));
    await Promise.all(batch);
    slowest = Math.max(slowest, performance.now() - began);
  }
  const used = process.cpuUsage(start);
  return [used.user / count, used.system / count, slowest];
}

let serial = 0;
let sentTime = Date.now();

function storageSend(v: Variant, i: number): Promise<unknown> {
  const pair = i % PAIRS;
  const from = `u${pair * 2}`;
  const to = `u${pair * 2 + 1}`;
  const time = ++sentTime;
  const id = `c${++serial}-${process.pid}`;
  return v.storage.appendMessage(
    {
      messageUId: v.newMessageUId(time),
      clientMessageId: id,
      conversationType: ConversationType.PRIVATE,
      targetId: to,
      senderUserId: from,
      messageType: 'RC:TxtMsg',
      content: { content: TEXT, k: id, t: i, m: 'x' },
      sentTime: time,
      isPersisted: true,
      isCounted: true,
      disableNotification: false,
      canIncludeExpansion: false,
    },
    [
      { userId: to, countUnread: true, mentioned: false },
      { userId: from, countUnread: false, mentioned: false },
    ],
  );
}

/** A send to a 500-member group (storage only): the `json_each` path. */
const GROUP = Array.from({ length: 500 }, (_, i) => `g${i}`);

function groupSend(v: Variant, i: number): Promise<unknown> {
  const time = ++sentTime;
  const id = `g${++serial}-${process.pid}`;
  const from = GROUP[i % GROUP.length]!;
  return v.storage.appendMessage(
    {
      messageUId: v.newMessageUId(time),
      clientMessageId: id,
      conversationType: ConversationType.GROUP,
      targetId: 'bench-group',
      senderUserId: from,
      messageType: 'RC:TxtMsg',
      content: { content: TEXT, k: id, t: i, m: 'x' },
      sentTime: time,
      isPersisted: true,
      isCounted: true,
      disableNotification: false,
      canIncludeExpansion: false,
    },
    GROUP.map((userId) => ({ userId, countUnread: userId !== from, mentioned: false })),
  );
}

async function chatSend(v: Variant, i: number): Promise<unknown> {
  const pair = i % PAIRS;
  const id = `d${++serial}-${process.pid}`;
  const outcome = await v.chat.send({
    senderUserId: `u${pair * 2}`,
    conversationType: ConversationType.PRIVATE,
    targetId: `u${pair * 2 + 1}`,
    messageType: 'RC:TxtMsg',
    content: { content: TEXT, k: id, t: i, m: 'x' },
    clientMessageId: id,
    isPersisted: true,
    isCounted: true,
    isStatusMessage: false,
    disableNotification: false,
    includeSender: true,
    requireMembership: true,
    canIncludeExpansion: false,
    push: { isVoipPush: false },
  });
  outcome.publish();
  return outcome;
}

const variants: Variant[] = [];
for (const spec of VARIANTS) variants.push(await openVariant(spec));
const parts: Record<string, (v: Variant, i: number) => Promise<unknown>> = {
  storage: storageSend,
  chat: chatSend,
  group: groupSend,
};
console.log(
  `send CPU, ${PG_URL ? 'postgres' : 'sqlite'}: ${SENDS} sends per round and part in commits of ${BATCH}, ` +
    `${ROUNDS} rounds, variants alternating`,
);
for (const v of variants) await v.storage.joinGroup('bench-group', 'Bench', GROUP, Date.now());
/**
 * Times every part on every variant, `rounds` times (the variants' order rotating each round, so no
 * variant always runs first); gives each part and variant's `cpuPerSend` figures by round.
 */
async function timeRounds(rounds: number, sends: number): Promise<Map<string, Array<[number, number, number]>>> {
  const results = new Map<string, Array<[number, number, number]>>();
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(round + k) % variants.length]!;
      for (const part of PARTS) {
        const key = `${part}\t${v.label}`;
        if (!results.has(key)) results.set(key, []);
        results.get(key)![round] = await cpuPerSend(sends, (i) => parts[part]!(v, i));
      }
    }
  }
  return results;
}
await timeRounds(1, Math.min(SENDS, 1000)); // warm-up
const results = await timeRounds(ROUNDS, SENDS);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const part of PARTS) {
  const first = results.get(`${part}\t${variants[0]!.label}`)!.map(([u, s]) => u + s);
  for (const v of variants) {
    const values = results.get(`${part}\t${v.label}`)!;
    const total = values.map(([u, s]) => u + s);
    const ratios = total.map((t, i) => t / first[i]!);
    console.log(
      `${part.padEnd(7)} ${v.label.padEnd(40)} µs/send median ${median(total).toFixed(1).padStart(6)} ` +
        `(user ${median(values.map(([u]) => u)).toFixed(0)}, system ${median(values.map(([, s]) => s)).toFixed(0)}, ` +
        `slowest commit ${Math.max(...values.map(([, , w]) => w)).toFixed(1)} ms); ` +
        `rounds ${total.map((t) => t.toFixed(0)).join(' ')}; ÷ first per round ${ratios.map((r) => r.toFixed(2)).join(' ')} ` +
        `(median ${median(ratios).toFixed(2)})`,
    );
  }
}
for (const v of variants) await v.close();
