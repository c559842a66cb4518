/**
 * Stored rows → wire shapes, shared by both engines (SQLite and PostgreSQL store the same columns:
 * flags as 0/1 integers, JSON as text, times as ms integers).
 */
import { ConversationType } from '../../src/protocol/enums.js';
import type { InboxItem, WireConversation, WireMessage } from '../../src/protocol/frames.js';
import type { WireMessageExtras } from '../../src/protocol/messaging.js';
import type { NewMessage } from './storage.js';

export interface MessageRow {
  id: number;
  message_uid: string;
  client_message_id: string;
  sender_user_id: string;
  conversation_type: number;
  target_id: string;
  message_type: string;
  content: string;
  sent_time: number;
  is_persisted: number;
  is_counted: number;
  disable_notification: number;
  /** Added in schema 2 (messaging): expansion flag, expansion JSON, directed recipients JSON. */
  can_include_expansion?: number | null;
  expansion?: string | null;
  directed?: string | null;
}

/** A conversation row joined with its latest message (columns prefixed `m_`). */
export interface ConversationRow {
  conversation_type: number;
  target_id: string;
  unread: number;
  updated_time: number;
  last_read_time: number;
  is_top: number;
  notification_level: number;
  has_mentioned: number;
  /** Schema 2. */
  mentioned_count?: number;
  draft: string;
  m_id: number | null;
  m_message_uid: string | null;
  m_client_message_id: string | null;
  m_sender_user_id: string | null;
  m_message_type: string | null;
  m_content: string | null;
  m_sent_time: number | null;
  m_is_persisted: number | null;
  m_is_counted: number | null;
  m_disable_notification: number | null;
  m_can_include_expansion?: number | null;
  m_expansion?: string | null;
  m_directed?: string | null;
}

/** An inbox row joined with its message, if any (message columns as in `MessageRow`). */
export interface InboxRow extends Partial<Omit<MessageRow, 'id' | 'conversation_type' | 'target_id'>> {
  seq: number;
  kind: string;
  message_id: number | null;
  conversation_type: number;
  target_id: string;
  timestamp: number;
  /** JSON of the item's fields for the messaging item kinds (schema 2). */
  payload?: string | null;
}

/** A message as the domain hands it → the row both engines insert. */
export function messageRowOf(message: NewMessage): Omit<MessageRow, 'id'> {
  return {
    message_uid: message.messageUId,
    client_message_id: message.clientMessageId,
    sender_user_id: message.senderUserId,
    conversation_type: message.conversationType,
    target_id: message.targetId,
    message_type: message.messageType,
    content: message.contentJson ?? JSON.stringify(message.content),
    sent_time: message.sentTime,
    is_persisted: message.isPersisted ? 1 : 0,
    is_counted: message.isCounted ? 1 : 0,
    disable_notification: message.disableNotification ? 1 : 0,
    can_include_expansion: message.canIncludeExpansion ? 1 : 0,
    expansion: message.canIncludeExpansion && message.expansion ? JSON.stringify(message.expansion) : null,
    directed: message.directedUserIds ? JSON.stringify(message.directedUserIds) : null,
  };
}

/** A message row's columns in the order both engines' insert statements take them (channel included). */
export function messageInsertParams(row: Omit<MessageRow, 'id'>): Array<string | number | null> {
  return [
    row.message_uid,
    row.client_message_id,
    row.sender_user_id,
    row.conversation_type,
    row.target_id,
    channelOf(row.conversation_type, row.sender_user_id, row.target_id),
    row.message_type,
    row.content,
    row.sent_time,
    row.is_persisted,
    row.is_counted,
    row.disable_notification,
    row.can_include_expansion ?? null,
    row.expansion ?? null,
    row.directed ?? null,
  ];
}

/** The private channel key is the same from both sides; '|' cannot occur in ids. */
export function channelOf(conversationType: number, userId: string, targetId: string): string {
  // System conversations are their own channel, apart from the two users' private chat.
  if (conversationType === ConversationType.SYSTEM)
    return userId < targetId ? `s:${userId}|${targetId}` : `s:${targetId}|${userId}`;
  if (conversationType !== ConversationType.GROUP)
    return userId < targetId ? `p:${userId}|${targetId}` : `p:${targetId}|${userId}`;
  return `g:${targetId}`;
}

/** The message from a viewer's side: in private chats targetId is the other user. */
export function viewTargetId(
  row: Pick<MessageRow, 'conversation_type' | 'sender_user_id' | 'target_id'>,
  viewer: string,
): string {
  if (row.conversation_type === ConversationType.GROUP) return row.target_id;
  return row.sender_user_id === viewer ? row.target_id : row.sender_user_id;
}

/**
 * A stored message in wire shape. `content`: the row's content already decoded, when the caller has
 * it (a message just stored: the object it encoded), to save decoding it again.
 */
