/**
 * The messaging methods of `ParleyClient` (recall, deletes, drafts, pin, DND, unread, typing,
 * receipts, expansion, tags, media). They live here and are mixed into the class, so client.ts
 * stays about the session; each is a thin call into its feature module.
 */
import type { ConversationType } from '../../protocol/enums.js';
import * as queries from './conversation-queries.js';
import * as state from './conversation-state.js';
import * as expansion from './expansion.js';
import type { ClientInternals } from './internals.js';
import * as receipts from './receipts.js';
import * as recall from './recall.js';
import type * as media from './send-media.js';
import * as tags from './tags.js';
import type { UploadKind } from './upload.js';
import type { Typing } from './typing.js';
import type { IConversationOption, IReceivedMessage } from './types.js';

type MessageRef = Pick<IReceivedMessage, 'conversationType' | 'targetId' | 'messageUId'>;

/** Uploads and media sends load on first use: a page that only chats never fetches them. */
const loadMedia = () => import('./send-media.js');

/** Mixed into `ParleyClient`; see the feature modules for each method's documentation. */
export class MessagingMethods {
  /** @internal Session access, provided by `ParleyClient`. */
  declare readonly internals: ClientInternals;
  /** @internal Typing state, provided by `ParleyClient`. */
  declare readonly typing: Typing;

  /** Recalls an own message (seeds: recallMessage); see `recall.ts`. */
  recallMessage(conversation: IConversationOption, options: recall.IRecallMessageOptions) {
    return recall.recallMessage(this.internals, conversation, options);
  }
  /** Deletes messages for this user on all their devices. */
  deleteMessages(conversation: IConversationOption, messages: recall.IDeleteMessageItem[]) {
    return recall.deleteMessages(this.internals, conversation, messages);
  }
  /** Deletes this user's messages of the conversation up to `timestamp`. */
  clearHistoryMessages(conversation: IConversationOption, timestamp: number) {
    return recall.clearHistoryMessages(this.internals, conversation, timestamp);
  }
  /** Removes the conversation from this user's list. */
  removeConversation(conversation: IConversationOption) {
    return recall.removeConversation(this.internals, conversation);
  }

  saveTextMessageDraft(conversation: IConversationOption, draft: string) {
    return state.saveTextMessageDraft(this.internals, conversation, draft);
  }
  getTextMessageDraft(conversation: IConversationOption) {
    return state.getTextMessageDraft(this.internals, conversation);
  }
  clearTextMessageDraft(conversation: IConversationOption) {
    return state.clearTextMessageDraft(this.internals, conversation);
  }
  setConversationToTop(conversation: IConversationOption, isTop = true) {
    return state.setConversationToTop(this.internals, conversation, isTop);
  }
  setConversationNotificationLevel(conversation: IConversationOption, notificationLevel: number) {
    return state.setConversationNotificationLevel(this.internals, conversation, notificationLevel);
  }
  getConversationNotificationLevel(conversation: IConversationOption) {
    return state.getConversationNotificationLevel(this.internals, conversation);
  }
  getConversation(conversation: IConversationOption) {
    return state.getConversation(this.internals, conversation);
  }
  getTotalUnreadCount(includeMuted = false, conversationTypes?: ConversationType[]) {
    return state.getTotalUnreadCount(this.internals, includeMuted, conversationTypes);
  }
  getUnreadCount(conversation: IConversationOption) {
    return state.getUnreadCount(this.internals, conversation);
  }
  getAllUnreadMentionedCount() {
    return state.getAllUnreadMentionedCount(this.internals);
  }
  getFirstUnreadMessageInfo(conversation: IConversationOption) {
    return state.getFirstUnreadMessageInfo(this.internals, conversation);
  }

  getTopConversationList(conversationTypes?: ConversationType[]) {
    return queries.getTopConversationList(this.internals, conversationTypes);
  }
  getUnreadConversationList(conversationTypes?: ConversationType[]) {
    return queries.getUnreadConversationList(this.internals, conversationTypes);
  }
  clearAllMessagesUnreadStatus() {
    return queries.clearAllMessagesUnreadStatus(this.internals);
  }
  sendSyncReadStatusMessage(conversation: IConversationOption, timestamp: number) {
    return queries.sendSyncReadStatusMessage(this.internals, conversation, timestamp);
  }
  getTotalUnreadCountByLevels(conversationTypes: ConversationType[], levels: number[]) {
    return queries.getTotalUnreadCountByLevels(this.internals, conversationTypes, levels);
  }
  getTotalUnreadMentionedCountByLevels(conversationTypes: ConversationType[], levels: number[]) {
    return queries.getTotalUnreadMentionedCountByLevels(this.internals, conversationTypes, levels);
  }

  /** Sends `RC:TypSts` (at most once per 6 s per conversation). */
  sendTypingStatusMessage(conversation: IConversationOption, typingContentType: string) {
    return this.typing.send(this.internals, conversation, typingContentType);
  }

