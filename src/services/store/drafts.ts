/**
 * Editor-side actions that go to the server without changing the kit state: synced drafts (seeds'
 * `saveTextMessageDraft`, shown on the user's other devices) and the typing status.
 */
import { MessageType } from '../../protocol/enums.js';
import { MessagingLimits } from '../../protocol/messaging-limits.js';
import type { KitStore } from './store.js';
import { parseConversationKey, type ConversationKey } from './types.js';

/** Saves (or, for blank text, clears) the draft of a conversation on the server. */
export async function saveDraft(store: KitStore, key: ConversationKey, text: string): Promise<boolean> {
  const conversation = parseConversationKey(key);
  const draft = text.trim() ? text.slice(0, MessagingLimits.DRAFT_MAX_LENGTH) : '';
  const res = draft
    ? await store.client.saveTextMessageDraft?.(conversation, draft)
    : await store.client.clearTextMessageDraft?.(conversation);
  return res?.code === 0;
}

/** The server's draft of a conversation; null when it cannot be read. */
export async function loadDraft(store: KitStore, key: ConversationKey): Promise<string | null> {
  const res = await store.client.getTextMessageDraft?.(parseConversationKey(key));
  return res?.code === 0 && typeof res.data === 'string' ? res.data : null;
}

/** Tells the peer the user is typing a text (the client sends at most once per 6 s). */
export function sendTyping(store: KitStore, key: ConversationKey): void {
  void store.client.sendTypingStatusMessage?.(parseConversationKey(key), MessageType.TEXT);
}
