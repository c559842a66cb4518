/**
 * Conversation actions of the kit store — delete (off the list on every device), pin, do not
 * disturb — the CONVERSATION_REMOVED event from the user's other devices, and the total unread count.
 */
import { NotificationLevel } from '../../protocol/messaging-limits.js';
import type { IAsyncRes, IConversationOption, IEventConversation } from '../client/types.js';
import type { KitStore } from './store.js';
import { conversationKey, type KitConversation, type KitState } from './types.js';

/** Whether a conversation's notifications are muted (any level other than "all" or "not set"). */
export function isMuted(conversation: Pick<KitConversation, 'notificationLevel'>): boolean {
  return conversation.notificationLevel !== NotificationLevel.ALL_MESSAGE && conversation.notificationLevel !== NotificationLevel.NOT_SET;
}

/** Removes a conversation from the user's list on the server (so it stays gone after a reload and on other devices). */
export async function deleteConversation(store: KitStore, conversation: IConversationOption): Promise<IAsyncRes<unknown>> {
  const target = { conversationType: conversation.conversationType, targetId: conversation.targetId };
  const local = store.state.conversationList.find((c) => c.key === conversationKey(target))?.local;
  store.removeConversation(target);
  return local ? { code: 0 } : store.client.removeConversation(target);
}

/** Pins (`isTop` true) or unpins a conversation; the list re-sorts at once, and back on failure. */
export async function setConversationTop(store: KitStore, conversation: IConversationOption, isTop: boolean): Promise<IAsyncRes<unknown>> {
  const key = conversationKey(conversation);
  const before = store.state.conversationList.find((c) => c.key === key);
  if (!before) return { code: 0 };
  store._patchConversation(key, { isTop });
  const res = await store.client.setConversationToTop({ conversationType: conversation.conversationType, targetId: conversation.targetId }, isTop);
  if (res.code !== 0) store._patchConversation(key, { isTop: before.isTop });
  return res;
}

/** Mutes (level 5, no notifications) or unmutes (level 0) a conversation. */
export async function setConversationMuted(store: KitStore, conversation: IConversationOption, muted: boolean): Promise<IAsyncRes<unknown>> {
  const key = conversationKey(conversation);
  const before = store.state.conversationList.find((c) => c.key === key);
  if (!before) return { code: 0 };
  const level = muted ? NotificationLevel.NOT_MESSAGE_NOTIFICATION : NotificationLevel.NOT_SET;
  store._patchConversation(key, { notificationLevel: level });
  const res = await store.client.setConversationNotificationLevel({ conversationType: conversation.conversationType, targetId: conversation.targetId }, level);
  if (res.code !== 0) store._patchConversation(key, { notificationLevel: before.notificationLevel });
  return res;
}

/** Unread messages over the listed conversations; muted ones count only with `includeMuted`. */
export function selectTotalUnreadCount(state: KitState, includeMuted = false): number {
  return state.conversationList.reduce((sum, c) => sum + (includeMuted || !isMuted(c) ? c.unreadMessageCount : 0), 0);
}

/** Follows conversations removed on the user's other devices; returns the detach function. */
export function attachConversationEvents(store: KitStore): () => void {
  const onRemoved = (event: { conversation: IEventConversation }) => {
    if (event?.conversation) store.removeConversation(event.conversation);
  };
  store.client.addEventListener('conversation_removed', onRemoved);
  return () => store.client.removeEventListener('conversation_removed', onRemoved);
}
