/**
 * Leaving a chatroom, the counterpart of `join.ts`: one device quits, a user is removed from a room
 * on this node (quit, moved out by a join elsewhere, kicked, offline too long), leaves it for good
 * once no node holds them, or turns offline when their last socket closes.
 */
import { isRedisUnavailable } from '../failure-log.js';
import { ChatroomSyncReason, ChatroomSyncStatus, ChatroomUserChangeType } from '../../src/protocol/chatroom.js';
import type { Clock } from '../clock.js';
import type { ChatroomConfig } from './config.js';
import type { ChatroomKv } from './kv.js';
import type { PublishToRoom, RoomLookup } from './ports.js';
import type { Presence } from './presence.js';
import type { ChatroomProfiles } from './profile.js';
import type { ChatroomQueue } from './queue.js';
import { eventFrame, type ChatroomSocket, type Room } from './room.js';
import type { StatusEvent } from './status-sync.js';

/** Why a user is removed from a room on this node. */
export type RemovalReason = 'quit' | 'otherJoin' | 'kicked' | 'offline';

/** What leaving needs from the chatroom service. */
export interface ChatroomLeavePort extends Pick<RoomLookup, 'room' | 'member'> {
  readonly clock: Clock;
  readonly config: Pick<ChatroomConfig, 'userChangeNotify'>;
  /** Members across nodes (a cluster); absent on a single node. */
  readonly presence: Presence | undefined;
  /** Rooms per user and per socket on this node (leaving removes from both). */
  readonly userRooms: Map<string, Set<string>>;
  readonly socketRooms: Map<ChatroomSocket, Set<string>>;
  /** The room when this node holds it. */
  findRoom(roomId: string): Room | undefined;
  /** What a member leaves behind: auto-delete attributes, transient queue entries, their room profile. */
  readonly kv: Pick<ChatroomKv, 'autoDelete'>;
  readonly queue: Pick<ChatroomQueue, 'ownerLeft'>;
  readonly profiles: Pick<ChatroomProfiles, 'memberGone'>;
  /** Forgets the socket's cluster-wide key. */
  forgetSocket(socket: ChatroomSocket): void;
  /** This node holds no member of the room any more: stop hearing it. */
  unwatch(roomId: string): void;
  /** Every online socket of a user on this node. */
  userSockets(userId: string): Iterable<ChatroomSocket>;
  status(event: StatusEvent): void;
  log(line: string): void;
  /** The serialized `userChange` frame (`left` tells the receiving sockets to forget the room). */
  userChange(room: Room, userId: string, status: number, timestamp: number, left?: string): string;
  toRoom: PublishToRoom;
  /** Sends to every online socket of a user on every node (except `skip`). */
  toUser(userId: string, text: string, skip?: ChatroomSocket): void;
}

/** One device quits; the user leaves the room when no device of theirs is left in it. */
export function quitRoom(port: ChatroomLeavePort, socket: ChatroomSocket, roomId: string): void {
  const userId = socket.userId!;
  const room = port.room(roomId);
  const member = port.member(room, userId);
  member.sockets.delete(socket);
  port.socketRooms.get(socket)?.delete(roomId);
  const now = port.clock.now();
  socket.pushText(port.userChange(room, userId, ChatroomUserChangeType.QUIT, now));
  const sync = eventFrame({
    chatroomNotifyMultiLoginSync: {
      chatroomId: roomId,
      status: ChatroomSyncStatus.QUIT,
      reason: ChatroomSyncReason.LEAVE_ON_MY_OWN,
      time: now,
    },
  });
  port.toUser(userId, sync, socket);
  if (member.sockets.size === 0) removeMember(port, room, userId, 'quit')();
}

/**
 * Removes a user (all their devices on this node) from a room. Returns the notices to send; the
 * member's sockets are told to forget the room (`left`). The user's attributes marked
 * auto-delete go once no node holds them any more.
 */
export function removeMember(port: ChatroomLeavePort, room: Room, userId: string, why: RemovalReason): () => void {
  const member = room.members.get(userId);
  if (!member) return () => {};
  const now = port.clock.now();
  room.members.delete(userId);
  room.offline.delete(userId);
  room.memberInfos.delete(userId);
  if (room.members.size === 0) room.releaseMemory();
  room.lastActive = now;
  port.userRooms.get(userId)?.delete(room.id);
  for (const s of member.sockets) port.socketRooms.get(s)?.delete(room.id);
  let dropped: () => void = () => {};
  if (port.presence) {
    port.presence.touch(room.id, now);
    if (room.members.size === 0) port.unwatch(room.id);
    port.presence.leave(room.id, userId).then(
      ({ gone, count }) => {
        room.clusterCount = count;
        if (gone) memberGone(port, room, userId);
      },
      (error: Error) => {
        // While Redis is away the connection's own log says so; a line per leave adds nothing.
        if (!isRedisUnavailable(error)) port.log(`chatroom: leaving ${room.id} in Redis failed: ${error.message}`);
      },
    );
  } else {
    dropped = memberGone(port, room, userId, true);
  }
  return () => {
    dropped();
    if (why === 'otherJoin') {
      const sync = eventFrame(
        {
          chatroomNotifyMultiLoginSync: {
            chatroomId: room.id,
            status: ChatroomSyncStatus.QUIT,
            reason: ChatroomSyncReason.OTHER_JOIN_NEW_CHATROOM,
            time: now,
          },
        },
        room.id,
      );
      for (const s of port.userSockets(userId)) s.pushText(sync);
      // The seeds tell the room this user was moved out.
      port.toRoom(room, port.userChange(room, userId, ChatroomUserChangeType.KICKED, now));
      return;
    }
    const status = why === 'quit' ? ChatroomUserChangeType.QUIT : ChatroomUserChangeType.KICKED;
    const change = port.userChange(room, userId, status, now, room.id);
    for (const s of member.sockets) s.pushText(change);
    if (port.config.userChangeNotify === 'all') port.toRoom(room, port.userChange(room, userId, status, now));
  };
}

/**
 * The user left the room for good (no node holds them): their auto-delete attributes and
 * transient queue entries go and the status sync hears it. Returns the attribute notice; sends it now unless `deferred`.
 */
export function memberGone(port: ChatroomLeavePort, room: Room, userId: string, deferred = false): () => void {
  const attributes = port.kv.autoDelete(room, userId);
  const queued = port.queue.ownerLeft(room, userId);
  port.profiles.memberGone(room, userId);
  const dropped = () => {
    attributes();
    queued();
  };
  port.status({ type: 'quit', chatroomId: room.id, userIds: [userId], time: port.clock.now() });
  if (deferred) return dropped;
  dropped();
  return () => {};
}

/** A socket went away: its user turns offline in rooms where no other device of theirs is. */
export function socketClosed(port: ChatroomLeavePort, socket: ChatroomSocket): void {
  port.forgetSocket(socket);
  const roomIds = port.socketRooms.get(socket);
  if (!roomIds) return;
  port.socketRooms.delete(socket);
  const now = port.clock.now();
  for (const roomId of roomIds) {
    const room = port.findRoom(roomId);
    const member = room?.members.get(socket.userId!);
    if (!room || !member) continue;
    member.sockets.delete(socket);
    if (member.sockets.size === 0 && member.offlineSince === null) {
      member.offlineSince = now;
      member.missed = 0;
      room.offline.set(member.userId, member);
    }
  }
}
