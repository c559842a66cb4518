/**
 * Per-user budgets of the stored operations that are not fan-out sends (drafts, pins and other
 * conversation state, tags, expansion, receipts, typing) and of media uploads. Over budget, an op
 * is refused with the seeds' REQUEST_OVER_FREQUENCY (20607) and changes nothing. Defaults are
 * generous for a person and tight for a script; docs/server-api.md lists them.
 */
import type { LimitRule } from './limiter.js';

/** The budgets, per user per minute; 0 disables one. */
export interface UserLimitOptions {
  /** saveTextMessageDraft (default 60). */
  draftsPerMinute?: number;
  /** setConversationToTop, setConversationNotificationLevel, removeConversation, deleteMessages, clearHistoryMessages (default 60). */
  conversationStatePerMinute?: number;
  /** addTag, updateTag, removeTag and the tag links (default 60). */
  tagsPerMinute?: number;
  /** updateMessageExpansion, removeMessageExpansionForKey (default 60). */
  expansionPerMinute?: number;
  /** Read receipts and clearMessagesUnreadStatus (default 120). */
  receiptsPerMinute?: number;
  /** Typing status (RC:TypSts) sends (default 30: the seeds' clients send one per 6 s at most). */
  typingPerMinute?: number;
  /** Media uploads (default 30). */
  uploadsPerMinute?: number;
}

export const DEFAULT_USER_LIMITS: Required<UserLimitOptions> = {
  draftsPerMinute: 60,
  conversationStatePerMinute: 60,
  tagsPerMinute: 60,
  expansionPerMinute: 60,
  receiptsPerMinute: 120,
  typingPerMinute: 30,
  uploadsPerMinute: 30,
};

export type UserRuleName = 'draft' | 'state' | 'tag' | 'expansion' | 'receipt' | 'typing' | 'upload';
export type UserRules = Record<UserRuleName, LimitRule>;

const MINUTE = 60_000;

/** The rules from options (defaults filled in). */
export function userRules(options: UserLimitOptions = {}): UserRules {
  const o = { ...DEFAULT_USER_LIMITS, ...options };
  const rule = (name: UserRuleName, limit: number): LimitRule => ({ name, limit, windowMs: MINUTE });
  return {
    draft: rule('draft', o.draftsPerMinute),
    state: rule('state', o.conversationStatePerMinute),
    tag: rule('tag', o.tagsPerMinute),
    expansion: rule('expansion', o.expansionPerMinute),
    receipt: rule('receipt', o.receiptsPerMinute),
    typing: rule('typing', o.typingPerMinute),
    upload: rule('upload', o.uploadsPerMinute),
  };
}
