/** The seeds' enums of built-in menu items an app can hide with `disableMenu`. */

/**
 * Built-in items of the conversation menu (seeds' spelling, `DisabledConversationontextMenu`; the
 * correctly spelled `DisabledConversationContextMenu` is the same object). Hiding `Top` or
 * `Notification` hides both of its pair (pin/unpin, mute/unmute).
 */
export const DisabledConversationontextMenu = {
  /** Pin / unpin. */
  Top: 'top',
  /** Do not disturb / allow notifications. */
  Notification: 'notification',
  /** Delete the conversation from the list. */
  Delete: 'delete',
  /** Parley: clear this user's history of the conversation (after a confirmation). */
  ClearHistory: 'clearHistory',
  /** Parley: the "Tags…" item (add the conversation to or remove it from the user's tags). */
  Tags: 'tags',
} as const;
export type DisabledConversationontextMenu =
  (typeof DisabledConversationontextMenu)[keyof typeof DisabledConversationontextMenu];

/** Correctly spelled alias of `DisabledConversationontextMenu`. */
export const DisabledConversationContextMenu = DisabledConversationontextMenu;
export type DisabledConversationContextMenu = DisabledConversationontextMenu;

/** Built-in items of the message menu (seeds), plus Parley's `Copy`. */
export const DisabledMessageContextMenu = {
  /** Delete the message. */
  Delete: 'delete',
  /** Quote the message in the editor. */
  Reference: 'reference',
  /** Forward to the conversations `forwardList.callback` returns. */
  Forward: 'forward',
  /** Recall an own message within `maxRecallDuration`. */
  Recall: 'recall',
  /** Parley: copy a text message. */
  Copy: 'copy',
  /** Parley: react with an emoji (stored as message expansion). */
  React: 'react',
} as const;
export type DisabledMessageContextMenu = (typeof DisabledMessageContextMenu)[keyof typeof DisabledMessageContextMenu];
