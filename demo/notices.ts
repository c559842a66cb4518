// The demo's notice line, in plain words: who a chat is with (display names, not ids) and what kind of message
// was tapped (not its wire type name).
import { MessageType } from '../src/services/client/index.js';
import { tr, type DemoTextKey } from './demo-text.js';
import { findGroup, findUser, liveRoom } from './directory.js';
import { CARD } from './kit-setup.js';

/** A conversation's display name, as the profile service gives it (its id only when nobody is known by it). */
function conversationName(conversation: { targetId: string }): string {
  const { targetId } = conversation;
  return findUser(targetId)?.name ?? findGroup(targetId)?.name ?? (targetId === liveRoom.id ? liveRoom.name : targetId);
}

const KINDS: Record<string, DemoTextKey> = {
  [MessageType.IMAGE]: 'kindImage',
  [MessageType.GIF]: 'kindImage',
  [MessageType.FILE]: 'kindFile',
  [MessageType.HQ_VOICE]: 'kindVoice',
  [MessageType.SIGHT]: 'kindVideo',
  [MessageType.LOCATION]: 'kindLocation',
  [CARD]: 'kindCard',
};

/** "Opened Bob Okafor" after a conversation was opened from the list. */
export const openedNotice = (conversation: { targetId: string }): string =>
  tr('opened', { name: conversationName(conversation) });

/** "Deleted the chat with Bob Okafor". */
export const deletedNotice = (conversation: { targetId: string }): string =>
  tr('deleted', { name: conversationName(conversation) });

/** "You tapped a picture" (a file, a contact card, ...) after a message was tapped. */
export const tappedNotice = (message: { messageType: string }): string =>
  tr('tappedMessage', { kind: tr(KINDS[message.messageType] ?? 'kindMessage') });
