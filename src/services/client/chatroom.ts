/**
 * The chatroom part of the client: join/quit/info/history/attributes, the `chatroom` pushes
 * (messages as MESSAGES, the rest as CHATROOM events) and the automatic rejoin after a reconnect,
 * which pulls `count` messages again and drops the ones already delivered. The calls themselves are in
 * chatroom-calls.ts, imported on the first one (`run`; the methods already return Promises).
 */
import type { ChatroomPushData } from '../../protocol/chatroom.js';
import { ErrorCode } from '../../protocol/constants.js';
import type { Op, ReplyData, RequestInput, WireMessage } from '../../protocol/frames.js';
import type { ChatroomCallContext, JoinedRoom } from './chatroom-calls.js';
import { ChatroomRolesClient } from './chatroom-roles.js';
import { toReceivedMessage } from './convert.js';
import { Events, type Emitter } from './events.js';
import type { IAsyncRes } from './types.js';

/** What the chatroom part needs from its `ParleyClient`. */
export interface ChatroomHost {
  call<O extends Op>(op: O, data: RequestInput<O>): Promise<IAsyncRes<ReplyData[O]>>;
  emitter: Emitter;
  userId(): string;
}

type Calls = typeof import('./chatroom-calls.js');
/** The calls `ChatroomClient.run` can make: every function of chatroom-calls.ts. */
type CallName = {
  [K in keyof Calls]: Calls[K] extends (ctx: ChatroomCallContext, ...args: never[]) => unknown ? K : never;
}[keyof Calls];
type CallArgs<K extends CallName> = Calls[K] extends (ctx: ChatroomCallContext, ...args: infer A) => unknown
  ? A
  : never;
type CallResult<K extends CallName> = Calls[K] extends (...args: never[]) => Promise<infer R> ? R : never;

/** messageUIds remembered per room for dedup after a rejoin (the join pulls at most 50). */
const SEEN_MAX = 500;

/** The rooms this client is in, and the chatroom calls. */
export class ChatroomClient {
  private readonly rooms = new Map<string, JoinedRoom>();
  /** Roles and the mic queue (seeds 003). */
  readonly roles: ChatroomRolesClient;

  private callsModule: Promise<typeof import('./chatroom-calls.js')> | undefined;
  private readonly context: ChatroomCallContext;

  constructor(private readonly host: ChatroomHost) {
    this.roles = new ChatroomRolesClient(host);
    this.context = {
      host,
      rooms: this.rooms,
      deliver: (chatRoomId, messages) => this.deliver(chatRoomId, messages),
      toReceivedMessage,
    };
  }

  /** Runs one of the chatroom calls (chatroom-calls.ts), importing them the first time. */
  async run<K extends CallName>(name: K, ...args: CallArgs<K>): Promise<CallResult<K>> {
    const calls = await (this.callsModule ??= import('./chatroom-calls.js'));
    const call = calls[name] as unknown as (ctx: ChatroomCallContext, ...rest: CallArgs<K>) => Promise<CallResult<K>>;
    return call(this.context, ...args);
  }

  /** A `chatroom` push: messages become MESSAGES, events CHATROOM; `left` rooms are forgotten. */
  onPush(data: ChatroomPushData): void {
    if (data.type === 'message') {
      this.deliver(data.message.targetId, [data.message]);
      return;
    }
    if (data.left) this.rooms.delete(data.left);
    this.host.emitter.emit(Events.CHATROOM, data.event);
  }

  /** After a reconnect: joins every room again, pulling `count` messages and dropping repeats. */
  async rejoinAll(): Promise<void> {
    for (const [chatRoomId, room] of [...this.rooms]) {
      const memberInfo = room.memberInfo ? { memberInfo: room.memberInfo } : {};
      const res = await this.host.call(room.mustExist ? 'joinExistChatRoom' : 'joinChatRoom', {
        chatRoomId,
        count: room.count,
        ...memberInfo,
      });
      if (this.rooms.get(chatRoomId) !== room) continue;
      if (res.code === ErrorCode.SUCCESS && res.data) {
        this.host.emitter.emit(Events.CHATROOM, { rejoinedRoom: { chatroomId: chatRoomId, count: room.count } });
        this.deliver(chatRoomId, res.data.messages);
      } else if (res.code !== ErrorCode.RC_NET_UNAVAILABLE && res.code !== ErrorCode.TIMEOUT) {
        // Refused (destroyed, blocked...): stop trying; a lost socket retries on the next connect.
        this.rooms.delete(chatRoomId);
        this.host.emitter.emit(Events.CHATROOM, { rejoinedRoom: { chatroomId: chatRoomId, errorCode: res.code } });
      }
    }
  }

  /** Remembers an own send, so a rejoin's pull does not deliver it again. */
  markSeen(chatRoomId: string, messageUId: string): void {
    this.rooms.get(chatRoomId)?.seen.add(messageUId);
  }

  /** Ids of the rooms this client is in. */
  joined(): string[] {
    return [...this.rooms.keys()];
  }

  /** Forgets every room (explicit disconnect, another user). */
  reset(): void {
    this.rooms.clear();
  }

  private deliver(chatRoomId: string, messages: WireMessage[]): void {
    const room = this.rooms.get(chatRoomId);
    if (!room) return;
    const me = this.host.userId();
    const fresh = messages.filter((m) => {
      if (room.seen.has(m.messageUId)) return false;
      room.seen.add(m.messageUId);
      if (room.seen.size > SEEN_MAX) room.seen.delete(room.seen.values().next().value!);
      return true;
    });
    if (fresh.length > 0)
      this.host.emitter.emit(Events.MESSAGES, { messages: fresh.map((m) => toReceivedMessage(m, me, false)) });
  }
}
