/**
 * The conversations slice: loading the list, read state, removing (in memory, or on every device),
 * pin and do not disturb; the CONVERSATION event (snapshots the server pushes), the end of the
 * offline pull, and CONVERSATION_REMOVED from the user's other devices; and the total unread count.
 * The list's upkeep is in `conversation-updates.ts`; pin, do not disturb and deleting on the server
 * load on the first of them (`conversation-changes.ts`).
 */
import { NotificationLevel } from '../../protocol/constants.js';
import type { IConversationOption, IEventConversation } from '../client/types.js';
import { isChatroomKey } from './chatroom-view.js';
import type { ConversationUpdates } from './conversation-updates.js';
import { lateActions, type Slice, type StorePort } from './slice.js';
import { conversationKey, type KitConversation, type KitState } from './types.js';

/** Whether a conversation's notifications are muted (any level other than "all" or "not set"). */
export function isMuted(conversation: Pick<KitConversation, 'notificationLevel'>): boolean {
  return (
    conversation.notificationLevel !== NotificationLevel.ALL_MESSAGE &&
    conversation.notificationLevel !== NotificationLevel.NOT_SET
  );
}

/** Unread messages over the listed conversations; muted ones count only with `includeMuted`. */
export function selectTotalUnreadCount(state: KitState, includeMuted = false): number {
  return state.conversationList.reduce((sum, c) => sum + (includeMuted || !isMuted(c) ? c.unreadMessageCount : 0), 0);
}

/** What the conversations slice needs besides the port. */
export interface ConversationsDeps {
  readonly updates: ConversationUpdates;
  /** Leaves a chatroom (the chatrooms slice): removing a room's conversation quits it. */
  readonly quitChatRoom: (chatRoomId: string) => Promise<void>;
}

/** The conversations slice (see the module comment). */
export function createConversationsSlice(port: StorePort, deps: ConversationsDeps) {
  const { updates } = deps;
  let loading: Promise<void> | null = null;
  // Pin, mute and delete load on the first of them.
  const changes = lateActions((late) =>
    late.conversationChanges(port, {
      conversationKey,
      patchConversation: updates.patchConversation,
      removeConversation: (conversation) => actions.removeConversation(conversation),
      mutedLevel: NotificationLevel.NOT_MESSAGE_NOTIFICATION,
      unmutedLevel: NotificationLevel.NOT_SET,
    }),
  );
  const actions = {
    /** Fetches the conversation list (concurrent calls share one request). */
    loadConversations(): Promise<void> {
      loading ??= updates.fetchConversations().finally(() => {
        loading = null;
      });
      return loading;
    },
    /**
     * Loads the next page of the conversation list (seeds: `getConversationList` with `startTime`):
     * `conversationPullCount` conversations older than those listed. Resolves true when it added any;
     * false at the end of the list (later calls then do nothing until the list changes).
     */
    loadMoreConversations(): Promise<boolean> {
      return updates.fetchOlderConversations();
    },
    /** Clears the unread count of a conversation, locally at once and on the server. */
    markRead: updates.markRead,
    /** Removes a conversation from the list (in memory); a chatroom is quit. */
    removeConversation(conversation: IConversationOption): void {
      const key = conversationKey(conversation);
      if (isChatroomKey(key)) {
        void deps.quitChatRoom(conversation.targetId);
        return;
      }
      updates.setConversations(port.get().conversationList.filter((c) => c.key !== key));
      if (port.get().selected === key) port.set({ selected: null });
    },
    /** Removes a conversation from the list on the server and every device (history stays). */
    deleteConversation: changes('deleteConversation'),
    /** Pins (`isTop` true) or unpins a conversation; the list re-sorts at once, and back on failure. */
    setConversationTop: changes('setConversationTop'),
    /** Turns do-not-disturb on (level 5, no notifications) or off (level 0) for a conversation. */
    setConversationMuted: changes('setConversationMuted'),
  };
  return {
    actions,
    selectors: { selectTotalUnreadCount },
    attach: (events) => {
      events.on('conversation', (event) => updates.applyConversations(event?.conversationList ?? []));
      events.on('pull_offline_message_finished', () => void actions.loadConversations());
      events.on('conversation_removed', (event: { conversation: IEventConversation }) => {
        if (event?.conversation) actions.removeConversation(event.conversation);
      });
    },
  } satisfies Slice;
}

/** The conversations slice's actions. */
export type ConversationActions = ReturnType<typeof createConversationsSlice>['actions'];
