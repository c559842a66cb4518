/**
 * Typing state (typing.ts; seeds: 输入状态), loaded with the late tables (late-tables.ts): sending is
 * throttled per conversation (one `RC:TypSts` per 6 s); receiving keeps who is typing where, emits
 * TYPING_STATUS on every change, and forgets a typist after 6 s without a refresh or as soon as their
 * message arrives. A client makes its `Typing` on the first typing call or delivered batch.
 */
import { MessageType, ErrorCode, MessagingLimits } from '../../protocol/constants.js';
import type { LateOpTable } from './bind.js';
import type { Emitter } from './events.js';
import type { ClientInternals, LatePort } from './internals.js';
import { randomId } from './outgoing.js';
import type { ITypingStatusEvent, ITypingUser } from './typing.js';
import type { IAsyncRes, IConversationOption, IReceivedMessage } from './types.js';

const keyOf = (c: IConversationOption) => `${c.conversationType}:${c.targetId}`;

/** Per-client typing state: send throttle and received typists. */
export class Typing {
  private readonly lastSent = new Map<string, number>();
  private readonly typists = new Map<
    string,
    { conversation: IConversationOption; users: Map<string, ITypingUser & { timer: ReturnType<typeof setTimeout> }> }
  >();

  constructor(
    private readonly emitter: Emitter,
    private readonly port: LatePort,
  ) {}

  /** Sends `RC:TypSts` unless one went to this conversation within the throttle window. */
  async send(
    ctx: ClientInternals,
    conversation: IConversationOption,
    typingContentType: string,
  ): Promise<IAsyncRes<void>> {
    if (!conversation || typeof conversation.targetId !== 'string' || typeof typingContentType !== 'string') {
      return { code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'conversation and typingContentType are required' };
    }
    const key = keyOf(conversation);
    const now = Date.now();
    if (now - (this.lastSent.get(key) ?? -Infinity) < MessagingLimits.TYPING_THROTTLE_MS)
      return { code: ErrorCode.SUCCESS };
    this.lastSent.set(key, now);
    const res = await ctx.call('sendMessage', {
      conversationType: conversation.conversationType as 1 | 3,
      targetId: conversation.targetId,
      messageType: MessageType.TYPING_STATUS,
      content: { typingContentType },
      clientMessageId: `typ-${randomId()}`,
      isStatusMessage: true,
    });
    if (res.code !== ErrorCode.SUCCESS) this.lastSent.delete(key);
    return res.code === ErrorCode.SUCCESS
      ? { code: ErrorCode.SUCCESS }
      : { code: res.code, ...(res.msg ? { msg: res.msg } : {}) };
  }

  /** Takes typing messages out of a delivered batch (they are not MESSAGES) and clears typists who sent. */
  filter(messages: IReceivedMessage[]): IReceivedMessage[] {
    const rest: IReceivedMessage[] = [];
    for (const m of messages) {
      if (m.messageType === MessageType.TYPING_STATUS) this.typing(m);
      else {
        if (m.messageDirection === 2)
          this.stop({ conversationType: m.conversationType, targetId: m.targetId }, m.senderUserId);
        rest.push(m);
      }
    }
    return rest;
  }

  /** Stops all timers (disconnect). */
  clear(): void {
    for (const entry of this.typists.values()) for (const u of entry.users.values()) clearTimeout(u.timer);
    this.typists.clear();
  }

  private typing(m: IReceivedMessage): void {
    const conversation = { conversationType: m.conversationType, targetId: m.targetId };
    const key = keyOf(conversation);
    let entry = this.typists.get(key);
    if (!entry) this.typists.set(key, (entry = { conversation, users: new Map() }));
    const previous = entry.users.get(m.senderUserId);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => this.stop(conversation, m.senderUserId), MessagingLimits.TYPING_EXPIRE_MS);
    (timer as { unref?: () => void }).unref?.();
    const messageType =
      typeof m.content?.typingContentType === 'string' ? m.content.typingContentType : MessageType.TEXT;
    entry.users.set(m.senderUserId, { userId: m.senderUserId, timestamp: m.sentTime, messageType, timer });
    this.emit(key);
  }

  private stop(conversation: IConversationOption, userId: string): void {
    const key = keyOf(conversation);
    const entry = this.typists.get(key);
    const user = entry?.users.get(userId);
    if (!entry || !user) return;
    clearTimeout(user.timer);
    entry.users.delete(userId);
    this.emit(key);
    if (entry.users.size === 0) this.typists.delete(key);
  }

  private emit(changed: string): void {
    const status: ITypingStatusEvent['status'] = [];
    for (const [key, entry] of this.typists) {
      if (entry.users.size === 0 && key !== changed) continue;
      const list = [...entry.users.values()].map(({ userId, timestamp, messageType }) => ({
        userId,
        timestamp,
        messageType,
      }));
      status.push({ ...entry.conversation, channelId: '', list });
    }
    this.emitter.emit(this.port.events.TYPING_STATUS, { status });
  }
}

/** The client's typing state, made on first use. */
export function typingOf(ctx: ClientInternals): Typing {
  return (ctx.typing ??= new Typing(ctx.emitter, ctx.port));
}

/** The feature's operations, each taking the client's internals first (bound through the stand-ins of late-tables.ts). */
export const typingCalls = {
  /** Sends `RC:TypSts` (seeds: 输入状态; at most once per 6 s per conversation, later calls resolve SUCCESS unsent). */
  sendTypingStatusMessage: (ctx: ClientInternals, conversation: IConversationOption, typingContentType: string) =>
    typingOf(ctx).send(ctx, conversation, typingContentType),
} satisfies LateOpTable;
