/**
 * The bus over Redis pub/sub, for several nodes. Routing is Redis's own: a node subscribes to
 * `<prefix>u:<userId>` while it holds a socket of that user and to `<prefix>r:<roomId>` while it
 * holds a member of that room, so each publish reaches exactly the nodes that need it, once per
 * node, never once per member; a node that dies drops its subscriptions with its connection.
 * Room events get their order from a per-room counter bumped in the same script that publishes
 * them (scripts run one at a time), so every node sees one order per room.
 */
import { FailureLog } from '../failure-log.js';
import type { Redis } from 'ioredis';
import type {
  Bus,
  BusHealth,
  InboxEvent,
  InboxHandler,
  RoomEvent,
  RoomHandler,
  SequencedRoomEvent,
  StateEvent,
  StateHandler,
} from './bus.js';
import { HandlerSet } from './handler-set.js';
import { connectRedis } from './redis-connect.js';

/** Message frames kept per room for the join reply (the seeds' join maximum). */
export const RECENT_FRAMES = 50;

export interface RedisBusOptions {
  url: string;
  nodeId: string;
  /** Prefix of every key and channel (several clusters, or test runs, may share one Redis). */
  prefix: string;
  log(line: string): void;
}

/**
 * KEYS[1] the room's counter, KEYS[2] its channel, KEYS[3] its newest frames; ARGV[1] the event's
 * header, ARGV[2] its frame text, ARGV[3] '1' to keep the frame among the newest. Publishes
 * "seq\n<header>\n<text>".
 */
const PUBLISH_ROOM = `local seq = redis.call('INCR', KEYS[1])
redis.call('PUBLISH', KEYS[2], seq .. '\\n' .. ARGV[1] .. '\\n' .. ARGV[2])
if ARGV[3] == '1' then
  redis.call('RPUSH', KEYS[3], ARGV[2])
  redis.call('LTRIM', KEYS[3], -${RECENT_FRAMES}, -1)
end
return seq`;

export class RedisBus implements Bus {
  readonly nodeId: string;
  private readonly inbox = new HandlerSet<InboxEvent>();
  private readonly rooms = new HandlerSet<SequencedRoomEvent>();
  private readonly states = new HandlerSet<StateEvent>();
  private readonly resyncs = new HandlerSet<void>();
  private readonly userFrames = new HandlerSet<{ userId: string; frame: string }>();
  private readonly channels = new Set<string>();
  private readonly counters = { published: 0, received: 0 };
  /** A publish per message fails while Redis is away: logged once, then summarised. */
  private readonly publishFailures = new FailureLog('bus: publish', (line) => this.options.log(line));
  private lostSubscriber = false;
  private closed = false;

  private constructor(
    private readonly options: RedisBusOptions,
    /** Commands and publishes. */
    readonly redis: Redis,
    /** Subscriptions only (a subscribed connection cannot send commands). */
    private readonly sub: Redis,
  ) {
    this.nodeId = options.nodeId;
    redis.defineCommand('parleyPublishRoom', { numberOfKeys: 3, lua: PUBLISH_ROOM });
    sub.on('message', (channel: string, text: string) => this.onMessage(channel, text));
    sub.on('close', () => {
      if (!this.closed) this.lostSubscriber = true;
    });
    sub.on('ready', () => void this.recover());
  }

