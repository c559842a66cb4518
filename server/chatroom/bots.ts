/**
 * Chatroom bots (seeds 003: "add and delete multiple chatbots ... in chat rooms"). The app registers
 * a bot user for a room with a webhook URL; each message in the room that @mentions the bot
 * (`content.mentionedInfo`, type 2, naming it) — or every message, with trigger `all` — is POSTed,
 * signed like the Server API (`SignedPostQueue`), one message per POST. A JSON answer
 * `{ "reply": "text" }` or `{ "reply": { "objectName", "content" } }` is posted in the room as the
 * bot; so is a later `/chatroom/bot/publish.json`. Calls and replies are rate-limited per bot.
 *
 * Registrations are a moderation list (`bots`), so they are durable and reach every node; each
 * message is posted once, by the node that accepted it.
 */
import type { WireMessage } from '../../src/protocol/frames.js';
import type { Clock } from '../clock.js';
import { SignedPostQueue } from '../webhook/signed-post-queue.js';
import type { Moderation } from './moderation.js';
import type { Room } from './room.js';

/** Bot settings (`startServer({ chatroom: { bots } })`). */
export interface BotOptions {
  /** A webhook that answers later than this is abandoned (its answer is not posted), ms (default 5000). */
  timeoutMs?: number;
  /** Messages posted to one bot's webhook per minute at most (default 60; the rest are skipped and counted). */
  callsPerMinute?: number;
  /** Replies one bot posts in a room per minute at most (default 30; the rest are dropped and counted). */
  repliesPerMinute?: number;
  /** Messages waiting for one bot's webhook at most; beyond, the oldest are dropped (default 20). */
  maxQueued?: number;
}

/** Bots one room may have, and bot ids one Server API call may name (the seeds' 100). */
export const BOTS_PER_ROOM_MAX = 100;

export type BotTrigger = 'mention' | 'all';

export interface BotRegistration {
  chatroomId: string;
  botId: string;
  url: string;
  trigger: BotTrigger;
}

/** The webhook's body: one message the bot is asked about. */
export interface BotCall {
  type: 'chatroomMessage';
  chatroomId: string;
  botId: string;
  /** Whether the message @mentions the bot (false only under trigger `all`). */
  mentioned: boolean;
  message: WireMessage;
}

export interface BotStats {
  posted: number;
  failedAttempts: number;
  dropped: number;
  /** Messages not posted because the bot's call rate was used up. */
  callsLimited: number;
  replies: number;
  /** Replies dropped: over the reply rate, or not a valid message. */
  repliesDropped: number;
}

export interface BotsDeps {
  clock: Clock;
  appKey: string;
  appSecret: string;
  moderation: Pick<Moderation, 'add' | 'remove' | 'list'>;
  /** Posts a message in the room as the bot (a trusted send); throws when the room or content is refused. */
  send(chatroomId: string, botId: string, objectName: string, content: Record<string, unknown>): WireMessage;
  log(line: string): void;
}

/** Fixed one-minute windows per key. */
class MinuteBudget {
  private readonly windows = new Map<string, { start: number; used: number }>();
  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
  ) {}

  take(key: string): boolean {
    if (this.limit <= 0) return true;
    const now = this.clock.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(key, (w = { start: now, used: 0 }));
    }
    if (w.used >= this.limit) return false;
    w.used++;
    return true;
  }
}

const keyOf = (chatroomId: string, botId: string) => `${chatroomId}\u0000${botId}`;

export class ChatroomBots {
  private readonly counts = { callsLimited: 0, replies: 0, repliesDropped: 0 };
  /** Post counters of the queues of bots removed since. */
  private readonly retired = { posted: 0, failedAttempts: 0, dropped: 0 };
  private readonly queues = new Map<string, SignedPostQueue<BotCall>>();
  private readonly calls: MinuteBudget;
  private readonly replies: MinuteBudget;
  private readonly options: Required<BotOptions>;
  /** Each room's bots as last read (a second at most: another node's change shows within it). */
  private readonly cache = new Map<string, { at: number; bots: BotRegistration[] }>();

