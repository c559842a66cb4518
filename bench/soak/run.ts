/**
 * `npm run soak`: the long reliability runs that do not belong in `npm test`.
 *  1. The seeded fuzzer at length (SOAK_FUZZ_FRAMES, default 60,000 frames; SOAK_FUZZ_API, default
 *     15,000 Server API requests; SOAK_SEED): every case refused with a code, stored state unchanged.
 *  2. 10,000 idle connections (SOAK_CONNECTIONS) held through heartbeats for SOAK_IDLE_SECONDS
 *     (default 75: two 30 s heartbeat rounds) while a probe pair keeps messaging: every socket
 *     stays, server memory stays bounded, the probe's latency stays low.
 *  3. An abuse phase (abuse.ts, SOAK_ABUSE_SECONDS, default 60): one user's hundreds of sockets,
 *     drafts and pins to made-up ids, floods and uploads; RSS and data size before and after, bounded.
 * SOAK_PARTS picks parts (default `fuzz,idle,abuse`).
 * Exits non-zero when a check fails.
 */
import { fileURLToPath } from 'node:url';
import { soakAbuse } from './abuse.js';
import { BENCH_APP, forkWorker, spawnParley, tempDir } from '../lib/children.js';
import { Histogram } from '../lib/histogram.js';
import { sampleProc } from '../lib/proc.js';
import { benchToken } from '../lib/tokens.js';
import { mb, printRatios, printTable, ratio } from '../lib/table.js';
import { createServerApiClient } from '../../server/api-client.js';
import { fuzz } from '../../test/server/fuzz-runner.js';
import { stateDigest } from '../../test/server/state.js';

const FRAMES = Number(process.env.SOAK_FUZZ_FRAMES ?? 60_000);
const API = Number(process.env.SOAK_FUZZ_API ?? 15_000);
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 10_000);
const IDLE_SECONDS = Number(process.env.SOAK_IDLE_SECONDS ?? 75);
const GENERATOR = fileURLToPath(new URL('../messaging/generator.ts', import.meta.url));
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
};

async function soakFuzz(): Promise<void> {
  const dir = tempDir('parley-soak-fuzz-');
  const server = await spawnParley(dir.path);
  try {
    const api = createServerApiClient({ baseUrl: server.url, ...BENCH_APP });
    await api.call('/group/create.json', { groupId: 'gv', groupName: 'victims', userId: ['va', 'vb'] });
    await api.call('/message/group/publish.json', {
      fromUserId: 'va',
      toGroupId: 'gv',
      objectName: 'RC:TxtMsg',
      content: '{"content":"hi"}',
    });
    const before = await stateDigest({ dataDir: dir.path });
    const rssBefore = sampleProc(server.pid).rss;
    const t = performance.now();
    console.log(`fuzz seed ${SEED} (replay: SOAK_SEED=${SEED})`);
    const report = await fuzz({ url: server.url, ...BENCH_APP, token: benchToken('fz') }, SEED, FRAMES, API);
    const seconds = (performance.now() - t) / 1000;
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`fuzz: the server died (seed ${SEED})`);
    const after = sampleProc(server.pid);
    const unchanged = JSON.stringify(await stateDigest({ dataDir: dir.path })) === JSON.stringify(before);
    printTable(
      `Fuzz soak, seed ${SEED} (replay: SOAK_SEED=${SEED})`,
      [
        'frames',
        'skipped (valid writes)',
        'closes (allowed)',
        'api requests',
        'failures',
        'state unchanged',
        'seconds',
        'server RSS MB before → after',
      ],
      [
        [
          report.frames,
          report.skipped,
          report.closes,
          report.api,
          report.failures.length,
          unchanged ? 'yes' : 'NO',
          seconds,
          `${mb(rssBefore).toFixed(0)} → ${mb(after.rss).toFixed(0)}`,
        ],
      ],
    );
    for (const f of report.failures.slice(0, 20)) console.log(`  ! ${f}`);
    check(report.failures.length === 0, `fuzz: ${report.failures.length} failures`);
    check(unchanged, 'fuzz: stored state changed');
    check(server.child.exitCode === null, 'fuzz: server died');
  } finally {
    await server.stop();
    dir.remove();
  }
}

