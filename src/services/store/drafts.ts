/**
 * Editor-side actions that go to the server without changing the kit state: synced drafts (seeds'
 * `saveTextMessageDraft`, shown on the user's other devices) and the typing status.
 */
import { MessageType, MessagingLimits } from '../../protocol/constants.js';
import { onStore, type Slice, type StorePort } from './slice.js';
import { parseConversationKey, type ConversationKey } from './types.js';

/** The drafts slice: the editor's synced draft and typing status. */
export function createDraftsSlice(port: StorePort) {
  const { client } = port;
  return {
    actions: {
      /** Saves (or, for blank text, clears) the draft of a conversation on the server; resolves whether it was stored. */
      async saveDraft(key: ConversationKey, text: string): Promise<boolean> {
        const conversation = parseConversationKey(key);
        const draft = text.trim() ? text.slice(0, MessagingLimits.DRAFT_MAX_LENGTH) : '';
        const res = draft
          ? await client.saveTextMessageDraft?.(conversation, draft)
          : await client.clearTextMessageDraft?.(conversation);
        return res?.code === 0;
      },
      /** The server's draft of a conversation; null when it cannot be read. */
      async loadDraft(key: ConversationKey): Promise<string | null> {
        const res = await client.getTextMessageDraft?.(parseConversationKey(key));
        return res?.code === 0 && typeof res.data === 'string' ? res.data : null;
      },
      /** Tells the peer the user is typing a text (the client sends at most once per 6 s). */
      sendTyping(key: ConversationKey): void {
        void client.sendTypingStatusMessage?.(parseConversationKey(key), MessageType.TEXT);
      },
    },
  } satisfies Slice;
}

/** The drafts slice's actions. */
export type DraftActions = ReturnType<typeof createDraftsSlice>['actions'];

/** `store.saveDraft(key, text)` as a function of the store. */
export const saveDraft = onStore<DraftActions, 'saveDraft'>('saveDraft');
/** `store.loadDraft(key)` as a function of the store. */
export const loadDraft = onStore<DraftActions, 'loadDraft'>('loadDraft');
/** `store.sendTyping(key)` as a function of the store. */
export const sendTyping = onStore<DraftActions, 'sendTyping'>('sendTyping');
