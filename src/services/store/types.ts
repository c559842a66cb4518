/** State shapes of the kit store. Everything here is immutable: the store replaces, never mutates. */
import type { ChatroomInfo } from '../../protocol/chatroom-profile.js';
import type { ChatroomQueueEntry } from '../../protocol/chatroom.js';
export type { ChatroomQueueEntry };
import type { ConversationType } from '../../protocol/constants.js';
import type { IConversationOption, IReceivedConversation, IReceivedMessage } from '../client/types.js';
import type { ConversationProfile, UserProfile } from '../profile/types.js';
import type { KitTag } from './tags.js';

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

/**
 * Where an own message is on its way out; received messages are always `sent`. `waiting`: queued
 * while the connection is down, it goes out by itself after the reconnect (see `outbox.ts`).
 */
export type SendState = 'waiting' | 'sending' | 'sent' | 'failed';

/** A message as the kit shows it. */
export interface KitMessage extends IReceivedMessage {
  readonly sendState: SendState;
  /**
   * Upload progress in percent (0–100) while an own media message is uploading; absent otherwise.
   * The list shows it with a cancel button (see `uploads.ts`).
   */
  readonly progress?: number;
  /**
   * Why a `failed` message was refused: the server's (or client's) error code, e.g. 405 blocked,
   * 22406 not in the group, 30016 too large. Absent when it failed without a reason (a reload
   * found it unsent, an upload failed).
   */
  readonly failCode?: number;
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
  /** While `suspended`: when the client tries to reconnect next (ms since the epoch); 0 when unknown. */
  readonly reconnectAt: number;
  /** While `disconnected`: why (the DISCONNECT code, e.g. 31010 when another device took over). */
  readonly disconnectCode?: number;
  /** Parley: the server's recall window (ms, 0 = none) as its connect reply said; absent until then. */
  readonly recallWindowMs?: number;
  /** Parley, with `imkit.init({ showOnlineStatus: true })`: the users known to be online now. */
  readonly online?: Readonly<Record<string, true>>;
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
  /** Parley: chatrooms opened with `selectConversation`, kept apart from `conversationList`. */
  readonly chatrooms: Readonly<Record<ConversationKey, ChatroomView>>;
  /** The message the user chose to quote, per conversation (`setQuote`; the editor reads it). */
  readonly quotes: Readonly<Record<ConversationKey, KitMessage>>;
  /** Who is typing, per conversation (from TYPING_STATUS). */
  readonly typing: Readonly<Record<ConversationKey, readonly string[]>>;
  /** Private conversations: the peer has read own messages sent up to this time. */
  readonly peerReadTime: Readonly<Record<ConversationKey, number>>;
  /** Group messages with a receipt request: how many members have read them, by messageUId. */
  readonly readCounts: Readonly<Record<string, number>>;
  /** The user's conversation tags, oldest first (see `tags.ts`). */
  readonly tags: readonly KitTag[];
  /** The conversations of each tag, by tag id. */
  readonly tagMembers: Readonly<Record<string, readonly ConversationKey[]>>;
}

/**
 * Why the current user cannot send in a chatroom: gagged in the room, the room muted for all, gagged
 * in every room, blocked (removed, cannot come back until it ends), or a refusal whose reason the
 * server did not say (`muted`: a send got 23408, or the join said `isMuted`).
 */
export type ChatroomRestrictionReason = 'gag' | 'muteAll' | 'globalGag' | 'blocked' | 'muted' | 'guest';

export interface ChatroomRestriction {
  readonly reason: ChatroomRestrictionReason;
  /** When it ends (ms since the epoch); 0 when no end is known. */
  readonly until: number;
}

/**
 * Where the user stands in a chatroom: joining, in it, or out of it (quit, removed by a moderator,
 * moved out by joining another room on another device, the room destroyed, the join refused).
 */
export type ChatroomStatus = 'joining' | 'joined' | 'left' | 'kicked' | 'moved' | 'destroyed' | 'failed';

/** A chatroom the kit shows (Parley; the IMKit docs have no chatrooms). */
export interface ChatroomView {
  readonly key: ConversationKey;
  readonly chatroomId: string;
  /** An entry shaped like a listed conversation, for headers and names; it is never in `conversationList`. */
  readonly conversation: KitConversation;
  readonly status: ChatroomStatus;
  /** Members in the room, as last reported by the server. */
  readonly memberCount: number;
  /** What keeps the user from sending now; empty when they may send. */
  readonly restrictions: readonly ChatroomRestriction[];
  /** The error code of a refused join (`failed`), else 0. */
  readonly errorCode: number;
  /** The room's profile (name, announcement, ...; seeds 003) from the join and `updateChatroom`; absent before. */
  readonly info?: ChatroomInfo;
  /** Parley: the mic queue in order, once `loadChatroomQueue` fetched it (then kept live by the queue events). */
  readonly queue?: readonly ChatroomQueueEntry[];
}

/** State before anything happened. */
export const initialState: KitState = Object.freeze({
  status: 'idle',
  reconnectAt: 0,
  userId: '',
  conversationList: [],
  conversationsLoaded: false,
  messages: {},
  selected: null,
  users: {},
  conversationProfiles: {},
  chatrooms: {},
  quotes: {},
  typing: {},
  peerReadTime: {},
  readCounts: {},
  tags: [],
  tagMembers: {},
});

/** Messages of a conversation that has not been opened yet. */
export const emptyMessages: ConversationMessages = Object.freeze({
  list: [],
  hasMore: false,
  loading: false,
  loaded: false,
});

/** A conversation's messages in `state`, or `emptyMessages` when it has none yet. */
export function messagesOf(state: KitState, key: ConversationKey): ConversationMessages {
  return state.messages[key] ?? emptyMessages;
}
