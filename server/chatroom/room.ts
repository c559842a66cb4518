/**
 * One chatroom lifetime as this node sees it: its members on this node (sockets), recent messages,
 * and a cache of the durable state (attributes, roles, queue; the database has the truth).
 */
import type {
  ChatroomDropReason,
  ChatroomEventPayload,
  ChatroomPush,
  WireChatroomEntry,
} from '../../src/protocol/chatroom.js';
import type { ChatroomMemberInfo } from '../../src/protocol/chatroom-profile.js';
import type { WireMessage } from '../../src/protocol/frames.js';

/** What the chatroom code needs from a gateway socket. */
export interface ChatroomSocket {
  readonly userId: string | null;
  /** Sends an already serialized frame. */
  pushText(text: string): void;
  /**
   * Sends a room broadcast: UTF-8 bytes shared by every member (encoded once, not per socket), as a
   * text frame. The gateway may hold it to the end of the event-loop turn to batch it with others.
   */
  pushShared(bytes: Buffer): void;
}

/** A mic-queue entry: its value, its owner ('' = the app) and whether it leaves with the owner. */
export interface QueueItem {
  value: string;
  userId: string;
  transient: boolean;
}

/** One user in a room; several of their devices may have joined. */
export interface Member {
  userId: string;
  joinTime: number;
  sockets: Set<ChatroomSocket>;
  /** When the last joined device went away; null while online. */
  offlineSince: number | null;
  /** Messages in the room since going offline (the seeds' "31st message" rule). */
  missed: number;
}

/** Messages kept for the join reply (the seeds' maximum join count)... */
export const RECENT_MAX = 50;
/** ...and at most this many bytes of their content (50 messages of 128 KB would be 6.4 MB per room). */
export const RECENT_BYTES_MAX = 512 * 1024;
/** Recent sends remembered per room so a client's resend is answered, not delivered twice... */
export const SENT_IDS_MAX = 1000;
/** ...for this long (a resend comes within the client's reconnect, not hours later). */
export const SENT_IDS_TTL_MS = 10 * 60_000;

/**
 * What a room keeps of a send for resends: ids and times, never the content (the resend carries
 * it again), so the dedup of a busy room costs about 100 bytes a send, not up to 128 KB.
 */
export interface SentRecord {
  messageUId: string;
  sentTime: number;
  /** When it was remembered (the clock's time; `sentTime` may run ahead of it in a burst). */
  at: number;
  /** Set when load shedding dropped the message (a resend is told again). */
  dropped?: ChatroomDropReason;
}

/** One lifetime of a room id. */
export class Room {
  readonly members = new Map<string, Member>();
  /** Members whose devices are all gone; checked on every message (offline rule). */
  readonly offline = new Map<string, Member>();
  readonly recent: WireMessage[] = [];
  readonly entries = new Map<string, WireChatroomEntry>();
  /** Roles (seeds 003): the creator, administrators and permanent members. */
  creatorId = '';
  readonly admins = new Set<string>();
  readonly permanent = new Set<string>();
  /** The mic-slot queue: ordered key → entry (value, owner, transient). */
  readonly queue = new Map<string, QueueItem>();
  /** KV operations in the current second. */
  kvWindowStart = 0;
  kvWindowCount = 0;
  /** The profile besides the name (seeds 003; see profile.ts). A closed room admits nobody new. */
  announcement = '';
  broadcastUrl = '';
  ext = '';
  closed = false;
  /** Profiles in this room of the members this node holds (messages carry nick and avatar). */
  readonly memberInfos = new Map<string, ChatroomMemberInfo>();
  /** Recent member-profile changes per user (their rate limit). */
  readonly memberInfoChanges = new Map<string, number[]>();
  /** Members on all nodes (cluster: the last count Redis gave; one node: `members.size`). */
  clusterCount: number | null = null;

  constructor(
    readonly id: string,
    public name: string,
    public sessionId: string,
    readonly createdTime: number,
    public lastActive: number,
    /** Fixed destroy time (ms), or 0 for "when inactive". */
    public destroyAt = 0,
  ) {}

  /** Members in the whole room (all nodes). */
  get memberCount(): number {
    return this.clusterCount ?? this.members.size;
  }

  /** Sends one serialized frame to every joined socket on this node, except `skip`. */
  broadcast(text: string, skip?: ChatroomSocket): number {
    // UTF-8 once per message instead of once per socket (ws would encode a string on every send).
    const bytes = Buffer.from(text);
    let sent = 0;
    for (const member of this.members.values()) {
      for (const socket of member.sockets) {
        if (socket === skip) continue;
        socket.pushShared(bytes);
        sent++;
      }
    }
    return sent;
  }

  /** Sends by `sender\u0000clientMessageId`, oldest first (idempotent resends). */
  private readonly sentIds = new Map<string, SentRecord>();
  /** Content bytes of the messages in `recent`. */
  private readonly sizes = new WeakMap<WireMessage, number>();

  /** The earlier send of a resend, if it is still remembered. */
  sentBefore(senderUserId: string, clientMessageId: string): SentRecord | undefined {
    return this.sentIds.get(`${senderUserId}\u0000${clientMessageId}`);
  }

  /** Remembers a send; forgets the oldest beyond `SENT_IDS_MAX` and those older than `SENT_IDS_TTL_MS`. */
  rememberSend(message: WireMessage, now: number): void {
    const { messageUId, sentTime } = message;
    this.sentIds.set(`${message.senderUserId}\u0000${message.clientMessageId}`, { messageUId, sentTime, at: now });
    for (const [key, record] of this.sentIds) {
      if (this.sentIds.size <= SENT_IDS_MAX && now - record.at < SENT_IDS_TTL_MS) break;
      this.sentIds.delete(key);
    }
  }

  /** Load shedding dropped this message: a resend of it is told so. */
  markDropped(message: WireMessage, reason: ChatroomDropReason): void {
    const record = this.sentIds.get(`${message.senderUserId}\u0000${message.clientMessageId}`);
    if (record) record.dropped = reason;
  }

  /** Sends remembered for resends (tests, metrics). */
  get sentIdCount(): number {
    return this.sentIds.size;
  }

  /** Keeps the newest messages for join replies: at most `RECENT_MAX`, and `RECENT_BYTES_MAX` of content. */
  remember(message: WireMessage, contentBytes: number): void {
    this.recent.push(message);
    this.sizes.set(message, contentBytes);
    let bytes = 0;
    for (const m of this.recent) bytes += this.sizes.get(m) ?? 0;
    while (this.recent.length > RECENT_MAX || (bytes > RECENT_BYTES_MAX && this.recent.length > 1)) {
      bytes -= this.sizes.get(this.recent.shift()!) ?? 0;
    }
  }

  /**
   * Nobody here needs the room's messages any more (it emptied, or every member has been offline for
   * a while): frees the recent messages and the resend records. The room itself stays until destroyed.
   */
  releaseMemory(): void {
    this.recent.length = 0;
    this.sentIds.clear();
  }
}

/** Serializes one chatroom event push; `left` tells the socket it is no longer in that room. */
export function eventFrame(event: ChatroomEventPayload, left?: string): string {
  const frame: ChatroomPush = {
    push: 'chatroom',
    data: left ? { type: 'event', event, left } : { type: 'event', event },
  };
  return JSON.stringify(frame);
}
