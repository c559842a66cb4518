/**
 * Read receipts in the kit (seeds: 单聊消息回执, 群聊消息回执 V2).
 *
 * - Private: while a private conversation is open and the page visible, the kit tells the peer how
 *   far the user has read (`sendReadReceiptMessage`, at most once per second per conversation). The
 *   peer's READ_RECEIPT_RECEIVED moves `peerReadTime`, kept in `localStorage` as the seeds advise
 *   for the Web, so "Read" survives a reload.
 * - Group: the kit asks for receipts on the user's own group messages it sends
 *   (`sendReadReceiptRequest`); members' kits answer while the conversation is open and visible
 *   (`sendReadReceiptResponseV2` without a list: the server answers every pending request); the
 *   sender's `readCounts` follow MESSAGE_RECEIPT_RESPONSE and the history's `readReceiptInfo`.
 */
import { ConversationType, MessageDirection } from '../../protocol/enums.js';
import type { IMessageReceiptRequestEvent, IMessageReceiptResponseEvent, IReadReceiptReceivedEvent, IReceivedMessage } from '../client/types.js';
import type { KitStore } from './store.js';
import { conversationKey, parseConversationKey, type ConversationKey, type KitState } from './types.js';

/** Milliseconds between two private receipts of one conversation. */
export const RECEIPT_THROTTLE_MS = 1000;

function visible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

function storageKey(userId: string, key: ConversationKey): string {
  return `parley:peer-read:${userId}:${key}`;
}

function loadPeerRead(userId: string, key: ConversationKey): number {
  try {
    return Number(globalThis.localStorage?.getItem(storageKey(userId, key))) || 0;
  } catch {
    return 0;
  }
}

function savePeerRead(userId: string, key: ConversationKey, time: number): void {
  try {
    globalThis.localStorage?.setItem(storageKey(userId, key), String(time));
  } catch {
    // Storage full or blocked: "Read" then lasts until the reload.
  }
}

/** The time up to which the peer of a private conversation has read the user's messages. */
export function selectPeerReadTime(state: KitState, key: ConversationKey | null): number {
  return key ? state.peerReadTime[key] ?? 0 : 0;
}

/** How many members have read an own group message, or `undefined` when no receipt was requested. */
export function selectReadCount(state: KitState, message: Pick<IReceivedMessage, 'messageUId' | 'readReceiptInfo'>): number | undefined {
  const live = message.messageUId ? state.readCounts[message.messageUId] : undefined;
  const info = message.readReceiptInfo?.isReceiptRequestMessage ? message.readReceiptInfo.readCount ?? 0 : undefined;
  return live === undefined ? info : Math.max(live, info ?? 0);
}

/** Asks the group for receipts on an own message the kit just sent (the count starts at 0). */
export async function requestGroupReceipt(store: KitStore, message: IReceivedMessage): Promise<void> {
  if (message.conversationType !== ConversationType.GROUP || !message.messageUId) return;
  const res = await store.client.sendReadReceiptRequest(message.targetId, message.messageUId);
  if (res.code === 0 && store.state.readCounts[message.messageUId] === undefined) {
    store._patch({ readCounts: { ...store.state.readCounts, [message.messageUId]: 0 } });
  }
}

