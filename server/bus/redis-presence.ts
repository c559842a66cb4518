/**
 * Chatroom presence in Redis. Keys (under the cluster prefix):
 * - `rm:<room>` sorted set userId → first join time (the members, on every node);
 * - `rh:<room>` hash `<user>\n<node>` → 1 (which nodes hold a member), `rc:<room>` hash user → holder count;
 * - `nm:<node>` set of `<room>\n<user>` a node holds (so a dead node's members can be found);
 * - `ur:<user>` the rooms a user is in (the one-room-at-a-time rule across nodes);
 * - `node:<node>` the node's lease (renewed every lease/3), `nodes` the known node ids;
 * - `ra:<room>` last activity, `rr:<room>` the newest messages, `lead` the sweep leader's lease.
 * Membership changes are Lua scripts, so two nodes changing the same member never interleave.
 */
import type { Redis } from 'ioredis';
import type { WireMessage } from '../../src/protocol/frames.js';
import type { Presence } from '../chatroom/presence.js';
import { renewEveryMs, type NodeLease } from './node-lease.js';

export interface RedisPresenceOptions {
  redis: Redis;
  prefix: string;
  nodeId: string;
  /** Lease of a node, ms (at most 60000). */
  leaseMs: number;
  /** This process's claim on `node:<nodeId>` (`NodeLease.claim`), renewed by the heartbeat. */
  lease: NodeLease;
  log(line: string): void;
}

/** How long a client message id is remembered for resends (they come within a reconnect). */
const SENT_ID_MS = 120_000;
const PENDING = '-';
const TOUCH_EVERY_MS = 1000;

// KEYS: rm, rh, rc, nm, nodes, ur. ARGV: user, node, now, room. Returns {join time, count, other rooms...}.
const JOIN = `
redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1])
if redis.call('HSETNX', KEYS[2], ARGV[1] .. '\\n' .. ARGV[2], 1) == 1 then redis.call('HINCRBY', KEYS[3], ARGV[1], 1) end
redis.call('SADD', KEYS[4], ARGV[4] .. '\\n' .. ARGV[1])
redis.call('SADD', KEYS[5], ARGV[2])
redis.call('SADD', KEYS[6], ARGV[4])
local out = {redis.call('ZSCORE', KEYS[1], ARGV[1]), redis.call('ZCARD', KEYS[1])}
for _, room in ipairs(redis.call('SMEMBERS', KEYS[6])) do
  if room ~= ARGV[4] then table.insert(out, room) end
end
return out`;

// KEYS: rm, rh, rc, nm, ur. ARGV: user, node, room. Returns {gone, count}.
const LEAVE = `
redis.call('SREM', KEYS[4], ARGV[3] .. '\\n' .. ARGV[1])
local gone = 0
if redis.call('HDEL', KEYS[2], ARGV[1] .. '\\n' .. ARGV[2]) == 1 then
  if redis.call('HINCRBY', KEYS[3], ARGV[1], -1) <= 0 then
    redis.call('HDEL', KEYS[3], ARGV[1])
    redis.call('ZREM', KEYS[1], ARGV[1])
    gone = 1
  end
elseif redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 and redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  gone = 1
end
if gone == 1 then redis.call('SREM', KEYS[5], ARGV[3]) end
return {gone, redis.call('ZCARD', KEYS[1])}`;

// KEYS: nm of the dead node, nodes. ARGV: prefix, dead node. Returns room, user, room, user... of members gone.
const REAP = `
local gone = {}
for _, entry in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local sep = string.find(entry, '\\n', 1, true)
  local room = string.sub(entry, 1, sep - 1)
  local user = string.sub(entry, sep + 1)
  if redis.call('HDEL', ARGV[1] .. 'rh:' .. room, user .. '\\n' .. ARGV[2]) == 1 then
    if redis.call('HINCRBY', ARGV[1] .. 'rc:' .. room, user, -1) <= 0 then
      redis.call('HDEL', ARGV[1] .. 'rc:' .. room, user)
      redis.call('SREM', ARGV[1] .. 'ur:' .. user, room)
      if redis.call('ZREM', ARGV[1] .. 'rm:' .. room, user) == 1 then
        table.insert(gone, room)
        table.insert(gone, user)
      end
    end
  end
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[2])
return gone`;

