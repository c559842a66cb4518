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
import { setDefaultInternals } from './bind.js';
import { ParleyClient } from './client.js';
import { internalsOf } from './internals.js';
import type { EventName, Listener } from './events.js';
import type { IAsyncRes, IInitOption } from './types.js';
import type { IUploadFileInfo, IUploadOptions } from './upload.js';

export { ParleyClient } from './client.js';
export { gatewayUrl } from './gateway-url.js';
export { Events, Emitter, type EventName, type EventArgs, type Listener } from './events.js';
export { ConnectionStatus } from './status.js';
export { DevicePlatform } from '../../protocol/constants.js';
export * from './message-types.js';
// The module-level functions of each feature (the seeds' `RongIMLib.sendMessage(...)` style), bound
// from the same tables as `ParleyClient`'s methods; they drive the default client.
export * from './message-ops.js';
export * from './recall.js';
export * from './conversation-state.js';
export * from './conversation-queries.js';
export * from './typing.js';
export * from './receipts.js';
export * from './expansion.js';
export * from './tags.js';
export * from './media-ops.js';
export * from './chatroom-ops.js';
export * from './web-push.js';
export * from './blacklist.js';
export type { IBlockedMessageInfo } from './blocked.js';
export {
  subscribeUserStatus,
  unSubscribeUserStatus,
  getSubscribeUserStatus,
  getSubscribeUserList,
  updateMyUserProfile,
  getMyUserProfile,
  getUserProfiles,
  subscriptionOps,
} from './subscriptions.js';
export type { ISubscribeUserStatusInfo, IUserProfileInfo, IUserProfilePatch } from './subscriptions.js';
export { SubscribeType, UserGender, PresenceLimits } from '../../protocol/constants.js';
export type { IUploadFileInfo, IUploadOptions, UploadKind } from './upload.js';
/** Uploads a file to the server's media store (see `upload.ts`); the upload code loads on first use. */
export function uploadFile(file: Blob, options: IUploadOptions): Promise<IAsyncRes<IUploadFileInfo>> {
  return import('./upload.js').then((m) => m.uploadFile(file, options));
}
export type {
  IUploadHooks,
  ISendMediaMessageBody,
  ISendImageMessageBody,
  ISendHQVoiceMessageBody,
  ISendSightMessageBody,
  IUploadMessageOption,
} from './send-media.js';
export {
  NotificationLevel,
  NotificationStatus,
  MessagingLimits,
  RECALL_BY,
  type RecallBy,
  type RecallPolicy,
} from '../../protocol/constants.js';
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
export {
  ChatroomEntryType,
  ChatroomSyncReason,
  ChatroomSyncStatus,
  ChatroomUserChangeType,
} from '../../protocol/constants.js';
export { ConversationType, MessageDirection, MessageType } from '../../protocol/constants.js';
export { ErrorCode } from '../../protocol/constants.js';
export { BlacklistStatus, MessageBlockType, ModerationLimits } from '../../protocol/constants.js';

let defaultClient: ParleyClient | undefined;

/** The client the module-level functions use; created on first use. */
export function getDefaultClient(): ParleyClient {
  return (defaultClient ??= new ParleyClient());
}
setDefaultInternals(() => internalsOf(getDefaultClient()));

// The session's own calls (they are `ParleyClient`'s, not a feature table's: the listener calls are
// generic in the event name, which a bound table cannot keep).

/** Configures the default client (`appkey`, `navi` = server base URL). Call once. */
export function init(option: IInitOption): void {
  getDefaultClient().init(option);
}

/** Connects the default client; see `ParleyClient.connect`. */
export function connect(token: string) {
  return getDefaultClient().connect(token);
}

/** The server's recall rules as the default client's last connect heard them; see `ParleyClient.getRecallPolicy`. */
export function getRecallPolicy() {
  return getDefaultClient().getRecallPolicy();
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

/** The default client's user id ('' before connecting). */
export function getCurrentUserId(): string {
  return getDefaultClient().getCurrentUserId();
}

/** The default client's `ConnectionStatus`. */
export function getConnectionStatus() {
  return getDefaultClient().getConnectionStatus();
}
