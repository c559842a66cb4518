/**
 * The selection slice: opening a conversation (or a chatroom) for the message list and editor.
 */
import { ConversationType } from '../../protocol/constants.js';
import type { IConversationOption } from '../client/types.js';
import type { Chatrooms } from './chatroom-slice.js';
import { isChatroomKey } from './chatroom-view.js';
import type { ConversationUpdates } from './conversation-updates.js';
import { emptyConversation, findConversation } from './conversations.js';
import type { History } from './history.js';
import type { Slice, StorePort } from './slice.js';
import { conversationKey, parseConversationKey } from './types.js';

/** What the selection slice needs besides the port. */
export interface SelectionDeps {
  readonly updates: Pick<ConversationUpdates, 'setConversations' | 'markReadIfOpen'>;
  readonly history: History;
  readonly chatrooms: Chatrooms;
  /** Fetches conversations' names and avatars. */
  readonly requestConversations: (conversations: Iterable<IConversationOption>) => unknown;
  /** Fetches a group's members (the @mention list). */
  readonly requestGroupMembers: (conversation: IConversationOption) => unknown;
}

/** The selection slice (see the module comment). */
export function createSelectionSlice(port: StorePort, deps: SelectionDeps) {
  const { updates, chatrooms } = deps;
  return {
    actions: {
      /**
       * Opens a conversation: adds it in memory when the server does not list it, loads its newest page
       * of messages and clears its unread count. A chatroom is joined (and the one open before quit).
       */
      async selectConversation(conversation: IConversationOption): Promise<void> {
        const key = conversationKey(conversation);
        const previous = port.get().selected;
        // Parley: leaving an open chatroom for another conversation quits it.
        if (isChatroomKey(previous) && previous !== key) void chatrooms.current()?.quit(previous);
        if (isChatroomKey(key)) {
          // The first room of a page loads the chatroom logic; what is shown stays until it is in.
          const rooms = chatrooms.current() ?? (await chatrooms.load());
          if (port.get().selected !== previous) return; // another conversation was picked meanwhile
          if (previous !== key) port.set({ selected: key });
          void deps.requestConversations([parseConversationKey(key)]);
          await rooms.join(conversation);
          return;
        }
        if (!findConversation(port.get(), key)) {
          updates.setConversations([...port.get().conversationList, emptyConversation(conversation, Date.now())]);
        }
        if (port.get().selected !== key) port.set({ selected: key });
        void deps.requestConversations([parseConversationKey(key)]);
        if (conversation.conversationType === ConversationType.GROUP)
          void deps.requestGroupMembers(parseConversationKey(key));
        const load = port.get().messages[key]?.loaded ? Promise.resolve() : deps.history.loadNewest(key);
        updates.markReadIfOpen(key);
        await load;
      },
    },
  } satisfies Slice;
}

/** The selection slice's actions. */
export type SelectionActions = ReturnType<typeof createSelectionSlice>['actions'];
