/** Public types of the chatroom client API, named as in the seeds (IMLib 5.x). */
import type {
  ChatroomEventPayload,
  ChatroomMuteReason,
  ChatRoomMemberEntry,
  WireChatroomEntry,
} from '../../protocol/chatroom.js';
import type { ChatroomInfo, ChatroomMemberInfo, ChatroomMemberInfoPatch } from '../../protocol/chatroom-profile.js';

export type {
  ChatroomInfo,
  ChatroomInfoPatch,
  ChatroomMemberInfo,
  ChatroomMemberInfoPatch,
} from '../../protocol/chatroom-profile.js';
import type { IReceivedMessage } from './types.js';

export interface IJoinChatRoomOption {
  /** Messages to pull on join: 1–50; −1 none; 0 or absent = 10. */
  count?: number;
  /**
   * Parley (seeds 003): the user's profile in this room — `nick` (≤ 64), `avatar` (http/https URL,
   * ≤ 1024), `ext` (JSON, ≤ 1024). Absent keeps the one they had. Messages they send carry it.
   */
  memberInfo?: ChatroomMemberInfoPatch;
}

/** Options of a profile change: whether members are told (default true) and what the notice carries (JSON). */
export interface IChatroomNoticeOption {
  needNotify?: boolean;
  notifyExt?: string;
}

/** What a successful join resolves with (the seeds' IChatroomJoinResponse). */
export interface IChatroomJoinResponse {
  chatroomId: string;
  /** Id of this lifetime of the room. */
  sessionId: string;
  joinTime: number;
  userCount: number;
  /** Whether this user may not send there now. */
  isMuted: boolean;
  /** Parley, with `isMuted`: why (`globalGag`, `gag` — also an admin's mute — or `muteAll`). */
  muteReason?: ChatroomMuteReason;
  /** Parley, with `isMuted`: when it ends (ms; 0 = no end). */
  mutedUntil?: number;
  /** Parley (seeds 003): the room's profile (name, announcement, broadcastUrl, ext, closed, creatorId). */
  info?: ChatroomInfo;
  /** Parley (seeds 003): the user's profile in the room, when they have one. */
  memberInfo?: ChatroomMemberInfo;
}

export interface IChatRoomInfoOption {
  /** Members to list, 0–20 (0 = none, only the count). */
  count?: number;
  /** 1 = earliest joiners first, 2 = latest first. */
  order?: 0 | 1 | 2;
}

export interface IChatroomInfo {
  userCount: number;
  /** Members by join time; `nick`, `avatar`, `ext` are their room profile, when set. */
  userInfos: ChatRoomMemberEntry[];
  /** Parley (seeds 003): the room's profile. */
  info?: ChatroomInfo;
}

export interface IGetChatroomHistoryOption {
  /** 0 = now. */
  timestamp?: number;
  /** 1–20, default 20. */
  count?: number;
  /** 0: sent before `timestamp`; 1: sent after it. */
  order?: 0 | 1;
}

export interface IChatroomHistoryResult {
  /** Oldest first. */
  list: IReceivedMessage[];
  hasMore: boolean;
}

/** One attribute to set (`setChatRoomEntry` / `forceSetChatRoomEntry`). */
export interface IChatroomEntry {
  key: string;
  value: string;
  isAutoDelete?: boolean;
  isSendNotification?: boolean;
  notificationExtra?: string;
}

/** Several attributes (`setChatRoomEntries`). */
export interface IChatroomEntries {
  entries: Array<{ key: string; value: string }>;
  isAutoDelete?: boolean;
  isForce?: boolean;
}

/** An attribute to remove. */
export interface IRemoveChatroomEntry {
  key: string;
  isSendNotification?: boolean;
  notificationExtra?: string;
}

/** Several attributes to remove (`removeChatRoomEntries`): keys, or `{ key }` objects. */
export interface IRemoveChatroomEntries {
  entries: Array<string | { key: string }>;
  isForce?: boolean;
}

/** One attribute as events carry it. */
export type IChatroomEntryChange = WireChatroomEntry & { chatroomId: string; type: number };

/** `rejoinedRoom`: after a reconnect, the room was joined again (`count` pulled) or not (`errorCode`). */
export type IChatroomRejoined = { chatroomId: string; count: number } | { chatroomId: string; errorCode: number };

/** The argument of an `Events.CHATROOM` listener: exactly one key is set. */
export interface IChatroomListenerData extends ChatroomEventPayload {
  rejoinedRoom?: IChatroomRejoined;
}