async function soakIdle(): Promise<{ rssGrowth: number; probeP99: number }> {
  const dir = tempDir('parley-soak-idle-');
  const server = await spawnParley(dir.path);
  const gens = [forkWorker(GENERATOR), forkWorker(GENERATOR)];
  try {
    const rssStart = sampleProc(server.pid).rss;
    const users = Array.from({ length: CONNECTIONS }, (_, i) => `idle${i}`);
    const t = performance.now();
    await Promise.all(
      gens.map((g, k) =>
        g.request('connect', { url: server.url, mode: 'parley', users: users.filter((_, i) => i % 2 === k) }),
      ),
    );
    const connectSeconds = (performance.now() - t) / 1000;
    await gens[0]!.request('connect', { url: server.url, mode: 'parley', users: ['probe-a'] });
    await gens[1]!.request('connect', { url: server.url, mode: 'parley', users: ['probe-b'] });
    const rssConnected = sampleProc(server.pid).rss;
    // Idle period: only heartbeats and a probe message every 100 ms.
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(sampleProc(server.pid).rss), 5000);
    const cpu0 = sampleProc(server.pid).cpuMs;
    await gens[0]!.request('send', {
      k: 'probe',
      durationMs: IDLE_SECONDS * 1000,
      rate: 10,
      senders: [{ from: 'probe-a', conversationType: 1, targetId: 'probe-b' }],
    });
    clearInterval(sampler);
    const cpuShare = (sampleProc(server.pid).cpuMs - cpu0) / (IDLE_SECONDS * 1000);
    await new Promise((r) => setTimeout(r, 500));
    const probe = Histogram.from((await gens[1]!.request<{ lat: number[] }>('collect', { k: 'probe' })).lat);
    const open = (await Promise.all(gens.map((g) => g.request<number>('open')))).reduce((a, b) => a + b, 0);
    const rssEnd = sampleProc(server.pid).rss;
    const peak = Math.max(rssConnected, ...samples);
    printTable(
      `Idle connections: ${CONNECTIONS} sockets held ${IDLE_SECONDS} s (heartbeat every 30 s), probe pair at 10 msg/s`,
      [
        'connected in s',
        'still open',
        'RSS MB start',
        'RSS MB connected',
        'RSS MB peak idle',
        'RSS MB end',
        'KB per connection',
        'server CPU idle',
        'probe msgs',
        'probe p50 ms',
        'probe p99 ms',
        'probe max ms',
      ],
      [
        [
          connectSeconds,
          open,
          mb(rssStart),
          mb(rssConnected),
          mb(peak),
          mb(rssEnd),
          (rssConnected - rssStart) / 1024 / CONNECTIONS,
          cpuShare,
          probe.count,
          probe.p50,
          probe.p99,
          probe.max,
        ],
      ],
    );
    check(open === CONNECTIONS + 2, `idle: ${CONNECTIONS + 2 - open} sockets lost`);
    check(
      peak < rssConnected * 1.5,
      `idle: RSS grew from ${mb(rssConnected).toFixed(0)} to ${mb(peak).toFixed(0)} MB while idle`,
    );
    check(probe.count >= IDLE_SECONDS * 10 * 0.99, `idle: probe delivered ${probe.count} of ${IDLE_SECONDS * 10}`);
    check(probe.p99 < 250, `idle: probe p99 ${probe.p99.toFixed(1)} ms`);
    return { rssGrowth: peak / rssConnected, probeP99: probe.p99 };
  } finally {
    await Promise.all(gens.map((g) => g.request('closeAll').catch(() => undefined)));
    for (const g of gens) g.stop();
    await server.stop();
    dir.remove();
  }
}

async function main(): Promise<void> {
  const parts = (process.env.SOAK_PARTS ?? 'fuzz,idle,abuse').split(',');
  if (parts.includes('fuzz')) await soakFuzz();
  const idle = parts.includes('idle') ? await soakIdle() : null;
  const abuse = parts.includes('abuse') ? await soakAbuse(check) : null;
  printRatios([
    ...(idle ? [['idle_rss_peak_vs_connected', ratio(idle.rssGrowth, 1)] as [string, string]] : []),
    ...(abuse ? [['abuse_rss_after_vs_before', ratio(abuse.rssAfter / abuse.rssBefore, 1)] as [string, string]] : []),
    ['failures', String(failures.length)],
  ]);
  for (const f of failures) console.log(`FAIL ${f}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
