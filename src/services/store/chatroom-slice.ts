/**
 * The chatrooms slice: the rooms the user opens, kept apart from the conversation list. Their logic
 * (`chatrooms.ts`) loads the first time a room is opened or a chatroom event arrives, so a page
 * without rooms never fetches it.
 */
import { ConversationType, ErrorCode } from '../../protocol/constants.js';
import type { IChatroomListenerData } from '../client/chatroom-types.js';
import { isChatroomKey, MEMBER_NOTICE_TYPE } from './chatroom-view.js';
import type { ChatroomQueueStore } from './chatroom-queue.js';
import type { ChatroomStore } from './chatrooms.js';
import type { KitClock } from './clock.js';
import { emptyConversation } from './conversations.js';
import { mergeMessages } from './messages.js';
import { setMessages, type Slice, type StorePort } from './slice.js';
import { conversationKey, messagesOf, type ConversationKey } from './types.js';

/** What the chatrooms slice needs besides the port. */
export interface ChatroomsDeps {
  /** Messages a join pulls (see `KitStoreOptions.chatroomJoinCount`). */
  readonly joinCount: number;
  readonly clock: KitClock;
  /** Fetches user profiles (members' join notices name them). */
  readonly requestUsers: (ids: Iterable<string>) => unknown;
}

/** The chatroom logic, for the slices that open rooms and page through their history. */
export interface Chatrooms {
  /** The chatroom logic, once loaded. */
  current(): ChatroomStore | undefined;
  /** Loads the chatroom logic (once). */
  load(): Promise<ChatroomStore>;
}

/** The chatrooms slice (see the module comment). */
export function createChatroomsSlice(port: StorePort, deps: ChatroomsDeps) {
  let chatrooms: ChatroomStore | undefined;
  let loading: Promise<ChatroomStore> | undefined;
  const load = (): Promise<ChatroomStore> =>
    (loading ??= import('./chatrooms.js').then(
      ({ ChatroomStore }) =>
        (chatrooms = new ChatroomStore(
          {
            client: port.client,
            clock: deps.clock,
            memberNoticeType: MEMBER_NOTICE_TYPE,
            conversationKey,
            emptyConversation,
            mergeMessages,
            state: port.get,
            set: port.set,
            messages: (key) => messagesOf(port.get(), key),
            setMessages: (key, messages) => setMessages(port, key, messages),
            requestUsers: (ids) => void deps.requestUsers(ids),
          },
          deps.joinCount,
        )),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  let queues: ChatroomQueueStore | undefined;
  const loadQueues = async (): Promise<ChatroomQueueStore> => {
    const { ChatroomQueueStore } = await import('./chatroom-queue.js');
    return (queues ??= new ChatroomQueueStore({
      client: port.client,
      state: port.get,
      setQueue: (key, queue) => {
        const room = port.get().chatrooms[key];
        if (room) port.set({ chatrooms: { ...port.get().chatrooms, [key]: { ...room, queue } } });
      },
      requestUsers: (ids) => void deps.requestUsers(ids),
    }));
  };
  /** The open chatroom's key, or the named room's; null when neither is a chatroom. */
  const roomKey = (chatRoomId?: string): ConversationKey | null => {
    const key = chatRoomId
      ? conversationKey({ conversationType: ConversationType.CHATROOM, targetId: chatRoomId })
      : port.get().selected;
    return isChatroomKey(key) ? key : null;
  };
  /** A chatroom event from the client: loads the chatroom logic first if needed (events stay in order). */
  const onEvent = (event: IChatroomListenerData): void => {
    // Only a queue someone fetched is kept live, so the queue logic is never loaded for an event.
    const change = event.chatroomQueueChange;
    if (change)
      queues?.onChange(
        conversationKey({ conversationType: ConversationType.CHATROOM, targetId: change.chatroomId }),
        change,
      );
    if (chatrooms) chatrooms.onEvent(event);
    else void load().then((loaded) => loaded.onEvent(event));
    // Changes made while the connection was down were never pushed: a fetched queue is fetched again.
    const rejoined = event.rejoinedRoom;
    if (rejoined && !('errorCode' in rejoined) && queues) {
      const key = conversationKey({ conversationType: ConversationType.CHATROOM, targetId: rejoined.chatroomId });
      if (port.get().chatrooms[key]?.queue) void queues.load(key);
    }
  };
  const internal: Chatrooms = { current: () => chatrooms, load };
  return {
    actions: {
      /**
       * Parley: leaves a chatroom (default: the open one, if it is a chatroom). The message list and
       * editor go back to "no conversation" when it was open.
       */
      async quitChatRoom(chatRoomId?: string): Promise<void> {
        const selected = port.get().selected;
        const key = roomKey(chatRoomId);
        if (!key) return;
        if (selected === key) port.set({ selected: null });
        await chatrooms?.quit(key);
      },
      /**
       * Parley: fetches the mic queue of a joined chatroom (default: the open one), which the queue
       * events then keep current in its `ChatroomView.queue`. Resolves with the result code (23406
       * when the user is not in the room).
       */
      async loadChatroomQueue(chatRoomId?: string): Promise<number> {
        const key = roomKey(chatRoomId);
        return key ? (await loadQueues()).load(key) : ErrorCode.NOT_IN_CHATROOM;
      },
      /**
       * Parley: puts the user in the mic queue of a chatroom (default: the open one), under their
       * user id; the entry leaves with them when they leave the room. Resolves with the result code.
       */
      async joinChatroomQueue(value = '', chatRoomId?: string): Promise<number> {
        const key = roomKey(chatRoomId);
        return key ? (await loadQueues()).offer(key, value) : ErrorCode.NOT_IN_CHATROOM;
      },
      /** Parley: takes the user's own entry out of a chatroom's mic queue (default: the open one). */
      async leaveChatroomQueue(chatRoomId?: string): Promise<number> {
        const key = roomKey(chatRoomId);
        return key ? (await loadQueues()).leave(key) : ErrorCode.NOT_IN_CHATROOM;
      },
    },
    internal,
    attach: (events) => {
      events.on('chatroom', onEvent);
      // The store going away quits its rooms (while it can still say so in the state).
      return () => {
        for (const key of Object.keys(port.get().chatrooms) as ConversationKey[]) void chatrooms?.quit(key);
        chatrooms?.dispose();
      };
    },
  } satisfies Slice;
}

/** The chatrooms slice's actions. */
export type ChatroomActions = ReturnType<typeof createChatroomsSlice>['actions'];
