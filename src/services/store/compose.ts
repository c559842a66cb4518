/**
 * What the user is composing that the list hands to the editor: the quoted message of each
 * conversation. The message menu's "Quote" calls `store.setQuote(key, message)`; the editor reads
 * `selectCurrentQuote`, shows it above the input, sends an `RC:ReferenceMsg` and clears it with
 * `store.setQuote(key, null)`. State is replaced, never mutated.
 */
import type { Slice, StorePort } from './slice.js';
import type { ConversationKey, KitMessage, KitState } from './types.js';

/** The compose slice: the quote of each conversation. */
export function createComposeSlice(port: StorePort) {
  return {
    actions: {
      /** Quotes `message` in its conversation's editor (`null` clears); the editor reads `state.quotes`. */
      setQuote(key: ConversationKey, message: KitMessage | null): void {
        const current = port.get().quotes;
        if ((current[key] ?? null) === message) return;
        const next = { ...current };
        if (message) next[key] = message;
        else delete next[key];
        port.set({ quotes: next });
      },
    },
    selectors: { selectQuote, selectCurrentQuote },
  } satisfies Slice;
}

/** The quoted message of a conversation, or `undefined`. */
export function selectQuote(state: KitState, key: ConversationKey | null): KitMessage | undefined {
  return key ? state.quotes[key] : undefined;
}

/** The quote of the open conversation, or null (a `StoreController` selector). */
export function selectCurrentQuote(state: KitState): KitMessage | null {
  return state.selected ? (state.quotes[state.selected] ?? null) : null;
}

/** The compose slice's actions. */
export type ComposeActions = ReturnType<typeof createComposeSlice>['actions'];
