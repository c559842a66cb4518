/**
 * Joining a chatroom: blocks, leaving the previous room (unless multi-room), the member on this
 * node, and in a cluster the member count, join time and newest messages from Redis.
 */
import {
  ChatroomSyncReason,
  ChatroomSyncStatus,
  ChatroomUserChangeType,
  type JoinChatRoomReply,
} from '../../src/protocol/chatroom.js';
import { MessageType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { DomainError } from '../domain/errors.js';
import { eventFrame, type ChatroomSocket } from './room.js';
import type { ChatroomService } from './service.js';

/** Adds `roomId` to the set under `key`. */
export function index<K>(map: Map<K, Set<string>>, key: K, roomId: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(roomId);
}

/**
 * Joins a socket to a room (creating it unless `mustExist`). Unless multi-room is on, the user
 * leaves their other rooms first. Call `publish` after replying: notices follow the reply.
 */
export async function joinRoom(
  svc: ChatroomService,
  socket: ChatroomSocket,
  roomId: string,
  count: number,
  mustExist: boolean,
): Promise<{ reply: JoinChatRoomReply; publish(): void }> {
  const userId = socket.userId!;
  if (svc.moderation.has('block', roomId, userId)) {
    throw new DomainError(ErrorCode.RC_CHATROOM_USER_KICKED, `blocked in chatroom ${roomId}`);
  }
  if (mustExist) svc.get(roomId);
  const room = svc.create(roomId, '', { creatorId: userId });
  const notices: Array<() => void> = [];
  const heldHere = new Set(svc.userRooms.get(userId) ?? []);
  if (!svc.config.multiRoom) {
    for (const other of [...(svc.userRooms.get(userId) ?? [])]) {
      if (other !== roomId) notices.push(svc.removeMember(svc.rooms.get(other)!, userId, 'otherJoin'));
    }
  }
  const now = svc.clock.now();
  let member = room.members.get(userId);
  const isNew = !member;
  if (!member) {
    member = { userId, joinTime: now, sockets: new Set(), offlineSince: null, missed: 0 };
    room.members.set(userId, member);
    index(svc.userRooms, userId, roomId);
  }
  if (member.offlineSince !== null) {
    member.offlineSince = null;
    member.missed = 0;
    room.offline.delete(userId);
  }
  member.sockets.add(socket);
  index(svc.socketRooms, socket, roomId);
  svc.sockets.keyOf(socket);
  room.lastActive = now;
  let messages = count > 0 ? room.recent.slice(-count) : [];
  if (svc.presence) {
    // Hear the room before counting in, so nothing sent after the count is missed.
    await svc.deps.bus.watchRoom(roomId, true);
    const joined = await svc.presence.join(roomId, userId, now);
    member.joinTime = joined.joinTime;
    room.clusterCount = joined.count;
    if (!svc.config.multiRoom) {
      // Rooms the user joined through other nodes: those nodes remove them (this node did its own above).
      const elsewhere = joined.otherRooms.filter((other) => !heldHere.has(other));
      for (const other of elsewhere) svc.removeEverywhere(other, userId, 'otherJoin');
      await svc.presence.leaveOthers(userId, elsewhere);
    }
    svc.presence.touch(roomId, now);
    messages = await svc.presence.recent(roomId, count);
  }
  if (messages.length === 0 && count > 0 && svc.config.historyEnabled) {
    // Nothing recent in memory (a restart, or Redis came back empty): the stored history has them.
    // A recalled message is stored as its notice; a join reply leaves recalled messages out.
    const stored = (await svc.deps.state.history(roomId, Number.MAX_SAFE_INTEGER, count, 0)).list;
    messages = stored.filter((m) => m.messageType !== MessageType.RECALL_MESSAGE_NOTIFICATION);
  }
  const mute = svc.messaging.muteOf(room, userId);
  const reply: JoinChatRoomReply = {
    chatroomId: roomId,
    sessionId: room.sessionId,
    joinTime: member.joinTime,
    userCount: room.memberCount,
    isMuted: mute !== undefined,
    ...(mute ? { muteReason: mute.reason, mutedUntil: mute.until } : {}),
    messages,
  };
  if (isNew) svc.deps.status?.({ type: 'join', chatroomId: roomId, userIds: [userId], time: now });
  return {
    reply,
    publish: () => {
      for (const notice of notices) notice();
      const change = svc.userChange(room, userId, ChatroomUserChangeType.JOIN, now);
      if (svc.config.userChangeNotify === 'all') svc.toRoom(room, change);
      else socket.pushText(change);
      const sync = eventFrame({ chatroomNotifyMultiLoginSync: { chatroomId: roomId, status: ChatroomSyncStatus.JOIN, reason: ChatroomSyncReason.LEAVE_ON_MY_OWN, time: now } });
      svc.toUser(userId, sync, socket);
    },
  };
}
