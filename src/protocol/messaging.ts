/**
 * The messaging part of the wire contract: recall, deletes, drafts, pin, do-not-disturb, unread,
 * read receipts, expansion and tags. Ops here are spread into `RequestSchemas` (frames.ts); their
 * inbox items extend the `InboxItem` union. Every item below is stored with the user's next seq,
 * so a user's other devices (online or later) apply it in order; each push also carries the
 * current snapshot of the conversation it touches.
 */
import * as v from 'valibot';
import { ConversationType } from './constants.js';
import type { WireMessage } from './frames.js';
import { ID_PATTERN } from './constants.js';
import { MessagingLimits, NotificationLevel } from './constants.js';

export {
  EXPANSION_KEY_PATTERN,
  MessagingLimits,
  NotificationLevel,
  UPLOAD_IMAGE_TYPES,
  UPLOAD_MAX_BYTES_DEFAULT,
} from './constants.js';
export { MEDIA_PATH_PREFIX, UPLOAD_PATH } from './constants.js';

const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'must be 1–64 letters, digits or _-=+.@:'));
const uid = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const time = v.pipe(v.number(), v.integer(), v.minValue(0));
const key = {
  conversationType: v.picklist([ConversationType.PRIVATE, ConversationType.GROUP, ConversationType.SYSTEM]),
  targetId: id,
};
const conversationKey = v.object(key);
const tagId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_\-=+.@:]{1,64}$/, 'must be 1–64 letters, digits or _-=+.@:'));
const tagName = v.pipe(v.string(), v.minLength(1), v.maxLength(MessagingLimits.TAG_NAME_MAX));
// Lists of conversations are checked for size by the domain (34013), not by the schema.
const conversationList = v.pipe(v.array(conversationKey), v.minLength(1), v.maxLength(10_000));

/** Extra fields of `sendMessage` (spread into its schema). */
export const SendMessageExtraFields = {
  canIncludeExpansion: v.optional(v.boolean(), false),
  expansion: v.optional(v.record(v.string(), v.string())),
  /** Group only: deliver to these members (and the sender) instead of the whole group. */
  directionalUserIdList: v.optional(v.pipe(v.array(id), v.maxLength(1000))),
};

