/**
 * One cluster "node" of `bench:bus`: subscribes, over Redis pub/sub or NATS, to the per-user
 * channels of the users it holds and to the room channel, as `server/bus/redis.ts` does, and
 * records what arrives: count, send→receive latency (the publisher's `monoMs()` leads each payload)
 * and the time of the last arrival. Driven over IPC by `run.ts`.
 */
import { Redis } from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { monoMs } from '../lib/histogram.js';
import { serveCommands } from '../lib/worker.js';
import { roomChannel, userChannel, type BusKind } from './channels.js';

/** Latency samples kept per phase (evenly thinned beyond that). */
const MAX_SAMPLES = 100_000;

let stats = { count: 0, last: 0, lat: [] as number[] };
let close: () => Promise<void> = async () => {};
const decoder = new TextDecoder();

/** What every node does with a bus message: read the stamp, parse the event as the real bus does. */
function onPayload(raw: string): void {
  const now = monoMs();
  // The Redis room script puts '#<seq>|' (the room's order) in front.
  const text = raw.startsWith('#') ? raw.slice(raw.indexOf('|') + 1) : raw;
  const bar = text.indexOf('|');
  const sent = Number(text.slice(0, bar));
  JSON.parse(text.slice(bar + 1));
  stats.count++;
  stats.last = now;
  if (stats.lat.length < MAX_SAMPLES) stats.lat.push(now - sent);
  else stats.lat[stats.count % MAX_SAMPLES] = now - sent;
}

async function subscribeRedis(url: string, channels: string[]): Promise<() => Promise<void>> {
  const sub = new Redis(url, { lazyConnect: true, enableAutoPipelining: false });
  await sub.connect();
  sub.on('message', (_channel: string, text: string) => onPayload(text));
  for (let i = 0; i < channels.length; i += 500) await sub.subscribe(...channels.slice(i, i + 500));
  return async () => void (await sub.quit());
}

async function subscribeNats(servers: string, subjects: string[]): Promise<() => Promise<void>> {
  const nc: NatsConnection = await connect({ servers, name: 'parley-bench-node' });
  for (const subject of subjects)
    nc.subscribe(subject, { callback: (error, msg) => (error ? undefined : onPayload(decoder.decode(msg.data))) });
  await nc.flush(); // the server has every subscription before the coordinator starts publishing
  return () => nc.drain();
}

serveCommands({
  async connect(args: { kind: BusKind; url: string; prefix: string; users: string[]; room: string }) {
    await close();
    const channels = [
      ...args.users.map((u) => userChannel(args.kind, args.prefix, u)),
      roomChannel(args.kind, args.prefix, args.room),
    ];
    close = args.kind === 'redis' ? await subscribeRedis(args.url, channels) : await subscribeNats(args.url, channels);
    return channels.length;
  },
  reset() {
    stats = { count: 0, last: 0, lat: [] };
  },
  stats() {
    return stats;
  },
  async closeAll() {
    await close();
    close = async () => {};
  },
});
