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
 *   The group flows are in `group-receipts.ts`, loaded with the store's late actions.
 */
import { ConversationType, MessageDirection } from '../../protocol/enums.js';
import type {
  IMessageReceiptRequestEvent,
  IMessageReceiptResponseEvent,
  IReadReceiptReceivedEvent,
  IReceivedMessage,
} from '../client/types.js';
import type { GroupReceipts } from './group-receipts.js';
import { loadLateActions, onStore, setMessages, type Slice, type StorePort } from './slice.js';
import { conversationKey, parseConversationKey, type ConversationKey, type KitState } from './types.js';

/** Milliseconds between two private receipts of one conversation. */
export const RECEIPT_THROTTLE_MS = 1000;

function visible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

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
  let loadedFor = '';
  /** The conversation whose read state was fetched since it was opened. */
  let fetchedFor: ConversationKey | null = null;

  /**
   * The group flows (`group-receipts.ts`, with the late actions: fetched when the browser is idle after
   * connecting, else with the first group conversation or group receipt event).
   */
  let groups: GroupReceipts | undefined;
  let disposed = false;
  /** Runs `task` on the group flows: at once when they are in, else once they load (tasks keep their order). */
  const withGroups = <T>(task: (groups: GroupReceipts) => T): Promise<T | undefined> => {
    if (groups) return Promise.resolve(task(groups));
    return loadLateActions().then(
      (late) => {
        groups ??= late.groupReceipts(port, {
          conversationKey,
          parseConversationKey,
          setMessages: (key, messages) => setMessages(port, key, messages),
          visible,
        });
        return disposed ? undefined : task(groups);
      },
      (error: unknown) => {
        console.error('[parley] could not load the group receipts', error);
        return undefined;
      },
    );
  };

  const fetchPeerRead = async (key: ConversationKey) => {
    const res = await client.getPeerReadTime(parseConversationKey(key).targetId);
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
    const group = key.startsWith(`${ConversationType.GROUP}:`);
    // When a conversation opens: how far the peer read (private), the counts of own messages (group).
    const opened = fetchedFor !== key;
    fetchedFor = key;
    if (group) {
      // A group is checked as it stands when its flows are in (at once once they are loaded).
      void withGroups((g) => {
        const now = port.get();
        if (now.selected !== key || !now.messages[key]?.loaded) return;
        if (opened) g.open(now, key);
        g.check(now, key);
      });
      return;
    }
    if (!key.startsWith(`${ConversationType.PRIVATE}:`)) return;
    if (opened) void fetchPeerRead(key);
    if (!visible()) return;
    const list = state.messages[key]!.list;
    const latest = list.findLast((m) => m.messageDirection === MessageDirection.RECEIVE && m.messageUId);
    if (!latest || latest.sentTime <= (sentUpTo.get(key) ?? 0) || timers.has(key)) return;
    const wait = Math.max(0, (lastSentAt.get(key) ?? 0) + RECEIPT_THROTTLE_MS - Date.now());
    timers.set(
      key,
      setTimeout(() => sendPrivate(key), wait),
    );
  };

  const onRead = (event: IReadReceiptReceivedEvent) => {
    if (!event?.conversation || typeof event.sentTime !== 'number') return;
    const key = conversationKey(event.conversation);
    if (event.sentTime <= (port.get().peerReadTime[key] ?? 0)) return;
    port.set({ peerReadTime: { ...port.get().peerReadTime, [key]: event.sentTime } });
  };

  const onRequest = (event: IMessageReceiptRequestEvent) => {
    if (!event?.conversation) return;
    const key = conversationKey(event.conversation);
    void withGroups((g) => g.onRequest(key));
    check(port.get());
  };

  const onResponse = (event: IMessageReceiptResponseEvent) => {
    if (!event || !Array.isArray(event.messageUidList)) return;
    void withGroups((g) => g.onResponse(event));
  };

  const onVisibility = () => check(port.get());
  const receipts: Receipts = {
    async requestGroupReceipt(message) {
      if (message.conversationType === ConversationType.GROUP && message.messageUId)
        await withGroups((g) => g.requestGroupReceipt(message));
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
        disposed = true;
        groups?.dispose();
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
