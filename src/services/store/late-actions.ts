/**
 * The store's rarer actions' bodies, one chunk loaded on the first of them or when the browser is idle
 * after connecting (`lateActions` in slice.ts). Each slice keeps the action itself, so `KitStore`'s
 * methods never change; what the bodies use of the store comes in from the slice.
 */
export { tagChanges } from './tag-changes.js';
export { reactionToggle } from './reaction-toggle.js';
export { recall } from './recall.js';
export { conversationChanges } from './conversation-changes.js';
export { messageDeletes } from './message-deletes.js';
export { historyJump } from './history-jump.js';
