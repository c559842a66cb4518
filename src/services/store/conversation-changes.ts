/**
 * The conversations slice's changes on the server: pin, do not disturb, and deleting a conversation on
 * every device. Loaded on the first of them (`late-actions.ts`): a first screen only lists.
 */
import type { IAsyncRes, IConversationOption } from '../client/types.js';
import type { ConversationUpdates } from './conversation-updates.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, KitConversation } from './types.js';

/** What the changes use of the conversations slice and the store's modules. */
export interface ConversationChangeHelpers {
  readonly conversationKey: (conversation: IConversationOption) => ConversationKey;
  readonly patchConversation: ConversationUpdates['patchConversation'];
  /** Removes a conversation from the list in memory (the slice's `removeConversation`). */
  readonly removeConversation: (conversation: IConversationOption) => void;
  /** `NotificationLevel.NOT_MESSAGE_NOTIFICATION` and `NotificationLevel.NOT_SET`. */
  readonly mutedLevel: number;
  readonly unmutedLevel: number;
}

/** The bodies of `deleteConversation`, `setConversationTop` and `setConversationMuted`. */
export function conversationChanges(port: StorePort, h: ConversationChangeHelpers) {
  /** Pins, mutes, and puts it back when the server refuses. */
  const patchOnServer = async <K extends 'isTop' | 'notificationLevel'>(
    conversation: IConversationOption,
    field: K,
    value: KitConversation[K],
    send: (target: IConversationOption) => Promise<IAsyncRes<unknown>>,
  ): Promise<IAsyncRes<unknown>> => {
    const key = h.conversationKey(conversation);
    const before = port.get().conversationList.find((c) => c.key === key);
    if (!before) return { code: 0 };
    h.patchConversation(key, { [field]: value });
    const res = await send({ conversationType: conversation.conversationType, targetId: conversation.targetId });
    if (res.code !== 0) h.patchConversation(key, { [field]: before[field] });
    return res;
  };
  return {
    async deleteConversation(conversation: IConversationOption): Promise<IAsyncRes<unknown>> {
      const target = { conversationType: conversation.conversationType, targetId: conversation.targetId };
      const local = port.get().conversationList.find((c) => c.key === h.conversationKey(target))?.local;
      h.removeConversation(target);
      return local ? { code: 0 } : port.client.removeConversation(target);
    },
    setConversationTop(conversation: IConversationOption, isTop: boolean): Promise<IAsyncRes<unknown>> {
      return patchOnServer(conversation, 'isTop', isTop, (target) => port.client.setConversationToTop(target, isTop));
    },
    setConversationMuted(conversation: IConversationOption, muted: boolean): Promise<IAsyncRes<unknown>> {
      const level = muted ? h.mutedLevel : h.unmutedLevel;
      return patchOnServer(conversation, 'notificationLevel', level, (target) =>
        port.client.setConversationNotificationLevel(target, level),
      );
    },
  };
}
