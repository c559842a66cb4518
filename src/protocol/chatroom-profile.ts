/**
 * Room and member profiles of a chatroom (seeds 003, the CommsEase room: "Query information about a
 * chat room", "Updating the chat room profile", "Opening or closing chat rooms", "Edit member
 * profile"). A room has a name, an announcement, a live-stream URL and an `ext` JSON string, and may
 * be closed (nobody new joins). A member has a nickname, an avatar and an `ext` JSON string in that
 * room; messages carry the sender's nickname and avatar (`fromNick`, `fromAvatar`, CommsEase's names).
 * Everything here is checked as hostile input: lengths, control characters, http/https URLs only,
 * `ext` must be JSON.
 */
import * as v from 'valibot';
import { ID_PATTERN } from './constants.js';

/** Lengths (characters) of the profile fields. */
export const ChatroomProfileLimits = {
  NAME_MAX: 128,
  ANNOUNCEMENT_MAX: 4096,
  BROADCAST_URL_MAX: 1024,
  EXT_MAX: 4096,
  NICK_MAX: 64,
  AVATAR_MAX: 1024,
  MEMBER_EXT_MAX: 1024,
  /** `notifyExt` of a change notice. */
  NOTIFY_EXT_MAX: 1024,
} as const;

/** What a room shows about itself (join reply, `getChatRoomInfo`, the `updateChatroom` event). */
export interface ChatroomInfo {
  name: string;
  announcement: string;
  /** The live stream's URL (http or https), '' when none. */
  broadcastUrl: string;
  /** The app's JSON string, '' when none. */
  ext: string;
  /** A closed room admits nobody new (13002); members already in stay. */
  closed: boolean;
  /** '' when the room has none (created by a join). */
  creatorId: string;
}

/** A member's profile in one room; '' = not set (the kit falls back to the user's own profile). */
export interface ChatroomMemberInfo {
  nick: string;
  avatar: string;
  ext: string;
}

// Control characters (other than tab and line breaks in long text) never belong in a name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Whether `s` is '' or an absolute http(s) URL (no `javascript:`, `data:` or relative ones). */
export function isHttpUrl(s: string): boolean {
  if (s === '') return true;
  if (!/^https?:\/\//i.test(s) || /\s/.test(s)) return false;
  try {
    const url = new URL(s);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Whether `s` is '' or a JSON text. */
export function isJsonText(s: string): boolean {
  if (s === '') return true;
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

const line = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max, `at most ${max} characters`),
    v.check((s) => !CONTROL_ONE_LINE.test(s), 'must not contain control characters'),
  );
const longText = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max, `at most ${max} characters`),
    v.check((s) => !CONTROL.test(s), 'must not contain control characters'),
  );
const url = (max: number) =>
  v.pipe(v.string(), v.maxLength(max, `at most ${max} characters`), v.check(isHttpUrl, 'must be an http or https URL'));
const json = (max: number) =>
  v.pipe(v.string(), v.maxLength(max, `at most ${max} characters`), v.check(isJsonText, 'must be JSON'));

/** The room profile's fields, each optional (absent = unchanged); the Server API reuses them. */
export const ChatroomInfoFields = {
  name: v.optional(line(ChatroomProfileLimits.NAME_MAX)),
  announcement: v.optional(longText(ChatroomProfileLimits.ANNOUNCEMENT_MAX)),
  broadcastUrl: v.optional(url(ChatroomProfileLimits.BROADCAST_URL_MAX)),
  ext: v.optional(json(ChatroomProfileLimits.EXT_MAX)),
};

/** The fields of a room's profile a change may set (absent = unchanged). */
export const ChatroomInfoPatchSchema = v.pipe(
  v.object(ChatroomInfoFields),
  v.check(
    (p) => Object.values(p).some((x) => x !== undefined),
    'name, announcement, broadcastUrl or ext: at least one',
  ),
);
export type ChatroomInfoPatch = v.InferOutput<typeof ChatroomInfoPatchSchema>;

/** A member profile's fields, each optional (absent = unchanged, '' = cleared); the Server API reuses them. */
export const ChatroomMemberInfoFields = {
  nick: v.optional(line(ChatroomProfileLimits.NICK_MAX)),
  avatar: v.optional(url(ChatroomProfileLimits.AVATAR_MAX)),
  ext: v.optional(json(ChatroomProfileLimits.MEMBER_EXT_MAX)),
};

/** The fields of a member's profile a change may set (absent = unchanged, '' = cleared). */
export const ChatroomMemberInfoPatchSchema = v.object(ChatroomMemberInfoFields);
export type ChatroomMemberInfoPatch = v.InferOutput<typeof ChatroomMemberInfoPatchSchema>;

const roomId = v.pipe(v.string(), v.regex(ID_PATTERN, 'must be 1–64 letters, digits or _-=+.@:'));
/** `notifyExt` of a change notice: JSON, '' when none. */
export const notifyExtField = v.optional(json(ChatroomProfileLimits.NOTIFY_EXT_MAX), '');
const notifyExt = notifyExtField;

/** Creator and admins: changes the room's profile; members get `updateChatroom` unless `needNotify` is false. */
export const UpdateChatroomInfoSchema = v.object({
  chatRoomId: roomId,
  info: ChatroomInfoPatchSchema,
  needNotify: v.optional(v.boolean(), true),
  notifyExt,
});
/** Any member: changes their own profile in the room; the room gets `updateMemberInfo` unless `needNotify` is false. */
export const UpdateMyChatroomMemberInfoSchema = v.object({
  chatRoomId: roomId,
  member: ChatroomMemberInfoPatchSchema,
  needNotify: v.optional(v.boolean(), true),
  notifyExt,
});
/** Creator and admins: closes (nobody new joins) or opens the room; members always get `updateChatroom`. */
export const ToggleChatroomCloseStatSchema = v.object({ chatRoomId: roomId, closed: v.boolean() });

/** The profile ops, spread into `ChatroomRequestSchemas`. */
export const ChatroomProfileRequestSchemas = {
  updateChatroomInfo: UpdateChatroomInfoSchema,
  updateMyChatroomMemberInfo: UpdateMyChatroomMemberInfoSchema,
  toggleChatroomCloseStat: ToggleChatroomCloseStatSchema,
} as const;

/** Reply data of the profile ops. */
export interface ChatroomProfileReplyData {
  updateChatroomInfo: { info: ChatroomInfo };
  updateMyChatroomMemberInfo: { member: ChatroomMemberInfo };
  toggleChatroomCloseStat: { info: ChatroomInfo };
}

/** The profile events (keys of `ChatroomEventPayload`, named after CommsEase's notification types). */
export interface ChatroomProfileEvents {
  /** The room's profile changed, or it was closed or opened. `operatorId` '' = the app (Server API). */
  updateChatroom?: { chatroomId: string; info: ChatroomInfo; operatorId: string; time: number; notifyExt: string };
  /** A member changed their profile in the room. */
  updateMemberInfo?: {
    chatroomId: string;
    userId: string;
    member: ChatroomMemberInfo;
    time: number;
    notifyExt: string;
  };
}
