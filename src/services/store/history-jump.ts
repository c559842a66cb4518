/**
 * The history slice's `loadMessagesFrom` (a jump to the first unread): pages forward from a point in
 * time until they meet what is loaded. Loaded on the first jump (`late-actions.ts`).
 */
import type { IConversationOption, IReceivedMessage } from '../client/types.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, ConversationMessages, KitMessage } from './types.js';

/** Messages per forward page (the client's maximum). */
const PAGE = 100;
/** Forward pages at most per jump (10 000 messages). */
const MAX_PAGES = 100;

/** What a jump uses of the history slice and the store's modules. */
export interface HistoryJumpHelpers {
  readonly parseConversationKey: (key: ConversationKey) => IConversationOption;
  readonly toKitMessage: (message: IReceivedMessage) => KitMessage;
  readonly mergeMessages: (list: readonly KitMessage[], page: readonly KitMessage[]) => KitMessage[];
  readonly oldestServerTime: (list: readonly KitMessage[]) => number;
  readonly setMessages: (key: ConversationKey, messages: ConversationMessages) => void;
}

/** The body of the history slice's `loadMessagesFrom`. */
export function historyJump(port: StorePort, h: HistoryJumpHelpers) {
  return {
    async loadMessagesFrom(key: ConversationKey, sentTime: number): Promise<void> {
      const start = port.get().messages[key];
      if (!start?.loaded) return;
      const oldest = h.oldestServerTime(start.list);
      if (oldest !== 0 && oldest <= sentTime) return;
      let from = sentTime - 1;
      for (let i = 0; i < MAX_PAGES; i++) {
        const res = await port.client.getHistoryMessages(h.parseConversationKey(key), {
          timestamp: from,
          count: PAGE,
          order: 1,
        });
        if (res.code !== 0 || !res.data) return;
        const page = res.data.list.map((m) => h.toKitMessage(m));
        const now = port.get().messages[key];
        if (!now) return;
        // Older messages than the first unread may exist: keep paging back possible.
        h.setMessages(key, { ...now, list: h.mergeMessages(now.list, page), hasMore: true });
        const last = page.at(-1);
        if (!last || !res.data.hasMore || (oldest !== 0 && last.sentTime >= oldest)) return;
        from = last.sentTime;
      }
    },
  };
}
