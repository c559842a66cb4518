/** The per-size table and the RATIOS entries. */
import { fmt, kb, mb, printTable, ratio, type Cell } from '../lib/table.js';
import type { Kind } from './dialects.js';
import type { Options, Outcome, Phase } from './scenario.js';

const NAMES: Record<Kind, string> = { parley: 'Parley', ws: 'bare ws', sio: 'Socket.IO' };

const loss = (p: Phase) =>
  `${fmt(p.expected - p.received)} (${(((p.expected - p.received) / Math.max(1, p.expected)) * 100).toFixed(2)} %)`;
/**
 * Capacity with the neighbours taken out: deliveries per second of server CPU in the burst. On a
 * shared machine a starved server delivers less per wall second, not per CPU second.
 */
const perCpuSecond = (o: Outcome) => 1e6 / o.burst.cpuUsPerDelivery;
const perConnKb = (o: Outcome) => kb((o.connected.rss - o.idle.rss) / o.sockets);

export function printSize(members: number, o: Omit<Options, 'members'>, results: Map<Kind, Outcome>): void {
  const kinds = [...results.keys()];
  const rows: Array<[string, (r: Outcome) => Cell, ((r: Outcome) => number) | null]> = [
    ['ramp: connect + join, s', (r) => r.rampMs / 1000, null],
    [`deliveries/s at ${o.rate} msg/s`, (r) => r.rate.perSecond, (r) => r.rate.perSecond],
    ['  lost (expected − received)', (r) => loss(r.rate), null],
    ['  latency p50, ms', (r) => r.rate.latency.quantile(0.5), (r) => r.rate.latency.quantile(0.5)],
    ['  latency p99, ms', (r) => r.rate.latency.quantile(0.99), (r) => r.rate.latency.quantile(0.99)],
    ['  latency max, ms', (r) => r.rate.latency.max, null],
    ['  server CPU, share of a core', (r) => r.rate.serverCpu, null],
    ['  server CPU µs per delivery', (r) => r.rate.cpuUsPerDelivery, (r) => r.rate.cpuUsPerDelivery],
    ['  generators CPU, cores', (r) => r.rate.generatorCpu, null],
    ['  sends refused', (r) => r.rate.refused, null],
    ['burst capacity, deliveries/s', (r) => r.burst.perSecond, (r) => r.burst.perSecond],
    ['  burst lost', (r) => loss(r.burst), null],
    ['  late (rate-phase deliveries after its drain)', (r) => r.burst.late, null],
    ['  burst latency p99, ms', (r) => r.burst.latency.quantile(0.99), null],
    ['  server CPU µs per delivery', (r) => r.burst.cpuUsPerDelivery, (r) => r.burst.cpuUsPerDelivery],
    ['  deliveries per server CPU-second', (r) => perCpuSecond(r), perCpuSecond],
    [
      'RSS idle → connected → end, MB',
      (r) => `${fmt(mb(r.idle.rss))} → ${fmt(mb(r.connected.rss))} → ${fmt(mb(r.end.rss))}`,
      null,
    ],
    ['  peak RSS, MB', (r) => mb(r.end.peakRss), null],
    ['memory per connection, KB', (r) => perConnKb(r), perConnKb],
  ];
  const parley = results.get('parley');
  const others = kinds.filter((k) => k !== 'parley');
  const headers = ['', ...kinds.map((k) => NAMES[k]), ...(parley ? others.map((k) => `Parley/${NAMES[k]}`) : [])];
  const body = rows.map(([label, cell, num]) => [
    label,
    ...kinds.map((k) => cell(results.get(k)!)),
    ...(parley ? others.map((k) => (num ? ratio(num(parley), num(results.get(k)!)) : '')) : []),
  ]);
  printTable(`Chatroom fan-out: ${members.toLocaleString('en-US')} members (+${o.senders} senders)`, headers, body);
}

/** Parley/ws and Parley/Socket.IO for throughput, capacity (per wall and per CPU second), p99 and memory per connection. */
export function ratioEntries(members: number, results: Map<Kind, Outcome>): Array<[string, string]> {
  const p = results.get('parley');
  if (!p) return [];
  const out: Array<[string, string]> = [];
  for (const k of ['ws', 'sio'] as const) {
    const b = results.get(k);
    if (!b) continue;
    out.push(
      [`${members}.tput/${k}`, ratio(p.rate.perSecond, b.rate.perSecond)],
      [`${members}.cap/${k}`, ratio(p.burst.perSecond, b.burst.perSecond)],
      [`${members}.perCpu/${k}`, ratio(perCpuSecond(p), perCpuSecond(b))],
      [`${members}.p99/${k}`, ratio(p.rate.latency.quantile(0.99), b.rate.latency.quantile(0.99))],
      [`${members}.mem/${k}`, ratio(perConnKb(p), perConnKb(b))],
    );
  }
  return out;
}
