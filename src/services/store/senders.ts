/** Which user profiles the store asks for as messages and conversations reach it. */
import { ConversationType } from '../../protocol/enums.js';
import type { IReceivedConversation, IReceivedMessage } from '../client/types.js';
import type { KitStore } from './store.js';

/** Bubbles show their sender: fetch the senders' profiles, and the user's own. */
export function requestSenders(store: KitStore, messages: readonly IReceivedMessage[]): void {
  const ids = new Set(messages.map((m) => m.senderUserId).filter(Boolean));
  if (store.state.userId) ids.add(store.state.userId);
  void store.profiles.requestUsers(ids);
}

/** Group previews show the sender's name: fetch the profiles of the latest senders. */
export function requestLatestSenders(store: KitStore, conversations: readonly IReceivedConversation[]): void {
  const ids = conversations
    .filter((c) => c.conversationType === ConversationType.GROUP && c.latestMessage)
    .map((c) => c.latestMessage!.senderUserId);
  if (ids.length) void store.profiles.requestUsers(ids);
}
