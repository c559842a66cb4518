/**
 * Chatroom messages: live to the sockets in the room only (one serialized frame for all), the
 * offline-member rule, load shedding (shedding.ts), history in SQLite and recall.
 */
import type { ChatroomHistoryReply, ChatroomMuteReason, ChatroomPush } from '../../src/protocol/chatroom.js';
import { ConversationType, MessageType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import { Limits } from '../../src/protocol/limits.js';
import { SentTimeSource } from '../clock.js';
import type { SendInput } from '../domain/chat.js';
import { contentBytes } from '../domain/content.js';
import { forcedFlags, validateContent } from '../domain/content.js';
import { DomainError } from '../domain/errors.js';
import { newId, newMessageUId } from '../domain/ids.js';
import { RECENT_MAX, type Room, type ChatroomSocket } from './room.js';
import type { Clock } from '../clock.js';
import type { ChatroomState } from '../storage/chatroom-state.js';
import { StorageUnavailableError } from '../storage/unavailable.js';
import type { ChatroomConfig } from './config.js';
import type { Moderation } from './moderation.js';
import type { Persist, PublishToRoom, RoomLookup } from './ports.js';
import type { Presence } from './presence.js';
import { LoadShedder, type ShedReason } from './shedding.js';
import { senderFields } from './profile.js';

/** A chatroom send from a socket (untrusted) or the Server API (trusted): a private or group send's fields that rooms use. */
export type ChatroomSendInput = Pick<
  SendInput,
  'senderUserId' | 'messageType' | 'content' | 'clientMessageId' | 'isPersisted' | 'isCounted' | 'isStatusMessage'
>;

/**
 * Types only the server makes in a room (besides `RC:RcNtf`, which `validateContent` keeps from
 * everyone): a member's forged attribute notice would read as the server's.
 */
const SERVER_ONLY_TYPES: ReadonlySet<string> = new Set([MessageType.CHATROOM_KV_NOTIFICATION]);

/** How often history retention runs at most. */
const PRUNE_EVERY_MS = 60_000;

/** What chatroom messaging needs from the chatroom service. */
export interface ChatroomMessagingPort extends RoomLookup {
  readonly clock: Clock;
  readonly config: ChatroomConfig;
  /** Gags, mute-all and its allowlists, low-priority types, the offline allowlist, shedding settings. */
  readonly moderation: Pick<Moderation, 'has' | 'endOf' | 'list' | 'version' | 'current'>;
  /** Members and recent messages across nodes (a cluster); absent on a single node. */
  readonly presence: Presence | undefined;
  /** The room when this node holds it (no error when not). */
  findRoom(roomId: string): Room | undefined;
  /** Whether the cluster bus can carry a message now. */
  busReady(): boolean;
  readonly counters: {
    messagesAccepted: number;
    messagesDropped: number;
    lowPriorityDropped: number;
    offlineRemovals: number;
  };
  persist: Persist;
  /** Resolves when every queued write is committed (history reads follow writes). */
  flushed(): Promise<void>;
  /** Stored history and single messages. */
  readonly history: Pick<ChatroomState, 'history' | 'getMessage'>;
  toRoom: PublishToRoom;
  /** Removes a member who stayed offline too long (the seeds' offline rule); sends the notices. */
  removeOffline(room: Room, userId: string): void;
  /** A message was accepted and delivered (room activity figures, bots). */
  accepted?(room: Room, message: WireMessage): void;
}

/** Sending, recalling and reading chatroom messages. */
export class ChatroomMessaging {
  private readonly sentTimes: SentTimeSource;
  private lastPrune = 0;
  /** Load shedding per room (shedding.ts). */
  readonly shedder: LoadShedder;

  constructor(private readonly port: ChatroomMessagingPort) {
    this.sentTimes = new SentTimeSource(port.clock);
    this.shedder = new LoadShedder(port);
  }

  /** Whether the user may send in the room now (gags, mute-all with its allowlist and roles, global gag). */
  canSend(room: Room, userId: string): boolean {
    return this.muteOf(room, userId) === undefined;
  }

  /** Why the user may not send in the room now (the most severe reason) and until when (0 = no end). */
  muteOf(room: Room, userId: string): { reason: ChatroomMuteReason; until: number } | undefined {
    const mod = this.port.moderation;
    const globalGag = mod.endOf('globalGag', '', userId);
    if (globalGag !== undefined) return { reason: 'globalGag', until: globalGag };
    const gags = [mod.endOf('gag', room.id, userId), mod.endOf('roleMute', room.id, userId)].filter(
      (t) => t !== undefined,
    );
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
    const mod = this.port.moderation;
    if (!mod.has('ban', roomId, '*')) return undefined;
    const room = this.port.findRoom(roomId);
    const ids = new Set(mod.list('banWhitelist', roomId).map((r) => r.subject));
    if (room?.creatorId) ids.add(room.creatorId);
    for (const admin of room?.admins ?? []) ids.add(admin);
    return [...ids];
  }

  /**
   * A resend that reached this node after the first send went through another one (cluster only):
   * the message sent first, or null.
   */
  async sentElsewhere(
    senderUserId: string,
    roomId: string,
    clientMessageId: string | undefined,
  ): Promise<WireMessage | null> {
    const presence = this.port.presence;
    if (!presence || clientMessageId === undefined) return null;
    if (this.port.findRoom(roomId)?.sentBefore(senderUserId, clientMessageId)) return null;
    return presence.claimSend(roomId, senderUserId, clientMessageId);
  }

  /**
   * Sends to the room. A socket send needs membership and the right to speak; the Server API
   * (`socket` null, `trusted`) needs neither. Returns the message, whether it was delivered now, and
   * `dropped` when load shedding dropped it (also on a resend of a dropped message).
   */
  send(
    socket: ChatroomSocket | null,
    roomId: string,
    input: ChatroomSendInput,
    trusted = false,
  ): { message: WireMessage; delivered: boolean; dropped?: ShedReason } {
    const bytes = contentBytes(input.content);
    if (bytes > Limits.MAX_MESSAGE_CONTENT_BYTES) {
      throw new DomainError(
        ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT,
        `content exceeds ${Limits.MAX_MESSAGE_CONTENT_BYTES} bytes`,
      );
    }
    // The rules private and group sends obey (URL schemes, known RC: types, required fields).
    validateContent(input.messageType, input.content);
    if (!trusted && SERVER_ONLY_TYPES.has(input.messageType)) {
      throw new DomainError(ErrorCode.BIZ_ERROR_INVALID_PARAMETER, `${input.messageType} is sent by the server only`);
    }
    input = { ...input, ...forcedFlags(input.messageType) };
    const room = this.port.room(roomId);
    // Without the bus nobody (not even this node's members) would get it: refuse, the client retries.
    if (!this.port.busReady())
      throw new DomainError(ErrorCode.BIZ_ERROR_DATABASE_ERROR, 'the cluster bus is unavailable; retry');
    if (!trusted) {
      this.port.member(room, input.senderUserId);
      // Fail closed: a gag this node could not read from the database must not let its member speak.
      if (!this.port.moderation.current)
        throw new StorageUnavailableError(new Error('the moderation lists could not be read'));
      if (!this.canSend(room, input.senderUserId))
        throw new DomainError(ErrorCode.FORBIDDEN_IN_CHATROOM, `muted in chatroom ${roomId}`);
    }
    if (input.clientMessageId !== undefined) {
      // A resend after a lost reply: answer with the first send (rebuilt from its record and the
      // resent content), deliver nothing again.
      const earlier = room.sentBefore(input.senderUserId, input.clientMessageId);
      if (earlier) {
        const message = chatroomMessage(roomId, input, earlier);
        return earlier.dropped
          ? { message, delivered: false, dropped: earlier.dropped }
          : { message, delivered: false };
      }
    }
    const sentTime = this.sentTimes.next();
    const message = {
      ...chatroomMessage(roomId, input, { messageUId: newMessageUId(sentTime), sentTime }),
      ...senderFields(room, input.senderUserId),
    };
    room.lastActive = this.port.clock.now();
    this.port.presence?.touch(roomId, room.lastActive);
    room.rememberSend(message, room.lastActive);
    if (input.clientMessageId !== undefined) this.port.presence?.recordSend(roomId, message);
    this.port.counters.messagesAccepted++;
    this.offlineRule(room);
    const dropped = this.shedder.admit(room, message, trusted);
    if (dropped) {
      room.markDropped(message, dropped);
      return { message, delivered: false, dropped };
    }
    if (!message.isStatusMessage) room.remember(message, bytes);
    if (this.port.config.historyEnabled && message.isPersisted)
      this.port.persist(null, (state) => state.saveMessage(message));
    this.deliver(room, message, socket ?? undefined, !message.isStatusMessage);
    this.port.accepted?.(room, message);
    return { message, delivered: true };
  }

  /** Serializes once; every node writes the same bytes to each of its member sockets. */
  deliver(room: Room, message: WireMessage, skip?: ChatroomSocket, remember = false): void {
    const frame: ChatroomPush = { push: 'chatroom', data: { type: 'message', message } };
    this.port.toRoom(room, JSON.stringify(frame), { skip, delivery: true, remember });
  }

  /**
   * The seeds' rule: an offline member is removed on the first message after `offlineKickMs`
   * offline, or on the `offlineKickMessages`-th message within that time; allowlisted users stay.
   */
  offlineRule(room: Room): void {
    if (room.offline.size === 0) return;
    const now = this.port.clock.now();
    const { offlineKickMs, offlineKickMessages } = this.port.config;
    for (const member of [...room.offline.values()]) {
      member.missed++;
      const due = now - member.offlineSince! >= offlineKickMs || member.missed >= offlineKickMessages;
      // Allowlisted users and permanent members (seeds 003) stay.
      if (
        !due ||
        room.permanent.has(member.userId) ||
        this.port.moderation.has('userWhitelist', room.id, member.userId)
      )
        continue;
      this.port.counters.offlineRemovals++;
      this.port.removeOffline(room, member.userId);
    }
  }

  /** Another node delivered a message in the room: it uses up the same shedding window (shedding.ts). */
  countRemoteDelivery(room: Room): void {
    this.shedder.countRemote(room);
  }

  /** History from storage (needs `historyEnabled`, seeds' 23414 otherwise) for members. */
  async history(
    userId: string,
    roomId: string,
    timestamp: number,
    count: number,
    order: 0 | 1,
  ): Promise<ChatroomHistoryReply> {
    if (!this.port.config.historyEnabled) {
      throw new DomainError(ErrorCode.CHATROOM_NOT_OPEN_HISTORYMSG_STORE, 'chatroom history storage is off');
    }
    this.port.member(this.port.room(roomId), userId);
    const ts = order === 0 && timestamp === 0 ? Number.MAX_SAFE_INTEGER : timestamp;
    await this.port.flushed();
    return this.port.history.history(roomId, ts, count, order);
  }

  /**
   * Recalls a message: the room gets an `RC:RcNtf` naming it, and the stored copy is replaced by
   * the notice (as the seeds' recall does). Members may recall their own messages; the creator
   * and admins anyone's; `operatorId` null = the Server API.
   */
  async recall(
    operatorId: string | null,
    roomId: string,
    messageUId: string,
    senderUserId?: string,
  ): Promise<WireMessage> {
    const room = this.port.room(roomId);
    let original = room.recent.find((m) => m.messageUId === messageUId);
    // In a cluster the message may have been sent through another node: the room's newest are in Redis.
    if (!original && this.port.presence)
      original = (await this.port.presence.recent(roomId, RECENT_MAX)).find((m) => m.messageUId === messageUId);
    if (!original) {
      await this.port.flushed();
      original = (await this.port.history.getMessage(messageUId)) ?? undefined;
    }
    if (!original || original.targetId !== roomId || original.messageType === MessageType.RECALL_MESSAGE_NOTIFICATION) {
      throw new DomainError(ErrorCode.RC_CHATROOM_PARAMETER_INVALID, `no message ${messageUId} in chatroom ${roomId}`);
    }
    if (operatorId !== null) {
      this.port.member(room, operatorId);
      const isModerator = room.creatorId === operatorId || room.admins.has(operatorId);
      if (original.senderUserId !== operatorId && !isModerator) {
        throw new DomainError(
          ErrorCode.RECALL_MESSAGE_USER_INVALID,
          'only the sender, the creator or an admin may recall',
        );
      }
    }
    const now = this.port.clock.now();
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
    this.port.presence?.forget(roomId, messageUId);
    const replaced = { ...original, messageType: MessageType.RECALL_MESSAGE_NOTIFICATION, content };
    this.port.persist(null, (state) => state.replaceMessage(messageUId, replaced));
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
    if (!this.port.config.historyEnabled || now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const before = now - this.port.config.historyRetentionMs;
    this.port.persist(null, (state) => state.prune(before));
  }
}

/** The wire message of a send: the input under the server's id and time. */
function chatroomMessage(
  roomId: string,
  input: ChatroomSendInput,
  ids: { messageUId: string; sentTime: number },
): WireMessage {
  return {
    messageUId: ids.messageUId,
    clientMessageId: input.clientMessageId ?? `srv-${newId(20)}`,
    conversationType: ConversationType.CHATROOM,
    targetId: roomId,
    senderUserId: input.senderUserId,
    messageType: input.messageType,
    content: input.content,
    sentTime: ids.sentTime,
    isPersisted: input.isStatusMessage ? false : input.isPersisted,
    isCounted: input.isStatusMessage ? false : input.isCounted,
    isStatusMessage: input.isStatusMessage,
    disableNotification: true,
  };
}
