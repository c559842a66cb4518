/**
 * The store's slices, made from one port and wired to each other. Each gets only the functions of
 * other slices it calls; the order of the table is the order they attach to the client (and detach:
 * the chatrooms first, so the rooms are quit while the state can still say so).
 */
import type { IConversationOption } from '../client/types.js';
import type { ProfileCache } from '../profile/profile-cache.js';
import { createChatroomsSlice } from './chatroom-slice.js';
import type { KitClock } from './clock.js';
import { createComposeSlice } from './compose.js';
import { createConversationsSlice } from './conversation-actions.js';
import { createConversationUpdates } from './conversation-updates.js';
import { createDraftsSlice } from './drafts.js';
import { createHistorySlice } from './history.js';
import { createInboundSlice } from './inbound.js';
import { createMessagesSlice } from './message-actions.js';
import type { StoreSettings } from './options.js';
import { createOutboxSlice } from './outbox.js';
import { createReactionsSlice } from './reactions.js';
import { createOnlineStatusSlice } from './online-status.js';
import { createReceiptsSlice } from './receipts.js';
import { createSelectionSlice } from './selection.js';
import { createSenders } from './senders.js';
import { createSendingSlice } from './sending.js';
import { createLateActionsPrefetch, type StorePort } from './slice.js';
import { createTagsSlice } from './tags.js';
import { createTypingSlice } from './typing.js';
import { createUploadsSlice } from './uploads.js';
import type { KitState } from './types.js';

/** What the store hands its slices. */
export interface SliceContext {
  readonly port: StorePort;
  readonly settings: StoreSettings;
  readonly profiles: ProfileCache;
  readonly clock: KitClock;
  /** Messages a chatroom join pulls. */
  readonly chatroomJoinCount: number;
  /** The store's `subscribe` (the unsent-message storage follows the state for a while). */
  readonly subscribe: (listener: (state: KitState) => void) => () => void;
}

/** Makes the store's slices. */
export function createSlices({ port, settings, profiles, clock, chatroomJoinCount, subscribe }: SliceContext) {
  const requestConversations = (conversations: Iterable<IConversationOption>) =>
    profiles.requestConversations(conversations);
  const senders = createSenders(port.get, (ids) => profiles.requestUsers(ids));
  const chatrooms = createChatroomsSlice(port, {
    joinCount: chatroomJoinCount,
    clock,
    requestUsers: (ids) => profiles.requestUsers(ids),
  });
  const updates = createConversationUpdates(port, { settings, senders, requestConversations });
  const conversations = createConversationsSlice(port, { updates, quitChatRoom: chatrooms.actions.quitChatRoom });
  const history = createHistorySlice(port, { settings, senders, chatrooms: chatrooms.internal.current });
  const receipts = createReceiptsSlice(port, (ids) => profiles.requestUsers(ids));
  const outbox = createOutboxSlice(port, {
    sendRatePerSecond: settings.sendRatePerSecond,
    subscribe,
    touchConversation: updates.touchConversation,
    requestGroupReceipt: receipts.internal.requestGroupReceipt,
    onChatroomSendRefused: (key, code) => chatrooms.internal.current()?.onSendRefused(key, code),
    // Called only after a connect, once `uploads` below exists.
    restoreUpload: (...args) => uploads.internal.restoreUpload(...args),
  });
  const sending = createSendingSlice(port, { outbox: outbox.internal, updates });
  const uploads = createUploadsSlice({ port, outbox: outbox.internal, pending: sending.actions });
  return {
    chatrooms,
    inbound: createInboundSlice(port, {
      updates,
      loadConversations: conversations.actions.loadConversations,
      history: history.internal,
      chatrooms: chatrooms.internal,
      senders,
      requestConversations,
    }),
    messages: createMessagesSlice(port, { outbox: outbox.internal, updates, now: () => clock.now() }),
    conversations,
    typing: createTypingSlice(port),
    receipts,
    reactions: createReactionsSlice(port),
    tags: createTagsSlice(port),
    outbox,
    uploads,
    sending,
    history,
    selection: createSelectionSlice(port, {
      updates,
      history: history.internal,
      chatrooms: chatrooms.internal,
      requestConversations,
      requestGroupMembers: (c) => profiles.getGroupMembers(c),
    }),
    compose: createComposeSlice(port),
    drafts: createDraftsSlice(port),
    onlineStatus: createOnlineStatusSlice(port, subscribe),
    lateActions: createLateActionsPrefetch(),
  };
}
