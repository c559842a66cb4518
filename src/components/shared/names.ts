/** Display names from the profile state, with ids as the last resort. */
import { ConversationType } from '../../protocol/constants.js';
import type { ConversationProfile, UserProfile } from '../../services/profile/types.js';
import type { KitConversation } from '../../services/store/index.js';

/** A conversation's name and picture: its profile, else (private) the peer's user profile, else the id. */
export function conversationDisplay(
  conversation: KitConversation,
  profiles: Readonly<Record<string, ConversationProfile>>,
  users: Readonly<Record<string, UserProfile>>,
): { name: string; portraitUri: string } {
  const profile = profiles[conversation.key];
  const peer = conversation.conversationType === ConversationType.PRIVATE ? users[conversation.targetId] : undefined;
  return {
    name: profile?.name || peer?.name || conversation.targetId,
    portraitUri: profile?.portraitUri || peer?.portraitUri || '',
  };
}

/** A user's display name, else the id. */
export function userDisplayName(userId: string, users: Readonly<Record<string, UserProfile>>): string {
  return users[userId]?.name || userId;
}
