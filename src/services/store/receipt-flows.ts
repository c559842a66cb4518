/**
 * The receipts slice's flows (see `receipts.ts`), loaded with the store's late actions: when the
 * browser is idle after a connect, else when the first conversation opens, a group receipt event
 * arrives or the user sends to a group. Private: how far the peer read, and the user's own receipts
 * while the conversation is open and visible. Group (seeds: 群聊消息回执 V2): receipts asked for on the
 * user's own messages, the members' requests answered, and `readCounts` (moved at once by each
 * response, set to the server's count shortly after). What it uses of the store comes from the slice.
 */
import { ConversationType, MessageDirection } from '../../protocol/constants.js';
import type { IConversationOption, IMessageReceiptResponseEvent, IReceivedMessage } from '../client/types.js';
import type { StorePort } from './slice.js';
import type { ConversationKey, ConversationMessages, KitState } from './types.js';

/** Milliseconds between two private receipts of one conversation. */
const RECEIPT_THROTTLE_MS = 1000;
/** Own group messages whose counts are fetched when a conversation opens (the request's maximum). */
const OPEN_COUNTS_MAX = 100;
/** Milliseconds a group's count refresh waits for more responses to arrive. */
const COUNT_REFRESH_MS = 250;

/** What the receipt flows use of the slice and the store's modules. */
export interface ReceiptFlowHelpers {
  readonly conversationKey: (conversation: IConversationOption) => ConversationKey;
  readonly parseConversationKey: (key: ConversationKey) => IConversationOption;
  readonly setMessages: (key: ConversationKey, messages: ConversationMessages) => void;
  /** Whether the page is visible (requests are answered only then). */
  readonly visible: () => boolean;
}

/** The receipt flows of one store. */
export function receiptFlows(port: StorePort, h: ReceiptFlowHelpers) {
  const { client } = port;
  /** Private: the sentTime of the last receipt sent, per conversation. */
  const sentUpTo = new Map<ConversationKey, number>();
  const timers = new Map<ConversationKey, ReturnType<typeof setTimeout>>();
  const lastSentAt = new Map<ConversationKey, number>();
  let loadedFor = '';
  /** The conversation whose read state was fetched since it was opened. */
  let fetchedFor: ConversationKey | null = null;
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

  const fetchPeerRead = async (key: ConversationKey) => {
    const res = await client.getPeerReadTime(h.parseConversationKey(key).targetId);
    const time = res.code === 0 && typeof res.data === 'number' ? res.data : 0;
    const known = port.get().peerReadTime[key];
    if (known === undefined || time > known)
      port.set({ peerReadTime: { ...port.get().peerReadTime, [key]: Math.max(time, known ?? 0) } });
  };

  const sendPrivate = (key: ConversationKey) => {
    timers.delete(key);
    const list = port.get().messages[key]?.list ?? [];
    const latest = [...list].reverse().find((m) => m.messageDirection === MessageDirection.RECEIVE && m.messageUId);
    if (!latest || latest.sentTime <= (sentUpTo.get(key) ?? 0)) return;
    sentUpTo.set(key, latest.sentTime);
    lastSentAt.set(key, Date.now());
    void client
      .sendReadReceiptMessage(h.parseConversationKey(key).targetId, latest.messageUId, latest.sentTime)
      .then((res) => {
        if (res.code !== 0 && sentUpTo.get(key) === latest.sentTime) sentUpTo.delete(key);
      });
  };

  /** When a group conversation opens: the counts of its own messages, from the server. */
  const openGroup = (state: KitState, key: ConversationKey) => {
    const own = state.messages[key]!.list.filter(
      (m) => m.messageDirection === MessageDirection.SEND && m.sendState === 'sent' && m.messageUId,
    );
    const uids = own.slice(-OPEN_COUNTS_MAX).map((m) => m.messageUId);
    for (const uid of uids) asked.add(uid);
    ownScanned = state.messages[key]!.list;
    void fetchCounts(key, uids);
  };

  /** The open group's state changed: counts for new own messages; answers requests while visible. */
  const checkGroup = (state: KitState, key: ConversationKey) => {
    askNewOwn(state, key);
    if (!h.visible()) return;
    // Scan a list once per change of it, not on every state change.
    const scanned = state.messages[key]!.list;
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
      const messages = state.messages[key]!;
      const list = messages.list.map((m) =>
        m.readReceiptInfo?.isReceiptRequestMessage && !m.readReceiptInfo.hasRespond
          ? { ...m, readReceiptInfo: { ...m.readReceiptInfo, hasRespond: true } }
          : m,
      );
      h.setMessages(key, { ...messages, list });
    }
    void client.sendReadReceiptResponseV2(h.parseConversationKey(key).targetId);
  };

  /** The private conversation open and visible: a receipt up to its newest received message (throttled). */
  const checkPrivate = (state: KitState, key: ConversationKey) => {
    if (!h.visible()) return;
    const list = state.messages[key]!.list;
    const latest = list.findLast((m) => m.messageDirection === MessageDirection.RECEIVE && m.messageUId);
    if (!latest || latest.sentTime <= (sentUpTo.get(key) ?? 0) || timers.has(key)) return;
    const wait = Math.max(0, (lastSentAt.get(key) ?? 0) + RECEIPT_THROTTLE_MS - Date.now());
    timers.set(
      key,
      setTimeout(() => sendPrivate(key), wait),
    );
  };

  return {
    /** The state changed: the open conversation's read state, receipts to send and requests to answer. */
    check(state: KitState): void {
      if (state.userId && state.userId !== loadedFor) {
        loadedFor = state.userId;
        sentUpTo.clear();
      }
      const key = state.selected;
      if (!key) fetchedFor = null;
      if (!key || !state.messages[key]?.loaded) return;
      const opened = fetchedFor !== key;
      fetchedFor = key;
      if (key.startsWith(`${ConversationType.PRIVATE}:`)) {
        if (opened) void fetchPeerRead(key);
        checkPrivate(state, key);
      } else if (key.startsWith(`${ConversationType.GROUP}:`)) {
        if (opened) openGroup(state, key);
        checkGroup(state, key);
      }
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
      for (const timer of timers.values()) clearTimeout(timer);
      for (const pending of countRefresh.values()) clearTimeout(pending.timer);
    },
  };
}

export type ReceiptFlows = ReturnType<typeof receiptFlows>;