export function toWireMessage(
  row: Omit<MessageRow, 'id'>,
  targetId: string,
  content?: Record<string, unknown>,
): WireMessage {
  return {
    messageUId: row.message_uid,
    clientMessageId: row.client_message_id,
    conversationType: row.conversation_type as ConversationType,
    targetId,
    senderUserId: row.sender_user_id,
    messageType: row.message_type,
    content: content ?? (JSON.parse(row.content) as Record<string, unknown>),
    sentTime: row.sent_time,
    isPersisted: row.is_persisted === 1,
    isCounted: row.is_counted === 1,
    isStatusMessage: false,
    disableNotification: row.disable_notification === 1,
    ...messageExtras(row),
  };
}

/** Expansion and directed recipients, present only when set (keeps old wire shapes unchanged). */
function messageExtras(row: Pick<MessageRow, 'can_include_expansion' | 'expansion' | 'directed'>): WireMessageExtras {
  const extras: WireMessageExtras = {};
  if (row.can_include_expansion === 1) {
    extras.canIncludeExpansion = true;
    extras.expansion = row.expansion ? (JSON.parse(row.expansion) as Record<string, string>) : null;
  }
  if (row.directed) extras.directedUserIds = JSON.parse(row.directed) as string[];
  return extras;
}

export function toInboxItem(row: InboxRow): InboxItem {
  const conversationType = row.conversation_type as ConversationType;
  if (row.kind === 'read') {
    return { seq: row.seq, type: 'read', conversationType, targetId: row.target_id, timestamp: row.timestamp };
  }
  if (row.kind !== 'message') {
    const fields = row.payload ? (JSON.parse(row.payload) as object) : {};
    return { ...fields, seq: row.seq, type: row.kind, conversationType, targetId: row.target_id } as InboxItem;
  }
  return { seq: row.seq, type: 'message', message: toWireMessage(row as Omit<MessageRow, 'id'>, row.target_id) };
}

export function emptyConversation(conversationType: ConversationType, targetId: string): WireConversation {
  return {
    conversationType,
    targetId,
    unreadMessageCount: 0,
    latestMessage: null,
    updatedTime: 0,
    lastReadTime: 0,
    isTop: false,
    notificationLevel: 0,
    hasMentioned: false,
    draft: '',
  };
}

export function toWireConversation(row: ConversationRow): WireConversation {
  const latest =
    row.m_id === null
      ? null
      : toWireMessage(
          {
            message_uid: row.m_message_uid!,
            client_message_id: row.m_client_message_id!,
            sender_user_id: row.m_sender_user_id!,
            conversation_type: row.conversation_type,
            target_id: row.target_id,
            message_type: row.m_message_type!,
            content: row.m_content!,
            sent_time: row.m_sent_time!,
            is_persisted: row.m_is_persisted!,
            is_counted: row.m_is_counted!,
            disable_notification: row.m_disable_notification!,
            can_include_expansion: row.m_can_include_expansion ?? 0,
            expansion: row.m_expansion ?? null,
            directed: row.m_directed ?? null,
          },
          row.target_id,
        );
  return conversationOf(row.conversation_type, row.target_id, row, latest);
}

/** A conversation row's own columns, as an upsert returns them (no join). */
export type ConversationState = Pick<
  ConversationRow,
  | 'unread'
  | 'updated_time'
  | 'last_read_time'
  | 'is_top'
  | 'notification_level'
  | 'has_mentioned'
  | 'mentioned_count'
  | 'draft'
> & { user_id: string; latest_message_id: number | null };

/** A conversation's wire shape from its own columns and its latest message (already in wire shape). */
export function conversationOf(
  conversationType: number,
  targetId: string,
  state: Omit<ConversationState, 'user_id' | 'latest_message_id'>,
  latest: WireMessage | null,
): WireConversation {
  // One literal (in emptyConversation's key order) rather than a spread: this runs for every recipient of every send.
  return {
    conversationType: conversationType as ConversationType,
    targetId,
    unreadMessageCount: state.unread,
    latestMessage: latest,
    updatedTime: state.updated_time,
    lastReadTime: state.last_read_time,
    isTop: state.is_top === 1,
    notificationLevel: state.notification_level,
    hasMentioned: state.has_mentioned === 1,
    draft: state.draft,
    mentionedCount: state.mentioned_count ?? 0,
  };
}

/** SELECT list for a conversation joined with its latest message. */
export const CONVERSATION_COLUMNS = `c.conversation_type, c.target_id, c.unread, c.updated_time, c.last_read_time,
  c.is_top, c.notification_level, c.has_mentioned, c.mentioned_count, c.draft, m.id AS m_id, m.message_uid AS m_message_uid,
  m.client_message_id AS m_client_message_id, m.sender_user_id AS m_sender_user_id,
  m.message_type AS m_message_type, m.content AS m_content, m.sent_time AS m_sent_time,
  m.is_persisted AS m_is_persisted, m.is_counted AS m_is_counted,
  m.disable_notification AS m_disable_notification, m.can_include_expansion AS m_can_include_expansion,
  m.expansion AS m_expansion, m.directed AS m_directed`;
