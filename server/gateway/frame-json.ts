/**
 * JSON of the frames a send produces, with each message object encoded once. A 1:1 send's message
 * travels five times (the sender's reply, then in each of the two inbox pushes as the item and as
 * the conversation's latest message) in two shapes (one per side of the conversation); storage
 * hands the same object to all the places of one side, so each side is encoded once and spliced in.
 * Wire objects are never changed once built, which is what makes reusing their JSON safe.
 */
import type { InboxItem, InboxPush, WireConversation, WireMessage } from '../../src/protocol/frames.js';

/**
 * The last messages encoded, found by identity. A send's reply and pushes are encoded one right
 * after another (a group commit settles each send's reply and publish together), so a few slots find
 * every repeat; a WeakMap cost more than the encoding it saved (its entries are ephemerons the
 * scavenger must trace). A message found in no slot is simply encoded again.
 */
const SLOTS = 4;
const slotMessages: Array<WireMessage | null> = Array<WireMessage | null>(SLOTS).fill(null);
const slotTexts: string[] = Array<string>(SLOTS).fill('');
let nextSlot = 0;

/** `JSON.stringify(message)`, encoded once for the frames of one send. */
export function messageJson(message: WireMessage): string {
  for (let i = 0; i < SLOTS; i++) if (slotMessages[i] === message) return slotTexts[i]!;
  const json = JSON.stringify(message);
  slotMessages[nextSlot] = message;
  slotTexts[nextSlot] = json;
  nextSlot = (nextSlot + 1) % SLOTS;
  return json;
}

function itemJson(item: InboxItem): string {
  if (item.type !== 'message') return JSON.stringify(item);
  return `{"seq":${JSON.stringify(item.seq)},"type":"message","message":${messageJson(item.message)}}`;
}

function conversationJson(conversation: WireConversation): string {
  const latestMessage = conversation.latestMessage;
  if (latestMessage === null) return JSON.stringify(conversation);
  // A copy without the message (JSON leaves undefined out; a spread copy is cheaper than a rest one).
  // It always has conversationType, so its JSON ends in a value: append the message after it.
  const rest = { ...conversation, latestMessage: undefined };
  return `${JSON.stringify(rest).slice(0, -1)},"latestMessage":${messageJson(latestMessage)}}`;
}

/** The text of an inbox push: the same JSON value as `JSON.stringify(frame)` (keys in another order). */
export function inboxPushJson(frame: InboxPush): string {
  const items = frame.data.items.map(itemJson).join(',');
  const conversations = frame.data.conversations.map(conversationJson).join(',');
  return `{"push":"inbox","data":{"items":[${items}],"conversations":[${conversations}]}}`;
}
