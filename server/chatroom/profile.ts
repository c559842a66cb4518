/**
 * Room and member profiles (seeds 003, the CommsEase room): the room's name, announcement,
 * live-stream URL and `ext`, closing and opening it, and each member's nickname, avatar and `ext`
 * in the room. The creator and admins (or the app, `actor` null) change the room; a member changes
 * only their own profile. Changes are durable (`ChatroomState`) and the room hears them as
 * `updateChatroom` / `updateMemberInfo` events through the bus, so members on every node do.
 */
import type { ChatRoomMemberEntry } from '../../src/protocol/chatroom.js';
import type {
  ChatroomInfo,
  ChatroomInfoPatch,
  ChatroomMemberInfo,
  ChatroomMemberInfoPatch,
} from '../../src/protocol/chatroom-profile.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../domain/errors.js';
import type { ChatroomState } from '../storage/chatroom-state.js';
import type { Persist, PublishToRoom, RoomLookup } from './ports.js';
import { eventFrame, type Room } from './room.js';

/** A member's profile changes: at most this many per window, per room (each may notify the whole room). */
export const MEMBER_INFO_CHANGES_PER_WINDOW = 5;
export const MEMBER_INFO_WINDOW_MS = 10_000;

const EMPTY_MEMBER: ChatroomMemberInfo = { nick: '', avatar: '', ext: '' };

/** What a change notice carries besides the change. */
export interface NoticeOptions {
  needNotify: boolean;
  notifyExt: string;
}

/** What the profiles need from the chatroom service. */
export interface ChatroomProfilesPort extends RoomLookup {
  readonly clock: Clock;
  persist: Persist;
  toRoom: PublishToRoom;
  /** Whether the user is the room's creator or one of its admins. */
  isModerator(room: Room, userId: string): boolean;
  /** Stored member profiles (members other nodes hold, and a permanent member's saved one). */
  readonly stored: Pick<ChatroomState, 'memberInfos'>;
}

/** The room's profile as members see it. */
export function roomInfo(room: Room): ChatroomInfo {
  return {
    name: room.name,
    announcement: room.announcement,
    broadcastUrl: room.broadcastUrl,
    ext: room.ext,
    closed: room.closed,
    creatorId: room.creatorId,
  };
}

/** What a message from `userId` carries of their room profile (nothing when unset). */
export function senderFields(room: Room, userId: string): { fromNick?: string; fromAvatar?: string } {
  const info = room.memberInfos.get(userId);
  if (!info) return {};
  return { ...(info.nick ? { fromNick: info.nick } : {}), ...(info.avatar ? { fromAvatar: info.avatar } : {}) };
}

/** Room and member profiles of the chatrooms. */
export class ChatroomProfiles {
  constructor(private readonly port: ChatroomProfilesPort) {}

  /** The creator and admins (members now) may change the room; the app (`actor` null) always may. */
  private assertModerator(room: Room, actor: string | null): void {
    if (actor === null) return;
    this.port.member(room, actor);
    if (!this.port.isModerator(room, actor))
      throw new DomainError(ErrorCode.FORBIDDEN_IN_CHATROOM, 'only the creator and admins change the room');
  }

  /** Changes the room's profile; members hear `updateChatroom` unless `needNotify` is false. */
  update(actor: string | null, roomId: string, patch: ChatroomInfoPatch, notice: NoticeOptions): ChatroomInfo {
    const room = this.port.room(roomId);
    this.assertModerator(room, actor);
    if (patch.name !== undefined) room.name = patch.name;
    if (patch.announcement !== undefined) room.announcement = patch.announcement;
    if (patch.broadcastUrl !== undefined) room.broadcastUrl = patch.broadcastUrl;
    if (patch.ext !== undefined) room.ext = patch.ext;
    this.save(room);
    const info = roomInfo(room);
    if (notice.needNotify) this.tellRoom(room, info, actor, notice.notifyExt);
    return info;
  }

  /** Closes the room (nobody new joins) or opens it; members always hear `updateChatroom`. */
  setClosed(actor: string | null, roomId: string, closed: boolean, notifyExt = ''): ChatroomInfo {
    const room = this.port.room(roomId);
    this.assertModerator(room, actor);
    const changed = room.closed !== closed;
    room.closed = closed;
    this.save(room);
    const info = roomInfo(room);
    if (changed) this.tellRoom(room, info, actor, notifyExt);
    return info;
  }

  /**
   * Whether the user may join: a closed room keeps out everyone who is not in it already (a
   * reconnect's rejoin still works), except its creator and admins, who may open it again.
   */
  async assertAdmits(room: Room, userId: string): Promise<void> {
    if (!room.closed || this.port.isModerator(room, userId)) return;
    if (await this.port.isMember(room, userId)) return;
    throw new DomainError(ErrorCode.CHATROOM_CLOSED, `chatroom ${room.id} is closed`);
  }

  /**
   * Sets the joiner's profile: the one the join names (over what they had), else the one this
   * node still holds, else a stored one. Resolves with it (undefined when they have none).
   */
  async onJoin(
    room: Room,
    userId: string,
    patch: ChatroomMemberInfoPatch | undefined,
  ): Promise<ChatroomMemberInfo | undefined> {
    let info = room.memberInfos.get(userId);
    if (!info && !patch) info = (await this.port.stored.memberInfos(room.id, [userId])).get(userId);
    if (patch) {
      info = { ...(info ?? EMPTY_MEMBER), ...defined(patch) };
      this.storeMember(room, userId, info);
    }
    if (info) room.memberInfos.set(userId, info);
    return info;
  }

