/**
 * The chatroom operations under the seeds' names (see docs/chatroom.md); the room state lives in
 * `ChatroomClient` (chatroom.ts), one per session, and each call goes through `ChatroomClient.run`,
 * which loads chatroom-calls.ts on the first one (so a page that never joins a room never loads it).
 */
import { onDefaultClient, type OpTable } from './bind.js';
import type {
  ChatroomInfoPatch,
  ChatroomMemberInfoPatch,
  IChatroomNoticeOption,
  IChatroomEntries,
  IChatroomEntry,
  IChatRoomInfoOption,
  IGetChatroomHistoryOption,
  IJoinChatRoomOption,
  IRemoveChatroomEntries,
  IRemoveChatroomEntry,
} from './chatroom-types.js';
import type { ClientInternals } from './internals.js';

/**
 * The operations of this feature, each taking the client's internals first: `ParleyClient`'s methods and
 * the module-level functions are bound from this table (bind.ts). Kept public (not marked internal): the published
 * `ParleyClient` type refers to it for its methods' signatures and TSDoc.
 */
export const chatroomOps = {
  /** Joins a room, creating it if needed; `count` messages (1–50, −1 none, 0 = 10) arrive as MESSAGES. */
  joinChatRoom: (ctx: ClientInternals, chatRoomId: string, option?: IJoinChatRoomOption) =>
    ctx.chatroom.run('join', chatRoomId, option, false),
  /** Joins a room that exists; a missing one resolves `RC_CHATROOM_NOT_EXIST` (23410). */
  joinExistChatRoom: (ctx: ClientInternals, chatRoomId: string, option?: IJoinChatRoomOption) =>
    ctx.chatroom.run('join', chatRoomId, option, true),
  /** Leaves a room (this device). */
  quitChatRoom: (ctx: ClientInternals, chatRoomId: string) => ctx.chatroom.run('quit', chatRoomId),
  /** Member count and up to 20 members by join time. */
  getChatRoomInfo: (ctx: ClientInternals, chatRoomId: string, option?: IChatRoomInfoOption) =>
    ctx.chatroom.run('info', chatRoomId, option),
  /** Stored room messages (needs history storage on the server). */
  getChatroomHistoryMessages: (ctx: ClientInternals, chatRoomId: string, option?: IGetChatroomHistoryOption) =>
    ctx.chatroom.run('history', chatRoomId, option),
  /** Recalls a chatroom message (the room gets an `RC:RcNtf`). */
  recallChatRoomMessage: (ctx: ClientInternals, chatRoomId: string, messageUId: string) =>
    ctx.chatroom.run('recall', chatRoomId, messageUId),
  /** One room attribute. */
  getChatRoomEntry: (ctx: ClientInternals, chatRoomId: string, key: string) =>
    ctx.chatroom.run('getEntry', chatRoomId, key),
  /** All room attributes. */
  getAllChatRoomEntries: (ctx: ClientInternals, chatRoomId: string) => ctx.chatroom.run('getAllEntries', chatRoomId),
  /** Sets an attribute (only its setter may overwrite it). */
  setChatRoomEntry: (ctx: ClientInternals, chatRoomId: string, entry: IChatroomEntry) =>
    ctx.chatroom.run('setEntry', chatRoomId, entry, false),
  /** Sets an attribute, overwriting anyone's. */
  forceSetChatRoomEntry: (ctx: ClientInternals, chatRoomId: string, entry: IChatroomEntry) =>
    ctx.chatroom.run('setEntry', chatRoomId, entry, true),
  /** Sets up to 10 attributes. */
  setChatRoomEntries: (ctx: ClientInternals, chatRoomId: string, options: IChatroomEntries) =>
    ctx.chatroom.run('setEntries', chatRoomId, options),
  /** Removes an own attribute. */
  removeChatRoomEntry: (ctx: ClientInternals, chatRoomId: string, entry: IRemoveChatroomEntry) =>
    ctx.chatroom.run('removeEntry', chatRoomId, entry, false),
  /** Removes anyone's attribute. */
  forceRemoveChatRoomEntry: (ctx: ClientInternals, chatRoomId: string, entry: IRemoveChatroomEntry) =>
    ctx.chatroom.run('removeEntry', chatRoomId, entry, true),
  /** Removes up to 10 attributes. */
  removeChatRoomEntries: (ctx: ClientInternals, chatRoomId: string, options: IRemoveChatroomEntries) =>
    ctx.chatroom.run('removeEntries', chatRoomId, options),
  /** Creator and admins (seeds 003): changes the room's name, announcement, `broadcastUrl` or `ext`; members get `updateChatroom`. */
  updateChatroomInfo: (
    ctx: ClientInternals,
    chatRoomId: string,
    info: ChatroomInfoPatch,
    option?: IChatroomNoticeOption,
  ) => ctx.chatroom.run('updateInfo', chatRoomId, info, option),
  /** Changes the user's own `nick`, `avatar` or `ext` in the room (seeds 003); the room gets `updateMemberInfo`. */
  updateMyChatroomMemberInfo: (
    ctx: ClientInternals,
    chatRoomId: string,
    member: ChatroomMemberInfoPatch,
    option?: IChatroomNoticeOption,
  ) => ctx.chatroom.run('updateMemberInfo', chatRoomId, member, option),
  /** Creator and admins (seeds 003): closes the room to newcomers (they get 13002) or opens it; members get `updateChatroom`. */
  toggleChatroomCloseStat: (ctx: ClientInternals, chatRoomId: string, closed: boolean) =>
    ctx.chatroom.run('toggleCloseStat', chatRoomId, closed),
  /** Roles and the mic queue (Parley; seeds 003): `setMemberRole`, `kickMember`, `muteMember`, `getRoles`, `queueOffer`, `queuePoll`, `queueList`, `queueClear`. */
  getChatroomRoles: (ctx: ClientInternals) => ctx.chatroom.roles,
} satisfies OpTable;

