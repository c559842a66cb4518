/**
 * Roles (seeds 003): the creator (highest), administrators (mute, block and remove members, set
 * permanent members), permanent members (listed even when away, and never
 * removed for being offline) and guests. Only the creator appoints admins or acts on them; nobody
 * acts on the creator. The app (Server API) names the creator and hands out any role. The mic
 * queue is in `queue.ts`.
 */
import type { ChatroomMuteReason, ChatRoomRolesReply } from '../../src/protocol/chatroom.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { DomainError } from '../domain/errors.js';
import { eventFrame, type Room } from './room.js';
import type { Moderation } from './moderation.js';
import type { Persist, PublishToRoom, RoomLookup } from './ports.js';

/** A role the creator, admins or the app hand out (the creator is named apart). */
export type ChatroomRoleName = 'admin' | 'member' | 'guest';

/** The seeds' code for "not allowed in this room" is the closest fit for a missing permission. */
const FORBIDDEN = ErrorCode.FORBIDDEN_IN_CHATROOM;

/** What roles need from the chatroom service. */
export interface ChatroomRolesPort extends RoomLookup {
  /** Timed blocks and role gags. */
  readonly moderation: Pick<Moderation, 'add' | 'remove'>;
  persist: Persist;
  toRoom: PublishToRoom;
  /** Why the user may not send in the room now (see `ChatroomMessaging.muteOf`). */
  muteOf(room: Room, userId: string): { reason: ChatroomMuteReason; until: number } | undefined;
  /** Removes a user from the room on every node. */
  kick(roomId: string, userId: string): void;
}

/** Role-checked operations on the chatrooms. */
export class ChatroomRoles {
  constructor(private readonly port: ChatroomRolesPort) {}

  isModerator(room: Room, userId: string): boolean {
    return room.creatorId === userId || room.admins.has(userId);
  }

  /** Whether `actor` may act (mute, remove) on `target`. */
  private assertCanActOn(room: Room, actor: string, target: string): void {
    if (!this.isModerator(room, actor)) throw new DomainError(FORBIDDEN, 'only the creator and admins may do this');
    if (target === room.creatorId) throw new DomainError(FORBIDDEN, 'nobody acts on the creator');
    if (room.admins.has(target) && actor !== room.creatorId)
      throw new DomainError(FORBIDDEN, 'only the creator acts on admins');
  }

  /** Kicks and mutes act on members only (seeds' 23406), never on strangers. */
  private async assertMember(room: Room, userId: string): Promise<void> {
    if (!(await this.port.isMember(room, userId)))
      throw new DomainError(ErrorCode.NOT_IN_CHATROOM, `${userId} is not in chatroom ${room.id}`);
  }

  /** admin: creator only; member (permanent) / guest: creator or admins (admins only on non-admins). */
  setRole(actor: string, roomId: string, target: string, role: ChatroomRoleName): void {
    const room = this.port.room(roomId);
    this.port.member(room, actor);
    if (role === 'admin' || room.admins.has(target)) {
      if (actor !== room.creatorId) throw new DomainError(FORBIDDEN, 'only the creator appoints or demotes admins');
    } else if (!this.isModerator(room, actor)) {
      throw new DomainError(FORBIDDEN, 'only the creator and admins set members');
    }
    if (target === room.creatorId) throw new DomainError(FORBIDDEN, 'the creator keeps its role');
    this.apply(room, [target], role);
  }

  /** The app (Server API) gives users a role; it may act on anyone but the creator. */
  assign(roomId: string, targets: string[], role: ChatroomRoleName): void {
    const room = this.port.room(roomId);
    if (targets.includes(room.creatorId))
      throw new DomainError(FORBIDDEN, 'the creator keeps its role (name another creator first)');
    this.apply(room, targets, role);
  }

  /** The app (Server API) names the room's creator; the user's other role goes. */
  setCreator(roomId: string, userId: string): void {
    const room = this.port.room(roomId);
    const affected = [...new Set([room.creatorId, userId])].filter((u) => u !== '');
    const before = new Map(affected.map((u) => [u, this.port.muteOf(room, u)]));
    const change = { creatorId: userId, destroyAt: room.destroyAt };
    room.creatorId = userId;
    this.port.persist(roomId, async (state) => {
      await state.updateRoom(roomId, change);
      room.creatorId = change.creatorId;
    });
    this.apply(room, [userId], 'guest', false);
    for (const u of affected) this.tellSendState(room, u, before.get(u));
  }

  /** Sets the roles and (unless not `tell`) tells each target whose right to send changed. */
  private apply(room: Room, targets: string[], role: ChatroomRoleName, tell = true): void {
    const before = new Map(targets.map((t) => [t, this.port.muteOf(room, t)]));
    for (const target of targets) {
      room.admins.delete(target);
      room.permanent.delete(target);
      if (role === 'admin') room.admins.add(target);
      if (role === 'member') room.permanent.add(target);
    }
    const admins = [...room.admins];
    const permanent = [...room.permanent];
    this.port.persist(room.id, (state) => state.setRoles(room.id, admins, permanent));
    if (tell) for (const target of targets) this.tellSendState(room, target, before.get(target));
  }

  /** Under mute-all a role decides who speaks: tell the target, whose UI has no other way to know. */
  private tellSendState(room: Room, target: string, before: { reason: ChatroomMuteReason } | undefined): void {
    const after = this.port.muteOf(room, target);
    if (before?.reason === after?.reason) return;
    const state = {
      chatroomId: room.id,
      isMuted: after !== undefined,
      ...(after ? { muteReason: after.reason, mutedUntil: after.until } : {}),
    };
    this.port.toRoom(room, eventFrame({ chatroomSendState: state }), { toUser: target });
  }

  /** Removes a member; `minute` > 0 also blocks them for that long. `actor` null = the app. */
  async kick(actor: string | null, roomId: string, target: string, minute: number): Promise<void> {
    const room = this.port.room(roomId);
    if (actor !== null) {
      this.port.member(room, actor);
      this.assertCanActOn(room, actor, target);
    }
    await this.assertMember(room, target);
    if (minute > 0) this.port.moderation.add('block', roomId, [target], minute);
    this.port.kick(roomId, target);
  }

  /** A time-limited mute (0 lifts it); expires by itself. `actor` null = the app. */
  async mute(actor: string | null, roomId: string, target: string, minute: number): Promise<void> {
    const room = this.port.room(roomId);
    if (actor !== null) {
      this.port.member(room, actor);
      this.assertCanActOn(room, actor, target);
    }
    // Lifting needs no member (the target may have left); a new mute does, so no row outlives a stranger.
    if (minute > 0) await this.assertMember(room, target);
    if (minute === 0) this.port.moderation.remove('roleMute', roomId, [target]);
    else this.port.moderation.add('roleMute', roomId, [target], minute);
  }

  /** The room's roles, for a member (`actor`) or the app (`null`). */
  roles(actor: string | null, roomId: string): ChatRoomRolesReply {
    const room = this.port.room(roomId);
    if (actor !== null) this.port.member(room, actor);
    return { creatorId: room.creatorId, admins: [...room.admins], permanentMembers: [...room.permanent] };
  }
}
