/**
 * The outgoing queue's send loop (see `outbox.ts`): pacing, the send itself, the rate and connection
 * retries and what a sent or refused message becomes. It comes with the store's late chunk
 * (`late-actions.ts`), fetched when the browser is idle after connecting or by the first send; the
 * queue itself, which shows a message at once, stays in `outbox.ts`. What it uses of the store comes
 * on the queue's `helpers` (importing the store's modules would split them out of the entry).
 */
import { ConversationType, ErrorCode } from '../../protocol/constants.js';
import type { IAsyncRes, IReceivedMessage } from '../client/types.js';
import type { OutboxEntry, OutboxQueue } from './outbox.js';
import type { ConversationKey, KitMessage, SendState } from './types.js';

/** Codes that mean "the message did not get through the connection": wait, then send it again. */
const CONNECTION_CODES: ReadonlySet<number> = new Set([
  ErrorCode.TIMEOUT,
  ErrorCode.RC_NET_CHANNEL_INVALID,
  ErrorCode.RC_NET_UNAVAILABLE,
  ErrorCode.RC_MSG_RESP_TIMEOUT,
  ErrorCode.RC_SOCKET_NOT_CREATED,
  ErrorCode.RC_SOCKET_DISCONNECTED,
]);
/** Codes of the server's send-rate limit: back off, then send the same message again. */
const RATE_CODES: ReadonlySet<number> = new Set([ErrorCode.SEND_FREQUENCY_TOO_FAST, ErrorCode.REQUEST_OVER_FREQUENCY]);
/** First and longest wait after a rate refusal or a lost ack on a live connection. */
const BACKOFF_MIN_MS = 300;
const BACKOFF_MAX_MS = 5_000;

/** `again`: refused for the rate, send the same message after a pause. */
type Outcome = 'done' | 'again' | 'offline';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Entries that went out at least once: the app's `onSendBefore` runs on the first attempt only. */
const sentBefore = new WeakSet<OutboxEntry>();

/** Sends queued messages one at a time until the queue is empty, held, or the connection is down. */
export async function drainOutbox(queue: OutboxQueue): Promise<void> {
  try {
    for (;;) {
      if (queue.disposed) return;
      const entry = next(queue);
      if (!entry) return;
      if (!queue.connected()) {
        queue.markWaiting();
        return; // onConnected pumps again.
      }
      const wait = takeToken(queue);
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      const outcome = await sendOne(queue, entry);
      if (outcome === 'done') {
        queue.backoff = 0;
        continue;
      }
      if (outcome === 'offline' && !queue.connected()) continue; // marks it waiting above
      // Refused for the rate, or no ack on a live connection: wait, then the same message again.
      queue.tokens = 0;
      queue.backoff = queue.backoff ? Math.min(BACKOFF_MAX_MS, queue.backoff * 2) : BACKOFF_MIN_MS;
      await sleep(queue.backoff);
    }
  } finally {
    // Cleared as the loop returns, not a microtask later, so a send queued right then starts it again.
    queue.running = false;
  }
}

/** The first queued message that may go: ready, and with nothing queued before it in its conversation. */
function next(queue: OutboxQueue): OutboxEntry | undefined {
  const held = new Set<ConversationKey>();
  for (const entry of queue.entries) {
    if (held.has(entry.key)) continue;
    if (entry.ready) return entry;
    held.add(entry.key);
  }
  return undefined;
}

/** Takes a send token; returns 0 when one was taken, else how long to wait for the next one. */
function takeToken(queue: OutboxQueue): number {
  if (queue.rate === 0) return 0;
  const now = Date.now();
  queue.tokens = Math.min(queue.rate, queue.tokens + ((now - queue.refilledAt) / 1000) * (queue.rate + 0.5));
  queue.refilledAt = now;
  if (queue.tokens >= 1) {
    queue.tokens -= 1;
    return 0;
  }
  return Math.ceil(((1 - queue.tokens) / (queue.rate + 0.5)) * 1000);
}

