/**
 * The store's public face: the one module the elements and the `imkit` object import. The modules
 * behind it may move; this list stays. Modules the store loads on demand (chatrooms, thumbnails, the
 * outbox database) are left out on purpose: re-exporting them would pull them into the first load.
 */
export { KitStore, type KitStoreOptions, type CustomIntercept } from './store.js';
export type { KitClient, KitClientEvents } from './client-port.js';
export * from './types.js';
export { systemClock, type KitClock } from './clock.js';
export { isMuted, selectTotalUnreadCount } from './conversation-actions.js';
export { findConversation } from './conversations.js';
export {
  createTag,
  removeTag,
  renameTag,
  selectTagMembers,
  selectTagUnreadCount,
  setConversationTagged,
  tagNameProblem,
  TAG_NAME_MAX,
  type KitTag,
} from './tags.js';
export { loadDraft, saveDraft, sendTyping } from './drafts.js';
export { cancelUpload, sendFile, type UploadLimits } from './uploads.js';
export { selectCurrentQuote, selectQuote } from './compose.js';
export { mainRestriction, MEMBER_NOTICE_TYPE, selectOpenChatroom, type MemberNoticeContent } from './chatroom-view.js';
export { canReact, REACTIONS, reactionKey, selectReactions, type ReactionSummary } from './reactions.js';
export { loadFirstUnread, loadFrom } from './history.js';
export { selectTyping } from './typing.js';
export { loadMessageReaders, selectPeerReadTime, selectReadCount, type MessageReader } from './receipts.js';
