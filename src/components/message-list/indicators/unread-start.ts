/**
 * Where the unread part of a conversation started when it was opened: what the "N unread messages ↑"
 * pill jumps to and where the "new messages" divider sits. Worked out once per opening (the store
 * marks the conversation read right after), so the divider stays put while the conversation is open.
 * The lookups load with the pills (history-pills-view.ts); the first screen uses only the type.
 */
import { MessageDirection } from '../../../protocol/constants.js';
import type { ConversationKey, ConversationMessages, KitMessage } from '../../../services/store/index.js';

/** A conversation's first unread message at the moment it was opened. */
export interface UnreadStart {
  readonly key: ConversationKey;
  /** How many messages were unread. */
  readonly count: number;
  /** The first unread message as the server told (`getFirstUnreadMessageInfo`); null until it answers. */
  messageUId: string | null;
  /** Its sent time (or just after the last read time when the server could not tell); null until known. */
  sentTime: number | null;
}

/**
 * The first unread message among the loaded ones, or undefined while it is not loaded (or not known).
 * Without the server's message id, a sent time only counts once the list reaches back before it.
 */
export function firstUnreadIn(messages: ConversationMessages | undefined, start: UnreadStart): KitMessage | undefined {
  const list = messages?.list ?? [];
  if (start.messageUId) {
    const exact = list.find((m) => m.messageUId === start.messageUId);
    if (exact) return exact;
  }
  const since = start.sentTime;
  if (since === null) return undefined;
  const from = list.findIndex((m) => m.sentTime >= since);
  if (from < 0 || (from === 0 && messages?.hasMore)) return undefined;
  return list.slice(from).find((m) => m.messageDirection === MessageDirection.RECEIVE);
}

/** The row key the divider goes above, looked up once per list (the log renders often while scrolling). */
export class UnreadDividerLookup {
  #last: { messages: ConversationMessages | undefined; start: UnreadStart; known: string; key: string | null } | null =
    null;

  /** The key of the row that starts the unread part (per `keyOf`), or null: no divider. */
  keyIn(
    messages: ConversationMessages | undefined,
    start: UnreadStart | null,
    keyOf: (message: KitMessage) => string,
  ): string | null {
    if (!start) return null;
    const known = `${start.messageUId}:${start.sentTime}`;
    const last = this.#last;
    if (last && last.messages === messages && last.start === start && last.known === known) return last.key;
    const message = firstUnreadIn(messages, start);
    const key = message ? keyOf(message) : null;
    this.#last = { messages, start, known, key };
    return key;
  }
}
