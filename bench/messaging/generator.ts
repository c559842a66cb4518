/**
 * Load generator for the messaging benchmark (a child process): holds sockets for some users,
 * sends when told, and records send→receive latency of every delivery it sees.
 * Latency uses CLOCK_MONOTONIC (`monoMs`), which all processes on the machine share.
 */
import type { InboxPush } from '../../src/protocol/frames.js';
import { BENCH_APP } from '../lib/children.js';
import { monoMs } from '../lib/histogram.js';
import { benchToken } from '../lib/tokens.js';
import { WireClient } from '../lib/wire-client.js';
import { serveCommands } from '../lib/worker.js';

interface Phase {
  lat: number[];
  /** Per sent message: deliveries seen and the latest one (for "whole group reached" latency). */
  perMsg: Map<string, { n: number; last: number }>;
  lastDelivery: number;
}

const clients = new Map<string, WireClient>();
const phases = new Map<string, Phase>();
const phase = (name: string) => {
  let p = phases.get(name);
  if (!p) phases.set(name, (p = { lat: [], perMsg: new Map(), lastDelivery: 0 }));
  return p;
};

function onPush(push: InboxPush, user: string): void {
  const now = monoMs();
  for (const item of push.data.items) {
    if (item.type !== 'message') continue;
    const c = item.message.content as { k?: string; t?: number; m?: string };
    // The sender's own echo is not a delivery to a recipient.
    if (typeof c.k !== 'string' || typeof c.t !== 'number' || item.message.senderUserId === user) continue;
    const p = phase(c.k);
    p.lat.push(now - c.t);
    p.lastDelivery = now;
    const m = p.perMsg.get(c.m!) ?? { n: 0, last: 0 };
    m.n++;
    m.last = now - c.t;
    p.perMsg.set(c.m!, m);
  }
}

interface SendSpec {
  from: string;
  conversationType: 1 | 3;
  targetId: string;
}

let serial = 0;
async function sendOne(spec: SendSpec, k: string): Promise<{ ok: boolean; ackMs: number }> {
  const client = clients.get(spec.from)!;
  const t = monoMs();
  const m = `${process.pid}-${++serial}`;
  const res = await client.request('sendMessage', {
    conversationType: spec.conversationType,
    targetId: spec.targetId,
    messageType: 'RC:TxtMsg',
    content: { content: 'hello from the benchmark, a message of ordinary length', k, t, m },
    clientMessageId: m,
  });
  return { ok: res.code === 0, ackMs: monoMs() - t };
}

serveCommands({
  async connect(args: { url: string; mode: 'parley' | 'relay'; users: string[] }) {
    // Connect in small batches: a realistic ramp rather than a SYN flood of our own making.
    for (let i = 0; i < args.users.length; i += 50) {
      await Promise.all(
        args.users.slice(i, i + 50).map(async (user) => {
          const token = args.mode === 'parley' ? benchToken(user) : user;
          const client = await WireClient.connect(args.url, token, BENCH_APP.appKey);
          client.onPush = (push) => onPush(push, user);
          clients.set(user, client);
        }),
      );
    }
    return clients.size;
  },

  /**
   * Sends for `durationMs`: open loop at `rate` messages/s per sender, or closed loop with
   * `window` sends in flight per sender (throughput).
   */
  async send(args: { k: string; senders: SendSpec[]; durationMs: number; rate?: number; window?: number }) {
    const ack: number[] = [];
    let errors = 0;
    const start = monoMs();
    const end = start + args.durationMs;
    const record = (r: { ok: boolean; ackMs: number }): void => void (r.ok ? ack.push(r.ackMs) : errors++);
    await Promise.all(
      args.senders.map(async (spec) => {
        if (args.rate) {
          const inflight: Promise<void>[] = [];
          for (let i = 0; ; i++) {
            const due = start + (i * 1000) / args.rate;
            if (due >= end) break;
            const wait = due - monoMs();
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            inflight.push(sendOne(spec, args.k).then(record));
          }
          await Promise.all(inflight);
        } else {
          await Promise.all(
            Array.from({ length: args.window ?? 1 }, async () => {
              while (monoMs() < end) record(await sendOne(spec, args.k));
            }),
          );
        }
      }),
    );
    return { start, sent: ack.length + errors, acked: ack.length, errors, ack };
  },

  /** Deliveries seen so far in a phase (cheap, for polling). */
  count(args: { k: string }) {
    return phase(args.k).lat.length;
  },

  /** What this generator received in a phase. */
  collect(args: { k: string }) {
    const p = phase(args.k);
    return { lat: p.lat, lastDelivery: p.lastDelivery, perMsg: [...p.perMsg.entries()] };
  },

  /** Sequential history queries: user asks for a page of `targetId` at a random time in [from, to]. */
  async history(args: { queries: Array<{ user: string; targetId: string; timestamp: number }> }) {
    const lat: number[] = [];
    let errors = 0;
    for (const q of args.queries) {
      const t = monoMs();
      const res = await clients.get(q.user)!.request('getHistoryMessages', {
        conversationType: 1,
        targetId: q.targetId,
        timestamp: q.timestamp,
        count: 20,
      });
      lat.push(monoMs() - t);
      if (res.code !== 0 || (res.data as { list: unknown[] }).list.length === 0) errors++;
    }
    return { lat, errors };
  },

  /** Sockets still open (the soak checks that idle connections survive heartbeats). */
  open() {
    let n = 0;
    for (const c of clients.values()) if (c.ws.readyState === c.ws.OPEN) n++;
    return n;
  },

  closeAll() {
    for (const c of clients.values()) c.close();
    clients.clear();
    phases.clear();
    return true;
  },
});
