/**
 * The conversation list's next pages (seeds: `getConversationList` with `startTime`), fetched as the
 * user scrolls past the first page. Loaded with the late actions (`late-actions.ts`): the first page
 * comes with the connection.
 */
import type { IReceivedConversation } from '../client/types.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, KitConversation, KitState } from './types.js';

/** What the paging uses of the list's upkeep (`conversation-updates.ts`) and the store's modules. */
export interface ConversationPageHelpers {
  readonly conversationKey: (conversation: IReceivedConversation) => ConversationKey;
  readonly findConversation: (state: KitState, key: ConversationKey) => KitConversation | undefined;
  readonly toKitConversation: (conversation: IReceivedConversation) => KitConversation;
  /** The app's `customIntercept` hides this conversation. */
  readonly intercepted: (conversation: IReceivedConversation) => boolean;
  readonly setConversations: (list: readonly KitConversation[]) => void;
  /** Fetches names and avatars, and the senders of the latest messages. */
  readonly requestProfiles: (conversations: readonly IReceivedConversation[]) => void;
  /** Conversations per page (`conversationPullCount`). */
  readonly pageSize: number;
}

/** The body of the list upkeep's `fetchOlderConversations`. */
export function conversationPages(port: StorePort, h: ConversationPageHelpers) {
  /** The running "next page" request, and a start time whose page had nothing new (the list ends there). */
  let olderLoading: Promise<boolean> | null = null;
  let exhaustedAt: number | null = null;
  /** Where the next page starts: the oldest unpinned conversation the server listed (0: none yet). */
  const nextStart = (): number => {
    let oldest = 0;
    for (const c of port.get().conversationList) {
      if (c.local || c.isTop) continue;
      if (oldest === 0 || c.updatedTime < oldest) oldest = c.updatedTime;
    }
    return oldest;
  };
  const fetchPage = async (startTime: number): Promise<boolean> => {
    const res = await port.client.getConversationList({ count: h.pageSize, startTime, order: 0 });
    if (res.code !== 0 || !Array.isArray(res.data)) return false;
    const fresh = res.data
      .filter((c) => !h.intercepted(c) && !h.findConversation(port.get(), h.conversationKey(c)))
      .map((c) => h.toKitConversation(c));
    if (fresh.length === 0) return false;
    h.setConversations([...port.get().conversationList, ...fresh]);
    h.requestProfiles(fresh);
    return true;
  };
  return {
    fetchOlderConversations(): Promise<boolean> {
      const start = nextStart();
      // Pages start at the oldest listed conversation; live updates only make conversations newer, so they never shift it.
      if (!port.get().conversationsLoaded || start === 0 || exhaustedAt === start) return Promise.resolve(false);
      olderLoading ??= fetchPage(start)
        .then((added) => {
          if (!added) exhaustedAt = start;
          return added;
        })
        .finally(() => {
          olderLoading = null;
        });
      return olderLoading;
    },
  };
}
