/**
 * Parley's chatroom roles and mic queue on the client (seeds 003 describes the features; the
 * IMLib docs have no API for them, so the names are ours). Reached as `client.chatroom.roles` or
 * the module-level functions of `parley/client`.
 */
import type { ChatroomQueueEntry, ChatRoomRolesReply } from '../../protocol/chatroom.js';
import { ErrorCode } from '../../protocol/constants.js';
import type { Op, RequestInput } from '../../protocol/frames.js';
import type { ChatroomHost } from './chatroom.js';
import type { IAsyncRes } from './types.js';

/** A member role: administrator, permanent member, or guest (the default). */
export type ChatroomRole = 'admin' | 'member' | 'guest';

/** Role-checked calls; the server decides who may do what. */
export class ChatroomRolesClient {
  constructor(private readonly host: ChatroomHost) {}

  /** Creator: appoint or demote admins; creator and admins: set permanent members or guests. */
  setMemberRole(chatRoomId: string, userId: string, role: ChatroomRole): Promise<IAsyncRes<void>> {
    return this.plain('setChatRoomMemberRole', { chatRoomId, userId, role });
  }

  /** Removes a member; `minute` > 0 also keeps them out that long. */
  kickMember(chatRoomId: string, userId: string, minute = 0): Promise<IAsyncRes<void>> {
    return this.plain('kickChatRoomMember', { chatRoomId, userId, minute });
  }

  /** Mutes a member for `minute` minutes (0 lifts the mute). */
  muteMember(chatRoomId: string, userId: string, minute: number): Promise<IAsyncRes<void>> {
    return this.plain('muteChatRoomMember', { chatRoomId, userId, minute });
  }

  async getRoles(chatRoomId: string): Promise<IAsyncRes<ChatRoomRolesReply>> {
    return this.host.call('getChatRoomRoles', { chatRoomId });
  }

  /**
   * Joins the mic queue under `key` (e.g. the user id), or changes one's own entry. The entry is
   * the caller's: only they and moderators change or remove it. `transient`: it leaves when the
   * caller leaves the room.
   */
  queueOffer(
    chatRoomId: string,
    key: string,
    value = '',
    options: { transient?: boolean } = {},
  ): Promise<IAsyncRes<void>> {
    return this.plain('chatroomQueueOffer', { chatRoomId, key, value, transient: options.transient ?? false });
  }

  /**
   * Creator and admins: takes the first entry; with `key`, that entry (also its owner, to leave the
   * queue); `data` is null when there is none.
   */
  async queuePoll(chatRoomId: string, key?: string): Promise<IAsyncRes<ChatroomQueueEntry | null>> {
    const res = await this.host.call('chatroomQueuePoll', key === undefined ? { chatRoomId } : { chatRoomId, key });
    return res.code === ErrorCode.SUCCESS && res.data
      ? { code: ErrorCode.SUCCESS, data: res.data.entry }
      : { code: res.code, msg: res.msg };
  }

  /**
   * Members: one page of the queue, in order: `offset` entries skipped (default 0), then up to
   * `count` (1–100, default 100). A page shorter than `count` is the last.
   */
  async queueList(
    chatRoomId: string,
    page: { offset?: number; count?: number } = {},
  ): Promise<IAsyncRes<ChatroomQueueEntry[]>> {
    const res = await this.host.call('chatroomQueueList', { chatRoomId, ...page });
    return res.code === ErrorCode.SUCCESS && res.data
      ? { code: ErrorCode.SUCCESS, data: res.data.entries }
      : { code: res.code, msg: res.msg };
  }

  /** Creator and admins: empties the queue. */
  queueClear(chatRoomId: string): Promise<IAsyncRes<void>> {
    return this.plain('chatroomQueueClear', { chatRoomId });
  }

  private async plain<O extends Op>(op: O, data: RequestInput<O>): Promise<IAsyncRes<void>> {
    const res = await this.host.call(op, data);
    return res.code === ErrorCode.SUCCESS
      ? { code: ErrorCode.SUCCESS }
      : { code: res.code, ...(res.msg !== undefined ? { msg: res.msg } : {}) };
  }
}
