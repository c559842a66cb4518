/**
 * Load generator (child process): holds a share of the room's member sockets, and optionally the
 * senders. Members record send→receive latency per delivery from the timestamp in the message
 * (CLOCK_MONOTONIC is shared by all processes). Driven by run.ts over IPC.
 */
import type WebSocket from 'ws';
import { monoMs } from '../lib/histogram.js';
import { serveCommands } from '../lib/worker.js';
import { isRefusal, openMember, sendMessage, sendTimeOf, type Kind } from './dialects.js';
import { Buckets } from './latency.js';

let kind: Kind = 'ws';
let members: WebSocket[] = [];
let senders: WebSocket[] = [];
let latency = new Buckets();
let received = 0;
let lastReceipt = 0;
let refused = 0;
/** Frames sent before the last reset belong to an earlier phase: counted apart, not as deliveries. */
let since = 0;
let late = 0;
let seq = 0;

function onMemberFrame(_ws: WebSocket, data: Buffer): void {
  const sentAt = sendTimeOf(data);
  if (sentAt < 0) return;
  if (sentAt < since) return void late++;
  const now = monoMs();
  received++;
  lastReceipt = now;
  latency.record(now - sentAt);
}

function onSenderFrame(_ws: WebSocket, data: Buffer): void {
  if (isRefusal(kind, data)) refused++;
}

/** Opens `count` sockets `batch` at a time (a fast ramp without flooding the accept queue). */
async function openMany(
  base: string,
  prefix: string,
  count: number,
  batch: number,
  onFrame: typeof onMemberFrame,
): Promise<WebSocket[]> {
  const out: WebSocket[] = [];
  for (let i = 0; i < count; i += batch) {
    const ids = Array.from({ length: Math.min(batch, count - i) }, (_, j) => `${prefix}${i + j}`);
    out.push(...(await Promise.all(ids.map((id) => openMember(kind, base, id, onFrame)))));
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

serveCommands({
  async open(args: { kind: Kind; url: string; prefix: string; members: number; senders: number; batch: number }) {
    kind = args.kind;
    members = await openMany(args.url, args.prefix, args.members, args.batch, onMemberFrame);
    senders = await openMany(args.url, `${args.prefix}s`, args.senders, args.batch, onSenderFrame);
    return { members: members.length, senders: senders.length };
  },
  /** Starts a fresh measurement. */
  reset() {
    latency = new Buckets();
    received = 0;
    lastReceipt = 0;
    refused = 0;
    late = 0;
    since = monoMs();
  },
  /** Open loop: `rate` messages/s in total, round-robin over the senders, for `seconds`. */
  async send(args: { rate: number; seconds: number }) {
    const start = monoMs();
    const total = Math.round(args.rate * args.seconds);
    let sent = 0;
    while (sent < total) {
      // Send whatever is due by the schedule, so a late timer catches up instead of lowering the rate.
      const due = Math.min(total, Math.floor(((monoMs() - start) / 1000) * args.rate) + 1);
      for (; sent < due; sent++) sendMessage(kind, senders[sent % senders.length]!, seq++);
      await sleep(5);
    }
    return { sent, startMs: start, endMs: monoMs() };
  },
  /** As fast as possible: `count` messages, round-robin over the senders. */
  burst(args: { count: number }) {
    const start = monoMs();
    for (let i = 0; i < args.count; i++) sendMessage(kind, senders[i % senders.length]!, seq++);
    return { sent: args.count, startMs: start, endMs: monoMs() };
  },
  /** Cheap progress check while draining. */
  count() {
    return { received, lastReceipt };
  },
  stats() {
    return { received, lastReceipt, refused, late, latency: latency.toJSON() };
  },
  close() {
    for (const ws of [...members, ...senders]) ws.terminate();
    members = [];
    senders = [];
  },
});
