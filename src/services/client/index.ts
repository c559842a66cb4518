/**
 * `parley/client`: the headless protocol client (the IMLib equivalent), for browsers and Node.
 *
 * Use the module-level functions like the seeds' `RongIMLib` (they drive one default client), or
 * create `new ParleyClient()` instances for several sessions side by side:
 *
 * ```ts
 * import * as Parley from 'parley/client';
 * Parley.init({ appkey: 'app', navi: 'http://127.0.0.1:8080' });
 * Parley.addEventListener(Parley.Events.MESSAGES, ({ messages }) => console.log(messages));
 * const res = await Parley.connect(token);
 * ```
 */
import { ParleyClient } from './client.js';
import type { IUploadFileInfo, IUploadOptions } from './upload.js';
import type { IAsyncRes } from './types.js';
import type {
  IChatroomEntries,
  IChatroomEntry,
  IChatRoomInfoOption,
  IGetChatroomHistoryOption,
  IJoinChatRoomOption,
  IRemoveChatroomEntries,
  IRemoveChatroomEntry,
} from './chatroom-types.js';
import type { EventName, Listener } from './events.js';
import type {
  IConversationOption,
  IGetConversationListOption,
  IGetHistoryMessageOption,
  IInitOption,
  ISendableMessage,
  ISendMessageOptions,
} from './types.js';

export { ParleyClient } from './client.js';
export { gatewayUrl } from './gateway-url.js';
export { Events, Emitter, type EventName, type EventArgs, type Listener } from './events.js';
export { ConnectionStatus } from './status.js';
export * from './message-types.js';
export * from './messaging-exports.js';
export type { IRecallMessageOptions, IDeleteMessageItem } from './recall.js';
export type { ITagParam } from './tags.js';
export type { IUploadFileInfo, IUploadOptions, UploadKind } from './upload.js';
/** Uploads a file to the server's media store (see `upload.ts`); the upload code loads on first use. */
export function uploadFile(file: Blob, options: IUploadOptions): Promise<IAsyncRes<IUploadFileInfo>> {
  return import('./upload.js').then((m) => m.uploadFile(file, options));
}
export type { IUploadHooks, ISendMediaMessageBody, ISendImageMessageBody, ISendHQVoiceMessageBody, ISendSightMessageBody, IUploadMessageOption } from './send-media.js';
export type { ITypingStatusEvent, ITypingUser } from './typing.js';
export { NotificationLevel, MessagingLimits } from '../../protocol/messaging-limits.js';
export type { TagInfo, ConversationTagInfo } from '../../protocol/messaging.js';
export {
  BaseMessage,
  TextMessage,
  registerMessageType,
  isRegisteredMessageType,
  MentionedType,
  SentStatus,
  ParleyClientError,
  type IMentionedInfo,
  type ITextMessageBody,
  type RegisteredMessageConstructor,
} from './messages.js';
export type * from './types.js';
export type * from './chatroom-types.js';
export { ChatroomRolesClient, type ChatroomRole } from './chatroom-roles.js';
export type { ChatroomQueueEntry, ChatRoomRolesReply } from '../../protocol/chatroom.js';
export { ChatroomEntryType, ChatroomSyncReason, ChatroomSyncStatus, ChatroomUserChangeType } from '../../protocol/chatroom-constants.js';
export { ConversationType, MessageDirection, MessageType } from '../../protocol/enums.js';
export { ErrorCode } from '../../protocol/error-codes.js';

let defaultClient: ParleyClient | undefined;

/** The client the module-level functions use; created on first use. */
export function getDefaultClient(): ParleyClient {
  return (defaultClient ??= new ParleyClient());
}

/** Configures the default client (`appkey`, `navi` = server base URL). Call once. */
export function init(option: IInitOption): void {
  getDefaultClient().init(option);
}

/** Connects the default client; see `ParleyClient.connect`. */
export function connect(token: string) {
  return getDefaultClient().connect(token);
}

/** Disconnects the default client; see `ParleyClient.disconnect`. */
export function disconnect() {
  return getDefaultClient().disconnect();
}

/** Adds a listener to the default client. */
export function addEventListener<E extends EventName>(event: E, listener: Listener<E>): void {
  getDefaultClient().addEventListener(event, listener);
}

/** Alias of `addEventListener`. */
export function addListener<E extends EventName>(event: E, listener: Listener<E>): void {
  getDefaultClient().addEventListener(event, listener);
}

/** Adds a once-listener to the default client. */
export function onceEventListener<E extends EventName>(event: E, listener: Listener<E>): void {
  getDefaultClient().onceEventListener(event, listener);
}

/** Removes a listener from the default client. */
export function removeEventListener<E extends EventName>(event: E, listener: Listener<E>): void {
  getDefaultClient().removeEventListener(event, listener);
}

