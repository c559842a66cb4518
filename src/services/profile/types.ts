/** The profile service the app hands to `imkit.init({ service })`, named as in the IMKit docs. */
import type { IConversationOption } from '../client/types.js';

/** A user's name and avatar (`getUserProfile`, `getGroupMembers`). */
export interface UserProfile {
  id: string;
  name?: string;
  portraitUri?: string;
  /** The seeds' alias field; shown instead of `name` when present. */
  displayName?: string;
}

/** A conversation's name and avatar (`getConversationProfile`). */
export interface ConversationProfile extends IConversationOption {
  name?: string;
  portraitUri?: string;
  /** Group member count; only meaningful for groups. */
  memberCount?: number;
}

/**
 * What the app implements so the kit can show names and avatars. The kit treats every value it
 * returns as untrusted: names are rendered as text, and avatars only from http(s) or `data:image` URLs.
 */
export interface IMKitService {
  getUserProfile(userId: string): Promise<UserProfile> | UserProfile;
  getConversationProfile(conversations: IConversationOption[]): Promise<ConversationProfile[]> | ConversationProfile[];
  getGroupMembers?(conversation: IConversationOption): Promise<UserProfile[]> | UserProfile[];
}