/** Request schemas of the messaging ops, by op. */
export const MessagingRequestSchemas = {
  recallMessage: v.object({
    ...key,
    messageUId: uid,
    sentTime: time,
    extra: v.optional(v.pipe(v.string(), v.maxLength(1024))),
    disableNotification: v.optional(v.boolean(), false),
    isDelete: v.optional(v.boolean(), false),
  }),
  deleteMessages: v.object({
    ...key,
    messages: v.pipe(
      v.array(
        v.object({ messageUId: uid, sentTime: v.optional(time), messageDirection: v.optional(v.picklist([1, 2])) }),
      ),
      v.minLength(1),
      v.maxLength(MessagingLimits.DELETE_MESSAGES_MAX),
    ),
  }),
  clearHistoryMessages: v.object({ ...key, timestamp: time }),
  removeConversation: conversationKey,
  getConversation: conversationKey,
  /** Seeds 5.9.9: up to 100 conversations at once; groups the caller is not in are left out. */
  getConversations: v.object({
    conversations: v.pipe(v.array(conversationKey), v.minLength(1), v.maxLength(MessagingLimits.GET_CONVERSATIONS_MAX)),
  }),
  /** Seeds: every conversation whose do-not-disturb level is above 0. */
  getBlockedConversationList: v.object({}),
  saveTextMessageDraft: v.object({ ...key, draft: v.pipe(v.string(), v.maxLength(MessagingLimits.DRAFT_MAX_LENGTH)) }),
  setConversationToTop: v.object({ ...key, isTop: v.optional(v.boolean(), true) }),
  setConversationNotificationLevel: v.object({
    ...key,
    notificationLevel: v.picklist(Object.values(NotificationLevel) as NotificationLevel[]),
  }),
  getTotalUnreadCount: v.object({
    includeMuted: v.optional(v.boolean(), false),
    conversationTypes: v.optional(v.array(v.picklist([ConversationType.PRIVATE, ConversationType.GROUP]))),
  }),
  getAllUnreadMentionedCount: v.object({}),
  getFirstUnreadMessageInfo: conversationKey,
  sendReadReceiptMessage: v.object({ targetId: id, messageUId: uid, timestamp: time }),
  sendReadReceiptRequest: v.object({ targetId: id, messageUId: uid }),
  sendReadReceiptResponseV2: v.object({
    targetId: id,
    messageList: v.optional(v.record(id, v.pipe(v.array(uid), v.maxLength(100)))),
  }),
  getMessageReader: v.object({ targetId: id, messageUId: uid }),
  /** Parley: how far the peer of a private conversation has read the caller's messages. */
  getPeerReadTime: v.object({ targetId: id }),
  /** Parley: the group read receipt state of up to 100 messages of one group (`readReceiptInfo`). */
  getReadReceiptInfo: v.object({ targetId: id, messageUIds: v.pipe(v.array(uid), v.minLength(1), v.maxLength(100)) }),
  updateMessageExpansion: v.object({ ...key, messageUId: uid, expansion: v.record(v.string(), v.string()) }),
  removeMessageExpansionForKey: v.object({
    ...key,
    messageUId: uid,
    keys: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(300)),
  }),
  addTag: v.object({ tagId, tagName }),
  updateTag: v.object({ tagId, tagName }),
  removeTag: v.object({ tagId }),
  getTags: v.object({}),
  addConversationsToTag: v.object({ tagId, conversations: conversationList }),
  removeConversationsFromTag: v.object({ tagId, conversations: conversationList }),
  removeTagFromConversations: v.object({ tagId, conversations: conversationList }),
  removeTagsFromConversation: v.object({ ...key, tagIds: v.pipe(v.array(tagId), v.minLength(1), v.maxLength(20)) }),
  getTagsFromConversation: conversationKey,
  getConversationsFromTagByPage: v.object({
    tagId,
    count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 20),
    startTime: v.optional(time, 0),
  }),
  getUnreadCountByTag: v.object({ tagId, containMuted: v.optional(v.boolean(), false) }),
  setConversationToTopInTag: v.object({ tagId, ...key, isTop: v.boolean() }),
  addToBlacklist: v.object({ userId: id }),
  removeFromBlacklist: v.object({ userId: id }),
  getBlacklist: v.object({}),
  getBlacklistStatus: v.object({ userId: id }),
} as const;

/** Fields every message may carry beyond the base contract. */
export interface WireMessageExtras {
  /** Whether expansion may be set on the message (fixed at send time). */
  canIncludeExpansion?: boolean;
  expansion?: Record<string, string> | null;
  /** Directed group message: its only recipients (besides the sender). */
  directedUserIds?: string[];
  /** Group history only, for messages with a receipt request (seeds ≥ 5.9.4). */
  readReceiptInfo?: ReadReceiptInfo;
}

/** Group read receipt state of a message, from the viewer's side. */
export interface ReadReceiptInfo {
  isReceiptRequestMessage: boolean;
  /** Whether the viewer has responded (always true for the sender). */
  hasRespond: boolean;
  /** Parley: how many members have responded. */
  readCount: number;
}

/** Fields every conversation may carry beyond the base contract. */
export interface WireConversationExtras {
  /** Unread @ messages for this user (cleared with unread). */
  mentionedCount?: number;
}

interface Keyed {
  seq: number;
  conversationType: ConversationType;
  targetId: string;
}

/**
 * Inbox items of the messaging features. Conversation-less items (`tag`, `conversationTag`) use
 * `conversationType: 0` and `targetId: ''`.
 */
