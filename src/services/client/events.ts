/** Client events: names as in the IMLib docs, and a small typed emitter. */
import type { IBlockedMessageInfo } from './blocked.js';
import type { IChatroomListenerData } from './chatroom-types.js';
import type {
  IConversationEvent,
  IEventConversation,
  IExpansionEvent,
  IMessageReceiptRequestEvent,
  IMessageReceiptResponseEvent,
  IMessagesDeletedEvent,
  IMessagesEvent,
  IReadReceiptReceivedEvent,
} from './types.js';
import type { ITypingStatusEvent } from './typing.js';
import type { SubscribeType } from '../../protocol/constants.js';
import type { WireSubscribeUserStatus, WireUserProfile } from '../../protocol/presence.js';

/**
 * Event names for `addEventListener`. Keys are the seeds' names; values are the same names in lower
 * case (`Events.MESSAGES === 'messages'`), so apps can use either the constant or the string.
 */
export const Events = {
  /** Connecting (first attempt or a reconnect attempt). Listener: `() => void`. */
  CONNECTING: 'connecting',
  /** Connected and authenticated. Listener: `() => void`. */
  CONNECTED: 'connected',
  /** Disconnected for good (`disconnect()`, or the server refused a reconnect). Listener: `(code: ErrorCode) => void`. */
  DISCONNECT: 'disconnect',
  /**
   * The connection broke; the client reconnects by itself (again after each failed attempt;
   * `getNextReconnectTime()` says when). Listener: `(code: ErrorCode) => void`.
   */
  SUSPEND: 'suspend',
  /** New messages. Listener: `(event: IMessagesEvent) => void`. */
  MESSAGES: 'messages',
  /** Private read receipt: `{ conversation, messageUid, sentTime }` (the peer read up to sentTime). */
  READ_RECEIPT_RECEIVED: 'read_receipt_received',
  /** Group read receipt request: `{ conversation, messageUid, senderUserId }`. */
  MESSAGE_RECEIPT_REQUEST: 'message_receipt_request',
  /** Group read receipt response: `{ conversation, receivedUserId, messageUidList }`. */
  MESSAGE_RECEIPT_RESPONSE: 'message_receipt_response',
  /** Conversations changed. Listener: `(event: IConversationEvent) => void`. */
  CONVERSATION: 'conversation',
  /**
   * Chatroom events. Listener: `(event: IChatroomListenerData) => void`; one of `rejoinedRoom`,
   * `updatedEntries`, `userChange`, `chatroomDestroyed`, `chatroomNotifyMultiLoginSync`,
   * `chatroomNotifyBlock`, `chatroomNotifyBan` is set.
   */
  CHATROOM: 'chatroom',
  /** Message expansion changed: `{ updatedExpansion?, deletedExpansion? }`. */
  EXPANSION: 'expansion',
  /** The catch-up after a (re)connect has finished. Listener: `() => void`. */
  PULL_OFFLINE_MESSAGE_FINISHED: 'pull_offline_message_finished',
  /** The tag list changed on another device. Listener: `() => void`. */
  TAG: 'tag',
  /** Conversation tags changed on another device. Listener: `() => void`. */
  CONVERSATION_TAG: 'conversation_tag',
  /** Typing status: `{ status: [{ conversationType, targetId, channelId, list: [{ userId, timestamp, messageType }] }] }`. */
  TYPING_STATUS: 'typing_status',
  /**
   * A message this client sent was refused by moderation: a sensitive word (21501), the recipient's
   * blacklist (405) or a mute (20106, 22408, 23408). Listener: `(info: IBlockedMessageInfo) => void`.
   */
  MESSAGE_BLOCKED: 'message_blocked',
  /**
   * Followed users changed (seeds 5.9.8): `(list: ISubscribeUserStatusInfo[]) => void`; each item's
   * `subscribeType` says whether it is online status or a profile. Also after each connect, with the
   * current state of everything followed.
   */
  SUBSCRIBED_USER_STATUS_CHANGE: 'subscribed_user_status_change',
  /** The sync of one subscribe type after a connect is done: `(subscribeType: SubscribeType) => void`. */
  SYNC_SUBSCRIBED_USER_STATUS_FINISHED: 'sync_subscribed_user_status_finished',
  /** This user's hosted profile changed on another device (seeds 5.10.1): `(profile: IUserProfileInfo) => void`. */
  OWN_USER_PROFILE_CHANGED: 'own_user_profile_changed',
  /** Parley: messages were deleted for this user on another device: `{ conversation, messageUIds? , timestamp? }` (timestamp = cleared up to). */
  MESSAGES_DELETED: 'messages_deleted',
  /** Parley: the conversation was removed from this user's list on another device: `{ conversation }`. */
  CONVERSATION_REMOVED: 'conversation_removed',
} as const;
/** One of the `Events` values. */
export type EventName = (typeof Events)[keyof typeof Events];

