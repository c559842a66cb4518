import { ChatroomQueue } from './chatroom-queue/chatroom-queue.js';
import { ConnectionBanner } from './connection-banner/connection-banner.js';
import { ConversationList } from './conversation-list/conversation-list.js';
import { MessageEditor } from './message-editor/message-editor.js';
import { MessageList } from './message-list/message-list.js';
import { ensureContextRoot } from './shared/context.js';

/** The kit's elements by tag, as the IMKit docs name them. */
export const kitElements = {
  'conversation-list': ConversationList,
  'message-list': MessageList,
  'message-editor': MessageEditor,
  /** Parley: the connection state (see `connection-banner.ts`). */
  'connection-banner': ConnectionBanner,
  /** Parley: the open chatroom's mic queue, for apps that show one (see `chatroom-queue.ts`). */
  'chatroom-queue': ChatroomQueue,
} as const;

/**
 * Defines `<conversation-list>`, `<message-list>`, `<message-editor>` and Parley's `<connection-banner>` and `<chatroom-queue>`. A tag already taken (by
 * another copy of the kit, or by the app) is left alone, so calling this twice never throws.
 */
export function defineCustomElements(): void {
  if (typeof customElements === 'undefined') return;
  ensureContextRoot();
  for (const [tag, element] of Object.entries(kitElements)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}
