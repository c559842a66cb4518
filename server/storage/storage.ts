/**
 * The storage contract of the chat domain, implemented on SQLite (`sqlite.ts`, the embedded default)
 * and on PostgreSQL (`pg-storage.ts`, several nodes on one database); `open.ts` picks one, and
 * `test/server/storage-contract.test.ts` holds both to the same assertions. Every method that changes
 * state is atomic: it either happens entirely or not at all, and it is durable when its promise
 * resolves. Inbox seqs are per user, gap-free and unique, also with several writers.
 */
import type { ConversationType } from '../../src/protocol/enums.js';
import type { InboxItem, WireConversation, WireMessage } from '../../src/protocol/frames.js';
import type { PushStorage } from './push-storage.js';
import type { AbuseStorage } from './abuse-storage.js';
import type { MessagingStorage } from './messaging-storage.js';
import type { ModerationKey, ModerationStorage } from './moderation-storage.js';

/** A message as the domain hands it to storage (sender's side; `targetId` as sent). */
export interface NewMessage {
  messageUId: string;
  clientMessageId: string;
  conversationType: ConversationType;
  /** Private: the recipient user; group: the group id. */
  targetId: string;
  senderUserId: string;
  messageType: string;
  content: Record<string, unknown>;
  /** `content` as JSON when the caller has already encoded it (exactly `JSON.stringify(content)`). */
  contentJson?: string;
  sentTime: number;
  isPersisted: boolean;
  isCounted: boolean;
  disableNotification: boolean;
  canIncludeExpansion?: boolean;
  expansion?: Record<string, string>;
  /** Directed group message: its only recipients besides the sender. */
  directedUserIds?: string[];
}

/** One user whose inbox gets the message. */
export interface Delivery {
  userId: string;
  /** Whether the message raises this user's unread count (counted, persisted, from someone else). */
  countUnread: boolean;
  /** Whether the message @-mentions this user (raises hasMentioned when counted). */
  mentioned?: boolean;
}

/** What an inbox append did for one user. */
export interface Appended {
  userId: string;
  item: InboxItem;
  /** The user's conversation as it is after the append. */
  conversation: WireConversation;
}

/** Result of `appendMessage`. */
export interface AppendResult {
  /** The stored message from the sender's side (the earlier one when `duplicate`). */
  message: WireMessage;
  /** True when (senderUserId, clientMessageId) was already stored: nothing was written. */
  duplicate: boolean;
  appended: Appended[];
}

/** A send `appendMessageUnlessRefused` refused: the live moderation entries among its keys. */
export interface Refused {
  refusedBy: ModerationKey[];
}

/** A user's inbox page. */
export interface InboxPage {
  items: InboxItem[];
  lastSeq: number;
  hasMore: boolean;
}

/** Identifies one user's conversation. */
export interface ConversationKey {
  conversationType: ConversationType;
  targetId: string;
}

/** getConversationList paging. */
export interface ConversationQuery {
  count: number;
  startTime: number;
  order: 0 | 1;
}

/** getHistoryMessages paging (timestamp already resolved: never 0 for order 0). */
export interface HistoryQuery extends ConversationKey {
  timestamp: number;
  count: number;
  order: 0 | 1;
  /** Only messages sent after this time (exclusive): the start of the reader's membership. */
  after?: number;
}

/** One member's current membership period of a group. */
export interface GroupMembership {
  /** When this membership began (a message-time mark: every earlier message is older). */
  joinedTime: number;
  /** When this incarnation of the group was created (a re-created group starts again). */
  createdTime: number;
  /** The group's own "new members read earlier history" setting; null = the app's default. */
  historyBeforeJoin: boolean | null;
}

export interface GroupRecord {
  id: string;
  name: string;
}

/** A user as the app registered her (`/user/getToken.json`). */
export interface UserRecord {
  id: string;
  name: string;
  portraitUri: string;
}

/** Everything the domain needs from persistence. */
export interface Storage {
  /** Creates or updates a user's profile. */
  upsertUser(user: { id: string; name: string; portraitUri: string }, now: number): Promise<void>;
  /** The user's registered name and portrait; null for a user the app never registered. */
  getUser(userId: string): Promise<UserRecord | null>;

  getGroup(groupId: string): Promise<GroupRecord | null>;
  isGroupMember(groupId: string, userId: string): Promise<boolean>;
  /** The user's current membership period of the group, null when not a member. */
  groupMembership(groupId: string, userId: string): Promise<GroupMembership | null>;
  groupMemberIds(groupId: string): Promise<string[]>;
  /** The groups the user is a member of, by id. */
  userGroups(userId: string): Promise<GroupRecord[]>;
  /** Adds members, creating the group when it does not exist; a non-empty name renames it. */
  joinGroup(groupId: string, name: string, userIds: string[], now: number): Promise<void>;
  quitGroup(groupId: string, userIds: string[]): Promise<void>;
  /** Sets the group's "new members read earlier history" (null = the app's default); false when no such group. */
  setGroupHistoryBeforeJoin(groupId: string, value: boolean | null): Promise<boolean>;
  /** Deletes the group and its memberships; false when there was no such group. */
  dismissGroup(groupId: string): Promise<boolean>;

  /** The newest stored sentTime (0 when empty), so message times never go backwards on restart. */
  maxSentTime(): Promise<number>;

  /**
   * In one transaction: store the message (unless (sender, clientMessageId) exists), append one
   * item with the next seq to each delivery's inbox, and update each user's conversation.
   */
  appendMessage(message: NewMessage, deliveries: Delivery[]): Promise<AppendResult>;

  /**
   * `appendMessage`, unless one of `refuseIf` has a live entry at `now`: then nothing is written
   * (not even for a resend) and the result names the live ones. Checked inside the append's
   * transaction, so the send is refused by the moderation as it is when it commits. Engines on which
   * that read costs more than a read before the append leave this out, and the domain reads first.
   */
  appendMessageUnlessRefused?(
    message: NewMessage,
    deliveries: Delivery[],
    refuseIf: ModerationKey[],
    now: number,
  ): Promise<AppendResult | Refused>;

  /**
   * Marks a conversation read up to `timestamp` for a user, recomputes unread, and appends a
   * `read` item to the user's own inbox, in one transaction.
   */
  markRead(userId: string, key: ConversationKey, timestamp: number): Promise<Appended>;

  /** Items with seq > since, in order, at most `limit`. */
  readInbox(userId: string, since: number, limit: number): Promise<InboxPage>;
  lastSeq(userId: string): Promise<number>;

  /** Current snapshots of the given conversations (empty ones for unknown keys). */
  getConversations(userId: string, keys: ConversationKey[]): Promise<WireConversation[]>;
  /** Conversations with at least one message, newest first. */
  listConversations(userId: string, query: ConversationQuery): Promise<WireConversation[]>;
  /** Persisted messages of one of the user's conversations, oldest first. */
  history(userId: string, query: HistoryQuery): Promise<{ list: WireMessage[]; hasMore: boolean }>;

  /** Recall, deletes, conversation state, receipts, expansion, tags and media. */
  readonly messaging: MessagingStorage;

  /** Token revocations and per-user media accounting. */
  readonly abuse: AbuseStorage;

  /** Web Push subscriptions. */
  readonly push: PushStorage;
  /** Blacklists, mutes and sensitive words. */
  readonly moderation: ModerationStorage;

  close(): Promise<void>;
}
