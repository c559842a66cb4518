import type { KitConversation } from '../../services/store/index.js';

/**
 * Which listed conversations changed since the list was last seen, for `updateConversation`. The first
 * list is a load, not an update; the same list again (a scroll re-render) is not walked at all.
 */
export class ConversationUpdates {
  #seen: Map<string, KitConversation> | null = null;
  #seenList: readonly KitConversation[] | null = null;

  changed(list: readonly KitConversation[] | undefined): KitConversation[] {
    if (!list || list === this.#seenList) return [];
    this.#seenList = list;
    const seen = this.#seen;
    this.#seen = new Map(list.map((c) => [c.key, c]));
    if (!seen || seen.size === 0) return [];
    return list.filter((conversation) => seen.get(conversation.key) !== conversation);
  }
}