export type MessagingInboxItem =
  /** A message was recalled; `message` is the `RC:RcNtf` that replaces it. */
  | (Keyed & { type: 'recall'; messageUId: string; message: WireMessage })
  /** The user deleted messages for themselves. */
  | (Keyed & { type: 'delete'; messageUIds: string[] })
  /** The user cleared history up to `timestamp` (inclusive). */
  | (Keyed & { type: 'clear'; timestamp: number })
  /** The user removed the conversation from their list. */
  | (Keyed & { type: 'remove' })
  /** Draft, pin or do-not-disturb changed; the pushed conversation has the new state. */
  | (Keyed & { type: 'state' })
  /** Private read receipt: `targetId` (the reader) read up to `sentTime`. */
  | (Keyed & { type: 'readReceipt'; messageUId: string; sentTime: number })
  /** Group read receipt request from the sender of `messageUId`. */
  | (Keyed & { type: 'receiptRequest'; messageUId: string; senderUserId: string })
  /** Group read receipt response: `readerUserId` read these messages of yours. */
  | (Keyed & { type: 'receiptResponse'; messageUIds: string[]; readerUserId: string })
  /** Expansion of a message changed. */
  | (Keyed & { type: 'expansion'; messageUId: string; updated?: Record<string, string>; deleted?: string[] })
  /** The tag list changed (on another device). */
  | (Keyed & { type: 'tag' })
  /** Tags of conversations changed (on another device). */
  | (Keyed & { type: 'conversationTag' });

export interface TagInfo {
  tagId: string;
  tagName: string;
  conversationCount: number;
  createdTime: number;
}
export interface ConversationTagInfo {
  tagId: string;
  tagName: string;
  isTop: boolean;
}

/** Reply data of the messaging ops. */
export interface MessagingReplyData {
  recallMessage: { message: WireMessage };
  deleteMessages: Record<string, never>;
  clearHistoryMessages: Record<string, never>;
  removeConversation: Record<string, never>;
  getConversation: { conversation: import('./frames.js').WireConversation };
  getConversations: { list: Array<import('./frames.js').WireConversation> };
  getBlockedConversationList: { list: Array<import('./frames.js').WireConversation> };
  saveTextMessageDraft: Record<string, never>;
  setConversationToTop: Record<string, never>;
  setConversationNotificationLevel: Record<string, never>;
  getTotalUnreadCount: { count: number };
  getAllUnreadMentionedCount: { count: number };
  getFirstUnreadMessageInfo: { info: { messageUId: string; sentTime: number } | null };
  sendReadReceiptMessage: Record<string, never>;
  sendReadReceiptRequest: Record<string, never>;
  sendReadReceiptResponseV2: Record<string, never>;
  getMessageReader: { totalCount: number; list: Array<{ userId: string; readTime: number }> };
  /** `readTime`: the sentTime of the newest message the peer confirmed reading (0 = none). */
  getPeerReadTime: { readTime: number };
  /** Keyed by messageUId; messages without a receipt request are left out. */
  getReadReceiptInfo: { readReceiptInfo: Record<string, ReadReceiptInfo> };
  updateMessageExpansion: Record<string, never>;
  removeMessageExpansionForKey: Record<string, never>;
  addTag: Record<string, never>;
  updateTag: Record<string, never>;
  removeTag: Record<string, never>;
  getTags: { list: TagInfo[] };
  addConversationsToTag: Record<string, never>;
  removeConversationsFromTag: Record<string, never>;
  removeTagFromConversations: Record<string, never>;
  removeTagsFromConversation: Record<string, never>;
  getTagsFromConversation: { list: ConversationTagInfo[] };
  getConversationsFromTagByPage: { list: Array<import('./frames.js').WireConversation & { isTopInTag: boolean }> };
  getUnreadCountByTag: { count: number };
  setConversationToTopInTag: Record<string, never>;
  addToBlacklist: Record<string, never>;
  removeFromBlacklist: Record<string, never>;
  /** The caller's blacklist, oldest first. */
  getBlacklist: { userIds: string[] };
  /** `BlacklistStatus`: 0 = in the caller's blacklist, 1 = not. */
  getBlacklistStatus: { status: 0 | 1 };
}

/** Reply of `POST /upload`. */
export interface UploadReply {
  code: number;
  msg?: string;
  /** Relative URL of the stored file, e.g. `/media/01H...`; absolute in the client's `onComplete`. */
  url?: string;
  name?: string;
  size?: number;
  type?: string;
}
