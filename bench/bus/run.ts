/**
 * `npm run bench:bus`: the cluster's fan-out pattern over Redis pub/sub and over NATS, side by side.
 * Three "node" processes (`node.ts`) each hold a third of the users: they subscribe to those users'
 * channels and to one room's channel, as `server/bus/redis.ts` does. This process publishes:
 *   - inbox events (a ~0.6 KB JSON, as a 1:1 send publishes two: recipient and sender) to random
 *     users: each reaches the one node holding that user;
 *   - room events: each reaches all three nodes. On Redis both as a plain PUBLISH and through the
 *     cluster's room script (INCR for the room's order + PUBLISH + the newest-frames list).
 * Per pattern: a paced phase (latency, p50/p99) and a burst (msgs/s until the last arrival). CPU
 * time per event of the broker, the publisher and the nodes is what the machine's load moves least.
 *
 * Environment: BENCH_BUS_REDIS (default redis://127.0.0.1:6379), BENCH_BUS_NATS (default
 * 127.0.0.1:4222), BENCH_BUS_SECONDS (paced phases, default 3), BENCH_BUS_BURST (events per burst,
 * default 60,000), BENCH_BUS_ROUNDS (default 4: redis, nats, nats, redis, ... to even out the
 * machine's drift; the ratios compare medians over the rounds).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { forkWorker, type Worker } from '../lib/children.js';
import { Histogram, monoMs } from '../lib/histogram.js';
import { sampleProc } from '../lib/proc.js';
import { printRatios, printTable, ratio, type Cell } from '../lib/table.js';
import { roomChannel, userChannel, type BusKind } from './channels.js';

const REDIS_URL = process.env.BENCH_BUS_REDIS ?? 'redis://127.0.0.1:6379';
const NATS_URL = process.env.BENCH_BUS_NATS ?? '127.0.0.1:4222';
const SECONDS = Number(process.env.BENCH_BUS_SECONDS ?? 3);
const BURST = Number(process.env.BENCH_BUS_BURST ?? 60_000);
const ROUNDS = Number(process.env.BENCH_BUS_ROUNDS ?? 4);
const NODES = 3;
const USERS = 3000;
const ROOM = 'room1';
/** Paced rates (events/s): inbox events as 1:1 sends at 1,500 msg/s make them; room events at 500/s. */
const RATE = { inbox: 3000, room: 500 };
/** Publishes in flight during a burst before waiting for Redis's replies / a NATS flush. */
const WINDOW = 1000;
const PREFIX = `parley-bench-${process.pid}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Pattern = 'inbox' | 'room' | 'room-script';

/** One publisher connection per bus, made as the cluster makes its command connection. */
interface Publisher {
  kind: BusKind;
  publish(pattern: Pattern, target: string, payload: string): Promise<unknown> | void;
  /** Resolves when everything published so far has reached the broker. */
  flush(): Promise<unknown>;
  close(): Promise<void>;
}

/** The cluster's room script (server/bus/redis.ts), with the same keys and list length. */
const ROOM_SCRIPT = `local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', KEYS[2], '#' .. seq .. '|' .. ARGV[1])
redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('LTRIM', KEYS[3], -50, -1)
return seq`;

async function redisPublisher(): Promise<Publisher> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  await redis.connect();
  redis.defineCommand('benchRoom', { numberOfKeys: 3, lua: ROOM_SCRIPT });
  const room = (redis as Redis & { benchRoom(...args: string[]): Promise<number> }).benchRoom.bind(redis);
  let last: Promise<unknown> = Promise.resolve();
  return {
    kind: 'redis',
    publish(pattern, target, payload) {
      if (pattern === 'room-script') {
        // The script prepends '#<seq>|' (the room's order); the nodes skip it.
        return (last = room(
          `${PREFIX}:rseq:${ROOM}`,
          roomChannel('redis', PREFIX, ROOM),
          `${PREFIX}:rr:${ROOM}`,
          payload,
        ));
      }
      const channel = pattern === 'inbox' ? userChannel('redis', PREFIX, target) : roomChannel('redis', PREFIX, ROOM);
      return (last = redis.publish(channel, payload));
    },
    flush: () => last,
    async close() {
      await redis.del(`${PREFIX}:rseq:${ROOM}`, `${PREFIX}:rr:${ROOM}`);
      await redis.quit();
    },
  };
}

async function natsPublisher(): Promise<Publisher> {
  const nc: NatsConnection = await connect({ servers: NATS_URL, name: 'parley-bench-publisher' });
  const encoder = new TextEncoder();
  return {
    kind: 'nats',
    publish(pattern, target, payload) {
      nc.publish(
        pattern === 'inbox' ? userChannel('nats', PREFIX, target) : roomChannel('nats', PREFIX, ROOM),
        encoder.encode(payload),
      );
    },
    flush: () => nc.flush(),
    close: () => nc.drain(),
  };
}

/** An inbox event as a 1:1 send publishes it: one message item and the conversation it touched. */
function inboxEvent(userId: string, n: number): string {
  const message = {
    messageUId: `BENCH${String(n).padStart(11, '0')}`,
    clientMessageId: `c-${n}`,
    conversationType: 1,
    targetId: 'peer',
    senderUserId: 'peer',
    messageType: 'RC:TxtMsg',
    content: { content: `message number ${n} on the bus` },
    sentTime: 1_764_000_000_000 + n,
    isPersisted: true,
    isCounted: true,
    isStatusMessage: false,
    disableNotification: false,
  };
  return JSON.stringify({
    userId,
    items: [{ seq: n, type: 'message', message }],
    conversations: [
      {
        conversationType: 1,
        targetId: 'peer',
        unreadMessageCount: 1,
        latestMessage: message,
        updatedTime: message.sentTime,
        lastReadTime: 0,
        isTop: false,
        notificationLevel: 0,
        hasMentioned: false,
        mentionedCount: 0,
        draft: '',
      },
    ],
  });
}

function brokerPid(kind: BusKind): number | null {
  try {
    return (
      Number(
        execFileSync('pidof', [kind === 'redis' ? 'redis-server' : 'nats-server'], { encoding: 'utf8' })
          .trim()
          .split(/\s+/)[0],
      ) || null
    );
  } catch {
    return null;
  }
}

interface Row {
  kind: BusKind;
  pattern: Pattern;
  phase: 'paced' | 'burst';
  published: number;
  delivered: number;
  expected: number;
  perSecond: number;
  deliveriesPerSecond: number;
  lat: Histogram;
  /** CPU time per published event, µs: the broker (the whole server), this publisher, the three nodes. */
  brokerUs: number;
  publisherUs: number;
  nodesUs: number;
}

const USER_IDS = Array.from({ length: USERS }, (_, i) => `u${i}`);

/** Publishes one phase and waits (at most 15 s) until the nodes have everything. */
async function runPhase(pub: Publisher, nodes: Worker[], pattern: Pattern, phase: 'paced' | 'burst'): Promise<Row> {
  await Promise.all(nodes.map((n) => n.request('reset')));
  const fanout = pattern === 'inbox' ? 1 : NODES;
  const pid = brokerPid(pub.kind);
  const before = pid ? sampleProc(pid) : null;
  const nodesBefore = nodes.map((n) => sampleProc(n.child.pid!).cpuMs);
  const publisherBefore = process.cpuUsage();
  const start = monoMs();
  let published = 0;
  const one = () => {
    const user = USER_IDS[(published * 7919) % USERS]!;
    const payload = `${monoMs()}|${pattern === 'inbox' ? inboxEvent(user, published) : inboxEvent(ROOM, published)}`;
    published++;
    return pub.publish(pattern, user, payload);
  };
  if (phase === 'paced') {
    const rate = pattern === 'inbox' ? RATE.inbox : RATE.room;
    const total = rate * SECONDS;
    // 10 ms ticks, catching up to the schedule each tick.
    while (published < total) {
      const due = Math.min(total, Math.floor(((monoMs() - start) / 1000) * rate));
      while (published < due) void one();
      await sleep(10);
    }
  } else {
    while (published < BURST) {
      const window: Array<Promise<unknown> | void> = [];
      for (let i = 0; i < WINDOW && published < BURST; i++) window.push(one());
      await Promise.all(window);
      await pub.flush();
    }
  }
  await pub.flush();
  const publisherCpu = process.cpuUsage(publisherBefore);
  const expected = published * fanout;
  const deadline = Date.now() + 15_000;
  let parts: Array<{ count: number; last: number; lat: number[] }>;
  for (;;) {
    parts = await Promise.all(nodes.map((n) => n.request<{ count: number; last: number; lat: number[] }>('stats')));
    if (parts.reduce((s, p) => s + p.count, 0) >= expected || Date.now() > deadline) break;
    await sleep(50);
  }
  const delivered = parts.reduce((s, p) => s + p.count, 0);
  const spanS = (Math.max(...parts.map((p) => p.last)) - start) / 1000;
  const after = pid ? sampleProc(pid) : null;
  const nodesMs = nodes.reduce((sum, n, i) => sum + sampleProc(n.child.pid!).cpuMs - nodesBefore[i]!, 0);
  if (delivered < expected)
    console.warn(`! ${pub.kind} ${pattern} ${phase}: ${expected - delivered} of ${expected} deliveries missing`);
  return {
    kind: pub.kind,
    pattern,
    phase,
    published,
    delivered,
    expected,
    perSecond: published / spanS,
    deliveriesPerSecond: delivered / spanS,
    lat: Histogram.from(parts.flatMap((p) => p.lat)),
    brokerUs: before && after ? ((after.cpuMs - before.cpuMs) * 1000) / published : NaN,
    publisherUs: (publisherCpu.user + publisherCpu.system) / published,
    nodesUs: (nodesMs * 1000) / published,
  };
}

async function runBus(kind: BusKind, nodes: Worker[]): Promise<Row[]> {
  const url = kind === 'redis' ? REDIS_URL : NATS_URL;
  await Promise.all(
    nodes.map((n, i) =>
      n.request('connect', {
        kind,
        url,
        prefix: PREFIX,
        room: ROOM,
        users: USER_IDS.filter((_, u) => u % NODES === i),
      }),
    ),
  );
  const pub = kind === 'redis' ? await redisPublisher() : await natsPublisher();
  try {
    const patterns: Pattern[] = kind === 'redis' ? ['inbox', 'room', 'room-script'] : ['inbox', 'room'];
    const rows: Row[] = [];
    for (const pattern of patterns)
      for (const phase of ['paced', 'burst'] as const) rows.push(await runPhase(pub, nodes, pattern, phase));
    return rows;
  } finally {
    await pub.close();
    await Promise.all(nodes.map((n) => n.request('closeAll')));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const nodes = Array.from({ length: NODES }, () => forkWorker(fileURLToPath(new URL('./node.ts', import.meta.url))));
  try {
    const rows: Row[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order: BusKind[] = round % 2 === 0 ? ['redis', 'nats'] : ['nats', 'redis'];
      for (const kind of order) rows.push(...(await runBus(kind, nodes)));
    }
    const cells: Cell[][] = rows.map((r) => [
      r.pattern === 'inbox'
        ? 'inbox event → 1 node'
        : r.pattern === 'room'
          ? 'room event → 3 nodes'
          : 'room event → 3 nodes (room script)',
      r.phase,
      r.kind,
      r.published,
      r.delivered - r.expected,
      Math.round(r.perSecond),
      Math.round(r.deliveriesPerSecond),
      r.lat.p50,
      r.lat.p99,
      r.lat.max,
      r.brokerUs,
      r.publisherUs,
      r.nodesUs,
    ]);
    printTable(
      `Bus: ${NODES} nodes × ${USERS / NODES} user channels + 1 room channel; paced ${SECONDS} s (inbox ${RATE.inbox}/s, room ${RATE.room}/s), bursts of ${BURST.toLocaleString('en-US')}; ${ROUNDS} rounds`,
      [
        'pattern',
        'phase',
        'bus',
        'published',
        'missing',
        'events/s',
        'deliveries/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'broker µs/event',
        'publisher µs/event',
        'nodes µs/event',
      ],
      cells,
    );
    console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
    // Ratios NATS ÷ Redis over the rounds' medians (throughput: > 1 favours NATS; latency and CPU: < 1 does).
    const med = (kind: BusKind, pattern: Pattern, phase: 'paced' | 'burst', f: (r: Row) => number) => {
      const v = rows
        .filter((r) => r.kind === kind && r.pattern === pattern && r.phase === phase)
        .map(f)
        .sort((a, b) => a - b);
      const mid = (v.length - 1) / 2;
      return v.length === 0 ? NaN : (v[Math.floor(mid)]! + v[Math.ceil(mid)]!) / 2;
    };
    const r = (pattern: Pattern, phase: 'paced' | 'burst', f: (r: Row) => number, redisPattern: Pattern = pattern) =>
      ratio(med('nats', pattern, phase, f), med('redis', redisPattern, phase, f));
    printRatios([
      ['nats_vs_redis_inbox_eventsps', r('inbox', 'burst', (x) => x.perSecond)],
      ['nats_vs_redis_inbox_broker_cpu', r('inbox', 'burst', (x) => x.brokerUs)],
      ['nats_vs_redis_inbox_nodes_cpu', r('inbox', 'burst', (x) => x.nodesUs)],
      ['nats_vs_redis_inbox_publisher_cpu', r('inbox', 'burst', (x) => x.publisherUs)],
      ['nats_vs_redis_inbox_p50', r('inbox', 'paced', (x) => x.lat.p50)],
      ['nats_vs_redis_inbox_p99', r('inbox', 'paced', (x) => x.lat.p99)],
      ['nats_vs_redis_room_deliveriesps', r('room', 'burst', (x) => x.deliveriesPerSecond)],
      ['nats_vs_redis_room_p99', r('room', 'paced', (x) => x.lat.p99)],
      ['nats_vs_redis_room_broker_cpu', r('room', 'burst', (x) => x.brokerUs)],
      ['nats_vs_redis_room_nodes_cpu', r('room', 'burst', (x) => x.nodesUs)],
      ['nats_vs_redis_script_room_deliveriesps', r('room', 'burst', (x) => x.deliveriesPerSecond, 'room-script')],
      ['nats_vs_redis_script_room_p99', r('room', 'paced', (x) => x.lat.p99, 'room-script')],
    ]);
  } finally {
    for (const n of nodes) n.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
