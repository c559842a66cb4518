/**
 * The chat domain: private and group sends, read state, sync, conversation lists, history and
 * groups. Storage makes each change atomic and durable; the bus carries the result to gateways.
 */
import { ConversationType } from '../../src/protocol/enums.js';
import { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';
import type {
  ConversationListReply,
  HistoryReply,
  InboxItem,
  SyncReply,
  WireConversation,
  WireMessage,
} from '../../src/protocol/frames.js';
import { Limits } from '../../src/protocol/limits.js';
import type { Bus } from '../bus/bus.js';
import { SentTimeSource, type Clock } from '../clock.js';
import type {
  Appended,
  ConversationKey,
  ConversationQuery,
  Delivery,
  GroupMembership,
  NewMessage,
  Storage,
} from '../storage/storage.js';
import { MessagingLimits } from '../../src/protocol/messaging.js';
import { encodeContent, forcedFlags, mentions, validateContent, withSenderId } from './content.js';
import { checkExpansion } from './expansion-rules.js';
import { DomainError } from './errors.js';
import { newId, newMessageUId } from './ids.js';
import type { PushRequest } from '../push/push-notice.js';
import { Moderation, type SendToCheck } from './moderation.js';
import type { ModerationKey } from '../storage/moderation-storage.js';
import { GroupRoles } from './group-roles.js';
import { RECALL_BY, type RecallBy } from '../../src/protocol/messaging-limits.js';

// Re-exported: these were this module's before they moved to `content.ts` (the gateway imports one from here).
export { contentBytes, encodeContent, mentions, nestsDeeperThan, withSenderId } from './content.js';

/** A send, from the gateway or the Server API. */
export interface SendInput {
  senderUserId: string;
  conversationType: ConversationType;
  targetId: string;
  messageType: string;
  content: Record<string, unknown>;
  /** Idempotency key; generated when absent (Server API). */
  clientMessageId?: string;
  isPersisted: boolean;
  isCounted: boolean;
  isStatusMessage: boolean;
  disableNotification: boolean;
  /** Whether the sender's own inbox gets the message (their other devices see it). */
  includeSender: boolean;
  /** Client sends must come from a group member; the Server API (trusted) only needs the group. */
  requireMembership: boolean;
  canIncludeExpansion?: boolean;
  expansion?: Record<string, string>;
  /** Group only: the members to deliver to (besides the sender); others never see it. */
  directionalUserIdList?: string[];
  /** What the offline push says (when the server has a push webhook). */
  push?: PushRequest;
  /** Server API private sends: refuse (405) when the recipient has blacklisted the sender. */
  verifyBlacklist?: boolean;
}

/** Server options of the messaging features. */
export interface ChatOptions {
  /** How long after sending a message a client may recall it, ms (default 120 s; 0 = no limit). */
  recallWindowMs?: number;
  /** Who may recall a message from a client (default `sender`; see `RecallBy`). */
  recallBy?: RecallBy;
  /**
   * Whether a new group member reads the messages sent before she joined (since the group was
   * created). Default false: as in the seeds, she reads from the time she joined.
   */
  groupHistoryBeforeJoin?: boolean;
}

/** A send's result; call `publish` after replying so the reply precedes the push. */
export interface SendOutcome {
  message: WireMessage;
  duplicate: boolean;
  publish(): void;
}

/** Chat operations shared by the gateway and the Server API. */
export class ChatService {
  /** Blacklists, mutes and sensitive words, applied to every send. */
  readonly moderation: Moderation;
  /** Group owners and admins (they may recall members' messages under `recallBy: 'group-admins'`). */
  readonly groupRoles: GroupRoles;

  private constructor(
    readonly storage: Storage,
    readonly bus: Bus,
    readonly clock: Clock,
    private readonly sentTimes: SentTimeSource,
    readonly options: Required<ChatOptions>,
  ) {
    this.moderation = new Moderation(storage.moderation, clock);
    this.groupRoles = new GroupRoles(storage, storage.moderation, clock);
  }

  /** Starts message times after the newest stored one. */
  static async create(storage: Storage, bus: Bus, clock: Clock, options: ChatOptions = {}): Promise<ChatService> {
    const window = options.recallWindowMs;
    if (window !== undefined && (!Number.isSafeInteger(window) || window < 0))
      throw new Error(`recallWindowMs: expected a whole number of ms ≥ 0, got ${window}`);
    if (options.recallBy !== undefined && !RECALL_BY.includes(options.recallBy))
      throw new Error(`recallBy: expected one of ${RECALL_BY.join(', ')}, got ${String(options.recallBy)}`);
    const resolved = {
      recallWindowMs: options.recallWindowMs ?? MessagingLimits.RECALL_WINDOW_MS,
      recallBy: options.recallBy ?? 'sender',
      groupHistoryBeforeJoin: options.groupHistoryBeforeJoin ?? false,
    };
    return new ChatService(storage, bus, clock, new SentTimeSource(clock, await storage.maxSentTime()), resolved);
  }

  /**
   * A time mark between messages: every stored message is older, every later one newer. Group
   * joins and creations are stamped with it, so membership periods split history exactly.
   */
  timeMark(): number {
    return this.sentTimes.next();
  }

  /**
   * Called after a message was recalled, or deleted from a user's history (`byUserId`), so the
   * media it carries can go with it (media/media-store.ts decides, as the app configured).
   */
  onMessageGone: ((message: WireMessage, reason: 'recall' | 'delete', byUserId: string) => Promise<void>) | null = null;

  /** Called once per newly stored message, for the offline push (server/push); never awaited. */
  onStored: ((message: WireMessage, deliveries: Delivery[], push: PushRequest | undefined) => void) | null = null;

  /** Pushes stored items to their users' sockets (after the reply to the request went out). */
  publish(appended: Appended[]): void {
    for (const a of appended) {
      this.bus.publish({
        userId: a.userId,
        items: [a.item],
        conversations: a.conversation.conversationType && a.item.type !== 'remove' ? [a.conversation] : [],
      });
    }
  }

  /**
   * Sends a message. `onQueued` runs once the message has its sent time and its place in the commit
   * queue (before the commit): a caller that pipelines sends starts the next one from there.
   */
  async send(raw: SendInput, onQueued?: () => void): Promise<SendOutcome> {
    // One copy of the input (the flags some types force are plain values: setting them early changes nothing).
    const input = { ...raw, content: withSenderId(raw.content, raw.senderUserId), ...forcedFlags(raw.messageType) };
    // Encoded once here, checked, and stored as is (storage does not encode it again).
    let contentJson = encodeContent(input.content);
    if (overContentLimit(contentJson)) {
      throw new DomainError(
        ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT,
        `content exceeds ${Limits.MAX_MESSAGE_CONTENT_BYTES} bytes`,
      );
    }
    validateContent(input.messageType, input.content);
    if (input.expansion) checkExpansion(input.expansion, {});
    // A private send's recipients are known without a read (and without an await).
    let recipients =
      input.conversationType === ConversationType.PRIVATE ? privateRecipients(input) : await this.recipients(input);
    const directed = directedRecipients(input, recipients);
    if (directed) recipients = directed;
    // After the membership check, so an outsider hears 22406, not a mute.
    const check: SendToCheck = {
      senderUserId: input.senderUserId,
      conversationType: input.conversationType,
      targetId: input.targetId,
      messageType: input.messageType,
      content: input.content,
      isStatusMessage: input.isStatusMessage,
      fromClient: input.requireMembership,
      verifyBlacklist: input.verifyBlacklist,
    };
    const keys = this.moderation.sendKeys(check);
    // Where storage can, the moderation read joins the commit (`appendMessageUnlessRefused`): for keys
    // that refuse whenever they match (a private send's mute and blacklist), not an allowlist's.
    const refuseIf =
      this.storage.appendMessageUnlessRefused && !input.isStatusMessage && keys.length > 0 && keys.every(refuses)
        ? keys
        : null;
    let checked: Record<string, unknown>;
    if (!refuseIf) {
      checked = await this.moderation.checkSend(check);
      contentJson = this.replacedContentJson(input.content, checked, contentJson);
    } else {
      try {
        // Without an await when the word list is at hand (the usual case).
        checked = this.moderation.sendContentNow(check) ?? (await this.moderation.sendContent(check));
        contentJson = this.replacedContentJson(input.content, checked, contentJson);
      } catch (error) {
        // A refusal is reported before anything wrong with the content, as `checkSend` does.
        const refusal = this.moderation.refusal(check, await this.storage.moderation.match(keys, this.clock.now()));
        throw refusal ?? error;
      }
    }
    input.content = checked;
    const sentTime = this.sentTimes.next();
    const base: NewMessage = {
      messageUId: newMessageUId(sentTime),
      clientMessageId: input.clientMessageId ?? `srv-${newId(20)}`,
      conversationType: input.conversationType,
      targetId: input.targetId,
      senderUserId: input.senderUserId,
      messageType: input.messageType,
      content: input.content,
      sentTime,
      isPersisted: input.isPersisted,
      isCounted: input.isCounted,
      disableNotification: input.disableNotification,
      canIncludeExpansion: input.canIncludeExpansion ?? false,
    };
    // Set after the literal rather than spread into it: the same keys in the same order, no copies.
    if (input.canIncludeExpansion && input.expansion) base.expansion = input.expansion;
    if (directed) base.directedUserIds = input.directionalUserIdList;
    if (input.isStatusMessage)
      return this.sendStatus({ ...base, isPersisted: false, isCounted: false, isStatusMessage: true }, recipients);
    const deliveries: Delivery[] = recipients
      .filter((userId) => userId !== input.senderUserId || input.includeSender)
      .map((userId) => ({
        userId,
        countUnread: userId !== input.senderUserId && input.isCounted && input.isPersisted,
        mentioned: input.conversationType === ConversationType.GROUP && mentions(input.content, userId),
      }));
    base.contentJson = contentJson; // after the status message's copy, which goes out without it
    const appending = refuseIf
      ? this.storage.appendMessageUnlessRefused!(base, deliveries, refuseIf, this.clock.now())
      : this.storage.appendMessage(base, deliveries);
    onQueued?.();
    const stored = await appending;
    if ('refusedBy' in stored) throw this.moderation.refusal(check, stored.refusedBy)!;
    const result = stored;
    if (!result.duplicate) this.onStored?.(result.message, deliveries, input.push);
    // Bound, not an arrow function: under tsx (the bench, a checkout) an arrow's name is set with a
    // defineProperty on every send.
    const publish = this.publish.bind(this, result.appended);
    return { message: result.message, duplicate: result.duplicate, publish };
  }

  /**
   * The JSON to store for `checked`: `contentJson` when it is the content as sent, else the
   * replaced text's, which obeys the same limit (replacements may be longer than the words).
   */
  private replacedContentJson(sent: Record<string, unknown>, checked: Record<string, unknown>, contentJson: string) {
    if (checked === sent) return contentJson;
    const json = encodeContent(checked);
    if (overContentLimit(json)) {
      throw new DomainError(
        ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT,
        `content with its sensitive words replaced exceeds ${Limits.MAX_MESSAGE_CONTENT_BYTES} bytes`,
      );
    }
    return json;
  }

  /** Clears unread up to `timestamp` (0 = now) and tells the user's other devices. */
  async markRead(
    userId: string,
    key: ConversationKey,
    timestamp: number,
  ): Promise<{ conversation: WireConversation; publish(): void }> {
    await this.assertCanRead(userId, key);
    const appended = await this.storage.markRead(userId, key, timestamp || this.clock.now());
    return {
      conversation: appended.conversation,
      publish: () => this.bus.publish({ userId, items: [appended.item], conversations: [appended.conversation] }),
    };
  }

  async sync(userId: string, since: number, limit: number): Promise<SyncReply> {
    const page = await this.storage.readInbox(userId, since, limit);
    return { ...page, conversations: await this.storage.getConversations(userId, touchedConversations(page.items)) };
  }

  async listConversations(userId: string, query: ConversationQuery): Promise<ConversationListReply> {
    return { list: await this.storage.listConversations(userId, query) };
  }

  /**
   * History of one conversation, oldest first. timestamp 0 means "now" for order 0 and "the
   * beginning" for order 1 (the seeds only define order 0 with 0; this makes order 1 useful).
   */
  async history(
    userId: string,
    q: ConversationKey & { timestamp: number; count: number; order: 0 | 1 },
  ): Promise<HistoryReply> {
    const after = await this.readableAfter(userId, q);
    // Times can run ahead of the clock (same-ms bumping), so "now" is "no upper bound".
    const timestamp = q.order === 0 && q.timestamp === 0 ? Number.MAX_SAFE_INTEGER : q.timestamp;
    const page = await this.storage.history(userId, { ...q, timestamp, after });
    if (q.conversationType !== ConversationType.GROUP || page.list.length === 0) return page;
    // Group history carries each requested message's receipt state (seeds: readReceiptInfo).
    const info = await this.storage.messaging.receiptInfo(
      page.list.map((m) => m.messageUId),
      userId,
    );
    return {
      ...page,
      list: page.list.map((m) => (info.has(m.messageUId) ? { ...m, readReceiptInfo: info.get(m.messageUId)! } : m)),
    };
  }

  /** Refuses users outside a group (22406); private conversations are always the user's own. */
  async assertCanRead(userId: string, key: ConversationKey): Promise<void> {
    if (key.conversationType === ConversationType.GROUP && !(await this.storage.isGroupMember(key.targetId, userId))) {
      throw new DomainError(ErrorCode.NOT_IN_GROUP, `not a member of group ${key.targetId}`);
    }
  }

  /**
   * The time after which the user may read the conversation's messages: 0 for private ones; for a
   * group the start of her current membership (or, with `groupHistoryBeforeJoin`, the group's
   * creation, so a dismissed group's messages never show through a re-created one). 22406 outside.
   */
  async readableAfter(userId: string, key: ConversationKey): Promise<number> {
    if (key.conversationType !== ConversationType.GROUP) return 0;
    const membership = await this.storage.groupMembership(key.targetId, userId);
    if (!membership) throw new DomainError(ErrorCode.NOT_IN_GROUP, `not a member of group ${key.targetId}`);
    return this.readableAfterIn(membership);
  }

  /** Where a membership's readable history starts: the group's own setting, else the app's. */
  readableAfterIn(membership: GroupMembership): number {
    const earlier = membership.historyBeforeJoin ?? this.options.groupHistoryBeforeJoin;
    return earlier ? membership.createdTime : membership.joinedTime;
  }

  /** Who shares a conversation: private = both users, group = its current members. */
  async participants(conversationType: ConversationType, targetId: string, senderUserId: string): Promise<string[]> {
    if (conversationType === ConversationType.GROUP) return this.storage.groupMemberIds(targetId);
    return targetId === senderUserId ? [targetId] : [targetId, senderUserId];
  }

  private async recipients(input: SendInput): Promise<string[]> {
    if (input.conversationType === ConversationType.PRIVATE) return privateRecipients(input);
    // System messages (Server API only) go to the recipient alone.
    if (input.conversationType === ConversationType.SYSTEM && !input.requireMembership) return [input.targetId];
    if (input.conversationType === ConversationType.SYSTEM) {
      throw new DomainError(
        ErrorCode.SYS_CONVERSATION_NOT_SUPPORT_MESSAGE,
        'only the Server API sends into system conversations',
      );
    }
    if (input.conversationType !== ConversationType.GROUP) {
      throw new DomainError(ErrorCode.CONVERSATION_TYPE_NOT_SUPPORT, 'only private and group conversations');
    }
    const members = await this.storage.groupMemberIds(input.targetId);
    if (input.requireMembership && !members.includes(input.senderUserId)) {
      throw new DomainError(ErrorCode.NOT_IN_GROUP, `not a member of group ${input.targetId}`);
    }
    if (!input.requireMembership && members.length === 0 && !(await this.storage.getGroup(input.targetId))) {
      throw new DomainError(ServerApiCode.GROUP_NOT_FOUND, `no group ${input.targetId}`);
    }
    return members;
  }

  /** Status messages (typing, ...) are live only: no storage, no seq, only to others online. */
  private sendStatus(message: WireMessage, recipients: string[]): SendOutcome {
    return {
      message,
      duplicate: false,
      publish: () => {
        for (const userId of recipients) {
          if (userId === message.senderUserId) continue;
          const targetId =
            message.conversationType === ConversationType.GROUP ? message.targetId : message.senderUserId;
          this.bus.publish({
            userId,
            items: [{ seq: 0, type: 'message', message: { ...message, targetId } }],
            conversations: [],
          });
        }
      },
    };
  }
}

/** Both users of a private send (one when she writes to herself). */
function privateRecipients(input: Pick<SendInput, 'targetId' | 'senderUserId'>): string[] {
  return input.targetId === input.senderUserId ? [input.targetId] : [input.targetId, input.senderUserId];
}

/** Whether content JSON is over the size limit; its UTF-8 is counted only when it could be (≤ 3 bytes per UTF-16 unit). */
function overContentLimit(json: string): boolean {
  return (
    json.length * 3 > Limits.MAX_MESSAGE_CONTENT_BYTES &&
    Buffer.byteLength(json, 'utf8') > Limits.MAX_MESSAGE_CONTENT_BYTES
  );
}

/** Moderation entries that refuse a send whenever they are live (an allowlist entry exempts instead). */
function refuses(key: ModerationKey): boolean {
  return key.kind === 'userMute' || key.kind === 'blacklist';
}

/** Directed group sends go to the listed members (who must be members) and the sender only. */
function directedRecipients(input: SendInput, members: string[]): string[] | null {
  const list = input.directionalUserIdList;
  if (!list || list.length === 0) return null;
  if (input.conversationType !== ConversationType.GROUP) {
    throw new DomainError(ErrorCode.BIZ_ERROR_INVALID_PARAMETER, 'directionalUserIdList is for group messages only');
  }
  const outsider = list.find((userId) => !members.includes(userId));
  if (outsider)
    throw new DomainError(
      ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      `directionalUserIdList: ${outsider} is not in the group`,
    );
  return [...new Set([...list, input.senderUserId])];
}

/** Unique conversations named by inbox items, in first-seen order (conversation-less items skipped). */
export function touchedConversations(items: InboxItem[]): ConversationKey[] {
  const seen = new Map<string, ConversationKey>();
  for (const item of items) {
    const key = item.type === 'message' ? item.message : item;
    // Tag items name no conversation; a removed conversation has no state worth sending.
    if (!key.conversationType || item.type === 'remove') continue;
    seen.set(`${key.conversationType}:${key.targetId}`, {
      conversationType: key.conversationType,
      targetId: key.targetId,
    });
  }
  return [...seen.values()];
}
