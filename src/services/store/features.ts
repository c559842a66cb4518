/** Attaches the store's feature modules to a store; each returns its detach function. */
import { attachConversationEvents } from './conversation-actions.js';
import { attachMessageEvents } from './message-actions.js';
import type { KitStore } from './store.js';
import { attachTyping } from './typing.js';
import { attachReceipts } from './receipts.js';
import { attachReactions } from './reactions.js';
import { attachTags } from './tags.js';
import { attachOutbox } from './outbox.js';

/** Starts every feature module's event handling for `store`; returns their detach functions. */
export function attachFeatures(store: KitStore): Array<() => void> {
  return [attachMessageEvents(store), attachConversationEvents(store), attachTyping(store), attachReceipts(store), attachReactions(store), attachTags(store), attachOutbox(store)];
}