async function sendOne(queue: OutboxQueue, entry: OutboxEntry): Promise<Outcome> {
  const { port, helpers } = queue;
  const message = queue.find(entry.key, entry.messageId, entry.senderUserId);
  if (!message || message.sendState === 'sent') {
    // Deleted meanwhile, or the server's echo arrived first (an ack lost before a reconnect).
    finish(queue, entry, message ? { code: 0, data: message } : { code: ErrorCode.UNKNOWN, msg: 'deleted' });
    if (message) queue.persistence.forget(entry.messageId);
    return 'done';
  }
  setState(queue, entry, 'sending');
  const { key } = entry;
  const first = !sentBefore.has(entry);
  sentBefore.add(entry);
  const res = await port.client.sendMessage(
    helpers.parseConversationKey(key),
    {
      messageType: message.messageType,
      content: message.content,
      isPersisted: message.isPersisted,
      isCounted: message.isCounted,
    },
    {
      // Parley: stored messages can carry reactions (message expansion); chatroom messages cannot.
      ...(helpers.isChatroomKey(key) ? {} : { canIncludeExpansion: true }),
      ...entry.options,
      messageId: entry.messageId,
      onSendBefore: first ? entry.options.onSendBefore : undefined,
    },
  );
  if (queue.disposed) return 'done';
  if (RATE_CODES.has(res.code)) return 'again';
  if (CONNECTION_CODES.has(res.code)) {
    setState(queue, entry, queue.connected() ? 'sending' : 'waiting');
    return 'offline';
  }
  if (res.code === 0 && res.data) applySent(queue, entry, res.data);
  else {
    if (helpers.isChatroomKey(key)) queue.deps.onChatroomSendRefused(key, res.code);
    update(queue, entry, (m) => (m.sendState === 'sent' ? m : { ...m, sendState: 'failed', failCode: res.code }));
    queue.persistence.save(key, entry.messageId, helpers.persistable(entry.options));
  }
  finish(queue, entry, res);
  return 'done';
}

function applySent(queue: OutboxQueue, entry: OutboxEntry, data: IReceivedMessage): void {
  const sent = queue.helpers.toKitMessage(data, 'sent');
  update(queue, entry, (m) => {
    const { failCode: _failCode, ...rest } = m;
    return { ...rest, ...sent, sendState: 'sent' };
  });
  dropDuplicates(queue, entry.key, sent);
  queue.deps.touchConversation(entry.key, sent);
  queue.persistence.forget(entry.messageId);
  if (sent.conversationType === ConversationType.GROUP) void queue.deps.requestGroupReceipt(sent);
}

function finish(queue: OutboxQueue, entry: OutboxEntry, res: IAsyncRes<IReceivedMessage>): void {
  const at = queue.entries.indexOf(entry);
  if (at >= 0) queue.entries.splice(at, 1);
  entry.settle(res);
}

function setState(
  queue: OutboxQueue,
  entry: OutboxEntry,
  sendState: SendState,
  when: (m: KitMessage) => boolean = (m) => m.sendState !== 'sent',
): void {
  update(queue, entry, (m) => (when(m) && m.sendState !== sendState ? { ...m, sendState } : m));
}

function update(queue: OutboxQueue, entry: OutboxEntry, change: (m: KitMessage) => KitMessage): void {
  const { port, helpers } = queue;
  const current = helpers.messagesOf(port.get(), entry.key);
  const list = helpers.updateMessage(current.list, entry.senderUserId, entry.messageId, change);
  if (list !== current.list) helpers.setMessages(port, entry.key, { ...current, list });
}

/** Keeps only the first copy of a message the live echo may have added before the send resolved. */
function dropDuplicates(queue: OutboxQueue, key: ConversationKey, message: KitMessage): void {
  const { port, helpers } = queue;
  const current = helpers.messagesOf(port.get(), key);
  const copies = current.list.filter((m) => helpers.isSameMessage(m, message));
  if (copies.length < 2) return;
  const keep = copies.find((m) => m.messageId === message.messageId) ?? copies[0];
  const list = current.list.filter((m) => m === keep || !helpers.isSameMessage(m, message));
  helpers.setMessages(port, key, { ...current, list });
}
