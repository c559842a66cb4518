/** Which user profiles the store asks for as messages and conversations reach it. */
import { ConversationType } from '../../protocol/constants.js';
import type { IReceivedConversation, IReceivedMessage } from '../client/types.js';
import type { KitState } from './types.js';

/** What the other slices call to have senders' names and avatars fetched. */
export interface Senders {
  /** Bubbles show their sender: fetch the senders' profiles, and the user's own. */
  requestSenders(messages: readonly IReceivedMessage[]): void;
  /** Group previews show the sender's name: fetch the profiles of the latest senders. */
  requestLatestSenders(conversations: readonly IReceivedConversation[]): void;
}

/** The senders helper over the state and the profile cache's `requestUsers`. */
export function createSenders(get: () => KitState, requestUsers: (ids: Iterable<string>) => unknown): Senders {
  return {
    requestSenders(messages) {
      const ids = new Set(messages.map((m) => m.senderUserId).filter(Boolean));
      const me = get().userId;
      if (me) ids.add(me);
      void requestUsers(ids);
    },
    requestLatestSenders(conversations) {
      const ids = conversations
        .filter((c) => c.conversationType === ConversationType.GROUP && c.latestMessage)
        .map((c) => c.latestMessage!.senderUserId);
      if (ids.length) void requestUsers(ids);
    },
  };
}
