/**
 * The chatroom part of the client: join/quit/info/history/attributes, the `chatroom` pushes
 * (messages as MESSAGES, the rest as CHATROOM events) and the automatic rejoin after a reconnect,
 * which pulls `count` messages again and drops the ones already delivered. The calls, the pushes and the
 * rejoin are in chatroom-calls.ts, imported on the first call (`run`; the methods already return
 * Promises) or the first push (pushes follow a join of this device, or of another device of the user).
 */
import type { ChatroomPushData } from '../../protocol/chatroom.js';
import type { Op, ReplyData, RequestInput } from '../../protocol/frames.js';
import type { ChatroomCallContext, JoinedRoom } from './chatroom-calls.js';
import { ChatroomRolesClient } from './chatroom-roles.js';
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

/** The rooms this client is in, and the chatroom calls. */
export class ChatroomClient {
  private readonly rooms = new Map<string, JoinedRoom>();
  /** Roles and the mic queue (seeds 003). */
  readonly roles: ChatroomRolesClient;

  private callsModule: Promise<Calls> | undefined;
  /** chatroom-calls.ts once loaded, so pushes after that are handled at once. */
  private calls: Calls | undefined;
  private readonly context: ChatroomCallContext;

  constructor(host: ChatroomHost) {
    this.roles = new ChatroomRolesClient(host);
    this.context = { host, rooms: this.rooms, events: Events };
  }

  private load(): Promise<Calls> {
    return (this.callsModule ??= import('./chatroom-calls.js').then((calls) => (this.calls = calls)));
  }

  /** Runs one of the chatroom calls (chatroom-calls.ts), importing them the first time. */
  async run<K extends CallName>(name: K, ...args: CallArgs<K>): Promise<CallResult<K>> {
    const calls = await this.load();
    const call = calls[name] as unknown as (ctx: ChatroomCallContext, ...rest: CallArgs<K>) => Promise<CallResult<K>>;
    return call(this.context, ...args);
  }

  /**
   * A `chatroom` push: messages become MESSAGES, events CHATROOM (chatroom-calls.ts). One that comes before
   * the calls are loaded (another device of the user joined a room) waits for them; pushes keep their order.
   */
  onPush(data: ChatroomPushData): void {
    if (this.calls) this.calls.onPush(this.context, data);
    else void this.load().then((calls) => calls.onPush(this.context, data));
  }

  /** After a reconnect: joins every room again, pulling `count` messages and dropping repeats. */
  async rejoinAll(): Promise<void> {
    if (this.rooms.size > 0) await (await this.load()).rejoinAll(this.context);
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
}
