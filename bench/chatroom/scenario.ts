/** One server under test at one room size: start it, fill the room, run the phases, measure, stop. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BENCH_APP,
  drain,
  forkWorker,
  spawnListening,
  tempDir,
  type ServerChild,
  type Worker,
} from '../lib/children.js';
import { cpuShare, sampleProc, type ProcSample } from '../lib/proc.js';
import type { Kind } from './dialects.js';
import { Buckets } from './latency.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GENERATOR = join(ROOT, 'bench/chatroom/generator.ts');

export interface Options {
  members: number;
  seconds: number;
  rate: number;
  senders: number;
  generators: number;
  burstDeliveries: number;
  cpuProfDir?: string;
}

/** What one phase (fixed rate, or burst) measured. */
export interface Phase {
  sent: number;
  expected: number;
  received: number;
  /** Deliveries over the window from the first send to the last receipt. */
  perSecond: number;
  latency: Buckets;
  /** Server CPU as a share of one core, and per delivery (µs). */
  serverCpu: number;
  cpuUsPerDelivery: number;
  /** All generators together, share of one core. */
  generatorCpu: number;
  refused: number;
  /** Deliveries of an earlier phase's messages that arrived during this one. */
  late: number;
}

export interface Outcome {
  rampMs: number;
  idle: ProcSample;
  connected: ProcSample;
  end: ProcSample;
  sockets: number;
  rate: Phase;
  burst: Phase;
}

/** Starts the server under test as its own child process. */
async function startServer(kind: Kind, cpuProfDir?: string): Promise<{ server: ServerChild; cleanup(): void }> {
  const prof = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
  if (kind === 'parley') {
    const data = tempDir('parley-chatroom-');
    // --send-rate 0: the senders' 5/s per user would otherwise cap them. Load shedding (on by default,
    // 40 per 200 ms) is turned off: the bench measures fan-out, not the ceiling.
    const args = [
      join(ROOT, 'server/cli.ts'),
      '--port',
      '0',
      '--data',
      data.path,
      '--app-key',
      BENCH_APP.appKey,
      '--app-secret',
      BENCH_APP.appSecret,
      '--send-rate',
      '0',
      '--chatroom-shedding-ceiling',
      '0',
      '--quiet',
    ];
    return { server: await spawnListening([...prof, ...args], 'parley-server'), cleanup: data.remove };
  }
  const script = join(ROOT, `bench/chatroom/${kind === 'ws' ? 'ws-server' : 'sio-server'}.ts`);
  return { server: await spawnListening([script], kind), cleanup: () => {} };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function phase(
  server: ServerChild,
  gens: Worker[],
  members: number,
  run: () => Promise<{ sent: number; startMs: number }>,
): Promise<Phase> {
  await Promise.all(gens.map((g) => g.request('reset')));
  const pids = gens.map((g) => g.child.pid!);
  const before = sampleProc(server.pid);
  const genBefore = pids.map(sampleProc);
  const t0 = performance.now();
  const { sent, startMs } = await run();
  const expected = sent * members;
  await drain(gens, expected, 8000);
  const wall = performance.now() - t0;
  const after = sampleProc(server.pid);
  const genAfter = pids.map(sampleProc);
  const stats = await Promise.all(
    gens.map((g) =>
      g.request<{
        received: number;
        lastReceipt: number;
        refused: number;
        late: number;
        latency: { counts: number[]; max: number };
      }>('stats'),
    ),
  );
  const received = stats.reduce((a, s) => a + s.received, 0);
  const lastReceipt = Math.max(...stats.map((s) => s.lastReceipt));
  return {
    sent,
    expected,
    received,
    perSecond: received > 0 ? received / ((lastReceipt - startMs) / 1000) : 0,
    latency: Buckets.merge(stats.map((s) => s.latency)),
    serverCpu: cpuShare(before, after, wall),
    cpuUsPerDelivery: received > 0 ? ((after.cpuMs - before.cpuMs) * 1000) / received : NaN,
    generatorCpu: genBefore.reduce((a, b, i) => a + cpuShare(b, genAfter[i]!, wall), 0),
    refused: stats.reduce((a, s) => a + s.refused, 0),
    late: stats.reduce((a, s) => a + s.late, 0),
  };
}

/** The load generators, forked once and shared by every server of the run (their boot is not measured). */
export function forkGenerators(n: number): Worker[] {
  return Array.from({ length: n }, () => forkWorker(GENERATOR));
}

export async function runOne(kind: Kind, o: Options, gens: Worker[]): Promise<Outcome> {
  const { server, cleanup } = await startServer(kind, o.cpuProfDir);
  try {
    // Generators boot (tsx) before the ramp clock starts.
    await Promise.all(gens.map((g) => g.request('count')));
    await sleep(500);
    const idle = sampleProc(server.pid);
    const rampStart = performance.now();
    // Members spread evenly; the senders live in the first generator.
    await Promise.all(
      gens.map((g, i) => {
        const share = Math.floor(o.members / o.generators) + (i < o.members % o.generators ? 1 : 0);
        return g.request('open', {
          kind,
          url: server.url,
          prefix: `g${i}u`,
          members: share,
          senders: i === 0 ? o.senders : 0,
          batch: 250,
        });
      }),
    );
    const rampMs = performance.now() - rampStart;
    await sleep(1000);
    const connected = sampleProc(server.pid);
    // Warm-up (JIT, buffers) at the test rate, not measured.
    await phase(server, gens, o.members, () => gens[0]!.request('send', { rate: o.rate, seconds: 0.5 }));
    const rate = await phase(server, gens, o.members, () =>
      gens[0]!.request('send', { rate: o.rate, seconds: o.seconds }),
    );
    const count = Math.max(o.senders, Math.ceil(o.burstDeliveries / o.members));
    const burst = await phase(server, gens, o.members, () => gens[0]!.request('burst', { count }));
    const end = sampleProc(server.pid);
    return { rampMs, idle, connected, end, sockets: o.members + o.senders, rate, burst };
  } finally {
    await Promise.all(gens.map((g) => g.request('close').catch(() => {})));
    await server.stop('SIGTERM');
    cleanup();
  }
}
