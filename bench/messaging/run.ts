/**
 * `npm run bench:messaging`: private (1:1) and 500-member group messaging on the real Parley server
 * (a child process), once on SQLite (WAL + synchronous=NORMAL) and once on PostgreSQL (a fresh
 * database on BENCH_POSTGRES_URL's server, default the machine's; fsync on), side by side with a bare
 * WebSocket relay speaking the same frames without checks or storage; then history p99 over 1M
 * stored messages, against the same query made in-process on the storage layer.
 *
 * Environment: BENCH_SECONDS (per phase, default 5), BENCH_HISTORY_MESSAGES (default 1,000,000),
 * BENCH_PHASES (e.g. `2`: only the 1:1 throughput phase), BENCH_SERVER_CPU_PROF (a folder for the servers' CPU profiles),
 * BENCH_POSTGRES_URL (maintenance URL, default postgres://postgres@127.0.0.1:5432/postgres; `off` skips it),
 * BENCH_ROUNDS (1:1 throughput rounds, default 3). All servers stay up through the run and each phase
 * runs on them one right after the other (the throughput rounds in rotating order), so a ratio compares
 * figures taken under about the same load from the machine's other users.
 */
import pg from 'pg';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import { createServerApiClient } from '../../server/api-client.js';
import {
  BENCH_APP,
  forkWorker,
  spawnListening,
  spawnParley,
  tempDir,
  type ServerChild,
  type Worker,
} from '../lib/children.js';
import { Histogram } from '../lib/histogram.js';
import { busiestThreadMs, measure, sampleThreads } from '../lib/proc.js';
import { mb, printRatios, printTable, ratio, type Cell } from '../lib/table.js';
import { seedHistory } from './seed.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const HISTORY_MESSAGES = Number(process.env.BENCH_HISTORY_MESSAGES ?? 1_000_000);
/** BENCH_PHASES=2 (or 1,3, ...) runs only those phases (1:1 latency, 1:1 throughput, group latency, group throughput), e.g. to profile one. */
const PHASES = process.env.BENCH_PHASES?.split(',').map(Number) ?? null;
/** How many times the 1:1 throughput phase runs on each server, alternating (the ratio is the median of the rounds'). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
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
  /** Server CPU per acknowledged message, µs: all threads, and the busiest thread alone. */
  cpuUsPerMsg: number;
  busiestUsPerMsg: number;
  rssMb: number;
}

const a = (i: number) => `a${i}`;
const b = (i: number) => `b${i}`;
const m = (i: number) => `m${i}`;
/** Which generator holds a user: members alternate; b_i sits beside a_(i+1), so every pair crosses processes. */
const genOf = (user: string) => (Number(user.slice(1)) + (user[0] === 'b' ? 1 : 0)) % GENERATORS;