// KEYS: lead. ARGV: node, lease. Takes or renews the leader lease.
const LEAD = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

type Scripts = {
  parleyJoin(...args: string[]): Promise<[string, number, ...string[]]>;
  parleyLeave(...args: string[]): Promise<[number, number]>;
  parleyReap(...args: string[]): Promise<string[]>;
  parleyLead(...args: string[]): Promise<number>;
};

export class RedisPresence implements Presence {
  private readonly redis: Redis & Scripts;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly touched = new Map<string, number>();
  private renewing: 'ok' | 'failing' | 'taken' = 'ok';

  constructor(private readonly options: RedisPresenceOptions) {
    const redis = options.redis;
    redis.defineCommand('parleyJoin', { numberOfKeys: 6, lua: JOIN });
    redis.defineCommand('parleyLeave', { numberOfKeys: 5, lua: LEAVE });
    redis.defineCommand('parleyReap', { numberOfKeys: 2, lua: REAP });
    redis.defineCommand('parleyLead', { numberOfKeys: 1, lua: LEAD });
    this.redis = redis as Redis & Scripts;
    void this.renew();
    this.heartbeat = setInterval(() => void this.renew(), renewEveryMs(options.leaseMs));
    this.heartbeat.unref();
  }

  private k(name: string): string {
    return this.options.prefix + name;
  }

  private async renew(): Promise<void> {
    try {
      const held = await this.options.lease.renew();
      await this.redis.sadd(this.k('nodes'), this.options.nodeId);
      if (!held) {
        // Another process started with our node id while our lease was gone: it keeps the id, this
        // process stops (the lease reported it) and renews no more.
        this.renewing = 'taken';
        clearInterval(this.heartbeat);
        return;
      }
      this.renewing = 'ok';
    } catch (error) {
      // Logged once per outage; the connection's own log says when Redis is back.
      if (this.renewing === 'ok') this.options.log(`presence: lease renewal failed: ${(error as Error).message}`);
      this.renewing = 'failing';
    }
  }

  async join(
    roomId: string,
    userId: string,
    now: number,
  ): Promise<{ joinTime: number; count: number; otherRooms: string[] }> {
    const { nodeId } = this.options;
    const [joinTime, count, ...otherRooms] = await this.redis.parleyJoin(
      this.k(`rm:${roomId}`),
      this.k(`rh:${roomId}`),
      this.k(`rc:${roomId}`),
      this.k(`nm:${nodeId}`),
      this.k('nodes'),
      this.k(`ur:${userId}`),
      userId,
      nodeId,
      String(now),
      roomId,
    );
    return { joinTime: Number(joinTime), count: Number(count), otherRooms };
  }

  async leaveOthers(userId: string, roomIds: string[]): Promise<void> {
    if (roomIds.length > 0) await this.redis.srem(this.k(`ur:${userId}`), ...roomIds);
  }

  async leave(roomId: string, userId: string): Promise<{ gone: boolean; count: number }> {
    const { nodeId } = this.options;
    const [gone, count] = await this.redis.parleyLeave(
      this.k(`rm:${roomId}`),
      this.k(`rh:${roomId}`),
      this.k(`rc:${roomId}`),
      this.k(`nm:${nodeId}`),
      this.k(`ur:${userId}`),
      userId,
      nodeId,
      roomId,
    );
    return { gone: Number(gone) === 1, count: Number(count) };
  }

  count(roomId: string): Promise<number> {
    return this.redis.zcard(this.k(`rm:${roomId}`));
  }

  async isMember(roomId: string, userId: string): Promise<boolean> {
    return (await this.redis.zscore(this.k(`rm:${roomId}`), userId)) !== null;
  }