/** Listener argument lists by event. */
export interface EventArgs {
  connecting: [];
  connected: [];
  disconnect: [code: number];
  suspend: [code: number];
  messages: [event: IMessagesEvent];
  conversation: [event: IConversationEvent];
  pull_offline_message_finished: [];
  read_receipt_received: [event: IReadReceiptReceivedEvent];
  message_receipt_request: [event: IMessageReceiptRequestEvent];
  message_receipt_response: [event: IMessageReceiptResponseEvent];
  chatroom: [event: IChatroomListenerData];
  expansion: [event: IExpansionEvent];
  tag: [];
  conversation_tag: [];
  typing_status: [event: ITypingStatusEvent];
  message_blocked: [event: IBlockedMessageInfo];
  messages_deleted: [event: IMessagesDeletedEvent];
  conversation_removed: [event: { conversation: IEventConversation }];
  subscribed_user_status_change: [list: WireSubscribeUserStatus[]];
  sync_subscribed_user_status_finished: [subscribeType: SubscribeType];
  own_user_profile_changed: [profile: WireUserProfile];
}

/** A listener for event `E`. */
export type Listener<E extends EventName> = (...args: EventArgs[E]) => void;

/**
 * A typed emitter. A throwing listener is reported on the console and does not stop the others:
 * one broken app handler must not break message delivery.
 */
export class Emitter {
  private readonly listeners = new Map<EventName, Set<(...args: never[]) => void>>();

  /** Adds a listener; adding the same function twice keeps one registration. */
  on<E extends EventName>(event: E, listener: Listener<E>): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (...args: never[]) => void);
  }

  /** Adds a listener that is removed after its first call. */
  once<E extends EventName>(event: E, listener: Listener<E>): void {
    const wrapper = ((...args: EventArgs[E]) => {
      this.off(event, wrapper);
      listener(...args);
    }) as Listener<E>;
    // Remember the original so `off(event, listener)` also removes a pending once-listener.
    this.onceWrappers.set(listener, wrapper);
    this.on(event, wrapper);
  }

  private readonly onceWrappers = new WeakMap<object, object>();

  /** Removes one listener. */
  off<E extends EventName>(event: E, listener: Listener<E>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    set.delete(listener as (...args: never[]) => void);
    const wrapper = this.onceWrappers.get(listener);
    if (wrapper) set.delete(wrapper as (...args: never[]) => void);
  }

  /** Removes every listener of `event`, or of all events when `event` is omitted. */
  offAll(event?: EventName): void {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
  }

  /** Whether anything listens to `event`. */
  listens(event: EventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  /** Calls the listeners of `event` in the order they were added. */
  emit<E extends EventName>(event: E, ...args: EventArgs[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (...a: EventArgs[E]) => void)(...args);
      } catch (error) {
        console.error(`[parley] a '${event}' listener threw`, error);
      }
    }
  }
}