/** Removes every listener of `event` from the default client. */
export function removeEventListeners(event: EventName): void {
  getDefaultClient().removeEventListeners(event);
}

/** Sends with the default client; see `ParleyClient.sendMessage`. */
export function sendMessage(conversation: IConversationOption, message: ISendableMessage, options?: ISendMessageOptions) {
  return getDefaultClient().sendMessage(conversation, message, options);
}

/** The default client's conversation list; see `ParleyClient.getConversationList`. */
export function getConversationList(option?: IGetConversationListOption) {
  return getDefaultClient().getConversationList(option);
}

/** History through the default client; see `ParleyClient.getHistoryMessages`. */
export function getHistoryMessages(conversation: IConversationOption, option?: IGetHistoryMessageOption) {
  return getDefaultClient().getHistoryMessages(conversation, option);
}

/** Clears unread through the default client; see `ParleyClient.clearMessagesUnreadStatus`. */
export function clearMessagesUnreadStatus(conversation: IConversationOption) {
  return getDefaultClient().clearMessagesUnreadStatus(conversation);
}

/** The default client's user id ('' before connecting). */
export function getCurrentUserId(): string {
  return getDefaultClient().getCurrentUserId();
}

/** The default client's `ConnectionStatus`. */
export function getConnectionStatus() {
  return getDefaultClient().getConnectionStatus();
}

// ---- chatrooms: the seeds' functions on the default client (see docs/chatroom.md) ------------

/** Joins (and creates if needed) a chatroom; see `ParleyClient.joinChatRoom`. */
export function joinChatRoom(chatRoomId: string, option?: IJoinChatRoomOption) {
  return getDefaultClient().joinChatRoom(chatRoomId, option);
}
/** Joins an existing chatroom; see `ParleyClient.joinExistChatRoom`. */
export function joinExistChatRoom(chatRoomId: string, option?: IJoinChatRoomOption) {
  return getDefaultClient().joinExistChatRoom(chatRoomId, option);
}
/** Leaves a chatroom. */
export function quitChatRoom(chatRoomId: string) {
  return getDefaultClient().quitChatRoom(chatRoomId);
}
/** Member count and members of a chatroom. */
export function getChatRoomInfo(chatRoomId: string, option?: IChatRoomInfoOption) {
  return getDefaultClient().getChatRoomInfo(chatRoomId, option);
}
/** Stored chatroom messages. */
export function getChatroomHistoryMessages(chatRoomId: string, option?: IGetChatroomHistoryOption) {
  return getDefaultClient().getChatroomHistoryMessages(chatRoomId, option);
}
/** Recalls a chatroom message. */
export function recallChatRoomMessage(chatRoomId: string, messageUId: string) {
  return getDefaultClient().recallChatRoomMessage(chatRoomId, messageUId);
}
/** One chatroom attribute. */
export function getChatRoomEntry(chatRoomId: string, key: string) {
  return getDefaultClient().getChatRoomEntry(chatRoomId, key);
}
/** All chatroom attributes. */
export function getAllChatRoomEntries(chatRoomId: string) {
  return getDefaultClient().getAllChatRoomEntries(chatRoomId);
}
/** Sets an attribute (only its setter may overwrite it). */
export function setChatRoomEntry(chatRoomId: string, entry: IChatroomEntry) {
  return getDefaultClient().setChatRoomEntry(chatRoomId, entry);
}
/** Sets an attribute, overwriting anyone's. */
export function forceSetChatRoomEntry(chatRoomId: string, entry: IChatroomEntry) {
  return getDefaultClient().forceSetChatRoomEntry(chatRoomId, entry);
}
/** Sets up to 10 attributes. */
export function setChatRoomEntries(chatRoomId: string, options: IChatroomEntries) {
  return getDefaultClient().setChatRoomEntries(chatRoomId, options);
}
/** Removes an own attribute. */
export function removeChatRoomEntry(chatRoomId: string, entry: IRemoveChatroomEntry) {
  return getDefaultClient().removeChatRoomEntry(chatRoomId, entry);
}
/** Removes anyone's attribute. */
export function forceRemoveChatRoomEntry(chatRoomId: string, entry: IRemoveChatroomEntry) {
  return getDefaultClient().forceRemoveChatRoomEntry(chatRoomId, entry);
}
/** Removes up to 10 attributes. */
export function removeChatRoomEntries(chatRoomId: string, options: IRemoveChatroomEntries) {
  return getDefaultClient().removeChatRoomEntries(chatRoomId, options);
}

/** Roles and the mic queue of the default client (Parley; seeds 003): `setMemberRole`, `kickMember`, `muteMember`, `getRoles`, `queueOffer`, `queuePoll`, `queueList`, `queueClear`. */
export function getChatroomRoles() {
  return getDefaultClient().chatroom.roles;
}