async function phase(
  gens: Worker[],
  server: ServerChild,
  mode: Mode,
  name: string,
  round: number,
  recipientsPerSend: number,
  senders: Array<{ from: string; conversationType: 1 | 3; targetId: string }>,
  how: { rate?: number; window?: number },
): Promise<PhaseResult> {
  const k = `${mode}-${name}-${round}`;
  const threadsBefore = sampleThreads(server.pid);
  const { result, cpu, rss, wallMs } = await measure(server.pid, async () => {
    const sends = await Promise.all(
      gens.map((g, i) =>
        g.request<{ start: number; sent: number; acked: number; errors: number }>('send', {
          k,
          durationMs: SECONDS * 1000,
          ...how,
          senders: senders.filter((s) => genOf(s.from) === i),
        }),
      ),
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
  const busiestMs = busiestThreadMs(threadsBefore, sampleThreads(server.pid));
  const parts = await Promise.all(
    gens.map((g) =>
      g.request<{ lat: number[]; lastDelivery: number; perMsg: Array<[string, { n: number; last: number }]> }>(
        'collect',
        { k },
      ),
    ),
  );
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
  if (result.seen < result.expected)
    console.warn(`! ${k}: ${result.expected - result.seen} deliveries missing after the drain`);
  return {
    name,
    mode,
    sent: result.acked,
    errors,
    deliveries: result.seen,
    perSecond: result.acked / spanS,
    deliveriesPerSecond: result.seen / spanS,
    lat,
    groupLat,
    cpu,
    rssMb: mb(rss),
    cpuUsPerMsg: (cpu * wallMs * 1000) / Math.max(1, result.acked),
    busiestUsPerMsg: (busiestMs * 1000) / Math.max(1, result.acked),
  };
}

/** A candidate server with its own load generators, connected and ready for any phase. */
interface Contender {
  candidate: Candidate;
  mode: Mode;
  server: ServerChild;
  gens: Worker[];
}

const USERS = [
  ...Array.from({ length: PAIRS }, (_, i) => [a(i), b(i)]).flat(),
  ...Array.from({ length: GROUP_SIZE }, (_, i) => m(i)),
];

async function connectContender(candidate: Candidate, server: ServerChild): Promise<Contender> {
  const mode: Mode = candidate === 'relay' ? 'relay' : 'parley';
  if (mode === 'parley') {
    const api = createServerApiClient({ baseUrl: server.url, ...BENCH_APP });
    const created = await api.call('/group/create.json', {
      groupId: 'g500',
      groupName: 'bench',
      userId: Array.from({ length: GROUP_SIZE }, (_, i) => m(i)),
    });
    if (created.code !== 200) throw new Error(`group create: ${JSON.stringify(created)}`);
  }
  const gens = Array.from({ length: GENERATORS }, () => forkWorker(GENERATOR));
  await Promise.all(
    gens.map((g, i) => g.request('connect', { url: server.url, mode, users: USERS.filter((u) => genOf(u) === i) })),
  );
  return { candidate, mode, server, gens };
}

async function closeContender(c: Contender): Promise<void> {
  await Promise.all(c.gens.map((g) => g.request('closeAll').catch(() => undefined)));
  for (const g of c.gens) g.stop();
}

const pair = (i: number) => ({ from: a(i), conversationType: 1 as const, targetId: b(i) });
const group = (i: number) => ({ from: m(i), conversationType: 3 as const, targetId: 'g500' });
/** The four phases; `round` keeps the generators' keys apart when a phase runs several times. */
const PHASE_RUNS: Array<[number, (c: Contender, round: number) => Promise<PhaseResult>]> = [
  [1, (c, r) => phase(c.gens, c.server, c.mode, '1:1 latency (100 msg/s)', r, 1, [pair(0)], { rate: 100 })],
  [
    2,
    (c, r) =>
      phase(
        c.gens,
        c.server,
        c.mode,
        `1:1 throughput (${PAIRS} pairs × 4 in flight)`,
        r,
        1,
        Array.from({ length: PAIRS }, (_, i) => pair(i)),
        { window: 4 },
      ),
  ],
  [
    3,
    (c, r) =>
      phase(c.gens, c.server, c.mode, 'group 500 latency (10 msg/s)', r, GROUP_SIZE - 1, [group(0)], { rate: 10 }),
  ],
  [
    4,
    (c, r) =>
      phase(
        c.gens,
        c.server,
        c.mode,
        'group 500 throughput (4 senders × 2 in flight)',
        r,
        GROUP_SIZE - 1,
        [0, 1, 2, 3].map(group),
        { window: 2 },
      ),
  ],
];

/**
 * Runs each phase on every contender, one right after the other, so the neighbours' load is about
 * the same for all of them. The 1:1 throughput phase runs ROUNDS times, the contenders' order
 * rotating each round; its ratios are the medians of the ratios within each round.
 */
async function runPhases(contenders: Contender[]): Promise<Map<Candidate, PhaseResult[][]>> {
  const results = new Map<Candidate, PhaseResult[][]>(contenders.map((c) => [c.candidate, []]));
  for (const [n, run] of PHASE_RUNS) {
    if (PHASES && !PHASES.includes(n)) continue;
    const rounds = n === 2 ? ROUNDS : 1;
    const perRound = new Map<Candidate, PhaseResult[]>(contenders.map((c) => [c.candidate, []]));
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < contenders.length; i++) {
        const c = contenders[(i + r) % contenders.length]!;
        const result = await run(c, r);
        result.candidate = c.candidate;
        perRound.get(c.candidate)!.push(result);
      }
    }
    for (const c of contenders) results.get(c.candidate)!.push(perRound.get(c.candidate)!);
  }
  return results;
}

async function historyBench(server: ServerChild, dataDir: string, channels: Awaited<ReturnType<typeof seedHistory>>) {
  const gen = forkWorker(GENERATOR);
  try {
    await gen.request('connect', { url: server.url, mode: 'parley', users: channels.map((c) => c.user) });
    const queries = Array.from({ length: 3000 }, (_, i) => {
      const c = channels[(i * 7919) % channels.length]!;
      // Deterministic spread over each channel's time range (the same queries for both candidates).
      const frac = ((i * 2654435761) % 1000) / 1000;
      return {
        user: c.user,
        targetId: c.peer,
        timestamp: Math.round(c.firstTime + frac * (c.lastTime - c.firstTime)) + 1,
      };
    });
    const wire = await measure(server.pid, () =>
      gen.request<{ lat: number[]; errors: number }>('history', { queries }),
    );
    // The same queries in this process, on the storage layer over the same file (WAL: a second reader is fine).
    const storage = new SqliteStorage({ file: join(dataDir, 'parley.db') });
    const direct = new Histogram();
    let directErrors = 0;
    for (const q of queries) {
      const t = performance.now();
      const page = await storage.history(q.user, {
        conversationType: 1,
        targetId: q.targetId,
        timestamp: q.timestamp,
        count: 20,
        order: 0,
      });
      direct.record(performance.now() - t);
      if (page.list.length === 0) directErrors++;
    }
    await storage.close();
    return {
      wire: Histogram.from(wire.result.lat),
      wireErrors: wire.result.errors,
      cpu: wire.cpu,
      direct,
      directErrors,
      n: queries.length,
    };
  } finally {
    await gen.request('closeAll').catch(() => undefined);
    gen.stop();
  }
}

/** `fn` with a fresh PostgreSQL database, or with null when BENCH_POSTGRES_URL=off. */
function maybeDatabase<T>(fn: (url: string | null) => Promise<T>): Promise<T> {
  return POSTGRES_ADMIN === 'off' ? fn(null) : withDatabase(fn);
}

const median = (values: number[]) => {
  const v = [...values].sort((x, y) => x - y);
  const mid = (v.length - 1) / 2;
  return v.length === 0 ? NaN : (v[Math.floor(mid)]! + v[Math.ceil(mid)]!) / 2;
};

async function main(): Promise<void> {
  const started = Date.now();
  const dir = tempDir('parley-bench-msg-');
  try {
    const channels = 100;
    console.log(
      `seeding ${HISTORY_MESSAGES.toLocaleString('en-US')} messages in ${channels} conversations (direct SQLite insert)...`,
    );
    const t = Date.now();
    const seeded = await seedHistory(dir.path, channels, Math.ceil(HISTORY_MESSAGES / channels));
    const seedSeconds = (Date.now() - t) / 1000;

    await maybeDatabase(async (pgUrl) => {
      // Every server is up, its clients connected, for the whole run; each phase then runs on one after the other.
      const pgDir = tempDir('parley-bench-pg-');
      const contenders: Contender[] = [];
      const stopped = new Set<Contender>();
      const stop = async (c: Contender) => {
        if (stopped.has(c)) return;
        stopped.add(c);
        await closeContender(c);
        await c.server.stop();
      };
      try {
        contenders.push(
          await connectContender('relay', await spawnListening([RELAY, '--group', `g500=m:${GROUP_SIZE}`], 'relay')),
        );
        const parley = await spawnParley(dir.path);
        contenders.push(await connectContender('sqlite', parley));
        if (pgUrl) contenders.push(await connectContender('postgres', await spawnParley(pgDir.path, 0, pgUrl)));
        const results = await runPhases(contenders);
        for (const c of contenders) if (c.candidate !== 'sqlite') await stop(c);
        const history = await historyBench(parley, dir.path, seeded);
        report(results, history, seedSeconds);
      } finally {
        for (const c of contenders) await stop(c);
        pgDir.remove();
      }
    });
    console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    dir.remove();
  }
}

function report(
  results: Map<Candidate, PhaseResult[][]>,
  history: Awaited<ReturnType<typeof historyBench>>,
  seedSeconds: number,
): void {
  const sqlite = results.get('sqlite')!;
  const rows: Cell[][] = [];
  for (let i = 0; i < sqlite.length; i++) {
    for (let r = 0; r < sqlite[i]!.length; r++) {
      for (const candidate of ['sqlite', 'postgres', 'relay'] as const) {
        const x = results.get(candidate)?.[i]?.[r];
        if (!x) continue;
        rows.push([
          sqlite[i]!.length > 1 ? `${x.name} · round ${r + 1}` : x.name,
          candidate === 'relay' ? 'relay' : `parley/${candidate}`,
          x.sent,
          x.errors,
          Math.round(x.perSecond),
          Math.round(x.deliveriesPerSecond),
          x.lat.p50,
          x.lat.p99,
          x.lat.max,
          x.groupLat ? x.groupLat.p99 : '–',
          x.cpu,
          Math.round(x.cpuUsPerMsg),
          Math.round(x.busiestUsPerMsg),
          x.rssMb,
        ]);
      }
    }
  }
  printTable(
    `Messaging: Parley on SQLite (WAL, synchronous=NORMAL) and on PostgreSQL (fsync on) vs bare ws relay, ${SECONDS} s per phase, ${GENERATORS} load generators each`,
    [
      'phase',
      'server',
      'sent',
      'errors',
      'msg/s',
      'deliveries/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'all-500 p99 ms',
      'server CPU',
      'CPU µs/msg',
      'busiest thread µs/msg',
      'server RSS MB',
    ],
    rows,
  );
  printTable(
    `History: ${history.n} getHistoryMessages (count 20) at random times over ${HISTORY_MESSAGES.toLocaleString('en-US')} stored messages (seeded in ${seedSeconds.toFixed(1)} s)`,
    ['path', 'p50 ms', 'p99 ms', 'max ms', 'empty pages'],
    [
      ['Parley gateway (ws round trip)', history.wire.p50, history.wire.p99, history.wire.max, history.wireErrors],
      ['storage layer in-process', history.direct.p50, history.direct.p99, history.direct.max, history.directErrors],
    ],
  );
  /** Per round, `f` of one candidate ÷ `f` of another in the same round; the median over the rounds. */
  const rounds = (c: Candidate, base: Candidate, i: number, f: (x: PhaseResult) => number) => {
    const mine = results.get(c)?.[i] ?? [];
    const theirs = results.get(base)?.[i] ?? [];
    return mine.map((x, r) => (theirs[r] ? f(x) / f(theirs[r]!) : NaN));
  };
  const med = (c: Candidate, base: Candidate, i: number, f: (x: PhaseResult) => number) => {
    const m = median(rounds(c, base, i, f));
    return Number.isFinite(m) ? `${m.toFixed(2)}×` : '–';
  };
  const throughputIndex = PHASE_RUNS.filter(([n]) => !PHASES || PHASES.includes(n)).findIndex(([n]) => n === 2);
  if (throughputIndex >= 0) {
    for (const c of ['sqlite', 'postgres'] as const) {
      const each = rounds(c, 'relay', throughputIndex, (x) => x.perSecond);
      if (each.length === 0) continue;
      console.log(
        `\n1:1 throughput, ${c} ÷ relay in each round: ${each.map((v) => `${v.toFixed(2)}×`).join(' ')} (median ${median(each).toFixed(2)}×)`,
      );
      // What the ratio would be with a core per busy thread: relay CPU per message ÷ Parley's busiest thread's.
      const capacity = rounds('relay', c, throughputIndex, (x) => x.busiestUsPerMsg);
      console.log(
        `  relay µs/msg ÷ ${c}'s busiest thread µs/msg in each round: ${capacity.map((v) => `${v.toFixed(2)}×`).join(' ')} (median ${median(capacity).toFixed(2)}×)`,
      );
    }
  }
  // The ratios compare the four phases; a run of some phases (BENCH_PHASES) has only its tables.
  if (sqlite.length < 4) return;
  const hasPg = (results.get('postgres')?.length ?? 0) === 4;
  const p50 = (x: PhaseResult) => x.lat.p50;
  const p99 = (x: PhaseResult) => x.lat.p99;
  const msgps = (x: PhaseResult) => x.perSecond;
  const dps = (x: PhaseResult) => x.deliveriesPerSecond;
  printRatios([
    ['p2p_p50_vs_relay', med('sqlite', 'relay', 0, p50)],
    ['p2p_p99_vs_relay', med('sqlite', 'relay', 0, p99)],
    ['p2p_msgps_vs_relay', med('sqlite', 'relay', 1, msgps)],
    ['p2p_busiest_thread_capacity_vs_relay', med('relay', 'sqlite', 1, (x) => x.busiestUsPerMsg)],
    ['group_p99_vs_relay', med('sqlite', 'relay', 2, p99)],
    ['group_deliveriesps_vs_relay', med('sqlite', 'relay', 3, dps)],
    ['history_p99_vs_storage', ratio(history.wire.p99, history.direct.p99)],
    ...(hasPg
      ? ([
          ['pg_p2p_p50_vs_relay', med('postgres', 'relay', 0, p50)],
          ['pg_p2p_p99_vs_relay', med('postgres', 'relay', 0, p99)],
          ['pg_p2p_msgps_vs_relay', med('postgres', 'relay', 1, msgps)],
          ['pg_p2p_busiest_thread_capacity_vs_relay', med('relay', 'postgres', 1, (x) => x.busiestUsPerMsg)],
          ['pg_group_p99_vs_relay', med('postgres', 'relay', 2, p99)],
          ['pg_group_deliveriesps_vs_relay', med('postgres', 'relay', 3, dps)],
          ['pg_p2p_msgps_vs_sqlite', med('postgres', 'sqlite', 1, msgps)],
        ] as Array<[string, string]>)
      : []),
  ]);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
