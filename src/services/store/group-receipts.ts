/**
 * The group half of the receipts slice (seeds: 群聊消息回执 V2), loaded the first time a group
 * conversation opens, a group receipt event arrives or the user sends to a group: the kit asks for
 * receipts on the user's own group messages, answers the members' requests while the conversation is
 * open and visible, and keeps `readCounts` (moved at once by each response, set to the server's count
 * shortly after). What it uses of the store comes from the slice (`receipts.ts`).
 */
import { ConversationType, MessageDirection } from '../../protocol/enums.js';
import type { IConversationOption, IMessageReceiptResponseEvent, IReceivedMessage } from '../client/types.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, ConversationMessages, KitState } from './types.js';

/** Own group messages whose counts are fetched when a conversation opens (the request's maximum). */
const OPEN_COUNTS_MAX = 100;
/** Milliseconds a group's count refresh waits for more responses to arrive. */
const COUNT_REFRESH_MS = 250;

/** What the group receipts use of the slice and the store's modules. */
export interface GroupReceiptHelpers {
  readonly conversationKey: (conversation: IConversationOption) => ConversationKey;
  readonly parseConversationKey: (key: ConversationKey) => IConversationOption;
  readonly setMessages: (key: ConversationKey, messages: ConversationMessages) => void;
  /** Whether the page is visible (requests are answered only then). */
  readonly visible: () => boolean;
}

/** The group receipt flows of one store. */
export function groupReceipts(port: StorePort, h: GroupReceiptHelpers) {
  const { client } = port;
  /** Conversations with receipt requests this user has not answered yet. */
  const pendingGroups = new Set<ConversationKey>();
  /** Readers seen per own message, so a repeated response never counts twice. */
  const readers = new Map<string, Set<string>>();
  let lastScanned: readonly unknown[] | null = null;
  /** Counts to refresh from the server, per group, after a burst of responses. */
  const countRefresh = new Map<ConversationKey, { uids: Set<string>; timer: ReturnType<typeof setTimeout> }>();
  /** Own messages whose counts were asked for (open, or arrived from another device). */
  const asked = new Set<string>();
  let ownScanned: readonly unknown[] | null = null;

  /** Sets the read counts of `uids` to the server's (the source of truth for every device). */
  const fetchCounts = async (key: ConversationKey, uids: string[]) => {
    if (uids.length === 0) return;
    const res = await client.getReadReceiptInfo(h.parseConversationKey(key).targetId, uids);
    if (res.code !== 0 || !res.data) return;
    const counts = { ...port.get().readCounts };
    for (const [uid, info] of Object.entries(res.data)) counts[uid] = info.readCount;
    port.set({ readCounts: counts });
  };

  const scheduleCounts = (key: ConversationKey, uids: readonly string[]) => {
    const pending = countRefresh.get(key) ?? {
      uids: new Set<string>(),
      timer: setTimeout(() => {
        countRefresh.delete(key);
        void fetchCounts(key, [...pending.uids]);
      }, COUNT_REFRESH_MS),
    };
    for (const uid of uids) pending.uids.add(uid);
    countRefresh.set(key, pending);
  };

  /**
   * Own messages sent from another device arrive without a count: ask the server for them shortly
   * (the sending device requests the receipts right after sending).
   */
  const askNewOwn = (state: KitState, key: ConversationKey) => {
    const list = state.messages[key]!.list;
    if (list === ownScanned) return;
    ownScanned = list;
    const fresh = list
      .slice(-20)
      .filter(
        (m) =>
          m.messageDirection === MessageDirection.SEND &&
          m.sendState === 'sent' &&
          m.messageUId &&
          !asked.has(m.messageUId) &&
          state.readCounts[m.messageUId] === undefined &&
          !m.readReceiptInfo,
      );
    for (const m of fresh) asked.add(m.messageUId);
    if (fresh.length > 0)
      scheduleCounts(
        key,
        fresh.map((m) => m.messageUId),
      );
  };

  /** The read count the loaded history gave an own message (`readReceiptInfo.readCount`). */
  const historyCount = (conversation: IMessageReceiptResponseEvent['conversation'], uid: string): number => {
    const message = port.get().messages[h.conversationKey(conversation)]?.list.find((m) => m.messageUId === uid);
    return message?.readReceiptInfo?.readCount ?? 0;
  };

  return {
    /** A group conversation opened: the counts of its own messages, from the server. */
    open(state: KitState, key: ConversationKey): void {
      const own = state.messages[key]!.list.filter(
        (m) => m.messageDirection === MessageDirection.SEND && m.sendState === 'sent' && m.messageUId,
      );
      const uids = own.slice(-OPEN_COUNTS_MAX).map((m) => m.messageUId);
      for (const uid of uids) asked.add(uid);
      ownScanned = state.messages[key]!.list;
      void fetchCounts(key, uids);
    },
    /** The open group's state changed: counts for new own messages; answers requests while visible. */
    check(state: KitState, key: ConversationKey): void {
      const messages = state.messages[key];
      if (!messages?.loaded) return;
      askNewOwn(state, key);
      if (!h.visible()) return;
      // Scan a list once per change of it, not on every state change.
      const scanned = messages.list;
      if (scanned === lastScanned && !pendingGroups.has(key)) return;
      lastScanned = scanned;
      const unanswered = scanned.some(
        (m) =>
          m.messageDirection === MessageDirection.RECEIVE &&
          m.readReceiptInfo?.isReceiptRequestMessage &&
          !m.readReceiptInfo.hasRespond,
      );
      if (!pendingGroups.has(key) && !unanswered) return;
      pendingGroups.delete(key);
      // Mark the loaded requests answered, so they are not answered again.
      if (unanswered) {
        const list = messages.list.map((m) =>
          m.readReceiptInfo?.isReceiptRequestMessage && !m.readReceiptInfo.hasRespond
            ? { ...m, readReceiptInfo: { ...m.readReceiptInfo, hasRespond: true } }
            : m,
        );
        h.setMessages(key, { ...messages, list });
      }
      void client.sendReadReceiptResponseV2(h.parseConversationKey(key).targetId);
    },
    /** A member asked for receipts in a group: answered when it is open and visible. */
    onRequest(key: ConversationKey): void {
      pendingGroups.add(key);
    },
    onResponse(event: IMessageReceiptResponseEvent): void {
      const counts = { ...port.get().readCounts };
      let changed = false;
      for (const uid of event.messageUidList) {
        const seen = readers.get(uid) ?? new Set<string>();
        readers.set(uid, seen);
        if (seen.has(event.receivedUserId)) continue;
        seen.add(event.receivedUserId);
        counts[uid] = (counts[uid] ?? historyCount(event.conversation, uid)) + 1;
        changed = true;
      }
      if (!changed) return;
      port.set({ readCounts: counts });
      scheduleCounts(h.conversationKey(event.conversation), event.messageUidList);
    },
    /** Asks the group for receipts on an own message the kit just sent (the count starts at 0). */
    async requestGroupReceipt(message: IReceivedMessage): Promise<void> {
      if (message.conversationType !== ConversationType.GROUP || !message.messageUId) return;
      const res = await client.sendReadReceiptRequest(message.targetId, message.messageUId);
      if (res.code === 0 && port.get().readCounts[message.messageUId] === undefined) {
        port.set((state) => ({ readCounts: { ...state.readCounts, [message.messageUId]: 0 } }));
      }
    },
    dispose(): void {
      for (const pending of countRefresh.values()) clearTimeout(pending.timer);
    },
  };
}

export type GroupReceipts = ReturnType<typeof groupReceipts>;
