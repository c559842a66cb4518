/** Gateway handlers of the messaging ops: each calls its domain function, replies, then publishes. */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { RequestData } from '../../src/protocol/frames.js';
import type { MessagingRequestSchemas } from '../../src/protocol/messaging.js';
import type { ChatService } from '../domain/chat.js';
import * as blacklist from '../domain/blacklist.js';
import * as drafts from '../domain/drafts.js';
import * as expansion from '../domain/expansion.js';
import type { Outcome } from '../domain/outcome.js';
import * as receipts from '../domain/receipts.js';
import * as recall from '../domain/recall.js';
import * as tags from '../domain/tags.js';
import type { UserRuleName } from '../limits/user-limits.js';
import type { Connection } from './connection.js';
import type { GatewayContext } from './handler-context.js';

type MessagingOp = keyof typeof MessagingRequestSchemas;
type DomainCall<O extends MessagingOp> = (
  chat: ChatService,
  userId: string,
  data: RequestData<O>,
) => Promise<Outcome<unknown>>;

/** The domain function of each op. */
const calls: { [O in MessagingOp]: DomainCall<O> } = {
  recallMessage: recall.recallMessage,
  deleteMessages: recall.deleteMessages,
  clearHistoryMessages: recall.clearHistoryMessages,
  removeConversation: recall.removeConversation,
  getConversation: drafts.getConversation,
  getConversations: drafts.getConversations,
  getBlockedConversationList: (chat, userId) => drafts.getBlockedConversationList(chat, userId),
  saveTextMessageDraft: drafts.saveTextMessageDraft,
  setConversationToTop: drafts.setConversationToTop,
  setConversationNotificationLevel: drafts.setConversationNotificationLevel,
  getTotalUnreadCount: drafts.getTotalUnreadCount,
  getAllUnreadMentionedCount: (chat, userId) => drafts.getAllUnreadMentionedCount(chat, userId),
  getFirstUnreadMessageInfo: drafts.getFirstUnreadMessageInfo,
  sendReadReceiptMessage: receipts.sendReadReceiptMessage,
  sendReadReceiptRequest: receipts.sendReadReceiptRequest,
  sendReadReceiptResponseV2: receipts.sendReadReceiptResponseV2,
  getMessageReader: receipts.getMessageReader,
  getPeerReadTime: receipts.getPeerReadTime,
  getReadReceiptInfo: receipts.getReadReceiptInfo,
  updateMessageExpansion: expansion.updateMessageExpansion,
  removeMessageExpansionForKey: expansion.removeMessageExpansionForKey,
  addTag: tags.addTag,
  updateTag: tags.updateTag,
  removeTag: tags.removeTag,
  getTags: (chat, userId) => tags.getTags(chat, userId),
  addConversationsToTag: tags.addConversationsToTag,
  removeConversationsFromTag: tags.removeConversationsFromTag,
  removeTagFromConversations: tags.removeTagFromConversations,
  removeTagsFromConversation: tags.removeTagsFromConversation,
  getTagsFromConversation: tags.getTagsFromConversation,
  getConversationsFromTagByPage: tags.getConversationsFromTagByPage,
  getUnreadCountByTag: tags.getUnreadCountByTag,
  setConversationToTopInTag: tags.setConversationToTopInTag,
  addToBlacklist: blacklist.addToBlacklist,
  removeFromBlacklist: blacklist.removeFromBlacklist,
  getBlacklist: (chat, userId) => blacklist.getBlacklist(chat, userId),
  getBlacklistStatus: blacklist.getBlacklistStatus,
};

type Handler<O extends MessagingOp> = (
  conn: Connection,
  id: number,
  data: RequestData<O>,
  ctx: GatewayContext,
) => Promise<void>;

/** Ops that reach other users' inboxes share the connection's send budget (5 per second). */
const FAN_OUT = new Set<MessagingOp>([
  'recallMessage',
  'updateMessageExpansion',
  'removeMessageExpansionForKey',
  'sendReadReceiptMessage',
  'sendReadReceiptRequest',
  'sendReadReceiptResponseV2',
]);

/** The per-user budget (limits/user-limits.ts) each stored op draws on; reads have none. */
const BUDGET: Partial<Record<MessagingOp, UserRuleName>> = {
  saveTextMessageDraft: 'draft',
  setConversationToTop: 'state',
  setConversationNotificationLevel: 'state',
  removeConversation: 'state',
  deleteMessages: 'state',
  clearHistoryMessages: 'state',
  addTag: 'tag',
  updateTag: 'tag',
  removeTag: 'tag',
  addConversationsToTag: 'tag',
  removeConversationsFromTag: 'tag',
  removeTagFromConversations: 'tag',
  removeTagsFromConversation: 'tag',
  setConversationToTopInTag: 'tag',
  addToBlacklist: 'state',
  removeFromBlacklist: 'state',
  updateMessageExpansion: 'expansion',
  removeMessageExpansionForKey: 'expansion',
  sendReadReceiptMessage: 'receipt',
  sendReadReceiptRequest: 'receipt',
  sendReadReceiptResponseV2: 'receipt',
};

function wrap<O extends MessagingOp>(op: O, call: DomainCall<O>): Handler<O> {
  return async (conn, id, data, ctx) => {
    if (FAN_OUT.has(op) && !(await conn.limiter.take())) {
      return conn.reply(
        id,
        ErrorCode.SEND_FREQUENCY_TOO_FAST,
        undefined,
        `more than ${ctx.sendRatePerSecond} sends per second`,
      );
    }
    const budget = BUDGET[op];
    if (budget && !(await ctx.limiter.take(ctx.userRules[budget], conn.userId!))) {
      return conn.reply(
        id,
        ErrorCode.REQUEST_OVER_FREQUENCY,
        undefined,
        `more than ${ctx.userRules[budget].limit} ${op} (${budget}) per minute`,
      );
    }
    const result = await call(ctx.chat, conn.userId!, data);
    // The reply goes out before the pushes of the same change (the contract's ordering rule).
    conn.reply(id, ErrorCode.SUCCESS, result.data);
    result.publish();
  };
}

/** Handlers of the messaging ops, spread into the gateway's handler table. */
export const messagingHandlers = Object.fromEntries(
  Object.entries(calls).map(([op, call]) => [op, wrap(op as MessagingOp, call as DomainCall<MessagingOp>)]),
) as { [O in MessagingOp]: Handler<O> };
