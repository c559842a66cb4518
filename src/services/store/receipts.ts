/**
 * Read receipts in the kit (seeds: 单聊消息回执, 群聊消息回执 V2).
 *
 * - Private: while a private conversation is open and the page visible, the kit tells the peer how
 *   far the user has read (`sendReadReceiptMessage`, at most once per second per conversation). The
 *   peer's READ_RECEIPT_RECEIVED moves `peerReadTime`. Where the seeds keep that time in the
 *   browser's `localStorage`, Parley asks the server when a conversation opens (`getPeerReadTime`),
 *   so every device and a fresh browser profile show the same "Read".
 * - Group: the kit asks for receipts on the user's own group messages it sends
 *   (`sendReadReceiptRequest`); members' kits answer while the conversation is open and visible
 *   (`sendReadReceiptResponseV2` without a list: the server answers every pending request). The
 *   sender's `readCounts` come from the server when the conversation opens (`getReadReceiptInfo`
 *   for the newest own messages), move on MESSAGE_RECEIPT_RESPONSE at once, and are set to the
 *   server's count again shortly after (a response that was already counted never counts twice).
 */
import { ConversationType, MessageDirection } from '../../protocol/constants.js';
import type {
  IMessageReceiptRequestEvent,
  IMessageReceiptResponseEvent,
  IReadReceiptReceivedEvent,
  IReceivedMessage,
} from '../client/types.js';
import { onStore, setMessages, type Slice, type StorePort } from './slice.js';
import { conversationKey, parseConversationKey, type ConversationKey, type KitState } from './types.js';

/** Milliseconds between two private receipts of one conversation. */
export const RECEIPT_THROTTLE_MS = 1000;

function visible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

/** Own group messages whose counts are fetched when a conversation opens (the request's maximum). */
const OPEN_COUNTS_MAX = 100;
/** Milliseconds a group's count refresh waits for more responses to arrive. */
const COUNT_REFRESH_MS = 250;

/** The time up to which the peer of a private conversation has read the user's messages (0 also while unknown). */
export function selectPeerReadTime(state: KitState, key: ConversationKey | null): number {
  return key ? (state.peerReadTime[key] ?? 0) : 0;
}

/** How many members have read an own group message, or `undefined` when no receipt was requested. */
export function selectReadCount(
  state: KitState,
  message: Pick<IReceivedMessage, 'messageUId' | 'readReceiptInfo'>,
): number | undefined {
  const live = message.messageUId ? state.readCounts[message.messageUId] : undefined;
  const info = message.readReceiptInfo?.isReceiptRequestMessage ? (message.readReceiptInfo.readCount ?? 0) : undefined;
  return live === undefined ? info : Math.max(live, info ?? 0);
}

/** What other slices call on the receipts slice. */
export interface Receipts {
  /** Asks the group for receipts on an own message the kit just sent (the count starts at 0). */
  requestGroupReceipt(message: IReceivedMessage): Promise<void>;
}

