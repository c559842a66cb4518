/**
 * The compose slice of the kit state: what the editor is preparing per conversation (for now the
 * quoted message). Pure helpers: they return new objects and never mutate.
 *
 * API shared by the message list (the "quote" menu item) and the editor:
 * - `store.setQuote(conversationKey, message | null)` sets or clears the quote of a conversation;
 * - `selectQuote(key)(state)` / `selectCurrentQuote(state)` read it (for `StoreController`).
 */
import type { ComposeEntry, ConversationKey, KitMessage, KitState } from './types.js';

/** The entry of a conversation nobody composed in yet. */
export const emptyCompose: ComposeEntry = Object.freeze({ quote: null });

/** Returns `compose` with the quote of `key` replaced by `message` (null clears it). */
export function withQuote(
  compose: KitState['compose'],
  key: ConversationKey,
  message: KitMessage | null,
): KitState['compose'] {
  const current = compose[key] ?? emptyCompose;
  if (current.quote === message) return compose;
  return { ...compose, [key]: Object.freeze({ ...current, quote: message }) };
}

/** A selector for the quote of one conversation (stable result while it does not change). */
export function selectQuote(key: ConversationKey | null): (state: KitState) => KitMessage | null {
  return (state) => (key ? state.compose[key]?.quote ?? null : null);
}

/** The quote of the open conversation, or null. */
export function selectCurrentQuote(state: KitState): KitMessage | null {
  return state.selected ? state.compose[state.selected]?.quote ?? null : null;
}
