/** Member counts and listings across nodes, and the per-device rate limit of getChatRoomInfo. */
import type { ChatRoomInfoReply, ChatRoomMemberEntry } from '../../src/protocol/chatroom.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../domain/errors.js';
import { isGuest } from './guests.js';
import type { Presence } from './presence.js';
import { roomInfo } from './profile.js';
import type { ChatroomSocket, Room } from './room.js';

/** Up to `count` members by join time, earliest first (or latest first). */
export function memberList(room: Room, count: number, latestFirst: boolean): Array<{ id: string; time: number }> {
  if (count <= 0) return [];
  const out: Array<{ id: string; time: number }> = [];
  if (!latestFirst) {
    // Map order is join order: stop after `count`, whatever the room size.
    for (const m of room.members.values()) {
      if (out.length >= count) break;
      out.push({ id: m.userId, time: m.joinTime });
    }
    return out;
  }
  const all = [...room.members.values()];
  for (let i = all.length - 1; i >= 0 && out.length < count; i--)
    out.push({ id: all[i]!.userId, time: all[i]!.joinTime });
  return out;
}

/** The seeds' limit on getChatRoomInfo: per device, per second and per minute. */
export class InfoRateLimiter {
  private readonly calls = new WeakMap<ChatroomSocket, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly perSecond: number,
    private readonly perMinute: number,
  ) {}

  /** Records a call, or refuses it with REQUEST_OVER_FREQUENCY. */
  take(socket: ChatroomSocket): void {
    const now = this.clock.now();
    const calls = (this.calls.get(socket) ?? []).filter((t) => now - t < 60_000);
    const lastSecond = calls.filter((t) => now - t < 1000).length;
    this.calls.set(socket, calls);
    if (lastSecond >= this.perSecond || calls.length >= this.perMinute) {
      throw new DomainError(
        ErrorCode.REQUEST_OVER_FREQUENCY,
        `getChatRoomInfo: at most ${this.perSecond}/s and ${this.perMinute}/min per device`,
      );
    }
    calls.push(now);
  }
}

/** What member counts and listings need from the chatroom service. */
export interface ChatroomMembersPort {
  /** The room, or `RC_CHATROOM_NOT_EXIST`. */
  room(roomId: string): Room;
  /** Whether the user is in the room on any node. */
  isMember(room: Room, userId: string): Promise<boolean>;
  /** `publicMemberInfo`: whether users outside a room may read its members and counts. */
  readonly config: { readonly publicMemberInfo: boolean };
  /** Members across nodes (a cluster); absent on a single node. */
  readonly presence: Presence | undefined;
  /** getChatRoomInfo's per-device limit. */
  readonly infoLimiter: Pick<InfoRateLimiter, 'take'>;
  /** Adds the listed members' room profiles (seeds 003). */
  withProfiles(room: Room, list: Array<{ id: string; time: number }>): Promise<ChatRoomMemberEntry[]>;
  /** The anonymous guests in the room on this node (counted and listed apart from members). */
  guestsIn(room: Room): string[];
}

/** Member counts and listings of a room, on all nodes. */
export class ChatroomMembers {
  constructor(private readonly port: ChatroomMembersPort) {}

  /**
   * Member count (everyone in the room, guests too, as joins and `userChange` count), how many of
   * them are anonymous guests, and up to 20 members who are not guests by join time (order 2 =
   * latest first), on all nodes. Rate-limited per device. Members only (23406), unless the app
   * sets `publicMemberInfo`: who watches a room, and how many, is not for strangers to read.
   */
  async info(socket: ChatroomSocket, roomId: string, count: number, order: 0 | 1 | 2): Promise<ChatRoomInfoReply> {
    this.port.infoLimiter.take(socket);
    const room = this.port.room(roomId);
    if (
      !this.port.config.publicMemberInfo &&
      !(socket.userId !== null && (await this.port.isMember(room, socket.userId)))
    ) {
      throw new DomainError(ErrorCode.NOT_IN_CHATROOM, `not in chatroom ${roomId}`);
    }
    const { total, guests } = await this.counts(room);
    const userInfos = await this.port.withProfiles(room, await this.usersOf(room, count, order === 2));
    return { userCount: total, guestCount: guests, userInfos, info: roomInfo(room) };
  }

  /** Everyone in the room (all nodes), and the guests among them (this node's). */
  async counts(room: Room): Promise<{ total: number; guests: number }> {
    return { total: await this.countOf(room), guests: this.port.guestsIn(room).length };
  }

  /**
   * Up to `count` members who are not guests, by join time. Guests are told by their id prefix,
   * so those held by other nodes are left out too (asking for more while guests crowd the page).
   */
  async usersOf(room: Room, count: number, latestFirst: boolean): Promise<Array<{ id: string; time: number }>> {
    if (count <= 0) return [];
    let ask = count + this.port.guestsIn(room).length;
    for (let round = 0; ; round++) {
      const listed = await this.membersOf(room, ask, latestFirst);
      const users = listed.filter((m) => !isGuest(m.id));
      if (users.length >= count || listed.length < ask || round === 3) return users.slice(0, count);
      ask *= 4;
    }
  }

  /** Members in the room on all nodes. */
  async countOf(room: Room): Promise<number> {
    const presence = this.port.presence;
    if (!presence) return room.members.size;
    room.clusterCount = await presence.count(room.id);
    return room.clusterCount;
  }

  /** Up to `count` members by join time, on all nodes. */
  membersOf(room: Room, count: number, latestFirst: boolean): Promise<Array<{ id: string; time: number }>> {
    const presence = this.port.presence;
    if (!presence) return Promise.resolve(memberList(room, count, latestFirst));
    return presence.members(room.id, count, latestFirst);
  }
}
