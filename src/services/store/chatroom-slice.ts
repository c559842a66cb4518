/**
 * The chatrooms slice: the rooms the user opens, kept apart from the conversation list. Their logic
 * (`chatrooms.ts`) loads the first time a room is opened or a chatroom event arrives, so a page
 * without rooms never fetches it.
 */
import { ConversationType } from '../../protocol/enums.js';
import type { IChatroomListenerData } from '../client/chatroom-types.js';
import { isChatroomKey, MEMBER_NOTICE_TYPE } from './chatroom-view.js';
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
  /** A chatroom event from the client: loads the chatroom logic first if needed (events stay in order). */
  const onEvent = (event: IChatroomListenerData): void => {
    if (chatrooms) chatrooms.onEvent(event);
    else void load().then((loaded) => loaded.onEvent(event));
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
        const key = chatRoomId ? conversationKey({ conversationType: ConversationType.CHATROOM, targetId: chatRoomId }) : selected;
        if (!isChatroomKey(key)) return;
        if (selected === key) port.set({ selected: null });
        await chatrooms?.quit(key);
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
