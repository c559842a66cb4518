/**
 * Who is online, and on which platforms: the gateway reports each change of a user's sockets on this
 * node; the registry answers for the whole server. One node: its own sockets are everything. A
 * cluster: Redis keeps `on:<user>`, a hash node → that node's platforms of the user, read against
 * the nodes' leases (`node:<node>`, kept by the chatroom presence), so a dead node's users read
 * offline once its lease lapses (subscribers are not told of that change).
 */
import type { Redis } from 'ioredis';
import type { DevicePlatform } from '../../src/protocol/platforms.js';

export interface OnlineRegistry {
  /**
   * This node now holds the user on `platforms` (empty: no socket). Resolves with her platforms over
   * the server before and after, so the caller can tell subscribers about a change.
   */
  update(userId: string, platforms: DevicePlatform[]): Promise<{ before: DevicePlatform[]; after: DevicePlatform[] }>;
  /** The platforms each user is online on (offline users are absent). */
  status(userIds: string[]): Promise<Map<string, DevicePlatform[]>>;
}

/** One node: what the gateway reported is the whole truth. */
export class LocalOnline implements OnlineRegistry {
  private readonly online = new Map<string, DevicePlatform[]>();

  async update(userId: string, platforms: DevicePlatform[]) {
    const before = this.online.get(userId) ?? [];
    const after = [...new Set(platforms)].sort();
    if (after.length === 0) this.online.delete(userId);
    else this.online.set(userId, after);
    return { before, after };
  }

  async status(userIds: string[]) {
    return new Map(userIds.flatMap((u) => (this.online.has(u) ? [[u, this.online.get(u)!] as const] : [])));
  }
}

// The union of the live nodes' platforms (entries of nodes without a lease are dropped). ARGV: prefix, this node.
const UNION = `
local function union(key)
  local seen, out = {}, {}
  local all = redis.call('HGETALL', key)
  for i = 1, #all, 2 do
    if all[i] == ARGV[2] or redis.call('EXISTS', ARGV[1] .. 'node:' .. all[i]) == 1 then
      for p in string.gmatch(all[i + 1], '[^,]+') do
        if not seen[p] then seen[p] = true; table.insert(out, p) end
      end
    end
  end
  table.sort(out)
  return table.concat(out, ',')
end`;

// KEYS: on:<user>. ARGV: prefix, node, platforms ('' = none). Returns {before, after}.
const UPDATE = `${UNION}
local before = union(KEYS[1])
if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[2]) else redis.call('HSET', KEYS[1], ARGV[2], ARGV[3]) end
return {before, union(KEYS[1])}`;

// KEYS: on:<user>... ARGV: prefix, node. Returns each user's platforms ('' = offline).
const STATUS = `${UNION}
local out = {}
for i, key in ipairs(KEYS) do out[i] = union(key) end
return out`;

type UpdateCommand = (key: string, prefix: string, node: string, platforms: string) => Promise<[string, string]>;
type StatusCommand = (...args: Array<string | number>) => Promise<string[]>;

const split = (s: string) => (s === '' ? [] : (s.split(',') as DevicePlatform[]));

/** A cluster: the nodes' reports meet in Redis. */
export class RedisOnline implements OnlineRegistry {
  private readonly redis: Redis & { parleyOnlineUpdate: UpdateCommand; parleyOnlineStatus: StatusCommand };

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly nodeId: string,
  ) {
    redis.defineCommand('parleyOnlineUpdate', { numberOfKeys: 1, lua: UPDATE });
    redis.defineCommand('parleyOnlineStatus', { lua: STATUS });
    this.redis = redis as typeof this.redis;
  }

  async update(userId: string, platforms: DevicePlatform[]) {
    const [before, after] = await this.redis.parleyOnlineUpdate(
      `${this.prefix}on:${userId}`,
      this.prefix,
      this.nodeId,
      [...new Set(platforms)].sort().join(','),
    );
    return { before: split(before), after: split(after) };
  }

  async status(userIds: string[]) {
    if (userIds.length === 0) return new Map<string, DevicePlatform[]>();
    const keys = userIds.map((u) => `${this.prefix}on:${u}`);
    const found = await this.redis.parleyOnlineStatus(keys.length, ...keys, this.prefix, this.nodeId);
    return new Map(userIds.flatMap((u, i) => (found[i] ? [[u, split(found[i]!)] as const] : [])));
  }
}
