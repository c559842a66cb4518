/**
 * Joining a chatroom: blocks, leaving the previous room (unless multi-room), the member on this
 * node, and in a cluster the member count, join time and newest messages from Redis.
 */
import {
  ChatroomSyncReason,
  ChatroomSyncStatus,
  ChatroomUserChangeType,
  type ChatroomMuteReason,
  type JoinChatRoomReply,
} from '../../src/protocol/chatroom.js';
import { MessageType } from '../../src/protocol/enums.js';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { DomainError } from '../domain/errors.js';
import type { Clock } from '../clock.js';
import type { ChatroomState } from '../storage/chatroom-state.js';
import type { ChatroomConfig } from './config.js';
import type { Moderation } from './moderation.js';
import type { ChatroomMemberInfoPatch } from '../../src/protocol/chatroom-profile.js';
import type { PublishToRoom } from './ports.js';
import { roomInfo, type ChatroomProfiles } from './profile.js';
import type { Presence } from './presence.js';
import { eventFrame, type ChatroomSocket, type Room } from './room.js';
import type { StatusEvent } from './status-sync.js';

/** What joining needs from the chatroom service. */
export interface ChatroomJoinPort {
  readonly clock: Clock;
  readonly config: Pick<ChatroomConfig, 'multiRoom' | 'historyEnabled' | 'userChangeNotify' | 'joinerIsCreator'>;
  /** Timed blocks. */
  readonly moderation: Pick<Moderation, 'has'>;
  /** Members and recent messages across nodes (a cluster); absent on a single node. */
  readonly presence: Presence | undefined;
  /** Rooms per user and per socket on this node (join adds to both). */
  readonly userRooms: Map<string, Set<string>>;
  readonly socketRooms: Map<ChatroomSocket, Set<string>>;
  /** The room, or `RC_CHATROOM_NOT_EXIST`. */
  room(roomId: string): Room;
  /** The room when this node holds it. */
  findRoom(roomId: string): Room | undefined;
  /** Creates the room unless it exists. */
  create(roomId: string, name: string, options: { creatorId: string }): Room;
  /** Gives the socket its cluster-wide key (frames that spare it name it). */
  rememberSocket(socket: ChatroomSocket): void;
  /** Starts hearing the room's events from the bus. */
  watchRoom(roomId: string): Promise<void>;
  /** Moves the user out of a room on this node (joining another); returns the notices to send. */
  moveOut(room: Room, userId: string): () => void;
  /** Moves the user out of a room on every node (joining another). */
  moveOutEverywhere(roomId: string, userId: string): void;
  /** Closed rooms and the joiner's room profile (seeds 003). */
  readonly profiles: Pick<ChatroomProfiles, 'assertAdmits' | 'onJoin'>;
  /** Stored history (a join reply's messages when nothing recent is in memory). */
  readonly history: Pick<ChatroomState, 'history'>;
  /** Why the user may not send in the room now (see `ChatroomMessaging.muteOf`). */
  muteOf(room: Room, userId: string): { reason: ChatroomMuteReason; until: number } | undefined;
  status(event: StatusEvent): void;
  /** The serialized `userChange` frame. */
  userChange(room: Room, userId: string, status: number, timestamp: number): string;
  toRoom: PublishToRoom;
  /** Sends to every online socket of a user on every node (except `skip`). */
  toUser(userId: string, text: string, skip?: ChatroomSocket): void;
}

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
  port: ChatroomJoinPort,
  socket: ChatroomSocket,
  roomId: string,
  count: number,
  mustExist: boolean,
  memberInfo?: ChatroomMemberInfoPatch,
): Promise<{ reply: JoinChatRoomReply; publish(): void }> {
  const userId = socket.userId!;
  if (port.moderation.has('block', roomId, userId)) {
    throw new DomainError(ErrorCode.RC_CHATROOM_USER_KICKED, `blocked in chatroom ${roomId}`);
  }
  if (mustExist) port.room(roomId);
  // An existing room keeps its roles: a join never hands any out (unless the app lets the joiner who creates the room be its creator).
  const room = port.create(roomId, '', { creatorId: port.config.joinerIsCreator ? userId : '' });
  await port.profiles.assertAdmits(room, userId);
  const notices: Array<() => void> = [];
  const heldHere = new Set(port.userRooms.get(userId) ?? []);
  if (!port.config.multiRoom) {
    for (const other of [...(port.userRooms.get(userId) ?? [])]) {
      if (other !== roomId) notices.push(port.moveOut(port.findRoom(other)!, userId));
    }
  }
  const now = port.clock.now();
  let member = room.members.get(userId);
  const isNew = !member;
  if (!member) {
    member = { userId, joinTime: now, sockets: new Set(), offlineSince: null, missed: 0 };
    room.members.set(userId, member);
    index(port.userRooms, userId, roomId);
  }
  if (member.offlineSince !== null) {
    member.offlineSince = null;
    member.missed = 0;
    room.offline.delete(userId);
  }
  member.sockets.add(socket);
  index(port.socketRooms, socket, roomId);
  port.rememberSocket(socket);
  room.lastActive = now;
  let messages = count > 0 ? room.recent.slice(-count) : [];
  if (port.presence) {
    // Hear the room before counting in, so nothing sent after the count is missed.
    await port.watchRoom(roomId);
    const joined = await port.presence.join(roomId, userId, now);
    member.joinTime = joined.joinTime;
    room.clusterCount = joined.count;
    if (!port.config.multiRoom) {
      // Rooms the user joined through other nodes: those nodes remove them (this node did its own above).
      const elsewhere = joined.otherRooms.filter((other) => !heldHere.has(other));
      for (const other of elsewhere) port.moveOutEverywhere(other, userId);
      await port.presence.leaveOthers(userId, elsewhere);
    }
    port.presence.touch(roomId, now);
    messages = await port.presence.recent(roomId, count);
  }
  if (messages.length === 0 && count > 0 && port.config.historyEnabled) {
    // Nothing recent in memory (a restart, or Redis came back empty): the stored history has them.
    // A recalled message is stored as its notice; a join reply leaves recalled messages out.
    const stored = (await port.history.history(roomId, Number.MAX_SAFE_INTEGER, count, 0)).list;
    messages = stored.filter((m) => m.messageType !== MessageType.RECALL_MESSAGE_NOTIFICATION);
  }
  const profile = await port.profiles.onJoin(room, userId, memberInfo);
  const mute = port.muteOf(room, userId);
  const reply: JoinChatRoomReply = {
    chatroomId: roomId,
    sessionId: room.sessionId,
    joinTime: member.joinTime,
    userCount: room.memberCount,
    isMuted: mute !== undefined,
    ...(mute ? { muteReason: mute.reason, mutedUntil: mute.until } : {}),
    messages,
    info: roomInfo(room),
    ...(profile ? { memberInfo: profile } : {}),
  };
  if (isNew) port.status({ type: 'join', chatroomId: roomId, userIds: [userId], time: now });
  return {
    reply,
    publish: () => {
      for (const notice of notices) notice();
      const change = port.userChange(room, userId, ChatroomUserChangeType.JOIN, now);
      if (port.config.userChangeNotify === 'all') port.toRoom(room, change);
      else socket.pushText(change);
      const sync = eventFrame({
        chatroomNotifyMultiLoginSync: {
          chatroomId: roomId,
          status: ChatroomSyncStatus.JOIN,
          reason: ChatroomSyncReason.LEAVE_ON_MY_OWN,
          time: now,
        },
      });
      port.toUser(userId, sync, socket);
    },
  };
}
