/** Conversation tags (seeds: 管理标签信息数据, 设置与使用会话标签). */
import { onDefaultClient } from './bind.js';
import { lateTable } from './late-tables.js';

/** `{ tagId, tagName }`; tagName at most 15 characters. */
export interface ITagParam {
  tagId: string;
  tagName: string;
}

/**
 * The operations of this feature (tag-calls.ts), loaded with the first call of any of them (late-tables.ts).
 * Kept public (not marked internal): the published `ParleyClient` type refers to it for its methods'
 * signatures and TSDoc.
 */
export const tagOps = /* @__PURE__ */ lateTable('tagCalls', {
  addTag: true,
  createTag: true,
  updateTag: true,
  removeTag: true,
  getTags: true,
  addConversationsToTag: true,
  addTagForConversations: true,
  removeConversationsFromTag: true,
  removeTagForConversations: true,
  removeTagFromConversations: true,
  removeTagsFromConversation: true,
  setConversationToTopInTag: true,
  getTagsFromConversation: true,
  getConversationsFromTagByPage: true,
  getUnreadCountByTag: true,
});

// The module-level functions (the seeds' `RongIMLib.addTag(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.addTag`, on the default client. */
export const addTag = /* @__PURE__ */ onDefaultClient(tagOps, 'addTag');
/** `ParleyClient.createTag`, on the default client. */
export const createTag = /* @__PURE__ */ onDefaultClient(tagOps, 'createTag');
/** `ParleyClient.updateTag`, on the default client. */
export const updateTag = /* @__PURE__ */ onDefaultClient(tagOps, 'updateTag');
/** `ParleyClient.removeTag`, on the default client. */
export const removeTag = /* @__PURE__ */ onDefaultClient(tagOps, 'removeTag');
/** `ParleyClient.getTags`, on the default client. */
export const getTags = /* @__PURE__ */ onDefaultClient(tagOps, 'getTags');
/** `ParleyClient.addConversationsToTag`, on the default client. */
export const addConversationsToTag = /* @__PURE__ */ onDefaultClient(tagOps, 'addConversationsToTag');
/** `ParleyClient.addTagForConversations`, on the default client. */
export const addTagForConversations = /* @__PURE__ */ onDefaultClient(tagOps, 'addTagForConversations');
/** `ParleyClient.removeConversationsFromTag`, on the default client. */
export const removeConversationsFromTag = /* @__PURE__ */ onDefaultClient(tagOps, 'removeConversationsFromTag');
/** `ParleyClient.removeTagForConversations`, on the default client. */
export const removeTagForConversations = /* @__PURE__ */ onDefaultClient(tagOps, 'removeTagForConversations');
/** `ParleyClient.removeTagFromConversations`, on the default client. */
export const removeTagFromConversations = /* @__PURE__ */ onDefaultClient(tagOps, 'removeTagFromConversations');
/** `ParleyClient.removeTagsFromConversation`, on the default client. */
export const removeTagsFromConversation = /* @__PURE__ */ onDefaultClient(tagOps, 'removeTagsFromConversation');
/** `ParleyClient.setConversationToTopInTag`, on the default client. */
export const setConversationToTopInTag = /* @__PURE__ */ onDefaultClient(tagOps, 'setConversationToTopInTag');
/** `ParleyClient.getTagsFromConversation`, on the default client. */
export const getTagsFromConversation = /* @__PURE__ */ onDefaultClient(tagOps, 'getTagsFromConversation');
/** `ParleyClient.getConversationsFromTagByPage`, on the default client. */
export const getConversationsFromTagByPage = /* @__PURE__ */ onDefaultClient(tagOps, 'getConversationsFromTagByPage');
/** `ParleyClient.getUnreadCountByTag`, on the default client. */
export const getUnreadCountByTag = /* @__PURE__ */ onDefaultClient(tagOps, 'getUnreadCountByTag');
