/**
 * The part of the protocol client the store uses. `ParleyClient` satisfies it; naming the port keeps
 * the store independent of how the client is built.
 */
import type {
  IAsyncRes,
  IConversationEvent,
  IConversationOption,
  IGetConversationListOption,
  IGetHistoryMessageOption,
  IGetHistoryMessagesResult,
  IMessagesEvent,
  IReceivedConversation,
  IReceivedMessage,
  ISendableMessage,
  ISendMessageOptions,
} from '../client/types.js';
import type { EventName, Listener } from '../client/events.js';
import type { ISubscribeUserStatusInfo } from '../client/subscriptions.js';
import type { SubscribeType } from '../../protocol/constants.js';
import type { RecallPolicy } from '../../protocol/constants.js';
import type { ReadReceiptInfo, TagInfo } from '../../protocol/messaging.js';
import type {
  IChatroomHistoryResult,
  IChatroomInfo,
  IChatroomJoinResponse,
  IGetChatroomHistoryOption,
  IChatRoomInfoOption,
  IChatroomListenerData,
  IJoinChatRoomOption,
} from '../client/chatroom-types.js';
import type { IDeleteMessageItem, IRecallMessageOptions } from '../client/recall.js';
import type { ChatroomRolesClient } from '../client/chatroom-roles.js';

/** The message an expansion call names. */
type MessageRef = Pick<IReceivedMessage, 'conversationType' | 'targetId' | 'messageUId'>;

/** Listener signatures of the client events the store follows. */
export interface KitClientEvents {
  connecting: () => void;
  connected: () => void;
  disconnect: (code: number) => void;
  suspend: (code: number) => void;
  messages: (event: IMessagesEvent) => void;
  conversation: (event: IConversationEvent) => void;
  pull_offline_message_finished: () => void;
  chatroom: (event: IChatroomListenerData) => void;
}

/** The messaging features the store's modules use (recall, deletes, clear, pin, DND, receipts, unread, reactions, tags). */
export interface KitMessagingClient {
  recallMessage(
    conversation: IConversationOption,
    options: IRecallMessageOptions,
  ): Promise<IAsyncRes<IReceivedMessage>>;
  deleteMessages(conversation: IConversationOption, messages: IDeleteMessageItem[]): Promise<IAsyncRes<unknown>>;
  removeConversation(conversation: IConversationOption): Promise<IAsyncRes<unknown>>;
  clearHistoryMessages(conversation: IConversationOption, timestamp: number): Promise<IAsyncRes<unknown>>;
  setConversationToTop(conversation: IConversationOption, isTop?: boolean): Promise<IAsyncRes<unknown>>;
  setConversationNotificationLevel(
    conversation: IConversationOption,
    notificationLevel: number,
  ): Promise<IAsyncRes<unknown>>;
  getFirstUnreadMessageInfo(
    conversation: IConversationOption,
  ): Promise<IAsyncRes<{ messageUId: string; sentTime: number } | null>>;
  sendReadReceiptMessage(targetId: string, messageUId: string, timestamp: number): Promise<IAsyncRes<unknown>>;
  sendReadReceiptRequest(targetId: string, messageUId: string): Promise<IAsyncRes<unknown>>;
  sendReadReceiptResponseV2(targetId: string, messageList?: Record<string, string[]>): Promise<IAsyncRes<unknown>>;
  updateMessageExpansion(expansion: Record<string, string>, message: MessageRef): Promise<IAsyncRes<unknown>>;
  removeMessageExpansionForKey(keys: string[], message: MessageRef): Promise<IAsyncRes<unknown>>;
  getTags(): Promise<IAsyncRes<TagInfo[]>>;
  addTag(tag: { tagId: string; tagName: string }): Promise<IAsyncRes<unknown>>;
  updateTag(tag: { tagId: string; tagName: string }): Promise<IAsyncRes<unknown>>;
  removeTag(tagId: string): Promise<IAsyncRes<unknown>>;
  addConversationsToTag(tagId: string, conversations: IConversationOption[]): Promise<IAsyncRes<unknown>>;
  removeConversationsFromTag(tagId: string, conversations: IConversationOption[]): Promise<IAsyncRes<unknown>>;
  getConversationsFromTagByPage(
    tagId: string,
    count: number,
    startTime: number,
  ): Promise<IAsyncRes<IReceivedConversation[]>>;
  getMessageReader(
    targetId: string,
    messageUId: string,
  ): Promise<IAsyncRes<{ totalCount: number; list: Array<{ userId: string; readTime: number }> }>>;
  getPeerReadTime(targetId: string): Promise<IAsyncRes<number>>;
  getReadReceiptInfo(targetId: string, messageUIds: string[]): Promise<IAsyncRes<Record<string, ReadReceiptInfo>>>;
}

