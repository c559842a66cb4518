/**
 * The kit store: one per kit. It follows the client's events, keeps a normalised, immutable state
 * and offers the actions the elements call. It holds no Lit and no DOM beyond page visibility.
 *
 * The class owns the state and its listeners; the work lives in the modules beside it (inbound
 * events in `inbound.ts`, sending in `sending.ts`, history in `history.ts`, the list's upkeep in
 * `conversation-updates.ts`, one feature per file for the rest), which reach the state through the
 * underscore-prefixed `@internal` members.
 */
import { ConversationType } from '../../protocol/enums.js';
import type {
  IAsyncRes,
  IConversationOption,
  ISendableMessage,
  ISendMessageOptions,
  IReceivedMessage,
} from '../client/types.js';
import type { CustomMessage } from '../custom-message.js';
import { ProfileCache, type ProfileUpdate } from '../profile/profile-cache.js';
import type { UserProfile } from '../profile/types.js';
import type { KitClient } from './client-port.js';
import type { ChatroomStore } from './chatrooms.js';
import { isChatroomKey } from './chatroom-view.js';
import type { IChatroomListenerData } from '../client/chatroom-types.js';
import { systemClock, type KitClock } from './clock.js';
import { setQuote } from './compose.js';
import { attachFeatures } from './features.js';
import { deleteConversation, setConversationMuted, setConversationTop } from './conversation-actions.js';
import { clearHistory, deleteMessage, recallMessage } from './message-actions.js';
import { toggleReaction } from './reactions.js';
import { createTag, loadTags, removeTag, setConversationTagged } from './tags.js';
import { byRecency, emptyConversation, findConversation } from './conversations.js';
import { fetchConversations, markReadIfOpen } from './conversation-updates.js';
import { loadNewest, loadOlder } from './history.js';
import { attachInbound } from './inbound.js';
import { addPending, patchPending, removePending, retry, sendMessage, sendPending, sendText } from './sending.js';
import { resolveSettings, type KitStoreOptions, type StoreSettings } from './options.js';
import { forgetUploads } from './uploads.js';
import {
  conversationKey,
  initialState,
  messagesOf,
  parseConversationKey,
  type ConversationKey,
  type ConversationMessages,
  type KitConversation,
  type KitMessage,
  type KitState,
} from './types.js';

export type { CustomIntercept, KitStoreOptions } from './options.js';

type Listener = (state: KitState) => void;

export class KitStore {
  readonly client: KitClient;
  readonly profiles: ProfileCache;
  /** The `customMessage` option: renderers the elements use for custom message types. */
  readonly customMessage: CustomMessage | undefined;
  /** @internal For the store's modules: the resolved options. */
  readonly _settings: StoreSettings;
  readonly #listeners = new Set<Listener>();
  #state: KitState = initialState;
  #loadingConversations: Promise<void> | null = null;
  /** Per conversation: the latest sent time we asked the server to clear unread up to. */
  readonly #readUpTo = new Map<ConversationKey, number>();
  #destroyed = false;
  /**
   * Parley: the chatrooms the user opens (kept apart from the conversation list). Their logic loads
   * the first time a room is opened or a chatroom event arrives: a page without rooms never fetches it.
   */
  #chatrooms: ChatroomStore | undefined;
  #chatroomsLoading: Promise<ChatroomStore> | undefined;
  readonly #chatroomJoinCount: number;
  readonly #clock: KitClock;
  /** Stops following the client's events and page visibility. */
  readonly #detachInbound: () => void;
  /** Detach functions of the feature modules (deletes, removals, typing, receipts). */
  readonly #features: Array<() => void>;

