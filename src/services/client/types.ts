/** Public types of the protocol client, named as in the IMLib docs. */
import type { ConversationType, MessageDirection } from '../../protocol/constants.js';
import type { DevicePlatform } from '../../protocol/constants.js';

/** Result of every async client call: `code` 0 is success. */
export interface IAsyncRes<T = void> {
  code: number;
  msg?: string;
  data?: T;
}

export interface IInitOption {
  appkey: string;
  /**
   * Base URL of the Parley server, e.g. `http://127.0.0.1:8080`; the WebSocket and upload URLs are
   * derived from it. Absent: the page's origin (a page the Parley server serves, or one behind the
   * same reverse proxy); in Node there is no default.
   */
  navi?: string;
  /** Milliseconds to wait for a reply before a call resolves with `ErrorCode.TIMEOUT` (default 15000). */
  timeout?: number;
  /** Reconnect backoff: first delay and cap in ms (defaults 500 and 5000, the seeds' interval). */
  reconnectMinDelay?: number;
  reconnectMaxDelay?: number;
  /** Parley: ms between heartbeat pings (default 25000); a ping unanswered within `timeout` drops the socket. */
  heartbeatInterval?: number;
  /**
   * Parley: the device platform this client counts as (`DevicePlatform`: `web` (default), `desktop`,
   * `mobile`, `miniprogram`). A server that limits sessions per platform ends the oldest session of
   * the same platform when this one connects (31010, status KICKED_OFFLINE_BY_OTHER_CLIENT).
   */
  platform?: DevicePlatform;
}

export interface IConversationOption {
  conversationType: ConversationType;
  targetId: string;
}

/** A message as the client hands it to the app (the seeds' `IReceivedMessage`). */
export interface IReceivedMessage {
  messageType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the seeds' `Object`: its shape depends on messageType, and apps read it directly
  content: any;
  senderUserId: string;
  targetId: string;
  channelId: string;
  conversationType: ConversationType;
  sentTime: number;
  receivedTime: number;
  messageUId: string;
  /** The client-generated id of the send (Parley: a string; the idempotency key). */
  messageId: string;
  messageDirection: MessageDirection;
  isPersisted: boolean;
  isCounted: boolean;
  isOfflineMessage: boolean;
  isMentioned: boolean;
  disableNotification: boolean;
  isStatusMessage: boolean;
  canIncludeExpansion: boolean;
  expansion: Record<string, string> | null;
  /** Directed group message: its recipients (seeds ≥ 5.9.6); absent otherwise. */
  directedUserIds?: string[];
  /** Group history: receipt state of a message with a receipt request (`{ isReceiptRequestMessage, hasRespond, readCount }`). */
  readReceiptInfo?: { isReceiptRequestMessage: boolean; hasRespond: boolean; readCount: number };
  /** Chatroom messages (seeds 003, CommsEase's names): the sender's nickname and avatar in the room, when set. */
  fromNick?: string;
  fromAvatar?: string;
  /** Parley: `SentStatus.SENDING` on the message handed to `onSendBefore`; absent otherwise. */
  sentStatus?: number;
  /**
   * Parley: on the result of sending a chatroom message that the server accepted but dropped under
   * load (load shedding; nobody received it): why, `'lowPriority'` or `'overCeiling'`. Absent otherwise.
   */
  dropped?: 'lowPriority' | 'overCeiling';
}

/** A conversation as the client hands it to the app (the seeds' `IReceivedConversation`). */
export interface IReceivedConversation {
  conversationType: ConversationType;
  targetId: string;
  channelId: string;
  unreadMessageCount: number;
  latestMessage: IReceivedMessage | null;
  hasMentioned: boolean;
  notificationLevel: number;
  isTop: boolean;
  lastUnreadTime: number;
  draft: string;
  /** Parley: time of the latest change, ms; lists sort by it. */
  updatedTime: number;
  /** Parley: time up to which the user has read, ms (set by the client; optional for hand-made objects). */
  lastReadTime?: number;
  /** Parley: unread @ messages for this user. */
  mentionedCount?: number;
}