  constructor(
    private readonly deps: BotsDeps,
    options: BotOptions = {},
  ) {
    this.options = {
      timeoutMs: options.timeoutMs ?? 5000,
      callsPerMinute: options.callsPerMinute ?? 60,
      repliesPerMinute: options.repliesPerMinute ?? 30,
      maxQueued: options.maxQueued ?? 20,
    };
    this.calls = new MinuteBudget(deps.clock, this.options.callsPerMinute);
    this.replies = new MinuteBudget(deps.clock, this.options.repliesPerMinute);
  }

  /** The room's bots. */
  list(chatroomId: string): BotRegistration[] {
    return this.deps.moderation
      .list('bots', chatroomId)
      .map((row) => ({ chatroomId, ...(JSON.parse(row.subject) as Omit<BotRegistration, 'chatroomId'>) }));
  }

  /** The room's bots, from a cache at most a second old (the per-message path). */
  private cached(chatroomId: string): BotRegistration[] {
    const now = this.deps.clock.now();
    const hit = this.cache.get(chatroomId);
    if (hit && now - hit.at < 1000 && now >= hit.at) return hit.bots;
    if (this.cache.size > 10_000) this.cache.clear();
    const bots = this.list(chatroomId);
    this.cache.set(chatroomId, { at: now, bots });
    return bots;
  }

  /** Registers (or re-registers, replacing URL and trigger) bots of a room; false when the room would pass its cap. */
  add(chatroomId: string, botIds: string[], url: string, trigger: BotTrigger): boolean {
    const existing = this.list(chatroomId);
    const kept = existing.filter((b) => !botIds.includes(b.botId));
    if (kept.length + botIds.length > BOTS_PER_ROOM_MAX) return false;
    this.remove(chatroomId, botIds);
    this.cache.delete(chatroomId);
    this.deps.moderation.add(
      'bots',
      chatroomId,
      botIds.map((botId) => JSON.stringify({ botId, url, trigger })),
    );
    return true;
  }

  remove(chatroomId: string, botIds: string[]): void {
    this.cache.delete(chatroomId);
    const gone = this.list(chatroomId).filter((b) => botIds.includes(b.botId));
    this.deps.moderation.remove(
      'bots',
      chatroomId,
      gone.map(({ botId, url, trigger }) => JSON.stringify({ botId, url, trigger })),
    );
    for (const { botId } of gone) {
      const queue = this.queues.get(keyOf(chatroomId, botId));
      if (!queue) continue;
      queue.close();
      this.queues.delete(keyOf(chatroomId, botId));
      for (const k of ['posted', 'failedAttempts', 'dropped'] as const) this.retired[k] += queue.stats[k];
    }
  }

  /** Calls posted, failed and dropped; calls skipped by the rate; replies posted and dropped. */
  get stats(): BotStats {
    const sum = { ...this.retired };
    for (const queue of this.queues.values())
      for (const k of ['posted', 'failedAttempts', 'dropped'] as const) sum[k] += queue.stats[k];
    return { ...sum, ...this.counts };
  }

  /** Whether the bot is registered in the room. */
  has(chatroomId: string, botId: string): boolean {
    return this.list(chatroomId).some((b) => b.botId === botId);
  }

  /** A message was accepted in the room: posts it to each bot it is for. */
  message(room: Room, message: WireMessage): void {
    const bots = this.cached(room.id);
    if (bots.length === 0 || message.isStatusMessage) return;
    // Bots do not talk to bots (no loops).
    if (bots.some((b) => b.botId === message.senderUserId)) return;
    const mentionedIds = mentioned(message);
    for (const bot of bots) {
      const isMentioned = mentionedIds.includes(bot.botId);
      if (bot.trigger === 'mention' && !isMentioned) continue;
      if (!this.calls.take(keyOf(room.id, bot.botId))) {
        this.counts.callsLimited++;
        continue;
      }
      this.queueOf(bot).push({
        type: 'chatroomMessage',
        chatroomId: room.id,
        botId: bot.botId,
        mentioned: isMentioned,
        message,
      });
    }
  }

