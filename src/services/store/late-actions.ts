/**
 * The store's rarer actions' bodies, the read receipt flows and the outgoing queue's send loop: one chunk, loaded on the first of them
 * or when the browser is idle after connecting (`loadLateActions` in slice.ts). Each slice keeps its
 * actions, so `KitStore`'s methods never change; what the bodies use of the store comes in from the
 * slice (importing the store's modules here would split them out of the entry into shared chunks).
 */
export { tagChanges } from './tag-changes.js';
export { reactionToggle } from './reaction-toggle.js';
export { recall } from './recall.js';
export { conversationChanges } from './conversation-changes.js';
export { messageDeletes } from './message-deletes.js';
export { historyJump } from './history-jump.js';
export { receiptFlows } from './receipt-flows.js';
export { conversationPages } from './conversation-pages.js';
export { historyOlder } from './history-older.js';
export { drainOutbox } from './outbox-send.js';