/** The seeds' `IPushConfig`: how the offline push of a message looks (handed to the app's push webhook). */
export interface IPushConfig {
  /** Default: the sender's name (private), the group's name (group), none for custom types. */
  pushTitle?: string;
  pushContent?: string;
  pushData?: string;
  disablePushTitle?: boolean;
  forceShowDetailContent?: boolean;
  /** Platform settings, passed to the app's push service as they are. */
  iOSConfig?: Record<string, unknown>;
  androidConfig?: Record<string, unknown>;
}

export interface ISendMessageOptions {
  isStatusMessage?: boolean;
  disableNotification?: boolean;
  /** The offline push's text (default: the message's text, or its type's name). */
  pushContent?: string;
  /** Extra data for the app's push service (the seeds' "remote push additional information"). */
  pushData?: string;
  /** Marks the push as a VoIP call push. */
  isVoipPush?: boolean;
  pushConfig?: IPushConfig;
  /** Called with the message as it will be shown, before it goes out. */
  onSendBefore?: (message: IReceivedMessage) => void;
  /**
   * Resend: the `messageId` of the original send; the server stores it at most once. A number (the
   * seeds' type) is taken as its decimal string.
   */
  messageId?: string | number;
  /** Seeds: set for @ messages in groups (the server counts mentions from `content.mentionedInfo`). */
  isMentioned?: boolean;
  /** Whether the message may carry expansion (fixed at send time), and its initial pairs. */
  canIncludeExpansion?: boolean;
  expansion?: Record<string, string>;
  /** Group only: deliver to these members (and the sender's devices) only. */
  directionalUserIdList?: string[];
}

export interface IGetHistoryMessageOption {
  /** 0 = now. */
  timestamp?: number;
  /** 1–100, default 20. */
  count?: number;
  /** 0: older than timestamp, newest first in the scan, returned oldest→newest; 1: newer than timestamp. */
  order?: 0 | 1;
}

export interface IGetHistoryMessagesResult {
  /** Oldest first. */
  list: IReceivedMessage[];
  hasMore: boolean;
}

export interface IGetConversationListOption {
  count?: number;
  startTime?: number;
  order?: 0 | 1;
}

export interface IMessagesEvent {
  messages: IReceivedMessage[];
}

export interface IConversationEvent {
  conversationList: Array<{ conversation: IReceivedConversation }>;
}

export interface IConnectResult {
  userId: string;
}

/** A message to send: `TextMessage`, a registered custom message, or any object of this shape. */
export interface ISendableMessage {
  messageType: string;
  content: object;
  isPersisted?: boolean;
  isCounted?: boolean;
  isStatusMessage?: boolean;
}

/** The conversation named in receipt, expansion and delete events. */
export interface IEventConversation {
  conversationType: ConversationType;
  targetId: string;
  channelId: string;
}
export interface IReadReceiptReceivedEvent {
  conversation: IEventConversation;
  messageUid: string;
  sentTime: number;
}
export interface IMessageReceiptRequestEvent {
  conversation: IEventConversation;
  messageUid: string;
  senderUserId: string;
}
export interface IMessageReceiptResponseEvent {
  conversation: IEventConversation;
  receivedUserId: string;
  messageUidList: string[];
}
export interface IExpansionEvent {
  updatedExpansion?: { conversation: IEventConversation; messageUId: string; expansion: Record<string, string> };
  deletedExpansion?: { conversation: IEventConversation; messageUId: string; deletedKeys: string[] };
}
export interface IMessagesDeletedEvent {
  conversation: IEventConversation;
  /** Deleted messages, or absent when history was cleared up to `timestamp`. */
  messageUIds?: string[];
  timestamp?: number;
}