  /** A member changes their own profile in the room; the room hears `updateMemberInfo` unless `needNotify` is false. */
  updateMember(
    userId: string,
    roomId: string,
    patch: ChatroomMemberInfoPatch,
    notice: NoticeOptions,
  ): ChatroomMemberInfo {
    const room = this.port.room(roomId);
    this.port.member(room, userId);
    this.takeChange(room, userId);
    return this.applyMember(
      room,
      userId,
      { ...(room.memberInfos.get(userId) ?? EMPTY_MEMBER), ...defined(patch) },
      notice,
    );
  }

  private applyMember(room: Room, userId: string, info: ChatroomMemberInfo, notice: NoticeOptions): ChatroomMemberInfo {
    // Only a node holding the member keeps it in memory (its messages carry it); others read the store.
    if (room.members.has(userId)) room.memberInfos.set(userId, info);
    this.storeMember(room, userId, info);
    if (notice.needNotify) {
      const event = {
        chatroomId: room.id,
        userId,
        member: info,
        time: this.port.clock.now(),
        notifyExt: notice.notifyExt,
      };
      this.port.toRoom(room, eventFrame({ updateMemberInfo: event }));
    }
    return info;
  }

  /** The app (Server API) changes a member's profile; the member must be in the room (23406). */
  async updateMemberByApp(
    userId: string,
    roomId: string,
    patch: ChatroomMemberInfoPatch,
    notice: NoticeOptions,
  ): Promise<ChatroomMemberInfo> {
    const room = this.port.room(roomId);
    if (!(await this.port.isMember(room, userId)))
      throw new DomainError(ErrorCode.NOT_IN_CHATROOM, `${userId} is not in chatroom ${roomId}`);
    const held = room.memberInfos.get(userId) ?? (await this.port.stored.memberInfos(roomId, [userId])).get(userId);
    return this.applyMember(room, userId, { ...(held ?? EMPTY_MEMBER), ...defined(patch) }, notice);
  }

  /** Adds the listed members' room profiles (held here, else stored: members on other nodes). */
  async withProfiles(room: Room, list: Array<{ id: string; time: number }>): Promise<ChatRoomMemberEntry[]> {
    const missing = list.filter((m) => !room.memberInfos.has(m.id)).map((m) => m.id);
    const stored =
      missing.length > 0 ? await this.port.stored.memberInfos(room.id, missing) : new Map<string, ChatroomMemberInfo>();
    return list.map((m) => {
      const info = room.memberInfos.get(m.id) ?? stored.get(m.id);
      return info ? { ...m, ...info } : m;
    });
  }

  /**
   * The user left the room for good: their profile goes, unless they are a permanent member,
   * an admin or the creator (those keep it for their next visit, as CommsEase's saved member info).
   */
  memberGone(room: Room, userId: string): void {
    room.memberInfos.delete(userId);
    room.memberInfoChanges.delete(userId);
    if (room.permanent.has(userId) || this.port.isModerator(room, userId)) return;
    this.port.persist(room.id, (state) => state.putMemberInfo(room.id, userId, null));
  }

  private save(room: Room): void {
    const profile = {
      name: room.name,
      announcement: room.announcement,
      broadcastUrl: room.broadcastUrl,
      ext: room.ext,
      closed: room.closed,
    };
    // Applied again once written: a creation still in flight would otherwise put back the stored definition.
    this.port.persist(room.id, async (state) => {
      await state.setRoomProfile(room.id, profile);
      Object.assign(room, profile);
    });
  }

  private storeMember(room: Room, userId: string, info: ChatroomMemberInfo): void {
    this.port.persist(room.id, (state) => state.putMemberInfo(room.id, userId, info));
  }

  private tellRoom(room: Room, info: ChatroomInfo, actor: string | null, notifyExt: string): void {
    const event = { chatroomId: room.id, info, operatorId: actor ?? '', time: this.port.clock.now(), notifyExt };
    this.port.toRoom(room, eventFrame({ updateChatroom: event }));
  }

  /** Each change may tell the whole room: a few per window per member, then 20607. */
  private takeChange(room: Room, userId: string): void {
    const now = this.port.clock.now();
    const recent = (room.memberInfoChanges.get(userId) ?? []).filter((t) => now - t < MEMBER_INFO_WINDOW_MS);
    if (recent.length >= MEMBER_INFO_CHANGES_PER_WINDOW) {
      throw new DomainError(
        ErrorCode.REQUEST_OVER_FREQUENCY,
        `at most ${MEMBER_INFO_CHANGES_PER_WINDOW} profile changes per ${MEMBER_INFO_WINDOW_MS / 1000} s`,
      );
    }
    recent.push(now);
    room.memberInfoChanges.set(userId, recent);
  }
}

/** The fields a patch sets (absent ones stay as they were). */
function defined(patch: ChatroomMemberInfoPatch): Partial<ChatroomMemberInfo> {
  const out: Partial<ChatroomMemberInfo> = {};
  if (patch.nick !== undefined) out.nick = patch.nick;
  if (patch.avatar !== undefined) out.avatar = patch.avatar;
  if (patch.ext !== undefined) out.ext = patch.ext;
  return out;
}
