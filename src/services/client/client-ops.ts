/**
 * Every feature table of the client in one: `ParleyClient` gets its methods from it (bind.ts). A new
 * call goes into its feature's table; only a new feature module adds a line here.
 */
import type { OpTable } from './bind.js';
import { blacklistOps } from './blacklist.js';
import { chatroomOps } from './chatroom-ops.js';
import { conversationQueryOps } from './conversation-queries.js';
import { conversationCountOps, conversationStateOps } from './conversation-state.js';
import { expansionOps } from './expansion.js';
import { mediaOps } from './media-ops.js';
import { messageOps, messageQueryOps } from './message-ops.js';
import { receiptOps } from './receipts.js';
import { recallOps } from './recall.js';
import { tagOps } from './tags.js';
import { typingOps } from './typing.js';
import { webPushOps } from './web-push.js';
import { subscriptionOps } from './subscriptions.js';

/**
 * The tables' types by name, so the published `ParleyClient` refers to each operation's declaration
 * (and its TSDoc) instead of an inlined copy. Kept public for that reason (stripInternal would cut
 * the reference).
 */
export type ClientOps = typeof messageOps &
  typeof messageQueryOps &
  typeof recallOps &
  typeof conversationStateOps &
  typeof conversationCountOps &
  typeof conversationQueryOps &
  typeof typingOps &
  typeof receiptOps &
  typeof expansionOps &
  typeof tagOps &
  typeof mediaOps &
  typeof chatroomOps &
  typeof webPushOps &
  typeof blacklistOps &
  typeof subscriptionOps;

/** Every operation of the client, keyed by its seeds' name. */
export const clientOps: ClientOps = {
  ...messageOps,
  ...messageQueryOps,
  ...recallOps,
  ...conversationStateOps,
  ...conversationCountOps,
  ...conversationQueryOps,
  ...typingOps,
  ...receiptOps,
  ...expansionOps,
  ...tagOps,
  ...mediaOps,
  ...chatroomOps,
  ...webPushOps,
  ...blacklistOps,
  ...subscriptionOps,
} satisfies OpTable;
