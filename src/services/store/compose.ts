/**
 * What the user is composing that the list hands to the editor: the quoted message of each
 * conversation. The message menu's "Quote" calls `store.setQuote(key, message)`; the editor reads
 * `selectCurrentQuote`, shows it above the input, sends an `RC:ReferenceMsg` and clears it with
 * `store.setQuote(key, null)`. State is replaced, never mutated.
 */
import type { ConversationKey, KitMessage, KitState } from './types.js';

/** The part of the store this module needs. */
export interface ComposeStore {
  readonly state: KitState;
  _patch(patch: Partial<KitState>): void;
}

/** Sets (or with `null` clears) the quoted message of a conversation. */
export function setQuote(store: ComposeStore, key: ConversationKey, message: KitMessage | null): void {
  const current = store.state.quotes;
  if ((current[key] ?? null) === message) return;
  const next = { ...current };
  if (message) next[key] = message;
  else delete next[key];
  store._patch({ quotes: next });
}

/** The quoted message of a conversation, or `undefined`. */
export function selectQuote(state: KitState, key: ConversationKey | null): KitMessage | undefined {
  return key ? state.quotes[key] : undefined;
}

/** The quote of the open conversation, or null (a `StoreController` selector). */
export function selectCurrentQuote(state: KitState): KitMessage | null {
  return state.selected ? state.quotes[state.selected] ?? null : null;
}
