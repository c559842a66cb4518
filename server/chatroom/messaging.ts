/**
 * Chatroom messages: live to the sockets in the room only (one serialized frame for all), the
 * offline-member rule, the delivery budget, history in SQLite and recall.
 */
import type { ChatroomHistoryReply, ChatroomMuteReason, ChatroomPush } from '../../src/protocol/chatroom.js';
import { ConversationType, MessageType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import { Limits } from '../../src/protocol/limits.js';
import { SentTimeSource } from '../clock.js';
import { contentBytes } from '../domain/chat.js';
import { DomainError } from '../domain/errors.js';
import { newId, newMessageUId } from '../domain/ids.js';
import { RECENT_MAX, type Room, type ChatroomSocket } from './room.js';
import type { ChatroomService } from './service.js';

/** A chatroom send from a socket (untrusted) or the Server API (trusted). */
export interface ChatroomSendInput {
  senderUserId: string;
  messageType: string;
  content: Record<string, unknown>;
  clientMessageId?: string;
  isPersisted: boolean;
  isCounted: boolean;
  isStatusMessage: boolean;
}

/** How often history retention runs at most. */
const PRUNE_EVERY_MS = 60_000;

/** Sending, recalling and reading chatroom messages. */
export class ChatroomMessaging {
  private readonly sentTimes: SentTimeSource;
  private lastPrune = 0;

  constructor(private readonly svc: ChatroomService) {
    this.sentTimes = new SentTimeSource(svc.deps.clock);
  }

  /** Whether the user may send in the room now (gags, mute-all with its allowlist and roles, global gag). */
  canSend(room: Room, userId: string): boolean {
    return this.muteOf(room, userId) === undefined;
  }

  /** Why the user may not send in the room now (the most severe reason) and until when (0 = no end). */
  muteOf(room: Room, userId: string): { reason: ChatroomMuteReason; until: number } | undefined {
    const mod = this.svc.moderation;
    const globalGag = mod.endOf('globalGag', '', userId);
    if (globalGag !== undefined) return { reason: 'globalGag', until: globalGag };
    const gags = [mod.endOf('gag', room.id, userId), mod.endOf('roleMute', room.id, userId)].filter((t) => t !== undefined);
    if (gags.length > 0) return { reason: 'gag', until: gags.includes(0) ? 0 : Math.max(...gags) };
    // Mute-all spares its allowlist and (seeds 003) the creator and administrators.
    const spared = mod.has('banWhitelist', room.id, userId) || room.creatorId === userId || room.admins.has(userId);
    if (mod.has('ban', room.id, '*') && !spared) return { reason: 'muteAll', until: 0 };
    return undefined;
  }

  /**
   * Who may still send while the room is muted-all (Parley): the mute-all allowlist, the creator and
   * the admins. Undefined when mute-all is off. Gags still apply to them.
   */
  muteAllExempt(roomId: string): string[] | undefined {
    const mod = this.svc.moderation;
    if (!mod.has('ban', roomId, '*')) return undefined;
    const room = this.svc.rooms.get(roomId);
    const ids = new Set(mod.list('banWhitelist', roomId).map((r) => r.subject));
    if (room?.creatorId) ids.add(room.creatorId);
    for (const admin of room?.admins ?? []) ids.add(admin);
    return [...ids];
  }

  /**
   * A resend that reached this node after the first send went through another one (cluster only):
   * the message sent first, or null.
   */
  async sentElsewhere(senderUserId: string, roomId: string, clientMessageId: string | undefined): Promise<WireMessage | null> {
    const presence = this.svc.presence;
    if (!presence || clientMessageId === undefined) return null;
    if (this.svc.rooms.get(roomId)?.sentBefore(senderUserId, clientMessageId)) return null;
    return presence.claimSend(roomId, senderUserId, clientMessageId);
  }

  /**
   * Sends to the room. A socket send needs membership and the right to speak; the Server API
   * (`socket` null, `trusted`) needs neither. Returns the message and whether it was delivered
   * (false when the delivery budget dropped it).
   */
  send(socket: ChatroomSocket | null, roomId: string, input: ChatroomSendInput, trusted = false): { message: WireMessage; delivered: boolean } {
    if (contentBytes(input.content) > Limits.MAX_MESSAGE_CONTENT_BYTES) {
      throw new DomainError(ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT, `content exceeds ${Limits.MAX_MESSAGE_CONTENT_BYTES} bytes`);
    }
    const room = this.svc.get(roomId);
    // Without the bus nobody (not even this node's members) would get it: refuse, the client retries.
    if (!this.svc.deps.bus.health().ready) throw new DomainError(ErrorCode.BIZ_ERROR_DATABASE_ERROR, 'the cluster bus is unavailable; retry');
    if (!trusted) {
      this.svc.member(room, input.senderUserId);
      if (!this.canSend(room, input.senderUserId)) throw new DomainError(ErrorCode.FORBIDDEN_IN_CHATROOM, `muted in chatroom ${roomId}`);
    }
    if (input.clientMessageId !== undefined) {
      // A resend after a lost reply: answer with the first send, deliver nothing again.
      const earlier = room.sentBefore(input.senderUserId, input.clientMessageId);
      if (earlier) return { message: earlier, delivered: false };
    }
    const sentTime = this.sentTimes.next();
    const message: WireMessage = {
      messageUId: newMessageUId(sentTime),
      clientMessageId: input.clientMessageId ?? `srv-${newId(20)}`,
      conversationType: ConversationType.CHATROOM,
      targetId: roomId,
      senderUserId: input.senderUserId,
      messageType: input.messageType,
      content: input.content,
      sentTime,
      isPersisted: input.isStatusMessage ? false : input.isPersisted,
      isCounted: input.isStatusMessage ? false : input.isCounted,
      isStatusMessage: input.isStatusMessage,
      disableNotification: true,
    };
    room.lastActive = this.svc.clock.now();
    this.svc.presence?.touch(roomId, room.lastActive);
    room.rememberSend(message);
    if (input.clientMessageId !== undefined) this.svc.presence?.recordSend(roomId, message);
    this.svc.counters.messagesAccepted++;
    this.offlineRule(room);
    if (!this.withinBudget(room, message)) return { message, delivered: false };
    if (!message.isStatusMessage) room.remember(message);
    if (this.svc.config.historyEnabled && message.isPersisted) this.svc.persist(null, (state) => state.saveMessage(message));
    this.deliver(room, message, socket ?? undefined, !message.isStatusMessage);
    return { message, delivered: true };
  }

  /** Serializes once; every node writes the same bytes to each of its member sockets. */
  deliver(room: Room, message: WireMessage, skip?: ChatroomSocket, remember = false): void {
    const frame: ChatroomPush = { push: 'chatroom', data: { type: 'message', message } };
    this.svc.toRoom(room, JSON.stringify(frame), { skip, delivery: true, remember });
  }

  /**
   * The seeds' rule: an offline member is removed on the first message after `offlineKickMs`
   * offline, or on the `offlineKickMessages`-th message within that time; allowlisted users stay.
   */
  offlineRule(room: Room): void {
    if (room.offline.size === 0) return;
    const now = this.svc.clock.now();
    const { offlineKickMs, offlineKickMessages } = this.svc.config;
    for (const member of [...room.offline.values()]) {
      member.missed++;
      const due = now - member.offlineSince! >= offlineKickMs || member.missed >= offlineKickMessages;
      // Allowlisted users and permanent members (seeds 003) stay.
      if (!due || room.permanent.has(member.userId) || this.svc.moderation.has('userWhitelist', room.id, member.userId)) continue;
      this.svc.counters.offlineRemovals++;
      this.svc.removeMember(room, member.userId, 'offline')();
    }
  }

  /**
   * The room's delivery budget per second, cluster-wide: the window counts this node's deliveries
   * and those other nodes made in the room (`countRemoteDelivery`, from the bus), so members spread
   * over several nodes still share one budget. Allowlisted senders and types always pass;
   * low-priority types stop at `lowPriorityShare` of the budget, everything else at the budget.
   */
  private withinBudget(room: Room, message: WireMessage): boolean {
    const budget = this.svc.config.deliveryBudgetPerSecond;
    if (budget <= 0) return true;
    this.budgetWindow(room);
    const mod = this.svc.moderation;
    const isProtected = mod.has('userWhitelist', room.id, message.senderUserId) || mod.has('msgWhitelist', '', message.messageType);
    const limit = mod.has('lowPriority', '', message.messageType) ? Math.floor(budget * this.svc.config.lowPriorityShare) : budget;
    if (!isProtected && room.windowCount >= limit) {
      this.svc.counters.messagesDropped++;
      if (limit < budget) this.svc.counters.lowPriorityDropped++;
      return false;
    }
    room.windowCount++;
    return true;
  }

  /**
   * Another node delivered a message in the room: it uses up the same budget. A node hears every
   * message of a room it holds a member of, which is every node a member can send from; the count
   * lags by the bus's latency (about a millisecond on a LAN).
   */
  countRemoteDelivery(room: Room): void {
    if (this.svc.config.deliveryBudgetPerSecond <= 0) return;
    this.budgetWindow(room);
    room.windowCount++;
  }

  /** Starts a new one-second window when the current one is over. */
  private budgetWindow(room: Room): void {
    const now = this.svc.clock.now();
    if (now - room.windowStart >= 1000) {
      room.windowStart = now;
      room.windowCount = 0;
    }
  }

  /** History from storage (needs `historyEnabled`, seeds' 23414 otherwise) for members. */
  async history(userId: string, roomId: string, timestamp: number, count: number, order: 0 | 1): Promise<ChatroomHistoryReply> {
    if (!this.svc.config.historyEnabled) {
      throw new DomainError(ErrorCode.CHATROOM_NOT_OPEN_HISTORYMSG_STORE, 'chatroom history storage is off');
    }
    this.svc.member(this.svc.get(roomId), userId);
    const ts = order === 0 && timestamp === 0 ? Number.MAX_SAFE_INTEGER : timestamp;
    await this.svc.flushed();
    return this.svc.deps.state.history(roomId, ts, count, order);
  }

  /**
   * Recalls a message: the room gets an `RC:RcNtf` naming it, and the stored copy is replaced by
   * the notice (as the seeds' recall does). Members may recall their own messages; the creator
   * and admins anyone's; `operatorId` null = the Server API.
   */
  async recall(operatorId: string | null, roomId: string, messageUId: string, senderUserId?: string): Promise<WireMessage> {
    const room = this.svc.get(roomId);
    let original = room.recent.find((m) => m.messageUId === messageUId);
    // In a cluster the message may have been sent through another node: the room's newest are in Redis.
    if (!original && this.svc.presence) original = (await this.svc.presence.recent(roomId, RECENT_MAX)).find((m) => m.messageUId === messageUId);
    if (!original) {
      await this.svc.flushed();
      original = (await this.svc.deps.state.getMessage(messageUId)) ?? undefined;
    }
    if (!original || original.targetId !== roomId || original.messageType === MessageType.RECALL_MESSAGE_NOTIFICATION) {
      throw new DomainError(ErrorCode.RC_CHATROOM_PARAMETER_INVALID, `no message ${messageUId} in chatroom ${roomId}`);
    }
    if (operatorId !== null) {
      this.svc.member(room, operatorId);
      const isModerator = room.creatorId === operatorId || room.admins.has(operatorId);
      if (original.senderUserId !== operatorId && !isModerator) {
        throw new DomainError(ErrorCode.RC_CHATROOM_PARAMETER_INVALID, 'only the sender, the creator or an admin may recall');
      }
    }
    const now = this.svc.clock.now();
    const content = {
      messageUId,
      conversationType: ConversationType.CHATROOM,
      targetId: roomId,
      operatorId: operatorId ?? senderUserId ?? original.senderUserId,
      recallTime: now,
      originalObjectName: original.messageType,
      sentTime: original.sentTime,
    };
    const index = room.recent.indexOf(original);
    if (index >= 0) room.recent.splice(index, 1);
    this.svc.presence?.forget(roomId, messageUId);
    const replaced = { ...original, messageType: MessageType.RECALL_MESSAGE_NOTIFICATION, content };
    this.svc.persist(null, (state) => state.replaceMessage(messageUId, replaced));
    const sentTime = this.sentTimes.next();
    const notice: WireMessage = {
      ...original,
      messageUId: newMessageUId(sentTime),
      clientMessageId: `srv-${newId(20)}`,
      senderUserId: content.operatorId,
      messageType: MessageType.RECALL_MESSAGE_NOTIFICATION,
      content,
      sentTime,
      isPersisted: false,
      isCounted: false,
    };
    room.lastActive = now;
    this.deliver(room, notice);
    return notice;
  }

  /** Deletes stored messages past the retention time (at most once a minute). */
  prune(now: number): void {
    if (!this.svc.config.historyEnabled || now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const before = now - this.svc.config.historyRetentionMs;
    this.svc.persist(null, (state) => state.prune(before));
  }
}
