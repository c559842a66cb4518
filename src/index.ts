/**
 * Parley kit: `<conversation-list>`, `<message-list>`, `<message-editor>` and the `imkit` object,
 * modelled on the Web IMKit 5.x API.
 *
 * ```ts
 * import * as Parley from 'parley/client';
 * import { defineCustomElements, imkit, CoreEvent } from 'parley';
 * defineCustomElements();
 * const libOption = { appkey, navi: 'http://127.0.0.1:8080' };
 * Parley.init(libOption);
 * imkit.init({ appkey, service, libOption });
 * await Parley.connect(token);
 * imkit.emit(CoreEvent.CONVERSATION, true);
 * ```
 */
export { defineCustomElements, kitElements } from './components/define.js';
export { imkit, createKit, IMKit, CoreEvent, type IMKitInitOption, type CreateKitOptions } from './kit/kit.js';
export { ConversationList } from './components/conversation-list/conversation-list.js';
export { MessageList } from './components/message-list/message-list.js';
export { MessageEditor } from './components/message-editor/message-editor.js';
export { ConnectionBanner } from './components/connection-banner/connection-banner.js';
export { KitElement } from './components/shared/kit-element.js';
export type { CustomMessage, CustomMessageRenderer, CustomMessageRenderers } from './services/custom-message.js';
export { CONVERSATION_PULL_COUNT, type IMKitSendMessageOptions, type IPushConfig } from './kit/kit-options.js';
export { sanitizeHtml } from './services/sanitize-loader.js';
export { StoreController, type StoreHost } from './components/shared/store-controller.js';
export { storeContext } from './components/shared/context.js';
export type {
  TapConversationEvent,
  TapMessageEvent,
  DeleteConversationEvent,
  UpdateConversationEvent,
  TagFilterChangeEvent,
} from './components/shared/events.js';
export {
  DisabledConversationontextMenu,
  DisabledConversationContextMenu,
  DisabledMessageContextMenu,
} from './components/menu/disabled-menu.js';
export type { CustomMenuItem, MenuItem } from './components/menu/menu.js';
export {
  type ForwardList,
  MAX_FORWARD_TARGETS,
  DEFAULT_RECALL_DURATION,
} from './components/message-list/message-menu.js';
export { KitStore, type KitStoreOptions, type CustomIntercept } from './services/store/store.js';
export type * from './services/store/types.js';
export { conversationKey, parseConversationKey } from './services/store/types.js';
export { MEMBER_NOTICE_TYPE, type MemberNoticeContent } from './services/store/chatroom-view.js';
export { systemClock, type KitClock } from './services/store/clock.js';
export { REACTIONS, selectReactions, reactionKey, type ReactionSummary } from './services/store/reactions.js';
export { selectTagMembers, selectTagUnreadCount, type KitTag } from './services/store/tags.js';
export { selectCurrentQuote, selectQuote } from './services/store/compose.js';
export { selectTotalUnreadCount, isMuted } from './services/store/conversation-actions.js';
export { selectTyping } from './services/store/typing.js';
export { selectPeerReadTime, selectReadCount } from './services/store/receipts.js';
export { safeMediaUrl, thumbnailUrl, type MediaUrlKind } from './services/media-url.js';
export type { IMKitService, UserProfile, ConversationProfile } from './services/profile/types.js';
export { changeLanguage, resolveLanguage, SUPPORTED_LANGUAGES, type KitLanguage } from './i18n/index.js';
export {
  ParleyClient,
  getDefaultClient,
  Events,
  ConnectionStatus,
  TextMessage,
  BaseMessage,
  registerMessageType,
  ParleyClientError,
  ConversationType,
  MessageDirection,
  MessageType,
  ErrorCode,
} from './services/client/index.js';
export type {
  IAsyncRes,
  IConversationOption,
  IInitOption,
  IReceivedConversation,
  IReceivedMessage,
  ISendMessageOptions,
  ISendableMessage,
} from './services/client/types.js';
export type { RegisteredMessageConstructor } from './services/client/index.js';
