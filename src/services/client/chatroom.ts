/**
 * The chatroom part of the client: join/quit/info/history/attributes, the `chatroom` pushes
 * (messages as MESSAGES, the rest as CHATROOM events) and the automatic rejoin after a reconnect,
 * which pulls `count` messages again and drops the ones already delivered. The calls themselves are in
 * chatroom-calls.ts, imported on the first one (the methods already return Promises).
 */
import type { ChatroomPushData } from '../../protocol/chatroom.js';
import { ErrorCode } from '../../protocol/error-codes.js';
import type { Op, ReplyData, RequestInput, WireMessage } from '../../protocol/frames.js';
import type {
  IChatroomEntries,
  IChatroomEntry,
  IChatroomHistoryResult,
  IChatroomInfo,
  IChatroomJoinResponse,
  IChatRoomInfoOption,
  IGetChatroomHistoryOption,
  IJoinChatRoomOption,
  IRemoveChatroomEntries,
  IRemoveChatroomEntry,
} from './chatroom-types.js';
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
    this.context = { host, rooms: this.rooms, deliver: (chatRoomId, messages) => this.deliver(chatRoomId, messages) };
  }

  /** The calls' module, imported on the first call (chatroom-calls.ts). */
  private calls(): Promise<typeof import('./chatroom-calls.js')> {
    return (this.callsModule ??= import('./chatroom-calls.js'));
  }

  /** Joins (`mustExist` false creates the room). `count`: 1–50, −1 none, 0/absent = 10. */
  async join(chatRoomId: string, option: IJoinChatRoomOption = {}, mustExist: boolean): Promise<IAsyncRes<IChatroomJoinResponse>> {
    return (await this.calls()).join(this.context, chatRoomId, option, mustExist);
  }
  async quit(chatRoomId: string): Promise<IAsyncRes<void>> {
    return (await this.calls()).quit(this.context, chatRoomId);
  }
  async info(chatRoomId: string, option: IChatRoomInfoOption = {}): Promise<IAsyncRes<IChatroomInfo>> {
    return (await this.calls()).info(this.context, chatRoomId, option);
  }
  async history(chatRoomId: string, option: IGetChatroomHistoryOption = {}): Promise<IAsyncRes<IChatroomHistoryResult>> {
    return (await this.calls()).history(this.context, chatRoomId, option);
  }
  async recall(chatRoomId: string, messageUId: string): Promise<IAsyncRes<void>> {
    return (await this.calls()).recall(this.context, chatRoomId, messageUId);
  }
  /** One attribute's value. */
  async getEntry(chatRoomId: string, key: string): Promise<IAsyncRes<string>> {
    return (await this.calls()).getEntry(this.context, chatRoomId, key);
  }
  /** Every attribute as `{ key: value }`. */
  async getAllEntries(chatRoomId: string): Promise<IAsyncRes<Record<string, string>>> {
    return (await this.calls()).getAllEntries(this.context, chatRoomId);
  }
  async setEntry(chatRoomId: string, entry: IChatroomEntry, isForce: boolean): Promise<IAsyncRes<void>> {
    return (await this.calls()).setEntry(this.context, chatRoomId, entry, isForce);
  }
  /** Several attributes; a partial failure resolves 23428 with `data.failed` (key → code). */
  async setEntries(chatRoomId: string, options: IChatroomEntries): Promise<IAsyncRes<unknown>> {
    return (await this.calls()).setEntries(this.context, chatRoomId, options);
  }
  async removeEntry(chatRoomId: string, entry: IRemoveChatroomEntry, isForce: boolean): Promise<IAsyncRes<void>> {
    return (await this.calls()).removeEntry(this.context, chatRoomId, entry, isForce);
  }
  async removeEntries(chatRoomId: string, options: IRemoveChatroomEntries): Promise<IAsyncRes<unknown>> {
    return (await this.calls()).removeEntries(this.context, chatRoomId, options);
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
      const res = await this.host.call(room.mustExist ? 'joinExistChatRoom' : 'joinChatRoom', { chatRoomId, count: room.count });
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
    if (fresh.length > 0) this.host.emitter.emit(Events.MESSAGES, { messages: fresh.map((m) => toReceivedMessage(m, me, false)) });
  }
}