/** The receipts slice: the private and group receipt flows of the open conversation (see above). */
export function createReceiptsSlice(port: StorePort, requestUsers: (userIds: string[]) => void = () => {}) {
  const { client } = port;
  /** Private: the sentTime of the last receipt sent, per conversation. */
  const sentUpTo = new Map<ConversationKey, number>();
  const timers = new Map<ConversationKey, ReturnType<typeof setTimeout>>();
  const lastSentAt = new Map<ConversationKey, number>();
  /** Group: conversations with receipt requests this user has not answered yet. */
  const pendingGroups = new Set<ConversationKey>();
  /** Readers seen per own message, so a repeated response never counts twice. */
  const readers = new Map<string, Set<string>>();
  let loadedFor = '';
  let lastScanned: readonly unknown[] | null = null;
  /** The conversation whose read state was fetched since it was opened. */
  let fetchedFor: ConversationKey | null = null;
  /** Group counts to refresh from the server, per group, after a burst of responses. */
  const countRefresh = new Map<ConversationKey, { uids: Set<string>; timer: ReturnType<typeof setTimeout> }>();

  const fetchPeerRead = async (key: ConversationKey) => {
    const res = await client.getPeerReadTime(parseConversationKey(key).targetId);
    const time = res.code === 0 && typeof res.data === 'number' ? res.data : 0;
    const known = port.get().peerReadTime[key];
    if (known === undefined || time > known)
      port.set({ peerReadTime: { ...port.get().peerReadTime, [key]: Math.max(time, known ?? 0) } });
  };

  /** Sets the read counts of `uids` to the server's (the source of truth for every device). */
  const fetchCounts = async (key: ConversationKey, uids: string[]) => {
    if (uids.length === 0) return;
    const res = await client.getReadReceiptInfo(parseConversationKey(key).targetId, uids);
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

  /** Own group messages whose counts were asked for (open, or arrived from another device). */
  const asked = new Set<string>();
  let ownScanned: readonly unknown[] | null = null;

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

  /** When a conversation opens: how far the peer read (private), the counts of own messages (group). */
  const fetchOnOpen = (state: KitState, key: ConversationKey) => {
    if (fetchedFor === key) return;
    fetchedFor = key;
    if (key.startsWith(`${ConversationType.PRIVATE}:`)) {
      void fetchPeerRead(key);
    } else if (key.startsWith(`${ConversationType.GROUP}:`)) {
      const own = state.messages[key]!.list.filter(
        (m) => m.messageDirection === MessageDirection.SEND && m.sendState === 'sent' && m.messageUId,
      );
      const uids = own.slice(-OPEN_COUNTS_MAX).map((m) => m.messageUId);
      for (const uid of uids) asked.add(uid);
      ownScanned = state.messages[key]!.list;
      void fetchCounts(key, uids);
    }
  };

  const sendPrivate = (key: ConversationKey) => {
    timers.delete(key);
    const list = port.get().messages[key]?.list ?? [];
    const latest = [...list].reverse().find((m) => m.messageDirection === MessageDirection.RECEIVE && m.messageUId);
    if (!latest || latest.sentTime <= (sentUpTo.get(key) ?? 0)) return;
    sentUpTo.set(key, latest.sentTime);
    lastSentAt.set(key, Date.now());
    void client
      .sendReadReceiptMessage(parseConversationKey(key).targetId, latest.messageUId, latest.sentTime)
      .then((res) => {
        if (res.code !== 0 && sentUpTo.get(key) === latest.sentTime) sentUpTo.delete(key);
      });
  };

  const check = (state: KitState) => {
    if (state.userId && state.userId !== loadedFor) {
      loadedFor = state.userId;
      sentUpTo.clear();
    }
    const key = state.selected;
    if (!key) fetchedFor = null;
    if (!key || !state.messages[key]?.loaded) return;
    fetchOnOpen(state, key);
    if (key.startsWith(`${ConversationType.GROUP}:`)) askNewOwn(state, key);
    if (!visible()) return;
    if (key.startsWith(`${ConversationType.PRIVATE}:`)) {
      const list = state.messages[key]!.list;
      const latest = list.findLast((m) => m.messageDirection === MessageDirection.RECEIVE && m.messageUId);
      if (!latest || latest.sentTime <= (sentUpTo.get(key) ?? 0) || timers.has(key)) return;
      const wait = Math.max(0, (lastSentAt.get(key) ?? 0) + RECEIPT_THROTTLE_MS - Date.now());
      timers.set(
        key,
        setTimeout(() => sendPrivate(key), wait),
      );
    } else if (key.startsWith(`${ConversationType.GROUP}:`)) {
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
      const messages = state.messages[key]!;
      if (unanswered) {
        const list = messages.list.map((m) =>
          m.readReceiptInfo?.isReceiptRequestMessage && !m.readReceiptInfo.hasRespond
            ? { ...m, readReceiptInfo: { ...m.readReceiptInfo, hasRespond: true } }
            : m,
        );
        setMessages(port, key, { ...messages, list });
      }
      void client.sendReadReceiptResponseV2(parseConversationKey(key).targetId);
    }
  };

  const onRead = (event: IReadReceiptReceivedEvent) => {
    if (!event?.conversation || typeof event.sentTime !== 'number') return;
    const key = conversationKey(event.conversation);
    if (event.sentTime <= (port.get().peerReadTime[key] ?? 0)) return;
    port.set({ peerReadTime: { ...port.get().peerReadTime, [key]: event.sentTime } });
  };

  const onRequest = (event: IMessageReceiptRequestEvent) => {
    if (!event?.conversation) return;
    pendingGroups.add(conversationKey(event.conversation));
    check(port.get());
  };

  /** The read count the loaded history gave an own message (`readReceiptInfo.readCount`). */
  const historyCount = (conversation: IMessageReceiptResponseEvent['conversation'], uid: string): number => {
    const message = port.get().messages[conversationKey(conversation)]?.list.find((m) => m.messageUId === uid);
    return message?.readReceiptInfo?.readCount ?? 0;
  };

  const onResponse = (event: IMessageReceiptResponseEvent) => {
    if (!event || !Array.isArray(event.messageUidList)) return;
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
    scheduleCounts(conversationKey(event.conversation), event.messageUidList);
  };

  const onVisibility = () => check(port.get());
  const receipts: Receipts = {
    async requestGroupReceipt(message) {
      if (message.conversationType !== ConversationType.GROUP || !message.messageUId) return;
      const res = await client.sendReadReceiptRequest(message.targetId, message.messageUId);
      if (res.code === 0 && port.get().readCounts[message.messageUId] === undefined) {
        port.set((state) => ({ readCounts: { ...state.readCounts, [message.messageUId]: 0 } }));
      }
    },
  };
  return {
    actions: {
      /**
       * Who read an own group message (the client's `getMessageReader`), asking for their names at the
       * same time; an empty list when the server cannot tell.
       */
      async loadMessageReaders(message: Pick<IReceivedMessage, 'targetId' | 'messageUId'>): Promise<MessageReader[]> {
        const res = await client.getMessageReader(message.targetId, message.messageUId);
        const list = res.code === 0 && res.data ? res.data.list : [];
        requestUsers(list.map((reader) => reader.userId));
        return list;
      },
    },
    selectors: { selectPeerReadTime, selectReadCount },
    internal: receipts,
    attach: (events) => {
      events.onState(check);
      events.on('read_receipt_received', onRead);
      events.on('message_receipt_request', onRequest);
      events.on('message_receipt_response', onResponse);
      if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
      return () => {
        for (const timer of timers.values()) clearTimeout(timer);
        for (const pending of countRefresh.values()) clearTimeout(pending.timer);
        if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
      };
    },
  } satisfies Slice;
}

/** One member who read an own group message, and when. */
export interface MessageReader {
  userId: string;
  readTime: number;
}

/** The receipts slice's actions. */
export type ReceiptActions = ReturnType<typeof createReceiptsSlice>['actions'];

/** `store.loadMessageReaders(message)` as a function of the store. */
export const loadMessageReaders = onStore<ReceiptActions, 'loadMessageReaders'>('loadMessageReaders');
