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
 *   The flows are in `receipt-flows.ts`, loaded with the store's late actions; this slice keeps the
 *   selectors, the peer's READ_RECEIPT_RECEIVED and the readers list.
 */
import { ConversationType } from '../../protocol/constants.js';
import type {
  IMessageReceiptRequestEvent,
  IMessageReceiptResponseEvent,
  IReadReceiptReceivedEvent,
  IReceivedMessage,
} from '../client/types.js';
import type { ReceiptFlows } from './receipt-flows.js';
import { loadLateActions, onStore, setMessages, type Slice, type StorePort } from './slice.js';
import { conversationKey, parseConversationKey, type ConversationKey, type KitState } from './types.js';

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
  /**
   * The flows (`receipt-flows.ts`, with the late actions: fetched when the browser is idle after
   * connecting, else with the first conversation opened or the first group receipt event).
   */
  let flows: ReceiptFlows | undefined;
  let disposed = false;
  /** Runs `task` on the flows: at once when they are in, else once they load (tasks keep their order). */
  const withFlows = <T>(task: (flows: ReceiptFlows) => T): Promise<T | undefined> => {
    if (flows) return Promise.resolve(task(flows));
    return loadLateActions().then(
      (late) => {
        flows ??= late.receiptFlows(port, {
          conversationKey,
          parseConversationKey,
          setMessages: (key, messages) => setMessages(port, key, messages),
          visible,
        });
        return disposed ? undefined : task(flows);
      },
      (error: unknown) => {
        console.error('[parley] could not load the read receipts', error);
        return undefined;
      },
    );
  };

  /** A check waits for the flows to load (one is enough: it reads the state as it is then). */
  let checkQueued = false;
  const check = (state: KitState) => {
    if (flows) return flows.check(state);
    // Nothing to do before a conversation is open.
    if (checkQueued || !state.selected || !state.messages[state.selected]?.loaded) return;
    checkQueued = true;
    void withFlows((f) => {
      checkQueued = false;
      f.check(port.get());
    });
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
    void withFlows((f) => {
      f.onRequest(key);
      f.check(port.get());
    });
  };

  const onResponse = (event: IMessageReceiptResponseEvent) => {
    if (!event || !Array.isArray(event.messageUidList)) return;
    void withFlows((f) => f.onResponse(event));
  };

  const onVisibility = () => check(port.get());
  const receipts: Receipts = {
    async requestGroupReceipt(message) {
      if (message.conversationType === ConversationType.GROUP && message.messageUId)
        await withFlows((f) => f.requestGroupReceipt(message));
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
        disposed = true;
        flows?.dispose();
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
