/**
 * Parley on three nodes (Redis bus) against one node, side by side in one run:
 * - one chatroom of N members (default 5,000) spread evenly over the nodes (one load generator per
 *   node; on one node all generators use it), senders on the first node at a fixed rate, then a
 *   burst: deliveries/s, p50/p99 send→receive, bus messages per chat message, server CPU per delivery;
 * - private messages between users on different nodes vs the same node: p50/p99.
 * On one machine (loopback, shared cores) the figures show the cluster's overhead, not its scaling.
 *
 * Usage: tsx bench/cluster/run.ts [--members 5000] [--seconds 4] [--rate 20] [--senders 4]
 *        [--burst-deliveries 100000] [--private 300] [--redis redis://127.0.0.1:6379]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Buckets } from '../chatroom/latency.js';
import { drain, forkWorker, type Worker } from '../lib/children.js';
import type { Histogram } from '../lib/histogram.js';
import { cpuShare, sampleProc } from '../lib/proc.js';
import { fmt, printRatios, printTable, ratio, type Cell } from '../lib/table.js';
import { privateLatency } from './private.js';
import { singleNode, threeNodes, type Topology } from './topology.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '4' },
    rate: { type: 'string', default: '20' },
    senders: { type: 'string', default: '4' },
    'burst-deliveries': { type: 'string', default: '100000' },
    private: { type: 'string', default: '300' },
    redis: { type: 'string', default: process.env.PARLEY_REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const o = {
  members: Number(values.members),
  seconds: Number(values.seconds),
  rate: Number(values.rate),
  senders: Number(values.senders),
  burstDeliveries: Number(values['burst-deliveries']),
  privateCount: Number(values.private),
};
const GENERATORS = 3;
const GENERATOR = join(fileURLToPath(new URL('../../', import.meta.url)), 'bench/chatroom/generator.ts');

// Bounded: the whole run stops itself after 10 minutes.
setTimeout(() => {
  console.error('cluster bench: 10-minute limit reached, stopping');
  process.exit(2);
}, 10 * 60_000).unref();

interface Phase {
  sent: number;
  expected: number;
  received: number;
  perSecond: number;
  latency: Buckets;
  /** Server CPU of all nodes, µs per delivery, and as a share of one core. */
  cpuUsPerDelivery: number;
  serverCpu: number;
  /** Bus publishes and node receipts per chat message. */
  busPublished: number;
  busReceived: number;
}

