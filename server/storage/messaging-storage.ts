/**
 * The storage contract of the messaging features. Every mutating method is atomic and appends the
 * inbox items that tell the affected users (and their other devices) in the same transaction.
 */
import type { ConversationType } from '../../src/protocol/enums.js';
import type { WireConversation, WireMessage } from '../../src/protocol/frames.js';
import type {
  ConversationTagInfo,
  MessagingInboxItem,
  ReadReceiptInfo,
  TagInfo,
} from '../../src/protocol/messaging.js';
import type { Appended, ConversationKey } from './storage.js';

/** A stored message as its sender sees it, with its row id. */
export interface StoredMessage {
  id: number;
  message: WireMessage;
}

/** An inbox item before it gets its seq (distributes over the item kinds). */
export type NewItem = MessagingInboxItem extends infer I ? (I extends { seq: number } ? Omit<I, 'seq'> : never) : never;

/** Conversation fields a user sets for themselves. */
export interface ConversationPatch {
  draft?: string;
  isTop?: boolean;
  notificationLevel?: number;
}

export interface MediaRecord {
  id: string;
  userId: string;
  name: string;
  type: string;
  size: number;
  createdTime: number;
}

export interface MessagingStorage {
  findMessage(messageUId: string): Promise<StoredMessage | null>;
  /**
   * Replaces the message with `notice` (type and content), takes it out of unread counts, and
   * appends a `recall` item for each of `userIds` (participants, the sender included).
   */
  recall(
    messageId: number,
    notice: { messageType: string; content: Record<string, unknown> },
    userIds: string[],
  ): Promise<Appended[]>;
  /** Hides messages from one user's history; recomputes their latest message. */
  deleteMessages(userId: string, key: ConversationKey, messageIds: number[], messageUIds: string[]): Promise<Appended>;
  /** Hides one user's messages up to `timestamp` (inclusive). */
  clearHistory(userId: string, key: ConversationKey, timestamp: number): Promise<Appended>;
  /** Removes the conversation from one user's list (history stays). */
  removeConversation(userId: string, key: ConversationKey): Promise<Appended>;
  /** Null when nothing changed (then no item is appended). */
  setConversationState(userId: string, key: ConversationKey, patch: ConversationPatch): Promise<Appended | null>;
  getConversation(userId: string, key: ConversationKey): Promise<WireConversation>;
  totalUnread(userId: string, includeMuted: boolean, types: ConversationType[] | undefined): Promise<number>;
  mentionedCount(userId: string): Promise<number>;
  /** The user's conversations whose do-not-disturb level is above 0 (muted in some way), newest first. */
  mutedConversations(userId: string): Promise<ConversationKey[]>;
  firstUnread(userId: string, key: ConversationKey): Promise<{ messageUId: string; sentTime: number } | null>;
  /** Appends items (no other change) and returns them with the conversations they touch. */
  appendItems(items: Array<{ userId: string; item: NewItem }>): Promise<Appended[]>;

  requestReceipt(messageId: number, now: number): Promise<void>;
  /** Group messages with a receipt request, not sent by `userId` and not yet read by them. */
  pendingReceipts(groupId: string, userId: string, max: number): Promise<StoredMessage[]>;
  /** Records reads; returns the ids that were not recorded before. */
  recordReads(messageIds: number[], userId: string, now: number): Promise<number[]>;
  hasReceiptRequest(messageId: number): Promise<boolean>;
  readers(messageId: number): Promise<Array<{ userId: string; readTime: number }>>;
  /** Receipt state of the requested messages among `messageUIds`, from `viewer`'s side. */
  receiptInfo(messageUIds: string[], viewer: string): Promise<Map<string, ReadReceiptInfo>>;
  /** The newest sentTime `peerId` confirmed reading in their private conversation with `userId` (0 = none). */
  peerReadTime(userId: string, peerId: string): Promise<number>;

  /** Writes a message's whole expansion and appends `expansion` items, atomically. */
  setExpansion(
    messageId: number,
    expansion: Record<string, string>,
    items: Array<{ userId: string; item: NewItem }>,
  ): Promise<Appended[]>;

  tags(userId: string): Promise<TagInfo[]>;
  /** Creates (`create`) or renames a tag, or removes it with its conversation links. */
  writeTag(
    userId: string,
    op: 'create' | 'rename' | 'remove',
    tagId: string,
    tagName: string,
    now: number,
  ): Promise<Appended>;
  /** Adds or removes tag links; adding beyond `maxPerTag` drops the oldest links of that tag. */
  linkTags(
    userId: string,
    op: 'add' | 'remove',
    links: Array<{ tagId: string; key: ConversationKey }>,
    now: number,
    maxPerTag: number,
  ): Promise<Appended>;
  setTopInTag(userId: string, tagId: string, key: ConversationKey, isTop: boolean): Promise<Appended | null>;
  tagsOfConversation(userId: string, key: ConversationKey): Promise<ConversationTagInfo[]>;
  conversationsInTag(
    userId: string,
    tagId: string,
    count: number,
    startTime: number,
  ): Promise<Array<WireConversation & { isTopInTag: boolean }>>;
  unreadInTag(userId: string, tagId: string, containMuted: boolean): Promise<number>;

  addMedia(record: MediaRecord): Promise<void>;
  getMedia(id: string): Promise<MediaRecord | null>;
}