// The module-level functions (the seeds' `RongIMLib.joinChatRoom(...)` style): the same operations on the default
// client, each documented on the `ParleyClient` method of its name. One statement each, so a bundle
// drops the ones an app does not import.
/** `ParleyClient.joinChatRoom`, on the default client. */
export const joinChatRoom = /* @__PURE__ */ onDefaultClient(chatroomOps, 'joinChatRoom');
/** `ParleyClient.joinExistChatRoom`, on the default client. */
export const joinExistChatRoom = /* @__PURE__ */ onDefaultClient(chatroomOps, 'joinExistChatRoom');
/** `ParleyClient.quitChatRoom`, on the default client. */
export const quitChatRoom = /* @__PURE__ */ onDefaultClient(chatroomOps, 'quitChatRoom');
/** `ParleyClient.getChatRoomInfo`, on the default client. */
export const getChatRoomInfo = /* @__PURE__ */ onDefaultClient(chatroomOps, 'getChatRoomInfo');
/** `ParleyClient.getChatroomHistoryMessages`, on the default client. */
export const getChatroomHistoryMessages = /* @__PURE__ */ onDefaultClient(chatroomOps, 'getChatroomHistoryMessages');
/** `ParleyClient.recallChatRoomMessage`, on the default client. */
export const recallChatRoomMessage = /* @__PURE__ */ onDefaultClient(chatroomOps, 'recallChatRoomMessage');
/** `ParleyClient.getChatRoomEntry`, on the default client. */
export const getChatRoomEntry = /* @__PURE__ */ onDefaultClient(chatroomOps, 'getChatRoomEntry');
/** `ParleyClient.getAllChatRoomEntries`, on the default client. */
export const getAllChatRoomEntries = /* @__PURE__ */ onDefaultClient(chatroomOps, 'getAllChatRoomEntries');
/** `ParleyClient.setChatRoomEntry`, on the default client. */
export const setChatRoomEntry = /* @__PURE__ */ onDefaultClient(chatroomOps, 'setChatRoomEntry');
/** `ParleyClient.forceSetChatRoomEntry`, on the default client. */
export const forceSetChatRoomEntry = /* @__PURE__ */ onDefaultClient(chatroomOps, 'forceSetChatRoomEntry');
/** `ParleyClient.setChatRoomEntries`, on the default client. */
export const setChatRoomEntries = /* @__PURE__ */ onDefaultClient(chatroomOps, 'setChatRoomEntries');
/** `ParleyClient.removeChatRoomEntry`, on the default client. */
export const removeChatRoomEntry = /* @__PURE__ */ onDefaultClient(chatroomOps, 'removeChatRoomEntry');
/** `ParleyClient.forceRemoveChatRoomEntry`, on the default client. */
export const forceRemoveChatRoomEntry = /* @__PURE__ */ onDefaultClient(chatroomOps, 'forceRemoveChatRoomEntry');
/** `ParleyClient.removeChatRoomEntries`, on the default client. */
export const removeChatRoomEntries = /* @__PURE__ */ onDefaultClient(chatroomOps, 'removeChatRoomEntries');
/** `ParleyClient.updateChatroomInfo`, on the default client. */
export const updateChatroomInfo = /* @__PURE__ */ onDefaultClient(chatroomOps, 'updateChatroomInfo');
/** `ParleyClient.updateMyChatroomMemberInfo`, on the default client. */
export const updateMyChatroomMemberInfo = /* @__PURE__ */ onDefaultClient(chatroomOps, 'updateMyChatroomMemberInfo');
/** `ParleyClient.toggleChatroomCloseStat`, on the default client. */
export const toggleChatroomCloseStat = /* @__PURE__ */ onDefaultClient(chatroomOps, 'toggleChatroomCloseStat');
/** `ParleyClient.getChatroomRoles`, on the default client. */
export const getChatroomRoles = /* @__PURE__ */ onDefaultClient(chatroomOps, 'getChatroomRoles');
