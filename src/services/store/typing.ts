/**
 * Who is typing where, from the client's TYPING_STATUS events (the client forgets a typist after
 * 6 s without a refresh, or when their message arrives). Sending typing status is the editor's.
 */
import type { ITypingStatusEvent } from '../client/typing.js';
import type { KitStore } from './store.js';
import { conversationKey, type ConversationKey, type KitState } from './types.js';

const NOBODY: readonly string[] = Object.freeze([]);

/** The users typing in a conversation (never the current user), or an empty list. */
export function selectTyping(state: KitState, key: ConversationKey | null): readonly string[] {
  return (key && state.typing[key]) || NOBODY;
}

/** Follows TYPING_STATUS; returns the detach function. */
export function attachTyping(store: KitStore): () => void {
  const onTyping = (event: ITypingStatusEvent) => {
    if (!Array.isArray(event?.status)) return;
    const next = { ...store.state.typing };
    for (const entry of event.status) {
      if (!entry || !Array.isArray(entry.list)) continue;
      const key = conversationKey(entry);
      const users = [...new Set(entry.list.map((u) => u?.userId).filter((id): id is string => typeof id === 'string' && id !== '' && id !== store.state.userId))];
      if (users.length) next[key] = users;
      else delete next[key];
    }
    store._patch({ typing: next });
  };
  store.client.addEventListener('typing_status', onTyping);
  return () => store.client.removeEventListener('typing_status', onTyping);
}
