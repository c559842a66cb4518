/**
 * Message actions of the kit store — recall, delete-for-me and clear history — and the events that apply the same
 * changes when they come from the user's other devices (MESSAGES_DELETED) or from the peer (a
 * recall's `RC:RcNtf` arrives as a message and replaces the original through the normal merge).
 */
import type { IAsyncRes, IConversationOption, IMessagesDeletedEvent, IReceivedMessage } from '../client/types.js';
import { ConversationType, MessageDirection, MessageType } from '../../protocol/enums.js';
import { outboxOf } from './outbox.js';
import type { KitStore } from './store.js';
import { forgetUpload } from './uploads.js';
import { mergeMessages, toKitMessage } from './messages.js';
import { conversationKey, emptyMessages, parseConversationKey, type ConversationKey, type KitMessage } from './types.js';

/**
 * Recalls an own message. On success the bubble becomes the recall notice at once (other devices
 * and the peer get the notice from the server); resolves with the client's result either way.
 */
export async function recallMessage(store: KitStore, message: KitMessage): Promise<IAsyncRes<IReceivedMessage>> {
  const key = conversationKey(message);
  if (message.conversationType === ConversationType.CHATROOM) return recallInRoom(store, key, message);
  const res = await store.client.recallMessage(parseConversationKey(key), { messageUId: message.messageUId, sentTime: message.sentTime });
  if (res.code !== 0 || !res.data) return res;
  const notice = toKitMessage(res.data);
  const current = store.state.messages[key] ?? emptyMessages;
  store._setMessages(key, { ...current, list: mergeMessages(current.list, [notice]) });
  const entry = store.state.conversationList.find((c) => c.key === key);
  if (entry?.latestMessage?.messageUId === message.messageUId) store._patchConversation(key, { latestMessage: notice });
  return res;
}

/**
 * Recalls a chatroom message (own, or anyone's for the creator and admins). The server answers with
 * no message; the room's `RC:RcNtf` reaches every member, this device too, and the store's merge
 * puts it in place of the original. Resolves with the original as recalled.
 */
async function recallInRoom(store: KitStore, key: ConversationKey, message: KitMessage): Promise<IAsyncRes<IReceivedMessage>> {
  const res = await store.client.recallChatRoomMessage(message.targetId, message.messageUId);
  if (res.code !== 0) return { code: res.code, ...(res.msg !== undefined ? { msg: res.msg } : {}) };
  const operatorId = store.state.userId;
  const content = { messageUId: message.messageUId, conversationType: message.conversationType, targetId: message.targetId, operatorId, recallTime: store.now(), originalObjectName: message.messageType, sentTime: message.sentTime };
  const notice: KitMessage = { ...message, messageUId: '', messageId: `recall-${message.messageUId}`, messageType: MessageType.RECALL_MESSAGE_NOTIFICATION, content };
  const current = store.state.messages[key] ?? emptyMessages;
  store._setMessages(key, { ...current, list: mergeMessages(current.list, [notice]) });
  return { code: 0, data: store.state.messages[key]?.list.find((m) => m.messageUId === message.messageUId) ?? notice };
}

/** Deletes a message for this user (every device); an unsent one is only dropped from the screen. */
export async function deleteMessage(store: KitStore, message: KitMessage): Promise<IAsyncRes<unknown>> {
  const key = conversationKey(message);
  if (message.messageUId && message.sendState === 'sent') {
    const res = await store.client.deleteMessages(parseConversationKey(key), [
      { messageUId: message.messageUId, sentTime: message.sentTime, messageDirection: message.messageDirection },
    ]);
    if (res.code !== 0) return res;
  }
  removeMessages(store, key, (m) => m === message || (!!message.messageUId && m.messageUId === message.messageUId) || (m.messageId === message.messageId && m.senderUserId === message.senderUserId));
  if (message.sendState !== 'sent' && message.messageDirection === MessageDirection.SEND) {
    // An unsent own message leaves the queue and the unsent-message storage too.
    const outbox = outboxOf(store);
    outbox.drop(message.messageId);
    outbox.persistence.forget(message.messageId);
    forgetUpload(message.messageId);
  }
  return { code: 0 };
}

/**
 * Clears this user's history of a conversation on the server (every device; the peer keeps theirs):
 * the loaded messages go at once, and the list has nothing older to load.
 */
export async function clearHistory(store: KitStore, conversation: IConversationOption): Promise<IAsyncRes<unknown>> {
  const key = conversationKey(conversation);
  const res = await store.client.clearHistoryMessages(parseConversationKey(key), 0);
  if (res.code === 0) removeMessages(store, key, (m) => m.sendState === 'sent', true);
  return res;
}

function removeMessages(store: KitStore, key: ConversationKey, match: (m: KitMessage) => boolean, cleared = false): void {
  const current = store.state.messages[key];
  if (current) {
    const list = current.list.filter((m) => !match(m));
    // After a clear the server holds nothing older than what is left.
    if (list.length !== current.list.length || (cleared && current.hasMore)) store._setMessages(key, { ...current, list, hasMore: cleared ? false : current.hasMore });
  }
  const entry = store.state.conversationList.find((c) => c.key === key);
  if (entry?.latestMessage && match(entry.latestMessage as KitMessage)) {
    const rest = store.state.messages[key]?.list;
    store._patchConversation(key, { latestMessage: rest?.at(-1) ?? null });
  }
}

/** Follows deletes made on the user's other devices; returns the detach function. */
export function attachMessageEvents(store: KitStore): () => void {
  const onDeleted = (event: IMessagesDeletedEvent) => {
    if (!event?.conversation) return;
    const key = conversationKey(event.conversation);
    if (Array.isArray(event.messageUIds)) {
      const uids = new Set(event.messageUIds);
      removeMessages(store, key, (m) => !!m.messageUId && uids.has(m.messageUId));
    } else if (typeof event.timestamp === 'number') {
      const upTo = event.timestamp;
      removeMessages(store, key, (m) => m.sendState === 'sent' && m.sentTime <= upTo, true);
    }
  };
  store.client.addEventListener('messages_deleted', onDeleted);
  return () => store.client.removeEventListener('messages_deleted', onDeleted);
}
