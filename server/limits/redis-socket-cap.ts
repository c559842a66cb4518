/**
 * The socket cap per user across a cluster. Keys (under the cluster prefix):
 * - `socks:<user>` sorted set `<node>\n<session>` → connect time, the user's sessions everywhere;
 * - `socksp:<platform>:<user>` the same for one device platform (the per-platform limit);
 * - `kick:<node>` list of session ids another node evicted, which this node ends (31010).
 * A connect adds its session and, in the same script, drops entries of nodes whose lease
 * (`node:<node>`, kept by the presence) lapsed, then evicts the oldest beyond the cap: this node's
 * own evictions end at once, other nodes' within one poll (about a second).
 */
import type { Redis } from 'ioredis';

// KEYS: socks, kick-prefix. ARGV: cluster prefix, node, session, now, cap, this node. Returns the evicted of this node.
const ADMIT = `
local key = KEYS[1]
redis.call('ZADD', key, ARGV[4], ARGV[2] .. '\\n' .. ARGV[3])
redis.call('PEXPIRE', key, 86400000)
for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
  local node = string.match(member, '^(.-)\\n')
  if node ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. 'node:' .. node) == 0 then redis.call('ZREM', key, member) end
end
local mine = {}
local over = redis.call('ZCARD', key) - tonumber(ARGV[5])
if over > 0 then
  for _, member in ipairs(redis.call('ZRANGE', key, 0, over - 1)) do
    redis.call('ZREM', key, member)
    local node, session = string.match(member, '^(.-)\\n(.*)$')
    if node == ARGV[2] then table.insert(mine, session) else
      redis.call('RPUSH', KEYS[2] .. node, session)
      redis.call('PEXPIRE', KEYS[2] .. node, 60000)
    end
  end
end
return mine`;

// KEYS: socks. ARGV: cluster prefix, node, session, now, cap. Records the session only when the user holds fewer than
// the cap (after dropping sessions of nodes whose lease lapsed); returns 1 when it did, 0 when full.
const TRY_ADMIT = `
local key = KEYS[1]
for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
  local node = string.match(member, '^(.-)\\n')
  if node ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. 'node:' .. node) == 0 then redis.call('ZREM', key, member) end
end
if redis.call('ZCARD', key) >= tonumber(ARGV[5]) then return 0 end
redis.call('ZADD', key, ARGV[4], ARGV[2] .. '\\n' .. ARGV[3])
redis.call('PEXPIRE', key, 86400000)
return 1`;

type TryAdmitCommand = (
  socks: string,
  prefix: string,
  node: string,
  session: string,
  now: number,
  cap: number,
) => Promise<number>;
type AdmitCommand = (
  socks: string,
  kickPrefix: string,
  prefix: string,
  node: string,
  session: string,
  now: number,
  cap: number,
) => Promise<string[]>;

/** A per-platform limit: the platform's own set, with its own cap instead of the total one. */
export interface PlatformCap {
  platform: string;
  cap: number;
}

export interface RedisSocketCapOptions {
  redis: Redis;
  prefix: string;
  nodeId: string;
  /** Sockets one user may hold in the whole cluster. */
  cap: number;
  /** How often this node looks for sessions other nodes evicted, ms (default 1000). */
  pollMs?: number;
  log(line: string): void;
}

export class RedisSocketCap {
  private readonly admitScript: AdmitCommand;
  private readonly tryAdmitScript: TryAdmitCommand;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: RedisSocketCapOptions) {
    o.redis.defineCommand('parleySocketAdmit', { numberOfKeys: 2, lua: ADMIT });
    const redis = o.redis as unknown as { parleySocketAdmit: AdmitCommand };
    this.admitScript = (...args) => redis.parleySocketAdmit(...args);
    o.redis.defineCommand('parleySocketTryAdmit', { numberOfKeys: 1, lua: TRY_ADMIT });
    const tryRedis = o.redis as unknown as { parleySocketTryAdmit: TryAdmitCommand };
    this.tryAdmitScript = (...args) => tryRedis.parleySocketTryAdmit(...args);
  }

  /** Under the `refuse` policy: records the session when the user is under the cap everywhere; false when full. */
  async tryAdmit(userId: string, sessionId: string, now: number, platform?: PlatformCap): Promise<boolean> {
    try {
      return (
        (await this.tryAdmitScript(
          this.key(userId, platform),
          this.o.prefix,
          this.o.nodeId,
          sessionId,
          now,
          platform?.cap ?? this.o.cap,
        )) === 1
      );
    } catch (error) {
      this.o.log(`socket cap: Redis failed (${(error as Error).message}); only the per-node cap holds`);
      return true;
    }
  }

  /** Records a new session; resolves with the sessions of THIS node it evicted (end them now). */
  async admit(userId: string, sessionId: string, now: number, platform?: PlatformCap): Promise<string[]> {
    try {
      return await this.admitScript(
        this.key(userId, platform),
        `${this.o.prefix}kick:`,
        this.o.prefix,
        this.o.nodeId,
        sessionId,
        now,
        platform?.cap ?? this.o.cap,
      );
    } catch (error) {
      // Redis away: the per-node cap still holds.
      this.o.log(`socket cap: Redis failed (${(error as Error).message}); only the per-node cap holds`);
      return [];
    }
  }

  /** Forgets a closed session (of the user's total, or of one platform's set). */
  release(userId: string, sessionId: string, platform?: PlatformCap): void {
    this.o.redis.zrem(this.key(userId, platform), `${this.o.nodeId}\n${sessionId}`).catch(() => {});
  }

  /** The user's set: all sessions, or one platform's (user ids may hold `@` and `:`, so the platform comes first). */
  private key(userId: string, platform?: PlatformCap): string {
    return platform ? `${this.o.prefix}socksp:${platform.platform}:${userId}` : `${this.o.prefix}socks:${userId}`;
  }

  /** Polls this node's kick list; `end` ends the local sessions with those ids. */
  start(end: (sessionIds: string[]) => void): void {
    const key = `${this.o.prefix}kick:${this.o.nodeId}`;
    this.timer = setInterval(() => {
      this.o.redis
        .multi()
        .lrange(key, 0, -1)
        .del(key)
        .exec()
        .then((results) => {
          const ids = (results?.[0]?.[1] as string[] | undefined) ?? [];
          if (ids.length > 0) end(ids);
        })
        .catch(() => {});
    }, this.o.pollMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
