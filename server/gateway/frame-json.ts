/**
 * JSON of the frames a send produces, with each message object encoded once. A 1:1 send's message
 * travels five times (the sender's reply, then in each of the two inbox pushes as the item and as
 * the conversation's latest message) in two shapes (one per side of the conversation); storage
 * hands the same object to all the places of one side, so each side is encoded once and spliced in.
 * Wire objects are never changed once built, which is what makes caching their JSON safe.
 */
import type { InboxItem, InboxPush, WireConversation, WireMessage } from '../../src/protocol/frames.js';

const encoded = new WeakMap<WireMessage, string>();

/** `JSON.stringify(message)`, once per message object. */
export function messageJson(message: WireMessage): string {
  let json = encoded.get(message);
  if (json === undefined) encoded.set(message, (json = JSON.stringify(message)));
  return json;
}

function itemJson(item: InboxItem): string {
  if (item.type !== 'message') return JSON.stringify(item);
  return `{"seq":${JSON.stringify(item.seq)},"type":"message","message":${messageJson(item.message)}}`;
}

function conversationJson(conversation: WireConversation): string {
  const { latestMessage, ...rest } = conversation;
  if (latestMessage === null) return JSON.stringify(conversation);
  // `rest` always has conversationType, so its JSON ends in a value: append the message after it.
  return `${JSON.stringify(rest).slice(0, -1)},"latestMessage":${messageJson(latestMessage)}}`;
}

/** The text of an inbox push: the same JSON value as `JSON.stringify(frame)` (keys in another order). */
export function inboxPushJson(frame: InboxPush): string {
  const items = frame.data.items.map(itemJson).join(',');
  const conversations = frame.data.conversations.map(conversationJson).join(',');
  return `{"push":"inbox","data":{"items":[${items}],"conversations":[${conversations}]}}`;
}
