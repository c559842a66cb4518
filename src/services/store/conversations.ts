/** Pure helpers for conversation entries. */
import { MessageDirection } from '../../protocol/constants.js';
import type { IConversationOption, IReceivedConversation, IReceivedMessage } from '../client/types.js';
import { conversationKey, type ConversationKey, type KitConversation, type KitState } from './types.js';

/** List order: pinned first, then by the latest change, newest first. */
export function byRecency(a: KitConversation, b: KitConversation): number {
  return Number(b.isTop) - Number(a.isTop) || b.updatedTime - a.updatedTime;
}

/** The listed entry of a conversation, if the list holds it. */
export function findConversation(state: KitState, key: ConversationKey): KitConversation | undefined {
  return state.conversationList.find((c) => c.key === key);
}

/** Wraps a client conversation as a list entry. */
export function toKitConversation(conversation: IReceivedConversation, local = false): KitConversation {
  return {
    ...conversation,
    updatedTime: conversation.updatedTime || conversation.latestMessage?.sentTime || 0,
    key: conversationKey(conversation),
    local,
  };
}

/** An in-memory entry for a conversation the server does not list yet. */
export function emptyConversation(conversation: IConversationOption, time: number): KitConversation {
  return toKitConversation(
    {
      conversationType: conversation.conversationType,
      targetId: conversation.targetId,
      channelId: '',
      unreadMessageCount: 0,
      latestMessage: null,
      hasMentioned: false,
      notificationLevel: 0,
      isTop: false,
      lastUnreadTime: 0,
      draft: '',
      updatedTime: time,
    },
    true,
  );
}

/** Whether a received message counts towards the unread badge. */
export function countsAsUnread(message: IReceivedMessage): boolean {
  return message.messageDirection === MessageDirection.RECEIVE && message.isCounted && !message.isStatusMessage;
}
