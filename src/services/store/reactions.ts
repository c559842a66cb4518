/**
 * Emoji reactions, kept in message expansion (the seeds' 消息扩展). Each reaction of one user is one
 * pair: key `r<index>_<user>` (the emoji's index in `REACTIONS`; the user id when it fits the key
 * rules, else a hash of it) and the user id as the value. One pair per user and emoji means two
 * people reacting at once never overwrite each other, and taking a reaction back removes one key.
 * Limits: 300 pairs per message, so at most 300 reactions per message.
 */
import type { IExpansionEvent, IReceivedMessage } from '../client/types.js';
import { lateActions, setMessages, type Slice, type StorePort } from './slice.js';
import { conversationKey, type ConversationKey, type KitMessage } from './types.js';

/** The emoji the kit offers, in menu order. Their index is part of the stored key: only append (at most 10). */
export const REACTIONS: readonly string[] = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

/** One emoji's reactions on a message. */
export interface ReactionSummary {
  readonly emoji: string;
  readonly count: number;
  /** Whether the viewing user is among them. */
  readonly mine: boolean;
}

const KEY = /^r(\d+)_/;
const SAFE_ID = /^[A-Za-z0-9+=\-_]{1,29}$/;

/** FNV-1a, base 36: a short stand-in for user ids the key rules do not allow. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/** The expansion key of `userId`'s reaction with `REACTIONS[index]` (≤ 32 characters of `A-Za-z0-9+=-_`). */
export function reactionKey(index: number, userId: string): string {
  return `r${index}_${SAFE_ID.test(userId) ? userId : `=${hash(userId)}`}`;
}

/** The reactions on a message, in `REACTIONS` order, without emoji nobody chose. */
export function selectReactions(message: Pick<IReceivedMessage, 'expansion'>, userId: string): ReactionSummary[] {
  const counts = new Map<number, { count: number; mine: boolean }>();
  for (const [key, value] of Object.entries(message.expansion ?? {})) {
    const index = Number(KEY.exec(key)?.[1] ?? -1);
    if (!(index >= 0 && index < REACTIONS.length)) continue;
    const entry = counts.get(index) ?? { count: 0, mine: false };
    counts.set(index, { count: entry.count + 1, mine: entry.mine || value === userId });
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, { count, mine }]) => ({ emoji: REACTIONS[index]!, count, mine }));
}

/** Whether the kit can add reactions to this message (sent expandable and stored). */
export function canReact(message: KitMessage): boolean {
  return message.canIncludeExpansion === true && message.sendState === 'sent' && !!message.messageUId;
}

/** Applies changed and removed pairs to a loaded message, immutably. */
function applyExpansion(
  port: StorePort,
  key: ConversationKey,
  messageUId: string,
  updated: Record<string, string> = {},
  deleted: readonly string[] = [],
): void {
  const current = port.get().messages[key];
  const at = current?.list.findIndex((m) => m.messageUId === messageUId) ?? -1;
  if (!current || at < 0) return;
  const message = current.list[at]!;
  const expansion: Record<string, string> = { ...(message.expansion ?? {}), ...updated };
  for (const k of deleted) delete expansion[k];
  const list = current.list.slice();
  list[at] = { ...message, expansion };
  setMessages(port, key, { ...current, list });
}

/** The reactions slice: toggling the user's reactions, and EXPANSION events (other people, other devices). */
export function createReactionsSlice(port: StorePort) {
  const onExpansion = (event: IExpansionEvent) => {
    const up = event?.updatedExpansion;
    if (up?.conversation) applyExpansion(port, conversationKey(up.conversation), up.messageUId, up.expansion);
    const del = event?.deletedExpansion;
    if (del?.conversation) applyExpansion(port, conversationKey(del.conversation), del.messageUId, {}, del.deletedKeys);
  };
  // The toggle's body loads on the first toggle.
  const toggle = lateActions((late) =>
    late.reactionToggle(port, {
      REACTIONS,
      conversationKey,
      canReact,
      reactionKey,
      applyExpansion: (...args) => applyExpansion(port, ...args),
    }),
  );
  return {
    actions: {
      /**
       * Adds or takes back the user's reaction with `emoji` (one of `REACTIONS`) on a message. The
       * bubble changes at once and changes back when the server refuses.
       */
      toggleReaction: toggle('toggleReaction'),
    },
    attach: (events) => events.on('expansion', onExpansion),
  } satisfies Slice;
}

/** The reactions slice's actions. */
export type ReactionActions = ReturnType<typeof createReactionsSlice>['actions'];
