/**
 * `npm run bench:messaging`: private (1:1) and 500-member group messaging on the real Parley server
 * (a child process), once on SQLite (WAL + synchronous=NORMAL) and once on PostgreSQL (a fresh
 * database on BENCH_POSTGRES_URL's server, default the machine's; fsync on), side by side with a bare
 * WebSocket relay speaking the same frames without checks or storage; then history p99 over 1M
 * stored messages, against the same query made in-process on the storage layer.
 *
 * Environment: BENCH_SECONDS (per phase, default 5), BENCH_HISTORY_MESSAGES (default 1,000,000),
 * BENCH_PHASES (e.g. `2`: only the 1:1 throughput phase), BENCH_SERVER_CPU_PROF (a folder for the servers' CPU profiles),
 * BENCH_POSTGRES_URL (maintenance URL, default postgres://postgres@127.0.0.1:5432/postgres; `off` skips it).
 */
import pg from 'pg';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import { createServerApiClient } from '../../server/api-client.js';
import { BENCH_APP, forkWorker, spawnListening, spawnParley, tempDir, type ServerChild, type Worker } from '../lib/children.js';
import { Histogram } from '../lib/histogram.js';
import { measure } from '../lib/proc.js';
import { mb, printRatios, printTable, ratio, type Cell } from '../lib/table.js';
import { seedHistory } from './seed.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const HISTORY_MESSAGES = Number(process.env.BENCH_HISTORY_MESSAGES ?? 1_000_000);
/** BENCH_PHASES=2 (or 1,3, ...) runs only those phases (1:1 latency, 1:1 throughput, group latency, group throughput), e.g. to profile one. */
const PHASES = process.env.BENCH_PHASES?.split(',').map(Number) ?? null;
const GROUP_SIZE = 500;
const PAIRS = 20;
const GENERATORS = 2;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const RELAY = here('../lib/relay-server.ts');
const GENERATOR = here('./generator.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Mode = 'parley' | 'relay';
/** Which server a row measured: the relay, or Parley on one engine. */
type Candidate = 'relay' | 'sqlite' | 'postgres';
const POSTGRES_ADMIN = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `fn` with a fresh PostgreSQL database, dropped afterwards. */
async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `bench_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(POSTGRES_ADMIN);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
interface PhaseResult {
  name: string;
  mode: Mode;
  candidate?: Candidate;
  sent: number;
  errors: number;
  deliveries: number;
  perSecond: number;
  deliveriesPerSecond: number;
  lat: Histogram;
  /** Time until every recipient had a group message ("whole group reached"). */
  groupLat?: Histogram;
  cpu: number;
  rssMb: number;
}

const a = (i: number) => `a${i}`;
const b = (i: number) => `b${i}`;
const m = (i: number) => `m${i}`;
/** Which generator holds a user: members alternate; b_i sits beside a_(i+1), so every pair crosses processes. */
const genOf = (user: string) => (Number(user.slice(1)) + (user[0] === 'b' ? 1 : 0)) % GENERATORS;

async function phase(
  gens: Worker[], server: ServerChild, mode: Mode, name: string, recipientsPerSend: number,
  senders: Array<{ from: string; conversationType: 1 | 3; targetId: string }>, how: { rate?: number; window?: number },
): Promise<PhaseResult> {
  const k = `${mode}-${name}`;
  const { result, cpu, rss } = await measure(server.pid, async () => {
    const sends = await Promise.all(
      gens.map((g, i) => g.request<{ start: number; sent: number; acked: number; errors: number }>('send', {
        k, durationMs: SECONDS * 1000, ...how, senders: senders.filter((s) => genOf(s.from) === i),
      })),
    );
    const acked = sends.reduce((n, s) => n + s.acked, 0);
    const expected = acked * recipientsPerSend;
    // Drain: wait until every acknowledged send reached every recipient (or 15 s pass).
    const deadline = Date.now() + 15_000;
    let seen = 0;
    while (Date.now() < deadline) {
      seen = (await Promise.all(gens.map((g) => g.request<number>('count', { k })))).reduce((x, y) => x + y, 0);
      if (seen >= expected) break;
      await sleep(100);
    }
    return { sends, acked, expected, seen };
  });
  const parts = await Promise.all(gens.map((g) => g.request<{ lat: number[]; lastDelivery: number; perMsg: Array<[string, { n: number; last: number }]> }>('collect', { k })));
  const lat = Histogram.from(parts.flatMap((p) => p.lat));
  const start = Math.min(...result.sends.filter((s) => s.sent > 0).map((s) => s.start));
  const lastDelivery = Math.max(...parts.map((p) => p.lastDelivery));
  const spanS = Math.max(SECONDS, (lastDelivery - start) / 1000);
  let groupLat: Histogram | undefined;
  if (recipientsPerSend > 1) {
    const merged = new Map<string, { n: number; last: number }>();
    for (const [id, v] of parts.flatMap((p) => p.perMsg)) {
      const cur = merged.get(id) ?? { n: 0, last: 0 };
      merged.set(id, { n: cur.n + v.n, last: Math.max(cur.last, v.last) });
    }
    groupLat = Histogram.from([...merged.values()].filter((v) => v.n >= recipientsPerSend).map((v) => v.last));
  }
  const errors = result.sends.reduce((n, s) => n + s.errors, 0);
  if (result.seen < result.expected) console.warn(`! ${k}: ${result.expected - result.seen} deliveries missing after the drain`);
  return {
    name, mode, sent: result.acked, errors, deliveries: result.seen, perSecond: result.acked / spanS,
    deliveriesPerSecond: result.seen / spanS, lat, groupLat, cpu, rssMb: mb(rss),
  };
}

async function runCandidate(mode: Mode, server: ServerChild): Promise<PhaseResult[]> {
  const gens = Array.from({ length: GENERATORS }, () => forkWorker(GENERATOR));
  try {
    const users = [...Array.from({ length: PAIRS }, (_, i) => [a(i), b(i)]).flat(), ...Array.from({ length: GROUP_SIZE }, (_, i) => m(i))];
    await Promise.all(gens.map((g, i) => g.request('connect', { url: server.url, mode, users: users.filter((u) => genOf(u) === i) })));
    const pair = (i: number) => ({ from: a(i), conversationType: 1 as const, targetId: b(i) });
    const group = (i: number) => ({ from: m(i), conversationType: 3 as const, targetId: 'g500' });
    const phases: Array<[number, () => Promise<PhaseResult>]> = [
      [1, () => phase(gens, server, mode, '1:1 latency (100 msg/s)', 1, [pair(0)], { rate: 100 })],
      [2, () => phase(gens, server, mode, `1:1 throughput (${PAIRS} pairs × 4 in flight)`, 1, Array.from({ length: PAIRS }, (_, i) => pair(i)), { window: 4 })],
      [3, () => phase(gens, server, mode, 'group 500 latency (10 msg/s)', GROUP_SIZE - 1, [group(0)], { rate: 10 })],
      [4, () => phase(gens, server, mode, 'group 500 throughput (4 senders × 2 in flight)', GROUP_SIZE - 1, [0, 1, 2, 3].map(group), { window: 2 })],
    ];
    const results: PhaseResult[] = [];
    for (const [n, run] of phases) if (!PHASES || PHASES.includes(n)) results.push(await run());
    return results;
  } finally {
    await Promise.all(gens.map((g) => g.request('closeAll').catch(() => undefined)));
    for (const g of gens) g.stop();
  }
}

/** Creates the bench group on a Parley server and runs the four phases. */
async function runParley(server: ServerChild): Promise<PhaseResult[]> {
  const api = createServerApiClient({ baseUrl: server.url, ...BENCH_APP });
  const created = await api.call('/group/create.json', { groupId: 'g500', groupName: 'bench', userId: Array.from({ length: GROUP_SIZE }, (_, i) => m(i)) });
  if (created.code !== 200) throw new Error(`group create: ${JSON.stringify(created)}`);
  return runCandidate('parley', server);
}

async function historyBench(server: ServerChild, dataDir: string, channels: Awaited<ReturnType<typeof seedHistory>>) {
  const gen = forkWorker(GENERATOR);
  try {
    await gen.request('connect', { url: server.url, mode: 'parley', users: channels.map((c) => c.user) });
    const queries = Array.from({ length: 3000 }, (_, i) => {
      const c = channels[(i * 7919) % channels.length]!;
      // Deterministic spread over each channel's time range (the same queries for both candidates).
      const frac = ((i * 2654435761) % 1000) / 1000;
      return { user: c.user, targetId: c.peer, timestamp: Math.round(c.firstTime + frac * (c.lastTime - c.firstTime)) + 1 };
    });
    const wire = await measure(server.pid, () => gen.request<{ lat: number[]; errors: number }>('history', { queries }));
    // The same queries in this process, on the storage layer over the same file (WAL: a second reader is fine).
    const storage = new SqliteStorage({ file: join(dataDir, 'parley.db') });
    const direct = new Histogram();
    let directErrors = 0;
    for (const q of queries) {
      const t = performance.now();
      const page = await storage.history(q.user, { conversationType: 1, targetId: q.targetId, timestamp: q.timestamp, count: 20, order: 0 });
      direct.record(performance.now() - t);
      if (page.list.length === 0) directErrors++;
    }
    await storage.close();
    return { wire: Histogram.from(wire.result.lat), wireErrors: wire.result.errors, cpu: wire.cpu, direct, directErrors, n: queries.length };
  } finally {
    await gen.request('closeAll').catch(() => undefined);
    gen.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = tempDir('parley-bench-msg-');
  try {
    const channels = 100;
    console.log(`seeding ${HISTORY_MESSAGES.toLocaleString('en-US')} messages in ${channels} conversations (direct SQLite insert)...`);
    let t = Date.now();
    const seeded = await seedHistory(dir.path, channels, Math.ceil(HISTORY_MESSAGES / channels));
    const seedSeconds = (Date.now() - t) / 1000;

    const relay = await spawnListening([RELAY, '--group', `g500=m:${GROUP_SIZE}`], 'relay');
    const relayResults = await runCandidate('relay', relay);
    await relay.stop();

    const parley = await spawnParley(dir.path);
    const parleyResults = await runParley(parley);
    t = Date.now();
    const history = await historyBench(parley, dir.path, seeded);
    await parley.stop();

    let postgresResults: PhaseResult[] = [];
    if (POSTGRES_ADMIN !== 'off') {
      postgresResults = await withDatabase(async (url) => {
        const pgDir = tempDir('parley-bench-pg-');
        const server = await spawnParley(pgDir.path, 0, url);
        try {
          return await runParley(server);
        } finally {
          await server.stop();
          pgDir.remove();
        }
      });
    }
    for (const r of relayResults) r.candidate = 'relay';
    for (const r of parleyResults) r.candidate = 'sqlite';
    for (const r of postgresResults) r.candidate = 'postgres';

    const rows: Cell[][] = [];
    for (let i = 0; i < parleyResults.length; i++) {
      for (const r of [parleyResults[i]!, postgresResults[i], relayResults[i]!]) {
        if (!r) continue;
        rows.push([r.name, r.candidate === 'relay' ? 'relay' : `parley/${r.candidate}`, r.sent, r.errors, Math.round(r.perSecond), Math.round(r.deliveriesPerSecond), r.lat.p50, r.lat.p99, r.lat.max,
          r.groupLat ? r.groupLat.p99 : '–', r.cpu, r.rssMb]);
      }
    }
    printTable(`Messaging: Parley on SQLite (WAL, synchronous=NORMAL) and on PostgreSQL (fsync on) vs bare ws relay, ${SECONDS} s per phase, ${GENERATORS} load generators`,
      ['phase', 'server', 'sent', 'errors', 'msg/s', 'deliveries/s', 'p50 ms', 'p99 ms', 'max ms', 'all-500 p99 ms', 'server CPU', 'server RSS MB'], rows);
    printTable(`History: ${history.n} getHistoryMessages (count 20) at random times over ${HISTORY_MESSAGES.toLocaleString('en-US')} stored messages (seeded in ${seedSeconds.toFixed(1)} s)`,
      ['path', 'p50 ms', 'p99 ms', 'max ms', 'empty pages'],
      [
        ['Parley gateway (ws round trip)', history.wire.p50, history.wire.p99, history.wire.max, history.wireErrors],
        ['storage layer in-process', history.direct.p50, history.direct.p99, history.direct.max, history.directErrors],
      ]);
    console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
    // The ratios compare the four phases; a run of some phases (BENCH_PHASES) has only its table.
    if (parleyResults.length < 4) return;
    const [lat, thr, glat, gthr] = [0, 1, 2, 3].map((i) => [parleyResults[i]!, relayResults[i]!] as const);
    printRatios([
      ['p2p_p50_vs_relay', ratio(lat![0].lat.p50, lat![1].lat.p50)],
      ['p2p_p99_vs_relay', ratio(lat![0].lat.p99, lat![1].lat.p99)],
      ['p2p_msgps_vs_relay', ratio(thr![0].perSecond, thr![1].perSecond)],
      ['group_p99_vs_relay', ratio(glat![0].lat.p99, glat![1].lat.p99)],
      ['group_deliveriesps_vs_relay', ratio(gthr![0].deliveriesPerSecond, gthr![1].deliveriesPerSecond)],
      ['history_p99_vs_storage', ratio(history.wire.p99, history.direct.p99)],
      ...(postgresResults.length === 4
        ? ([
            ['pg_p2p_p50_vs_relay', ratio(postgresResults[0]!.lat.p50, relayResults[0]!.lat.p50)],
            ['pg_p2p_p99_vs_relay', ratio(postgresResults[0]!.lat.p99, relayResults[0]!.lat.p99)],
            ['pg_p2p_msgps_vs_relay', ratio(postgresResults[1]!.perSecond, relayResults[1]!.perSecond)],
            ['pg_group_p99_vs_relay', ratio(postgresResults[2]!.lat.p99, relayResults[2]!.lat.p99)],
            ['pg_group_deliveriesps_vs_relay', ratio(postgresResults[3]!.deliveriesPerSecond, relayResults[3]!.deliveriesPerSecond)],
            ['pg_p2p_msgps_vs_sqlite', ratio(postgresResults[1]!.perSecond, parleyResults[1]!.perSecond)],
          ] as Array<[string, string]>)
        : []),
    ]);
  } finally {
    dir.remove();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