/** Starts the receipt flows for `store`; returns the detach function. */
export function attachReceipts(store: KitStore): () => void {
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

  const sendPrivate = (key: ConversationKey) => {
    timers.delete(key);
    const list = store.state.messages[key]?.list ?? [];
    const latest = [...list].reverse().find((m) => m.messageDirection === MessageDirection.RECEIVE && m.messageUId);
    if (!latest || latest.sentTime <= (sentUpTo.get(key) ?? 0)) return;
    sentUpTo.set(key, latest.sentTime);
    lastSentAt.set(key, Date.now());
    void store.client.sendReadReceiptMessage(parseConversationKey(key).targetId, latest.messageUId, latest.sentTime).then((res) => {
      if (res.code !== 0 && sentUpTo.get(key) === latest.sentTime) sentUpTo.delete(key);
    });
  };

  const check = (state: KitState) => {
    if (state.userId && state.userId !== loadedFor) {
      loadedFor = state.userId;
      sentUpTo.clear();
    }
    const key = state.selected;
    if (!key || !visible() || !state.messages[key]?.loaded) return;
    if (key.startsWith(`${ConversationType.PRIVATE}:`)) {
      if (state.peerReadTime[key] === undefined && state.userId) {
        store._patch({ peerReadTime: { ...state.peerReadTime, [key]: loadPeerRead(state.userId, key) } });
      }
      const list = state.messages[key]!.list;
      const latest = list.findLast((m) => m.messageDirection === MessageDirection.RECEIVE && m.messageUId);
      if (!latest || latest.sentTime <= (sentUpTo.get(key) ?? 0) || timers.has(key)) return;
      const wait = Math.max(0, (lastSentAt.get(key) ?? 0) + RECEIPT_THROTTLE_MS - Date.now());
      timers.set(key, setTimeout(() => sendPrivate(key), wait));
    } else if (key.startsWith(`${ConversationType.GROUP}:`)) {
      // Scan a list once per change of it, not on every state change.
      const scanned = state.messages[key]!.list;
      if (scanned === lastScanned && !pendingGroups.has(key)) return;
      lastScanned = scanned;
      const unanswered = scanned.some(
        (m) => m.messageDirection === MessageDirection.RECEIVE && m.readReceiptInfo?.isReceiptRequestMessage && !m.readReceiptInfo.hasRespond,
      );
      if (!pendingGroups.has(key) && !unanswered) return;
      pendingGroups.delete(key);
      // Mark the loaded requests answered, so they are not answered again.
      const messages = state.messages[key]!;
      if (unanswered) {
        const list = messages.list.map((m) => (m.readReceiptInfo?.isReceiptRequestMessage && !m.readReceiptInfo.hasRespond ? { ...m, readReceiptInfo: { ...m.readReceiptInfo, hasRespond: true } } : m));
        store._setMessages(key, { ...messages, list });
      }
      void store.client.sendReadReceiptResponseV2(parseConversationKey(key).targetId);
    }
  };

  const onRead = (event: IReadReceiptReceivedEvent) => {
    if (!event?.conversation || typeof event.sentTime !== 'number') return;
    const key = conversationKey(event.conversation);
    const userId = store.state.userId;
    if (userId && event.sentTime > loadPeerRead(userId, key)) savePeerRead(userId, key, event.sentTime);
    if (event.sentTime <= (store.state.peerReadTime[key] ?? 0)) return;
    store._patch({ peerReadTime: { ...store.state.peerReadTime, [key]: event.sentTime } });
  };

  const onRequest = (event: IMessageReceiptRequestEvent) => {
    if (!event?.conversation) return;
    pendingGroups.add(conversationKey(event.conversation));
    check(store.state);
  };

  /** The read count the loaded history gave an own message (`readReceiptInfo.readCount`). */
  const historyCount = (conversation: IMessageReceiptResponseEvent['conversation'], uid: string): number => {
    const message = store.state.messages[conversationKey(conversation)]?.list.find((m) => m.messageUId === uid);
    return message?.readReceiptInfo?.readCount ?? 0;
  };

  const onResponse = (event: IMessageReceiptResponseEvent) => {
    if (!event || !Array.isArray(event.messageUidList)) return;
    const counts = { ...store.state.readCounts };
    let changed = false;
    for (const uid of event.messageUidList) {
      const seen = readers.get(uid) ?? new Set<string>();
      readers.set(uid, seen);
      if (seen.has(event.receivedUserId)) continue;
      seen.add(event.receivedUserId);
      counts[uid] = (counts[uid] ?? historyCount(event.conversation, uid)) + 1;
      changed = true;
    }
    if (changed) store._patch({ readCounts: counts });
  };

  const onVisibility = () => check(store.state);
  const unsubscribe = store.subscribe(check);
  store.client.addEventListener('read_receipt_received', onRead);
  store.client.addEventListener('message_receipt_request', onRequest);
  store.client.addEventListener('message_receipt_response', onResponse);
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  return () => {
    unsubscribe();
    for (const timer of timers.values()) clearTimeout(timer);
    store.client.removeEventListener('read_receipt_received', onRead);
    store.client.removeEventListener('message_receipt_request', onRequest);
    store.client.removeEventListener('message_receipt_response', onResponse);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  };
}