interface Result {
  rampMs: number;
  rate: Phase;
  burst: Phase;
  privateSame: Histogram;
  privateCross: Histogram | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function phase(
  top: Topology,
  gens: Worker[],
  run: () => Promise<{ sent: number; startMs: number }>,
): Promise<Phase> {
  await Promise.all(gens.map((g) => g.request('reset')));
  const pids = top.nodes.map((n) => n.pid);
  const before = pids.map(sampleProc);
  const busBefore = await top.busCounters();
  const t0 = performance.now();
  const { sent, startMs } = await run();
  const expected = sent * o.members;
  await drain(gens, expected, 8000);
  const wall = performance.now() - t0;
  const after = pids.map(sampleProc);
  const busAfter = await top.busCounters();
  const stats = await Promise.all(
    gens.map((g) =>
      g.request<{ received: number; lastReceipt: number; latency: { counts: number[]; max: number } }>('stats'),
    ),
  );
  const received = stats.reduce((a, s) => a + s.received, 0);
  const lastReceipt = Math.max(...stats.map((s) => s.lastReceipt));
  const cpuMs = after.reduce((a, s, i) => a + s.cpuMs - before[i]!.cpuMs, 0);
  return {
    sent,
    expected,
    received,
    perSecond: received > 0 ? received / ((lastReceipt - startMs) / 1000) : 0,
    latency: Buckets.merge(stats.map((s) => s.latency)),
    cpuUsPerDelivery: received > 0 ? (cpuMs * 1000) / received : NaN,
    serverCpu: before.reduce((a, s, i) => a + cpuShare(s, after[i]!, wall), 0),
    busPublished: (busAfter.published - busBefore.published) / Math.max(1, sent),
    busReceived: (busAfter.received - busBefore.received) / Math.max(1, sent),
  };
}

async function runTopology(top: Topology, gens: Worker[]): Promise<Result> {
  try {
    await Promise.all(gens.map((g) => g.request('count')));
    const rampStart = performance.now();
    await Promise.all(
      gens.map((g, i) => {
        const share = Math.floor(o.members / GENERATORS) + (i < o.members % GENERATORS ? 1 : 0);
        const node = top.nodes[i % top.nodes.length]!;
        return g.request('open', {
          kind: 'parley',
          url: node.url,
          prefix: `g${i}u`,
          members: share,
          senders: i === 0 ? o.senders : 0,
          batch: 250,
        });
      }),
    );
    const rampMs = performance.now() - rampStart;
    await sleep(1000);
    await phase(top, gens, () => gens[0]!.request('send', { rate: o.rate, seconds: 0.5 }));
    const rate = await phase(top, gens, () => gens[0]!.request('send', { rate: o.rate, seconds: o.seconds }));
    const count = Math.max(o.senders, Math.ceil(o.burstDeliveries / o.members));
    const burst = await phase(top, gens, () => gens[0]!.request('burst', { count }));
    await Promise.all(gens.map((g) => g.request('close')));
    const first = top.nodes[0]!.url;
    const privateSame = await privateLatency(first, first, `${top.nodes.length}same`, o.privateCount);
    const privateCross =
      top.nodes.length > 1
        ? await privateLatency(first, top.nodes[1]!.url, `${top.nodes.length}cross`, o.privateCount)
        : null;
    return { rampMs, rate, burst, privateSame, privateCross };
  } finally {
    await Promise.all(gens.map((g) => g.request('close').catch(() => {})));
    await top.stop();
  }
}

console.log(
  `cluster: one chatroom of ${o.members.toLocaleString('en-US')} members over 3 nodes (Redis ${values.redis}) vs 1 node; ` +
    `${o.senders} senders at ${o.rate} msg/s for ${o.seconds} s, then a burst; ${o.privateCount} private messages per pair`,
);
const started = performance.now();
const gens = Array.from({ length: GENERATORS }, () => forkWorker(GENERATOR));
process.stdout.write('  1 node... ');
const one = await runTopology(await singleNode(), gens);
console.log(`${Math.round(one.rate.perSecond).toLocaleString('en-US')} deliveries/s`);
process.stdout.write('  3 nodes... ');
const three = await runTopology(await threeNodes(values.redis), gens);
console.log(`${Math.round(three.rate.perSecond).toLocaleString('en-US')} deliveries/s`);

const q = (b: Buckets, p: number) => b.quantile(p);
const rows: Array<[string, (r: Result) => Cell, ((r: Result) => number) | null]> = [
  ['ramp: connect + join, s', (r) => r.rampMs / 1000, null],
  [`deliveries/s at ${o.rate} msg/s`, (r) => r.rate.perSecond, (r) => r.rate.perSecond],
  ['  lost (expected − received)', (r) => r.rate.expected - r.rate.received, null],
  ['  latency p50, ms', (r) => q(r.rate.latency, 0.5), (r) => q(r.rate.latency, 0.5)],
  ['  latency p99, ms', (r) => q(r.rate.latency, 0.99), (r) => q(r.rate.latency, 0.99)],
  ['  server CPU (all nodes), cores', (r) => r.rate.serverCpu, null],
  ['  server CPU µs per delivery', (r) => r.rate.cpuUsPerDelivery, (r) => r.rate.cpuUsPerDelivery],
  ['  bus publishes per chat message', (r) => r.rate.busPublished, null],
  ['  bus receipts (nodes) per chat message', (r) => r.rate.busReceived, null],
  ['burst, deliveries/s', (r) => r.burst.perSecond, (r) => r.burst.perSecond],
  ['  burst lost', (r) => r.burst.expected - r.burst.received, null],
  ['  burst latency p99, ms', (r) => q(r.burst.latency, 0.99), null],
  ['  server CPU µs per delivery', (r) => r.burst.cpuUsPerDelivery, (r) => r.burst.cpuUsPerDelivery],
  ['private, same node: p50 / p99, ms', (r) => `${fmt(r.privateSame.p50)} / ${fmt(r.privateSame.p99)}`, null],
  [
    'private, across nodes: p50 / p99, ms',
    (r) => (r.privateCross ? `${fmt(r.privateCross.p50)} / ${fmt(r.privateCross.p99)}` : '–'),
    null,
  ],
];
printTable(
  `Chatroom of ${o.members.toLocaleString('en-US')} members and private messages`,
  ['', '1 node', '3 nodes', '3 nodes / 1 node'],
  rows.map(([label, cell, num]) => [label, cell(one), cell(three), num ? ratio(num(three), num(one)) : '']),
);
console.log(
  '\n(one machine: the nodes share its cores, so these figures show the cost of the cluster, not its scaling; see docs/deploy.md)',
);
printRatios([
  ['tput/1node', ratio(three.rate.perSecond, one.rate.perSecond)],
  ['burst/1node', ratio(three.burst.perSecond, one.burst.perSecond)],
  ['p99/1node', ratio(q(three.rate.latency, 0.99), q(one.rate.latency, 0.99))],
  ['cpuPerDelivery/1node', ratio(three.burst.cpuUsPerDelivery, one.burst.cpuUsPerDelivery)],
  ['privateCross.p50/same', three.privateCross ? ratio(three.privateCross.p50, three.privateSame.p50) : '–'],
  ['privateCross.p99/same', three.privateCross ? ratio(three.privateCross.p99, three.privateSame.p99) : '–'],
]);
console.log(`\ntook ${((performance.now() - started) / 1000).toFixed(0)} s`);
for (const g of gens) g.stop();
process.exit(0);
