/**
 * The messages slice's `deleteMessage` and `clearHistory`, loaded on the first of them
 * (`late-actions.ts`). Deletes made on the user's other devices stay with the slice.
 */
import type { IAsyncRes, IConversationOption } from '../client/types.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, KitMessage } from './types.js';

/** What the deletes use of the messages slice and the store's modules. */
export interface MessageDeleteHelpers {
  readonly conversationKey: (conversation: IConversationOption) => ConversationKey;
  readonly parseConversationKey: (key: ConversationKey) => IConversationOption;
  /** Takes the matching messages out of a conversation (and its latest message); `cleared`: nothing older is left. */
  readonly removeMessages: (key: ConversationKey, match: (m: KitMessage) => boolean, cleared?: boolean) => void;
  /** Takes an unsent own message out of the queue, the unsent-message storage and the uploads. */
  readonly forgetUnsent: (messageId: string) => void;
  /** `MessageDirection.SEND`. */
  readonly sendDirection: number;
}

/** The bodies of the messages slice's `deleteMessage` and `clearHistory`. */
export function messageDeletes(port: StorePort, h: MessageDeleteHelpers) {
  return {
    async deleteMessage(message: KitMessage): Promise<IAsyncRes<unknown>> {
      const key = h.conversationKey(message);
      if (message.messageUId && message.sendState === 'sent') {
        const res = await port.client.deleteMessages(h.parseConversationKey(key), [
          { messageUId: message.messageUId, sentTime: message.sentTime, messageDirection: message.messageDirection },
        ]);
        if (res.code !== 0) return res;
      }
      h.removeMessages(
        key,
        (m) =>
          m === message ||
          (!!message.messageUId && m.messageUId === message.messageUId) ||
          (m.messageId === message.messageId && m.senderUserId === message.senderUserId),
      );
      // An unsent own message leaves the queue and the unsent-message storage too.
      if (message.sendState !== 'sent' && message.messageDirection === h.sendDirection)
        h.forgetUnsent(message.messageId);
      return { code: 0 };
    },
    async clearHistory(conversation: IConversationOption): Promise<IAsyncRes<unknown>> {
      const key = h.conversationKey(conversation);
      const res = await port.client.clearHistoryMessages(h.parseConversationKey(key), 0);
      if (res.code === 0) h.removeMessages(key, (m) => m.sendState === 'sent', true);
      return res;
    },
  };
}