  async members(roomId: string, count: number, latestFirst: boolean): Promise<Array<{ id: string; time: number }>> {
    if (count <= 0) return [];
    const key = this.k(`rm:${roomId}`);
    const flat = latestFirst
      ? await this.redis.zrevrange(key, 0, count - 1, 'WITHSCORES')
      : await this.redis.zrange(key, '0', String(count - 1), 'WITHSCORES');
    const out: Array<{ id: string; time: number }> = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ id: flat[i]!, time: Number(flat[i + 1]) });
    return out;
  }

  /** The message frames the bus kept (`rr:<room>`, see redis.ts), oldest first. */
  async recent(roomId: string, count: number): Promise<WireMessage[]> {
    if (count <= 0) return [];
    const frames = await this.redis.lrange(this.k(`rr:${roomId}`), -count, -1);
    return frames.map((text) => (JSON.parse(text) as { data: { message: WireMessage } }).data.message);
  }

  async claimSend(roomId: string, senderUserId: string, clientMessageId: string): Promise<WireMessage | null> {
    const key = this.sentKey(roomId, senderUserId, clientMessageId);
    if ((await this.redis.set(key, PENDING, 'PX', SENT_ID_MS, 'NX')) === 'OK') return null;
    const earlier = await this.redis.get(key);
    // Still pending (the first send is in flight on another node) or expired: treat it as new.
    return earlier && earlier !== PENDING ? (JSON.parse(earlier) as WireMessage) : null;
  }

  recordSend(roomId: string, message: WireMessage): void {
    const key = this.sentKey(roomId, message.senderUserId, message.clientMessageId);
    this.redis.set(key, JSON.stringify(message), 'PX', SENT_ID_MS).catch(() => {});
  }

  private sentKey(roomId: string, senderUserId: string, clientMessageId: string): string {
    return this.k(`rs:${roomId}:${JSON.stringify([senderUserId, clientMessageId])}`);
  }

  forget(roomId: string, messageUId: string): void {
    const key = this.k(`rr:${roomId}`);
    // The frames are the exact texts the bus kept: find the one naming the message and remove it.
    this.redis
      .lrange(key, 0, -1)
      .then((frames) => {
        const frame = frames.find(
          (text) => (JSON.parse(text) as { data: { message: WireMessage } }).data.message.messageUId === messageUId,
        );
        return frame === undefined ? 0 : this.redis.lrem(key, 0, frame);
      })
      .catch((error: Error) => this.options.log(`presence: forgetting a recalled message failed: ${error.message}`));
  }

  touch(roomId: string, now: number): void {
    if (now - (this.touched.get(roomId) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(roomId, now);
    this.redis.set(this.k(`ra:${roomId}`), String(now)).catch(() => {});
  }

  async lastActive(roomIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (roomIds.length === 0) return out;
    const values = await this.redis.mget(roomIds.map((id) => this.k(`ra:${id}`)));
    values.forEach((v, i) => {
      if (v !== null) out.set(roomIds[i]!, Number(v));
    });
    return out;
  }

  async lead(): Promise<boolean> {
    return (await this.redis.parleyLead(this.k('lead'), this.options.nodeId, String(this.options.leaseMs))) === 1;
  }

  async reap(): Promise<Array<{ roomId: string; userId: string }>> {
    const nodes = await this.redis.smembers(this.k('nodes'));
    const gone: Array<{ roomId: string; userId: string }> = [];
    for (const node of nodes) {
      if (node === this.options.nodeId) continue;
      if ((await this.redis.exists(this.k(`node:${node}`))) === 1) continue;
      const removed = await this.reapNode(node);
      gone.push(...removed);
      this.options.log(`presence: node ${node} lease lapsed; ${removed.length} members removed`);
    }
    return gone;
  }

  /**
   * At start: what an earlier process with this node id held is stale (its sockets are gone),
   * so those members leave unless another node holds them.
   */
  async reapOwn(): Promise<Array<{ roomId: string; userId: string }>> {
    const removed = await this.reapNode(this.options.nodeId);
    await this.renew();
    return removed;
  }

  private async reapNode(node: string): Promise<Array<{ roomId: string; userId: string }>> {
    const flat = await this.redis.parleyReap(this.k(`nm:${node}`), this.k('nodes'), this.options.prefix, node);
    const gone: Array<{ roomId: string; userId: string }> = [];
    for (let i = 0; i < flat.length; i += 2) gone.push({ roomId: flat[i]!, userId: flat[i + 1]! });
    return gone;
  }

  async clear(roomId: string): Promise<void> {
    await this.redis.del(...['rm', 'rh', 'rc', 'ra', 'rr', 'rseq'].map((k) => this.k(`${k}:${roomId}`)));
    this.touched.delete(roomId);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.options.lease.release();
  }
}