export interface KitClient extends KitMessagingClient {
  addEventListener<E extends EventName>(event: E, listener: Listener<E>): void;
  removeEventListener<E extends EventName>(event: E, listener: Listener<E>): void;
  getCurrentUserId(): string;
  /** IMLib `ConnectionStatus`: 0 connected, 1 connecting, others not connected. */
  getConnectionStatus?(): number;
  /** Parley: when the client tries to reconnect next (ms since the epoch), 0 when not scheduled. */
  getNextReconnectTime?(): number;
  /** Parley: the app key; unsent messages are kept per app key and user. */
  getAppKey?(): string;
  /** Parley: the server's recall window and who may recall (null before connecting). */
  getRecallPolicy?(): RecallPolicy | null;
  getConversationList(option?: IGetConversationListOption): Promise<IAsyncRes<IReceivedConversation[]>>;
  getHistoryMessages(
    conversation: IConversationOption,
    option?: IGetHistoryMessageOption,
  ): Promise<IAsyncRes<IGetHistoryMessagesResult>>;
  clearMessagesUnreadStatus(conversation: IConversationOption): Promise<IAsyncRes<unknown>>;
  sendMessage(
    conversation: IConversationOption,
    message: ISendableMessage,
    options?: ISendMessageOptions,
  ): Promise<IAsyncRes<IReceivedMessage>>;
  joinChatRoom(chatRoomId: string, option?: IJoinChatRoomOption): Promise<IAsyncRes<IChatroomJoinResponse>>;
  quitChatRoom(chatRoomId: string): Promise<IAsyncRes<void>>;
  getChatRoomInfo(chatRoomId: string, option?: IChatRoomInfoOption): Promise<IAsyncRes<IChatroomInfo>>;
  /** Parley: the mic queue calls (`<chatroom-queue>`); a client without them shows no queue. */
  getChatroomRoles?(): Pick<ChatroomRolesClient, 'queueOffer' | 'queuePoll' | 'queueList'>;
  /** Recalls a chatroom message; the room's `RC:RcNtf` names it. */
  recallChatRoomMessage(chatRoomId: string, messageUId: string): Promise<IAsyncRes<void>>;
  /** Stored chatroom messages (server history storage on; else 23414). */
  getChatroomHistoryMessages(
    chatRoomId: string,
    option?: IGetChatroomHistoryOption,
  ): Promise<IAsyncRes<IChatroomHistoryResult>>;
  /** Uploads a file (`POST /upload`); the editor's attachments use it. */
  upload?(
    file: Blob,
    options?: {
      kind?: 'image' | 'audio' | 'video' | 'file';
      name?: string;
      onProgress?: (loaded: number, total: number) => void;
      signal?: AbortSignal;
    },
  ): Promise<IAsyncRes<{ url: string; name: string; size: number; type: string }>>;
  saveTextMessageDraft?(conversation: IConversationOption, draft: string): Promise<IAsyncRes<unknown>>;
  getTextMessageDraft?(conversation: IConversationOption): Promise<IAsyncRes<string>>;
  clearTextMessageDraft?(conversation: IConversationOption): Promise<IAsyncRes<unknown>>;
  sendTypingStatusMessage?(conversation: IConversationOption, typingContentType: string): Promise<IAsyncRes<unknown>>;
  /** Online status subscriptions (the kit's online dots). */
  subscribeUserStatus?(userIds: string[], subscribeType: SubscribeType, expiry: number): Promise<IAsyncRes<string[]>>;
  unSubscribeUserStatus?(userIds: string[], subscribeType: SubscribeType): Promise<IAsyncRes<void>>;
  getSubscribeUserStatus?(
    subscribeType: SubscribeType,
    userIds: string[],
  ): Promise<IAsyncRes<ISubscribeUserStatusInfo[]>>;
}