  /** Connects both connections; rejects naming the URL when Redis is unreachable. */
  static async connect(options: RedisBusOptions): Promise<RedisBus> {
    const redis = await connectRedis({ url: options.url, name: `parley-${options.nodeId}-cmd`, log: options.log });
    let sub: Redis;
    try {
      sub = await connectRedis({ url: options.url, name: `parley-${options.nodeId}-sub`, log: options.log });
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    const bus = new RedisBus(options, redis, sub);
    await sub.subscribe(bus.stateChannel);
    return bus;
  }

  /** A key in this cluster's namespace. */
  key(name: string): string {
    return this.options.prefix + name;
  }

  private get stateChannel(): string {
    return this.key('state');
  }

  publish(event: InboxEvent): void {
    this.send(this.redis.publish(this.key(`u:${event.userId}`), JSON.stringify(event)));
  }

  subscribe(handler: InboxHandler): () => void {
    return this.inbox.add(handler);
  }

  watchUser(userId: string, on: boolean): Promise<void> {
    return this.watch(this.key(`u:${userId}`), on);
  }

  /** A user is online while some node subscribes to her channel: one NUMSUB for the whole list. */
  async usersOnline(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const reply = (await this.redis.call(
      'PUBSUB',
      'NUMSUB',
      ...userIds.map((userId) => this.key(`u:${userId}`)),
    )) as Array<string | number>;
    const online = new Set<string>();
    for (let i = 0; i < userIds.length; i++) if (Number(reply[2 * i + 1]) > 0) online.add(userIds[i]!);
    return online;
  }

  watchRoom(roomId: string, on: boolean): Promise<void> {
    return this.watch(this.key(`r:${roomId}`), on);
  }

  publishRoom(event: RoomEvent): void {
    const run = (this.redis as Redis & { parleyPublishRoom(...args: string[]): Promise<number> }).parleyPublishRoom;
    // A frame's text travels raw after a small JSON header, so it is not escaped into a second JSON.
    const { text, remember, ...header } = event.kind === 'frame' ? event : { ...event, text: '', remember: false };
    const keys = [this.key(`rseq:${event.roomId}`), this.key(`r:${event.roomId}`), this.key(`rr:${event.roomId}`)];
    this.send(
      run.call(this.redis, ...keys, JSON.stringify({ ...header, origin: this.nodeId }), text, remember ? '1' : '0'),
    );
  }

  publishUserFrame(userId: string, text: string): void {
    this.send(
      this.redis.publish(this.key(`u:${userId}`), JSON.stringify({ userId, frame: text, origin: this.nodeId })),
    );
  }

  onUserFrame(handler: (userId: string, text: string) => void): () => void {
    return this.userFrames.add(({ userId, frame }) => handler(userId, frame));
  }

  onRoom(handler: RoomHandler): () => void {
    return this.rooms.add(handler);
  }

  publishState(roomId: string): void {
    const event: StateEvent = { origin: this.nodeId, roomId };
    this.send(this.redis.publish(this.stateChannel, JSON.stringify(event)));
  }

  onState(handler: StateHandler): () => void {
    return this.states.add(handler);
  }

  onResync(handler: () => void): () => void {
    return this.resyncs.add(handler);
  }

  health(): BusHealth {
    const ready = this.redis.status === 'ready' && this.sub.status === 'ready';
    return { kind: 'redis', ready, ...this.counters };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.inbox.clear();
    this.rooms.clear();
    this.states.clear();
    this.resyncs.clear();
    this.userFrames.clear();
    await Promise.allSettled([this.sub.quit(), this.redis.quit()]);
  }

  private send(pending: Promise<unknown>): void {
    this.counters.published++;
    // A publish lost to an outage is recovered by the resync every node runs when the bus is back.
    pending.then(
      () => this.publishFailures.succeeded(),
      (error: Error) => this.publishFailures.failed(error),
    );
  }

  private async watch(channel: string, on: boolean): Promise<void> {
    if (on === this.channels.has(channel)) return;
    if (on) this.channels.add(channel);
    else this.channels.delete(channel);
    if (this.sub.status !== 'ready') return; // `recover` subscribes everything when the connection is back.
    try {
      if (on) await this.sub.subscribe(channel);
      else await this.sub.unsubscribe(channel);
    } catch (error) {
      this.options.log(`bus: ${on ? 'subscribe' : 'unsubscribe'} ${channel} failed: ${(error as Error).message}`);
    }
  }

  /** The subscriber is back: make sure every channel is subscribed, then let the node catch up. */
  private async recover(): Promise<void> {
    if (!this.lostSubscriber || this.closed) return;
    this.lostSubscriber = false;
    try {
      await this.sub.subscribe(this.stateChannel, ...this.channels);
    } catch (error) {
      this.options.log(`bus: resubscribe failed: ${(error as Error).message}`);
    }
    this.options.log(`bus: reconnected; ${this.channels.size} channels; local clients catch up`);
    this.resyncs.emit();
  }

  private onMessage(channel: string, text: string): void {
    this.counters.received++;
    try {
      const prefix = this.options.prefix;
      const kind = channel.slice(prefix.length, prefix.length + 2);
      if (kind === 'u:') {
        const event = JSON.parse(text) as InboxEvent | { userId: string; frame: string; origin: string };
        if (!('frame' in event)) return this.inbox.emit(event);
        if (event.origin !== this.nodeId) this.userFrames.emit(event);
        return;
      }
      if (kind === 'r:') {
        // "seq\n<header>\n<frame text>"
        const first = text.indexOf('\n');
        const second = text.indexOf('\n', first + 1);
        const event = JSON.parse(text.slice(first + 1, second)) as SequencedRoomEvent;
        event.seq = Number(text.slice(0, first));
        if (event.kind === 'frame') event.text = text.slice(second + 1);
        return this.rooms.emit(event);
      }
      if (channel === this.stateChannel) {
        const event = JSON.parse(text) as StateEvent;
        if (event.origin !== this.nodeId) this.states.emit(event);
      }
    } catch (error) {
      this.options.log(`bus: unreadable message on ${channel}: ${(error as Error).message}`);
    }
  }
}
