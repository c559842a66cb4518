/**
 * The client's feature tables, its inbox delivery and typing state, in one chunk loaded by `connect()`
 * during its handshake or with the first call of any of them (late-tables.ts). They import no eagerly
 * loaded module of the client: what they need of one comes on `ClientInternals.port`.
 */
export { blacklistCalls } from './blacklist-calls.js';
export { conversationCountCalls } from './conversation-count-calls.js';
export { conversationQueryCalls } from './conversation-query-calls.js';
export { conversationStateCalls } from './conversation-state-calls.js';
export { expansionCalls } from './expansion-calls.js';
export { messageQueryCalls } from './message-query-calls.js';
export { messageSendCalls } from './message-send-calls.js';
export { receiptCalls } from './receipt-calls.js';
export { recallCalls } from './recall-calls.js';
export { subscriptionCalls, onSubscriptionPush, syncSubscriptions } from './subscription-calls.js';
export { tagCalls } from './tag-calls.js';
export { typingCalls } from './typing-state.js';
export { deliverItems } from './inbox-events.js';
export { webPushCalls } from './web-push-calls.js';
