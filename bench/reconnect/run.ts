/**
 * `npm run bench:reconnect`: 5,000 real ParleyClients (spread over 4 load-generator processes, each
 * behind its own loopback TCP proxy) connect to the Parley server, then every socket is cut at once
 * while the app's backend keeps publishing through the Server API. Measures the time until every
 * client is back and caught up, against the cold start of the same clients in the same run, and
 * checks every inbox: nothing lost, nothing duplicated.
 *
 * Environment: BENCH_CLIENTS (default 5000), BENCH_STORM_MESSAGES (default 2000).
 */
import { fileURLToPath } from 'node:url';
import { createServerApiClient } from '../../server/api-client.js';
import { BENCH_APP, forkWorker, spawnParley, tempDir } from '../lib/children.js';
import { Histogram } from '../lib/histogram.js';
import { sampleProc } from '../lib/proc.js';
import { pick, seededRandom } from '../lib/random.js';
import { mb, printRatios, printTable, ratio } from '../lib/table.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const STORM_MESSAGES = Number(process.env.BENCH_STORM_MESSAGES ?? 2000);
const BEFORE_MESSAGES = 500;
const GENERATORS = 4;
const GENERATOR = fileURLToPath(new URL('./generator.ts', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = tempDir('parley-bench-storm-');
  const server = await spawnParley(dir.path);
  const gens = Array.from({ length: GENERATORS }, () => forkWorker(GENERATOR));
  try {
    const api = createServerApiClient({ baseUrl: server.url, ...BENCH_APP });
    const users = Array.from({ length: CLIENTS }, (_, i) => `r${i}`);
    const random = seededRandom(6);
    const expected: Record<string, number[]> = {};
    let next = 0;
    let apiErrors = 0;
    /** Publishes `count` private messages to random users, `concurrency` requests at a time. */
    const publish = async (count: number, concurrency = 16) => {
      const jobs = Array.from({ length: count }, () => ({ n: ++next, to: users[pick(random, users.length)]! }));
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let job = jobs.shift(); job; job = jobs.shift()) {
            const res = await api.call('/message/private/publish.json', {
              fromUserId: 'sys',
              toUserId: job.to,
              objectName: 'RC:TxtMsg',
              content: JSON.stringify({ content: `storm ${job.n}`, n: job.n }),
            });
            if (res.code === 200) (expected[job.to] ??= []).push(job.n);
            else apiErrors++;
          }
        }),
      );
    };
    const received = async () =>
      (await Promise.all(gens.map((g) => g.request<number>('received')))).reduce((a, b) => a + b, 0);
    const waitDelivered = async (total: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while ((await received()) < total && Date.now() < deadline) await sleep(100);
      return received();
    };

    // Generators' CPU too: when they, not the server, are saturated, the times measure the generators.
    const genCpu = () => gens.reduce((n, g) => n + sampleProc(g.child.pid!).cpuMs, 0);
    // Cold start: every client connects at once.
    let before = sampleProc(server.pid);
    let genBefore = genCpu();
    let t = performance.now();
    const cold = await Promise.all(
      gens.map((g, i) =>
        g.request<{ ms: number; times: number[]; ok: boolean; retries: number }>('connect', {
          serverPort: server.port,
          users: users.filter((_, j) => j % GENERATORS === i),
        }),
      ),
    );
    const coldWall = performance.now() - t;
    let after = sampleProc(server.pid);
    const coldTimes = Histogram.from(cold.flatMap((c) => c.times));
    const coldRow = [
      'cold start: all connect at once',
      CLIENTS,
      coldTimes.p50,
      coldTimes.p99,
      coldTimes.max,
      cold.every((c) => c.ok) ? 'yes' : 'NO',
      (after.cpuMs - before.cpuMs) / coldWall,
      (genCpu() - genBefore) / coldWall,
      mb(after.rss),
      '–',
      '–',
      '–',
    ];

    await publish(BEFORE_MESSAGES);
    await waitDelivered(BEFORE_MESSAGES, 30_000);

    // The storm: cut every socket, publish while they come back.
    before = sampleProc(server.pid);
    genBefore = genCpu();
    t = performance.now();
    const drops = await Promise.all(gens.map((g) => g.request<{ cut: number; at: number }>('drop')));
    const publishing = publish(STORM_MESSAGES);
    const back = await Promise.all(
      gens.map((g, i) =>
        g.request<{ ok: boolean; ms: number; times: number[]; attempts: number; reconnected: number }>('resynced', {
          since: drops[i]!.at,
          timeoutMs: 120_000,
        }),
      ),
    );
    const resyncMs = Math.max(...back.map((b) => b.ms));
    const stormTimes = Histogram.from(back.flatMap((b) => b.times));
    await publishing;
    const publishMs = performance.now() - t;
    const total = Object.values(expected).reduce((n, l) => n + l.length, 0);
    const delivered = await waitDelivered(total, 60_000);
    const deliveredMs = performance.now() - t;
    after = sampleProc(server.pid);
    const checks = await Promise.all(
      gens.map((g) =>
        g.request<{ missing: number; duplicated: number; unexpected: number; examples: string[] }>('verify', {
          expected,
        }),
      ),
    );
    const sum = (k: 'missing' | 'duplicated' | 'unexpected') => checks.reduce((n, c) => n + c[k], 0);
    const cut = drops.reduce((n, d) => n + d.cut, 0);

    printTable(
      `Reconnect storm: ${CLIENTS} ParleyClients in ${GENERATORS} generators (client defaults: reconnect 500 ms .. 5 s with jitter), ` +
        `${cut} sockets cut at once, ${STORM_MESSAGES} Server API messages published during the storm`,
      [
        'phase',
        'clients',
        'caught up p50 ms',
        'p99 ms',
        'all (max) ms',
        'all ok',
        'server CPU',
        'generators CPU',
        'server RSS MB',
        'lost',
        'duplicated',
        'unexpected',
      ],
      [
        coldRow,
        [
          'storm: all cut, reconnect, resync',
          back.reduce((n, b) => n + b.reconnected, 0),
          stormTimes.p50,
          stormTimes.p99,
          resyncMs,
          back.every((b) => b.ok) ? 'yes' : 'NO',
          (after.cpuMs - before.cpuMs) / deliveredMs,
          (genCpu() - genBefore) / deliveredMs,
          mb(after.rss),
          sum('missing'),
          sum('duplicated'),
          sum('unexpected'),
        ],
      ],
    );
    console.log(
      `\ncold start: ${cold.reduce((n, c) => n + c.retries, 0)} first connects failed (socket refused under the burst) and were retried by the generator, as an app would`,
    );
    console.log(`storm: ${back.reduce((n, b) => n + b.attempts, 0)} socket attempts for ${cut} reconnects`);
    console.log(
      `messages: ${BEFORE_MESSAGES} before the storm + ${STORM_MESSAGES} during it (published in ${(publishMs / 1000).toFixed(1)} s, ` +
        `${apiErrors} refused); ${delivered}/${total} delivered, the last ${(deliveredMs / 1000).toFixed(1)} s after the cut`,
    );
    for (const c of checks) for (const e of c.examples) console.log(`  ! ${e}`);
    printRatios([
      ['storm_resync_vs_cold_connect', ratio(resyncMs, coldTimes.max)],
      ['storm_p50_vs_cold_p50', ratio(stormTimes.p50, coldTimes.p50)],
      ['lost', String(sum('missing'))],
      ['duplicated', String(sum('duplicated'))],
    ]);
    if (sum('missing') + sum('duplicated') + sum('unexpected') > 0 || apiErrors > 0) process.exitCode = 1;
  } finally {
    await Promise.all(gens.map((g) => g.request('closeAll').catch(() => undefined)));
    for (const g of gens) g.stop();
    await server.stop();
    dir.remove();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