  constructor(options: KitStoreOptions) {
    this.client = options.client;
    this._settings = resolveSettings(options);
    this.customMessage = options.customMessage;
    this.profiles = new ProfileCache(options.service, (update) => this.#applyProfiles(update));
    this.#clock = options.clock ?? systemClock;
    this.#chatroomJoinCount = options.chatroomJoinCount ?? Math.min(50, this._settings.historyPageSize);
    this.#detachInbound = attachInbound(this);
    this.#features = attachFeatures(this);
    const userId = this.client.getCurrentUserId?.() ?? '';
    const status = this.client.getConnectionStatus?.();
    if (userId || status !== undefined) {
      this.#set({ userId, status: status === 0 ? 'connected' : status === 1 ? 'connecting' : userId ? 'suspended' : 'idle' });
    }
  }

  /** The current state snapshot; replaced (never mutated) on every change. */
  get state(): KitState {
    return this.#state;
  }

  /** The kit's current time (ms): what chatroom countdowns count from. */
  now(): number {
    return this.#clock.now();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The open conversation's entry, if any. */
  get selectedConversation(): KitConversation | undefined {
    const key = this.#state.selected;
    return key ? (this.#state.conversationList.find((c) => c.key === key) ?? this.#state.chatrooms[key]?.conversation) : undefined;
  }

  /** Fetches the conversation list (concurrent calls share one request). */
  loadConversations(): Promise<void> {
    this.#loadingConversations ??= fetchConversations(this).finally(() => {
      this.#loadingConversations = null;
    });
    return this.#loadingConversations;
  }

  /**
   * Opens a conversation: adds it in memory when the server does not list it, loads its newest page
   * of messages and clears its unread count.
   */
  async selectConversation(conversation: IConversationOption): Promise<void> {
    const key = conversationKey(conversation);
    const previous = this.#state.selected;
    // Parley: leaving an open chatroom for another conversation quits it.
    if (isChatroomKey(previous) && previous !== key) void this.#chatrooms?.quit(previous);
    if (isChatroomKey(key)) {
      // The first room of a page loads the chatroom logic; what is shown stays until it is in.
      const chatrooms = this.#chatrooms ?? (await this.#loadChatrooms());
      if (this.#state.selected !== previous) return; // another conversation was picked meanwhile
      if (previous !== key) this.#set({ selected: key });
      void this.profiles.requestConversations([parseConversationKey(key)]);
      await chatrooms.join(conversation);
      return;
    }
    if (!findConversation(this.#state, key)) {
      this.#setConversations([...this.#state.conversationList, emptyConversation(conversation, Date.now())]);
    }
    if (this.#state.selected !== key) this.#set({ selected: key });
    void this.profiles.requestConversations([parseConversationKey(key)]);
    if (conversation.conversationType === ConversationType.GROUP) void this.profiles.getGroupMembers(parseConversationKey(key));
    const messages = this.#state.messages[key];
    const load = messages?.loaded ? Promise.resolve() : loadNewest(this, key);
    markReadIfOpen(this, key);
    await load;
  }

  /** Loads the page before the oldest loaded message of a conversation (default: the open one). */
  async loadOlderMessages(key: ConversationKey | null = this.#state.selected): Promise<void> {
    if (key) return loadOlder(this, key);
  }

  /**
   * Sends a text message to a conversation (default: the open one). The message shows at once as
   * `sending`, then becomes `sent` or `failed`. Resolves with the final message; blank text is refused.
   */
  sendText(text: string, conversation?: IConversationOption): Promise<KitMessage | undefined> {
    return sendText(this, text, conversation);
  }

  /**
   * Sends any message (text, registered custom type) to a conversation, optimistic like `sendText`
   * when it will be stored; status and non-persisted messages go straight to the client.
   */
  sendMessage(conversation: IConversationOption, message: ISendableMessage, options: ISendMessageOptions = {}): Promise<IAsyncRes<IReceivedMessage>> {
    return sendMessage(this, conversation, message, options);
  }

  /** Sends a failed message again with the same client id, so the server stores it at most once. */
  retry(message: Pick<IReceivedMessage, 'conversationType' | 'targetId' | 'messageId'>): Promise<KitMessage | undefined> {
    return retry(this, message);
  }

  /**
   * Shows an own message before it can be sent (an upload in progress), as `sending`.
   * Used by `uploads.ts`; apps send through `sendMessage`.
   * @internal
   */
  addPending(conversation: IConversationOption, message: ISendableMessage, messageId: string, patch: Partial<KitMessage> = {}): KitMessage {
    return addPending(this, conversation, message, messageId, patch);
  }

  /** Patches an own pending message (progress, failed). @internal */
  patchPending(key: ConversationKey, messageId: string, patch: Partial<KitMessage>): void {
    patchPending(this, key, messageId, patch);
  }

  /** Removes an own message that never reached the server (a cancelled upload). @internal */
  removePending(key: ConversationKey, messageId: string): void {
    removePending(this, key, messageId);
  }

  /** Sends the final message of a pending one (after its upload), keeping its client id. @internal */
  sendPending(key: ConversationKey, messageId: string, message: ISendableMessage, options: ISendMessageOptions = {}): Promise<IAsyncRes<IReceivedMessage>> {
    return sendPending(this, key, messageId, message, options);
  }

  /** Clears the unread count of a conversation, locally at once and on the server. */
  markRead(conversation: IConversationOption): void {
    const key = conversationKey(conversation);
    const entry = findConversation(this.#state, key);
    if (!entry || entry.local) return;
    if (entry.unreadMessageCount > 0) this.#patchConversation(key, { unreadMessageCount: 0, hasMentioned: false });
    // The server clears up to the moment it handles the request: ask again only for newer messages.
    const upTo = entry.latestMessage?.sentTime ?? 0;
    const asked = this.#readUpTo.get(key);
    if (asked !== undefined && asked >= upTo) return;
    this.#readUpTo.set(key, upTo);
    void this.client.clearMessagesUnreadStatus(parseConversationKey(key)).then((res) => {
      if (res.code !== 0 && this.#readUpTo.get(key) === upTo) this.#readUpTo.delete(key);
    });
  }

  /** Resets a user's profile in the cache and on screen. */
  updateUserProfile(profile: UserProfile): void {
    this.profiles.setUser(profile);
  }

  /** Removes a conversation from the list (in memory); a chatroom is quit. */
  removeConversation(conversation: IConversationOption): void {
    const key = conversationKey(conversation);
    if (isChatroomKey(key)) {
      void this.quitChatRoom(conversation.targetId);
      return;
    }
    this.#setConversations(this.#state.conversationList.filter((c) => c.key !== key));
    if (this.#state.selected === key) this.#set({ selected: null });
  }

  /**
   * Parley: leaves a chatroom (default: the open one, if it is a chatroom). The message list and
   * editor go back to "no conversation" when it was open.
   */
  async quitChatRoom(chatRoomId?: string): Promise<void> {
    const selected = this.#state.selected;
    const key = chatRoomId ? conversationKey({ conversationType: ConversationType.CHATROOM, targetId: chatRoomId }) : selected;
    if (!isChatroomKey(key)) return;
    if (selected === key) this.#set({ selected: null });
    await this.#chatrooms?.quit(key);
  }

  // ---- feature actions (logic in compose.ts, message-actions.ts, reactions.ts, tags.ts, conversation-actions.ts)

  /** Quotes `message` in its conversation's editor (`null` clears); the editor reads `state.quotes`. */
  setQuote(key: ConversationKey, message: KitMessage | null): void {
    setQuote(this, key, message);
  }

  /** Recalls an own message; on success it turns into the recall notice. */
  recallMessage(message: KitMessage): Promise<IAsyncRes<IReceivedMessage>> {
    return recallMessage(this, message);
  }

  /** Deletes a message for this user, on every device. */
  deleteMessage(message: KitMessage): Promise<IAsyncRes<unknown>> {
    return deleteMessage(this, message);
  }

  /** Adds or takes back the user's reaction with `emoji` (one of `REACTIONS`) on a message. */
  toggleReaction(message: KitMessage, emoji: string): Promise<IAsyncRes<unknown>> {
    return toggleReaction(this, message, emoji);
  }

  /** Reads the user's conversation tags again (the store does on connect and on TAG events). */
  loadTags(): Promise<void> {
    return loadTags(this);
  }

  /** Creates a conversation tag; resolves with its id. */
  createTag(tagName: string, tagId?: string): Promise<IAsyncRes<string>> {
    return createTag(this, tagName, tagId);
  }

  /** Deletes a conversation tag. */
  removeTag(tagId: string): Promise<IAsyncRes<unknown>> {
    return removeTag(this, tagId);
  }

  /** Adds a conversation to a tag, or takes it out (`tagged` false). */
  setConversationTagged(tagId: string, conversation: IConversationOption, tagged: boolean): Promise<IAsyncRes<unknown>> {
    return setConversationTagged(this, tagId, conversation, tagged);
  }

  /** Clears this user's history of a conversation, on every device (the peer keeps theirs). */
  clearHistory(conversation: IConversationOption): Promise<IAsyncRes<unknown>> {
    return clearHistory(this, conversation);
  }

  /** Removes a conversation from the list on the server and every device (history stays). */
  deleteConversation(conversation: IConversationOption): Promise<IAsyncRes<unknown>> {
    return deleteConversation(this, conversation);
  }

  /** Pins or unpins a conversation. */
  setConversationTop(conversation: IConversationOption, isTop: boolean): Promise<IAsyncRes<unknown>> {
    return setConversationTop(this, conversation, isTop);
  }

  /** Turns do-not-disturb on or off for a conversation. */
  setConversationMuted(conversation: IConversationOption, muted: boolean): Promise<IAsyncRes<unknown>> {
    return setConversationMuted(this, conversation, muted);
  }

  /** @internal For the store's feature modules: the chatrooms the user opens, once their logic is loaded. */
  get _chatrooms(): ChatroomStore | undefined {
    return this.#chatrooms;
  }

  /** @internal A chatroom event from the client: loads the chatroom logic first if needed (events stay in order). */
  _onChatroomEvent(event: IChatroomListenerData): void {
    if (this.#chatrooms) this.#chatrooms.onEvent(event);
    else void this.#loadChatrooms().then((chatrooms) => chatrooms.onEvent(event));
  }

  #loadChatrooms(): Promise<ChatroomStore> {
    this.#chatroomsLoading ??= import('./chatrooms.js').then(
      ({ ChatroomStore }) =>
        (this.#chatrooms = new ChatroomStore(
          {
            client: this.client,
            state: () => this.#state,
            set: (patch) => this.#set(patch),
            messages: (key) => messagesOf(this.#state, key),
            setMessages: (key, messages) => this.#setMessages(key, messages),
            requestUsers: (ids) => void this.profiles.requestUsers(ids),
          },
          this.#chatroomJoinCount,
          this.#clock,
        )),
      (error: unknown) => {
        this.#chatroomsLoading = undefined;
        throw error;
      },
    );
    return this.#chatroomsLoading;
  }

  /** @internal For the store's feature modules: replaces part of the state. */
  _patch(patch: Partial<KitState>): void {
    this.#set(patch);
  }

  /** @internal For the store's feature modules: patches one conversation (the list re-sorts). */
  _patchConversation(key: ConversationKey, patch: Partial<KitConversation>): void {
    this.#patchConversation(key, patch);
  }

  /** @internal For the store's feature modules: replaces the conversation list (it re-sorts). */
  _setConversations(list: KitConversation[]): void {
    this.#setConversations(list);
  }

  /** @internal For the store's feature modules: puts an entry in the list in place of its key's (it re-sorts). */
  _putConversation(entry: KitConversation): void {
    this.#setConversations([...this.#state.conversationList.filter((c) => c.key !== entry.key), entry]);
  }

  /** @internal For the store's feature modules: replaces a conversation's messages. */
  _setMessages(key: ConversationKey, messages: ConversationMessages): void {
    this.#setMessages(key, messages);
  }

  /** @internal For the inbound events: another user connected, so the state starts over. */
  _resetForUser(userId: string): void {
    this.#readUpTo.clear();
    this.#set({ ...initialState, userId });
  }

  /** Stops following the client (quitting its chatrooms); the state stays as it was. */
  destroy(): void {
    if (this.#destroyed) return;
    for (const key of Object.keys(this.#state.chatrooms) as ConversationKey[]) void this.#chatrooms?.quit(key);
    this.#chatrooms?.dispose();
    this.#destroyed = true;
    forgetUploads(this);
    this.#detachInbound();
    for (const detach of this.#features) detach();
    this.#listeners.clear();
  }

  // ---- internals -----------------------------------------------------------------------------

  #patchConversation(key: ConversationKey, patch: Partial<KitConversation>): void {
    const base = findConversation(this.#state, key);
    if (base) this._putConversation({ ...base, ...patch });
  }

  #setConversations(list: KitConversation[]): void {
    this.#set({ conversationList: list.sort(byRecency) });
  }

  #setMessages(key: ConversationKey, messages: ConversationMessages): void {
    this.#set({ messages: { ...this.#state.messages, [key]: messages } });
  }

  #applyProfiles(update: ProfileUpdate): void {
    if (this.#destroyed) return;
    const patch: Partial<Record<'users' | 'conversationProfiles', object>> = {};
    if (update.users) patch.users = { ...this.#state.users, ...update.users };
    if (update.conversations) patch.conversationProfiles = { ...this.#state.conversationProfiles, ...update.conversations };
    this.#set(patch as Partial<KitState>);
  }

  #set(patch: Partial<KitState>): void {
    if (this.#destroyed) return;
    this.#state = Object.freeze({ ...this.#state, ...patch });
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#state);
      } catch (error) {
        console.error('[parley] a store listener threw', error);
      }
    }
  }
}