  /**
   * Posts a reply in the room as the bot, within its reply rate. Returns the message, or a reason
   * it was not posted (`rate`).
   */
  reply(chatroomId: string, botId: string, objectName: string, content: Record<string, unknown>): WireMessage | 'rate' {
    if (!this.replies.take(keyOf(chatroomId, botId))) {
      this.counts.repliesDropped++;
      return 'rate';
    }
    const message = this.deps.send(chatroomId, botId, objectName, content);
    this.counts.replies++;
    return message;
  }

  /** Resolves when every queued call was posted or dropped (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.idle()));
  }

  close(): void {
    for (const q of this.queues.values()) q.close();
    this.queues.clear();
  }

  private queueOf(bot: BotRegistration): SignedPostQueue<BotCall> {
    const key = keyOf(bot.chatroomId, bot.botId);
    let queue = this.queues.get(key);
    if (queue) return queue;
    queue = new SignedPostQueue<BotCall>({
      url: bot.url,
      appKey: this.deps.appKey,
      appSecret: this.deps.appSecret,
      clock: this.deps.clock,
      // An answer after a retry would come late for a conversation: one attempt.
      retries: 0,
      backoffMs: 0,
      batchMax: 1,
      maxQueued: this.options.maxQueued,
      timeoutMs: this.options.timeoutMs,
      body: (batch) => batch[0],
      name: `bot ${bot.botId} in ${bot.chatroomId}`,
      log: this.deps.log,
      onAnswer: (batch, body) => this.answer(batch[0]!, body),
    });
    this.queues.set(key, queue);
    return queue;
  }

  /** The webhook answered: posts its reply, if any, as the bot. */
  private answer(call: BotCall, body: string): void {
    if (body.trim() === '') return;
    const reply = parseReply(body);
    if (!reply) {
      this.counts.repliesDropped++;
      this.deps.log(`bot ${call.botId} in ${call.chatroomId}: the webhook's answer is not { "reply": ... }`);
      return;
    }
    if (reply === 'none') return;
    try {
      this.reply(call.chatroomId, call.botId, reply.objectName, reply.content);
    } catch (error) {
      this.counts.repliesDropped++;
      this.deps.log(`bot ${call.botId} in ${call.chatroomId}: reply refused: ${(error as Error).message}`);
    }
  }
}

/** User ids a message @mentions by name (`mentionedInfo` type 2). */
function mentioned(message: WireMessage): string[] {
  const info = (message.content as { mentionedInfo?: { type?: unknown; userIdList?: unknown } }).mentionedInfo;
  if (!info || info.type !== 2 || !Array.isArray(info.userIdList)) return [];
  return info.userIdList.filter((id): id is string => typeof id === 'string');
}

/** `{ "reply": "text" }`, `{ "reply": { objectName?, content } }`, `{}` / `{ "reply": null }` (nothing to say), or null (malformed). */
function parseReply(body: string): { objectName: string; content: Record<string, unknown> } | 'none' | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const reply = (parsed as { reply?: unknown }).reply;
  if (reply === undefined || reply === null) return 'none';
  if (typeof reply === 'string') return { objectName: 'RC:TxtMsg', content: { content: reply } };
  if (typeof reply !== 'object' || Array.isArray(reply)) return null;
  const { objectName = 'RC:TxtMsg', content } = reply as { objectName?: unknown; content?: unknown };
  if (typeof objectName !== 'string' || typeof content !== 'object' || content === null || Array.isArray(content))
    return null;
  return { objectName, content: content as Record<string, unknown> };
}
