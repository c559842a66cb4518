/** State shapes of the kit store. Everything here is immutable: the store replaces, never mutates. */
import type { ConversationType } from '../../protocol/enums.js';
import type {
  IConversationOption,
  IReceivedConversation,
  IReceivedMessage,
} from '../client/types.js';
import type { ConversationProfile, UserProfile } from '../profile/types.js';

/** `${conversationType}:${targetId}`, the key of a conversation in every map of the store. */
export type ConversationKey = `${number}:${string}`;

/** Builds the store key of a conversation. */
export function conversationKey(conversation: IConversationOption): ConversationKey {
  return `${conversation.conversationType}:${conversation.targetId}`;
}

/** Splits a store key back into a conversation. */
export function parseConversationKey(key: ConversationKey): IConversationOption {
  const at = key.indexOf(':');
  return {
    conversationType: Number(key.slice(0, at)) as ConversationType,
    targetId: key.slice(at + 1),
  };
}

/** Where an own message is on its way out; received messages are always `sent`. */
export type SendState = 'sending' | 'sent' | 'failed';

/** A message as the kit shows it. */
export interface KitMessage extends IReceivedMessage {
  readonly sendState: SendState;
  /**
   * Upload progress in percent (0–100) while an own media message is uploading; absent otherwise.
   * The list shows it with a cancel button (see `uploads.ts`).
   */
  readonly progress?: number;
}

/** What the editor is composing in one conversation (see `compose.ts`). */
export interface ComposeEntry {
  /** The message the next send quotes (`RC:ReferenceMsg`), or null. */
  readonly quote: KitMessage | null;
}

/** A conversation as the kit lists it. */
export interface KitConversation extends IReceivedConversation {
  readonly key: ConversationKey;
  /** True for a conversation the app selected that the server does not list yet (kept in memory only). */
  readonly local: boolean;
}

/** The loaded messages of one conversation, oldest first. */
export interface ConversationMessages {
  readonly list: readonly KitMessage[];
  /** Whether the server holds older messages than `list[0]`. */
  readonly hasMore: boolean;
  /** An older page (or the first page) is being fetched. */
  readonly loading: boolean;
  /** The newest page has been fetched at least once. */
  readonly loaded: boolean;
}

/** Connection state as the kit shows it; mirrors the client's connection events. */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'suspended' | 'disconnected';

/** The whole state of one kit. */
export interface KitState {
  readonly status: ConnectionStatus;
  /** The connected user's id; '' before the first connect. */
  readonly userId: string;
  /** Conversations, newest first (by `updatedTime`). */
  readonly conversationList: readonly KitConversation[];
  /** True once the conversation list has been fetched. */
  readonly conversationsLoaded: boolean;
  /** Loaded messages per conversation. */
  readonly messages: Readonly<Record<ConversationKey, ConversationMessages>>;
  /** The open conversation. */
  readonly selected: ConversationKey | null;
  /** Profiles of users (senders, the current user). */
  readonly users: Readonly<Record<string, UserProfile>>;
  /** Names and avatars of conversations. */
  readonly conversationProfiles: Readonly<Record<ConversationKey, ConversationProfile>>;
  /** Per conversation: what the editor is composing (the quote). */
  readonly compose: Readonly<Record<ConversationKey, ComposeEntry>>;
}

/** State before anything happened. */
export const initialState: KitState = Object.freeze({
  status: 'idle',
  userId: '',
  conversationList: [],
  conversationsLoaded: false,
  messages: {},
  selected: null,
  users: {},
  conversationProfiles: {},
  compose: {},
});

/** Messages of a conversation that has not been opened yet. */
export const emptyMessages: ConversationMessages = Object.freeze({
  list: [],
  hasMore: false,
  loading: false,
  loaded: false,
});