  sendReadReceiptMessage(targetId: string, messageUId: string, timestamp: number) {
    return receipts.sendReadReceiptMessage(this.internals, targetId, messageUId, timestamp);
  }
  sendReadReceiptRequest(targetId: string, messageUId: string) {
    return receipts.sendReadReceiptRequest(this.internals, targetId, messageUId);
  }
  sendReadReceiptResponseV2(targetId: string, messageList?: Record<string, string[]>) {
    return receipts.sendReadReceiptResponseV2(this.internals, targetId, messageList);
  }
  getMessageReader(targetId: string, messageUId: string) {
    return receipts.getMessageReader(this.internals, targetId, messageUId);
  }
  /** Parley: how far the peer of a private conversation has read this user's messages (0 = not yet). */
  getPeerReadTime(targetId: string) {
    return receipts.getPeerReadTime(this.internals, targetId);
  }
  /** Parley: `readReceiptInfo` of up to 100 messages of a group, keyed by messageUId. */
  getReadReceiptInfo(targetId: string, messageUIds: string[]) {
    return receipts.getReadReceiptInfo(this.internals, targetId, messageUIds);
  }

  updateMessageExpansion(expansionMap: Record<string, string>, message: MessageRef) {
    return expansion.updateMessageExpansion(this.internals, expansionMap, message);
  }
  removeMessageExpansionForKey(keys: string[], message: MessageRef) {
    return expansion.removeMessageExpansionForKey(this.internals, keys, message);
  }

  addTag(tag: tags.ITagParam) {
    return tags.addTag(this.internals, tag);
  }
  /** Alias of `addTag` (the 2.x name). */
  createTag(tag: tags.ITagParam) {
    return tags.addTag(this.internals, tag);
  }
  /** Alias of `addConversationsToTag` (the 2.x name). */
  addTagForConversations(tagId: string, conversations: IConversationOption[]) {
    return tags.addConversationsToTag(this.internals, tagId, conversations);
  }
  /** Alias of `removeConversationsFromTag` (the 2.x name; the seeds' table also writes `removeTagsFromConversations`). */
  removeTagForConversations(tagId: string, conversations: IConversationOption[]) {
    return tags.removeConversationsFromTag(this.internals, tagId, conversations);
  }
  removeTag(tagId: string) {
    return tags.removeTag(this.internals, tagId);
  }
  updateTag(tag: tags.ITagParam) {
    return tags.updateTag(this.internals, tag);
  }
  getTags() {
    return tags.getTags(this.internals);
  }
  addConversationsToTag(tagId: string, conversations: IConversationOption[]) {
    return tags.addConversationsToTag(this.internals, tagId, conversations);
  }
  removeConversationsFromTag(tagId: string, conversations: IConversationOption[]) {
    return tags.removeConversationsFromTag(this.internals, tagId, conversations);
  }
  removeTagFromConversations(tagId: string, conversations: IConversationOption[]) {
    return tags.removeTagFromConversations(this.internals, tagId, conversations);
  }
  removeTagsFromConversation(conversation: IConversationOption, tagIds: string[]) {
    return tags.removeTagsFromConversation(this.internals, conversation, tagIds);
  }
  getTagsFromConversation(conversation: IConversationOption) {
    return tags.getTagsFromConversation(this.internals, conversation);
  }
  getConversationsFromTagByPage(tagId: string, count: number, startTime: number) {
    return tags.getConversationsFromTagByPage(this.internals, tagId, count, startTime);
  }
  getUnreadCountByTag(tagId: string, containMuted: boolean) {
    return tags.getUnreadCountByTag(this.internals, tagId, containMuted);
  }
  setConversationToTopInTag(tagId: string, conversation: IConversationOption, isTop: boolean) {
    return tags.setConversationToTopInTag(this.internals, tagId, conversation, isTop);
  }

  /** Uploads to the server this client is connected to; see `upload.ts`. */
  upload(file: Blob, options: { kind?: UploadKind; name?: string; onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {}) {
    return import('./upload.js').then(({ uploadFile }) =>
      uploadFile(file, { ...options, kind: options.kind ?? 'file', navi: this.internals.navi() ?? '', token: this.internals.token() }),
    );
  }
  sendFileMessage(conversation: IConversationOption, msgBody: media.ISendMediaMessageBody, hooks?: media.IUploadHooks, options?: media.IUploadMessageOption) {
    return loadMedia().then((m) => m.sendFileMessage(this.internals, conversation, msgBody, hooks, options));
  }
  sendImageMessage(conversation: IConversationOption, msgBody: media.ISendImageMessageBody, hooks?: media.IUploadHooks, options?: media.IUploadMessageOption) {
    return loadMedia().then((m) => m.sendImageMessage(this.internals, conversation, msgBody, hooks, options));
  }
  sendHQVoiceMessage(conversation: IConversationOption, msgBody: media.ISendHQVoiceMessageBody, hooks?: media.IUploadHooks, options?: media.IUploadMessageOption) {
    return loadMedia().then((m) => m.sendHQVoiceMessage(this.internals, conversation, msgBody, hooks, options));
  }
  sendSightMessage(conversation: IConversationOption, msgBody: media.ISendSightMessageBody, hooks?: media.IUploadHooks, options?: media.IUploadMessageOption) {
    return loadMedia().then((m) => m.sendSightMessage(this.internals, conversation, msgBody, hooks, options));
  }
}
