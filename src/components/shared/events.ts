/** The kit's DOM events, typed once. All bubble and are composed, so listeners above the kit hear them. */
import type { KitConversation, KitMessage } from '../../services/store/index.js';

/** `tapConversation`: a conversation was clicked or chosen with Enter/Space; detail is the conversation. */
export type TapConversationEvent = CustomEvent<KitConversation>;

/** `deleteConversation`: the user deleted a conversation from the list (menu); detail is the conversation. */
export type DeleteConversationEvent = CustomEvent<KitConversation>;

/** `updateConversation`: a listed conversation changed (new message, unread count, pin, ...); detail is its new state. */
export type UpdateConversationEvent = CustomEvent<KitConversation>;

/**
 * `tagFilterChange` (Parley): the list's tag filter changed because the user chose a tab or the shown
 * tag was deleted (the list falls back to "All"); detail is the tag id, '' for "All". Not fired when
 * the app sets `tagFilter`.
 */
export type TagFilterChangeEvent = CustomEvent<string>;

/**
 * `tapMessage`: a media message (image, file, ...) was clicked; detail is the message. Cancelable:
 * unless a listener calls `preventDefault()`, the kit opens an image in its viewer and downloads a file.
 */
export type TapMessageEvent = CustomEvent<KitMessage>;

/** Creates one of the kit's events: bubbling, composed, not cancelable unless asked. */
export function kitEvent<T>(type: keyof GlobalEventHandlersEventMap, detail: T, cancelable = false): CustomEvent<T> {
  return new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable });
}

declare global {
  interface GlobalEventHandlersEventMap {
    tapConversation: TapConversationEvent;
    deleteConversation: DeleteConversationEvent;
    updateConversation: UpdateConversationEvent;
    tagFilterChange: TagFilterChangeEvent;
    tapMessage: TapMessageEvent;
  }
}
