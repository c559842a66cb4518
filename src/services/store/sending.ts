/**
 * The kit's send path: an own message shows at once as `sending` (`waiting` while offline) and goes
 * through the outgoing queue (`outbox.ts`: paced, in order, kept until acknowledged), then becomes
 * `sent` (replaced by the server's copy) or `failed` (to retry with the same client id, so the
 * server stores it at most once). Pending messages (an upload in progress) hold their place in the
 * queue until `sendPending`.
 */
import { MessageDirection } from '../../protocol/enums.js';
import type { IAsyncRes, IConversationOption, IReceivedMessage, ISendableMessage, ISendMessageOptions } from '../client/types.js';
import { ensureListed, touchConversation } from './conversation-updates.js';
import { mergeMessages, messagePlaceholder, newMessageId, textPlaceholder, updateMessage } from './messages.js';
import { outboxOf } from './outbox.js';
import type { KitStore } from './store.js';
import { hasUpload, retryUpload } from './uploads.js';
import { conversationKey, messagesOf, parseConversationKey, type ConversationKey, type KitMessage } from './types.js';

/** Sends text to a conversation (default: the open one); blank text is refused. Resolves with the final message. */
export async function sendText(store: KitStore, text: string, conversation?: IConversationOption): Promise<KitMessage | undefined> {
  const content = text.trim();
  const key = conversation ? conversationKey(conversation) : store.state.selected;
  if (!content || !key) return undefined;
  const target = parseConversationKey(key);
  ensureListed(store, key);
  const placeholder = textPlaceholder(target, ownUserId(store), content, newMessageId());
  showOwn(store, key, placeholder);
  touchConversation(store, key, placeholder);
  return send(store, key, placeholder);
}

/** Sends any message, optimistically when it will be stored; status and non-persisted messages go straight to the client. */
export async function sendMessage(
  store: KitStore,
  conversation: IConversationOption,
  message: ISendableMessage,
  options: ISendMessageOptions = {},
): Promise<IAsyncRes<IReceivedMessage>> {
  const shown = !(options.isStatusMessage ?? message.isStatusMessage) && (message.isPersisted ?? true);
  if (!shown || !conversation || typeof message?.content !== 'object' || message.content === null) {
    return store.client.sendMessage(conversation, message, options);
  }
  const key = conversationKey(conversation);
  const target = parseConversationKey(key);
  ensureListed(store, key);
  const placeholder = messagePlaceholder(target, ownUserId(store), message, options.messageId !== undefined ? String(options.messageId) : newMessageId());
  showOwn(store, key, placeholder);
  touchConversation(store, key, placeholder);
  let result: IAsyncRes<IReceivedMessage> = { code: -1 };
  await send(store, key, placeholder, options, (res) => (result = res));
  return result;
}

/** Sends a failed own message again (a failed upload uploads again); resolves with the message as it ends up. */
export async function retry(
  store: KitStore,
  message: Pick<IReceivedMessage, 'conversationType' | 'targetId' | 'messageId'>,
): Promise<KitMessage | undefined> {
  const key = conversationKey(message);
  const found = messagesOf(store.state, key).list.find(
    (m) => m.messageId === message.messageId && m.messageDirection === MessageDirection.SEND,
  );
  if (!found || found.sendState !== 'failed') return found;
  if (hasUpload(found.messageId)) return retryUpload(found.messageId);
  const { failCode: _failCode, ...rest } = found;
  const sending: KitMessage = { ...rest, sendState: 'sending' };
  replaceOwn(store, key, found.messageId, () => sending);
  return send(store, key, sending);
}

/** Shows an own message before it can be sent (an upload in progress), as `sending`. */
export function addPending(
  store: KitStore,
  conversation: IConversationOption,
  message: ISendableMessage,
  messageId: string,
  patch: Partial<KitMessage> = {},
): KitMessage {
  const key = conversationKey(conversation);
  const target = parseConversationKey(key);
  ensureListed(store, key);
  const placeholder: KitMessage = { ...messagePlaceholder(target, ownUserId(store), message, messageId), ...patch };
  showOwn(store, key, placeholder);
  return placeholder;
}

/** Patches an own pending message (progress, failed); a sent one stays as it is. */
export function patchPending(store: KitStore, key: ConversationKey, messageId: string, patch: Partial<KitMessage>): void {
  replaceOwn(store, key, messageId, (m) => (m.sendState === 'sent' ? m : { ...m, ...patch }));
}

/** Removes an own message that never reached the server (a cancelled upload). */
export function removePending(store: KitStore, key: ConversationKey, messageId: string): void {
  const current = messagesOf(store.state, key);
  const list = current.list.filter((m) => !(m.messageId === messageId && m.senderUserId === store.state.userId && m.sendState !== 'sent'));
  if (list.length !== current.list.length) store._setMessages(key, { ...current, list });
}

/** Sends the final message of a pending one (after its upload), keeping its client id. */
export async function sendPending(
  store: KitStore,
  key: ConversationKey,
  messageId: string,
  message: ISendableMessage,
  options: ISendMessageOptions = {},
): Promise<IAsyncRes<IReceivedMessage>> {
  let sending: KitMessage | undefined;
  replaceOwn(store, key, messageId, (m) => {
    const { progress: _progress, ...rest } = m;
    sending = { ...rest, messageType: message.messageType, content: JSON.parse(JSON.stringify(message.content)) as Record<string, unknown>, sendState: m.sendState === 'waiting' ? 'waiting' : 'sending' };
    return sending;
  });
  if (!sending) return { code: -1, msg: 'no pending message' };
  touchConversation(store, key, sending);
  return outboxOf(store).markReady(key, messageId, options);
}

/** The sender id of own messages: the connected user, or the client's while the state has none yet. */
function ownUserId(store: KitStore): string {
  return store.state.userId || store.client.getCurrentUserId?.() || '';
}

/** Adds an own message to its conversation's list. */
function showOwn(store: KitStore, key: ConversationKey, message: KitMessage): void {
  const current = messagesOf(store.state, key);
  store._setMessages(key, { ...current, list: mergeMessages(current.list, [message]) });
}

/** Queues a shown own message in the outbox; resolves with the message as it ends up. */
async function send(
  store: KitStore,
  key: ConversationKey,
  message: KitMessage,
  options: ISendMessageOptions = {},
  onResult?: (res: IAsyncRes<IReceivedMessage>) => void,
): Promise<KitMessage | undefined> {
  const res = await outboxOf(store).enqueue(key, message.messageId, options);
  onResult?.(res);
  return findOwn(store, key, message.messageId, message.senderUserId);
}

function findOwn(store: KitStore, key: ConversationKey, messageId: string, senderUserId: string): KitMessage | undefined {
  return messagesOf(store.state, key).list.find((m) => m.messageId === messageId && m.senderUserId === senderUserId);
}

/** Updates an own message (by client id and sender, default the user) in its conversation's list. */
function replaceOwn(store: KitStore, key: ConversationKey, messageId: string, update: (m: KitMessage) => KitMessage, sender?: string): void {
  const current = messagesOf(store.state, key);
  const senderUserId = sender ?? store.state.userId;
  const list = updateMessage(current.list, senderUserId, messageId, update);
  if (list !== current.list) store._setMessages(key, { ...current, list });
}
