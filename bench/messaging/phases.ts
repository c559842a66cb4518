/**
 * The messaging benchmark's four phases (1:1 and 500-member group, latency and throughput): the
 * contenders (a server with its own load generators), one phase on one contender, and all phases
 * on every contender one right after the other.
 */
import { createServerApiClient } from '../../server/api-client.js';
import { BENCH_APP, forkWorker, type ServerChild, type Worker } from '../lib/children.js';
import { Histogram } from '../lib/histogram.js';
import { busiestThreadMs, measure, sampleThreads } from '../lib/proc.js';
import { mb } from '../lib/table.js';
import {
  GENERATOR,
  GENERATORS,
  GROUP_SIZE,
  PAIRS,
  PHASES,
  ROUNDS,
  SECONDS,
  type Candidate,
  type Mode,
  type PhaseResult,
} from './settings.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const a = (i: number) => `a${i}`;
const b = (i: number) => `b${i}`;
const m = (i: number) => `m${i}`;
/** Which generator holds a user: members alternate; b_i sits beside a_(i+1), so every pair crosses processes. */
const genOf = (user: string) => (Number(user.slice(1)) + (user[0] === 'b' ? 1 : 0)) % GENERATORS;

/**
 * One phase on one server: the generators send for SECONDS, then wait until every acknowledged send
 * reached its recipients; gives rates, latencies and the server's CPU and memory.
 */
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
export interface Contender {
  candidate: Candidate;
  mode: Mode;
  server: ServerChild;
  gens: Worker[];
}

const USERS = [
  ...Array.from({ length: PAIRS }, (_, i) => [a(i), b(i)]).flat(),
  ...Array.from({ length: GROUP_SIZE }, (_, i) => m(i)),
];

export async function connectContender(candidate: Candidate, server: ServerChild): Promise<Contender> {
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

export async function closeContender(c: Contender): Promise<void> {
  await Promise.all(c.gens.map((g) => g.request('closeAll').catch(() => undefined)));
  for (const g of c.gens) g.stop();
}

const pair = (i: number) => ({ from: a(i), conversationType: 1 as const, targetId: b(i) });
const group = (i: number) => ({ from: m(i), conversationType: 3 as const, targetId: 'g500' });
/** The four phases; `round` keeps the generators' keys apart when a phase runs several times. */
export const PHASE_RUNS: Array<[number, (c: Contender, round: number) => Promise<PhaseResult>]> = [
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
export async function runPhases(contenders: Contender[]): Promise<Map<Candidate, PhaseResult[][]>> {
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
