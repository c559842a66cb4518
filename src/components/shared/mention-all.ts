/**
 * The text the editor writes for "@all" (the seeds' `MentionedType.ALL`), the same whatever the sender's
 * language: recipients may read another one, and their kit highlights the mention from `mentionedInfo`.
 */
export const MENTION_ALL_TEXT = 'all';
