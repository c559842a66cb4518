/**
 * Module-level messaging functions (the seeds' `RongIMLib.recallMessage(...)` style): each drives
 * the default client; see `ParleyClient` / messaging-methods.ts for the documentation.
 */
import type { ParleyClient } from './client.js';
import { getDefaultClient } from './index.js';

type M = ParleyClient;

function call(name: keyof M, args: unknown[]): unknown {
  const client = getDefaultClient();
  return (client[name] as (...a: unknown[]) => unknown).apply(client, args);
}

export const recallMessage: M['recallMessage'] = (...args) => call('recallMessage', args) as never;
export const deleteMessages: M['deleteMessages'] = (...args) => call('deleteMessages', args) as never;
export const clearHistoryMessages: M['clearHistoryMessages'] = (...args) => call('clearHistoryMessages', args) as never;
export const removeConversation: M['removeConversation'] = (...args) => call('removeConversation', args) as never;
export const saveTextMessageDraft: M['saveTextMessageDraft'] = (...args) => call('saveTextMessageDraft', args) as never;
export const getTextMessageDraft: M['getTextMessageDraft'] = (...args) => call('getTextMessageDraft', args) as never;
export const clearTextMessageDraft: M['clearTextMessageDraft'] = (...args) => call('clearTextMessageDraft', args) as never;
export const setConversationToTop: M['setConversationToTop'] = (...args) => call('setConversationToTop', args) as never;
export const setConversationNotificationLevel: M['setConversationNotificationLevel'] = (...args) => call('setConversationNotificationLevel', args) as never;
export const getConversationNotificationLevel: M['getConversationNotificationLevel'] = (...args) => call('getConversationNotificationLevel', args) as never;
export const getConversation: M['getConversation'] = (...args) => call('getConversation', args) as never;
export const getTotalUnreadCount: M['getTotalUnreadCount'] = (...args) => call('getTotalUnreadCount', args) as never;
export const getUnreadCount: M['getUnreadCount'] = (...args) => call('getUnreadCount', args) as never;
export const getAllUnreadMentionedCount: M['getAllUnreadMentionedCount'] = (...args) => call('getAllUnreadMentionedCount', args) as never;
export const getFirstUnreadMessageInfo: M['getFirstUnreadMessageInfo'] = (...args) => call('getFirstUnreadMessageInfo', args) as never;
export const sendTypingStatusMessage: M['sendTypingStatusMessage'] = (...args) => call('sendTypingStatusMessage', args) as never;
export const sendReadReceiptMessage: M['sendReadReceiptMessage'] = (...args) => call('sendReadReceiptMessage', args) as never;
export const sendReadReceiptRequest: M['sendReadReceiptRequest'] = (...args) => call('sendReadReceiptRequest', args) as never;
export const sendReadReceiptResponseV2: M['sendReadReceiptResponseV2'] = (...args) => call('sendReadReceiptResponseV2', args) as never;
export const getMessageReader: M['getMessageReader'] = (...args) => call('getMessageReader', args) as never;
export const getPeerReadTime: M['getPeerReadTime'] = (...args) => call('getPeerReadTime', args) as never;
export const getReadReceiptInfo: M['getReadReceiptInfo'] = (...args) => call('getReadReceiptInfo', args) as never;
export const updateMessageExpansion: M['updateMessageExpansion'] = (...args) => call('updateMessageExpansion', args) as never;
export const removeMessageExpansionForKey: M['removeMessageExpansionForKey'] = (...args) => call('removeMessageExpansionForKey', args) as never;
export const addTag: M['addTag'] = (...args) => call('addTag', args) as never;
export const removeTag: M['removeTag'] = (...args) => call('removeTag', args) as never;
export const updateTag: M['updateTag'] = (...args) => call('updateTag', args) as never;
export const getTags: M['getTags'] = (...args) => call('getTags', args) as never;
export const addConversationsToTag: M['addConversationsToTag'] = (...args) => call('addConversationsToTag', args) as never;
export const removeConversationsFromTag: M['removeConversationsFromTag'] = (...args) => call('removeConversationsFromTag', args) as never;
export const removeTagFromConversations: M['removeTagFromConversations'] = (...args) => call('removeTagFromConversations', args) as never;
export const removeTagsFromConversation: M['removeTagsFromConversation'] = (...args) => call('removeTagsFromConversation', args) as never;
export const getTagsFromConversation: M['getTagsFromConversation'] = (...args) => call('getTagsFromConversation', args) as never;
export const getConversationsFromTagByPage: M['getConversationsFromTagByPage'] = (...args) => call('getConversationsFromTagByPage', args) as never;
export const getUnreadCountByTag: M['getUnreadCountByTag'] = (...args) => call('getUnreadCountByTag', args) as never;
export const setConversationToTopInTag: M['setConversationToTopInTag'] = (...args) => call('setConversationToTopInTag', args) as never;
export const upload: M['upload'] = (...args) => call('upload', args) as never;
export const sendFileMessage: M['sendFileMessage'] = (...args) => call('sendFileMessage', args) as never;
export const sendImageMessage: M['sendImageMessage'] = (...args) => call('sendImageMessage', args) as never;
export const sendHQVoiceMessage: M['sendHQVoiceMessage'] = (...args) => call('sendHQVoiceMessage', args) as never;
export const sendSightMessage: M['sendSightMessage'] = (...args) => call('sendSightMessage', args) as never;
export const getTopConversationList: M['getTopConversationList'] = (...args) => call('getTopConversationList', args) as never;
export const getUnreadConversationList: M['getUnreadConversationList'] = (...args) => call('getUnreadConversationList', args) as never;
export const clearAllMessagesUnreadStatus: M['clearAllMessagesUnreadStatus'] = (...args) => call('clearAllMessagesUnreadStatus', args) as never;
export const sendSyncReadStatusMessage: M['sendSyncReadStatusMessage'] = (...args) => call('sendSyncReadStatusMessage', args) as never;
export const getTotalUnreadCountByLevels: M['getTotalUnreadCountByLevels'] = (...args) => call('getTotalUnreadCountByLevels', args) as never;
export const getTotalUnreadMentionedCountByLevels: M['getTotalUnreadMentionedCountByLevels'] = (...args) => call('getTotalUnreadMentionedCountByLevels', args) as never;
export const createTag: M['createTag'] = (...args) => call('createTag', args) as never;
export const addTagForConversations: M['addTagForConversations'] = (...args) => call('addTagForConversations', args) as never;
export const removeTagForConversations: M['removeTagForConversations'] = (...args) => call('removeTagForConversations', args) as never;
