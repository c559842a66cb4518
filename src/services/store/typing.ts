/**
 * Who is typing where, from the client's TYPING_STATUS events (the client forgets a typist after
 * 6 s without a refresh, or when their message arrives). Sending typing status is the editor's.
 */
import type { ITypingStatusEvent } from '../client/typing.js';
import type { Slice, StorePort } from './slice.js';
import { conversationKey, type ConversationKey, type KitState } from './types.js';

const NOBODY: readonly string[] = Object.freeze([]);

/** The users typing in a conversation (never the current user), or an empty list. */
export function selectTyping(state: KitState, key: ConversationKey | null): readonly string[] {
  return (key && state.typing[key]) || NOBODY;
}

/** The typing slice: follows TYPING_STATUS into `state.typing`. */
export function createTypingSlice(port: StorePort) {
  const onTyping = (event: ITypingStatusEvent) => {
    if (!Array.isArray(event?.status)) return;
    const state = port.get();
    const next = { ...state.typing };
    for (const entry of event.status) {
      if (!entry || !Array.isArray(entry.list)) continue;
      const key = conversationKey(entry);
      const users = [
        ...new Set(
          entry.list
            .map((u) => u?.userId)
            .filter((id): id is string => typeof id === 'string' && id !== '' && id !== state.userId),
        ),
      ];
      if (users.length) next[key] = users;
      else delete next[key];
    }
    port.set({ typing: next });
  };
  return {
    actions: {},
    selectors: { selectTyping },
    attach: (events) => events.on('typing_status', onTyping),
  } satisfies Slice;
}
