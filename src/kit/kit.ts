/**
 * The `imkit` object of the IMKit docs: initialises a store over a protocol client, provides it to
 * the kit's elements through context, and offers the docs' API (`emit`, `selectConversation`,
 * `changeLanguage`, profile updates). `createKit({ client })` makes further, independent kits.
 */
import { ContextProvider } from '@lit/context';
import { ensureContextRoot, storeContext } from '../components/shared/context.js';
import { changeLanguage, kitI18next, useI18next, type I18next, type KitLanguage } from '../i18n/index.js';
import { getDefaultClient, ParleyClient } from '../services/client/index.js';
import type {
  IConversationOption,
  IInitOption,
  IReceivedMessage,
  ISendableMessage,
  IAsyncRes,
} from '../services/client/types.js';
import type { ConversationProfile, IMKitService, UserProfile } from '../services/profile/types.js';
import {
  KitStore,
  renameTag,
  selectTagUnreadCount,
  selectTotalUnreadCount,
  type CustomIntercept,
  type KitClock,
  type KitMessage,
  type KitTag,
} from '../services/store/index.js';
import type { CustomMessage } from '../services/custom-message.js';
import { checkSendOptions, validateInitOption, type IMKitSendMessageOptions } from './kit-options.js';
import { registerMessageType, type RegisteredMessageConstructor } from '../services/client/index.js';
import { loadSanitizer } from '../services/sanitize-loader.js';

/** Events the app emits to the kit with `imkit.emit` (the docs' `CoreEvent`). */
export const CoreEvent = {
  /** `imkit.emit(CoreEvent.CONVERSATION, true)`: (re)load the conversation list. */
  CONVERSATION: 'conversation',
} as const;
export type CoreEvent = (typeof CoreEvent)[keyof typeof CoreEvent];

/** Options of `imkit.init`, as in the IMKit docs. */
export interface IMKitInitOption {
  /** The app key (the docs require it; it must match `libOption.appkey`). */
  appkey?: string;
  /** Supplies names and avatars of users and conversations. */
  service?: IMKitService;
  /**
   * The client's init options; used to init the client when the app has not done so. Absent (or
   * without `navi`): the client uses `appkey` and the page's origin, as when the Parley server serves
   * the page.
   */
  libOption?: IInitOption;
  /** Conversations to fetch, 1–1000 (default 30); anything else throws a `RangeError`. */
  conversationPullCount?: number;
  /**
   * Parley: messages a chatroom join pulls, as the seeds' `joinChatRoom` count: 1–50, −1 none, 0 the
   * seeds' default of 10. Absent: 20 (the kit's page size). Anything else throws a `RangeError`.
   */
  chatroomJoinCount?: number;
  /** HTML renderers of custom message types (sanitised before they reach the page). */
  customMessage?: CustomMessage;
  /** Hides conversations from the list: `interceptConversation(conversation)` returns true to hide. */
  customIntercept?: CustomIntercept;
  /**
   * Parley: where the store is provided to elements. Default `document.body` for `imkit`, so sibling
   * elements anywhere on the page share it; `null` provides nothing (set each element's `store`).
   */
  provideOn?: HTMLElement | null;
  /**
   * Parley: the language to start in, as `changeLanguage({ lang })` takes it (it applies to every kit on
   * the page). `en` and `ja` load on demand; elements wait for the strings before they render, so the
   * first paint is already in this language.
   */
  language?: string;
  /**
   * Parley: the app's own i18next instance (initialised). The kit adds its strings to it in the `imkit`
   * namespace and never changes the app's language, options or other namespaces; the app's resources in
   * `imkit` override the kit's strings. The kit follows the instance's language (`en-US` → `en`, unknown →
   * `zh_CN`) until `language` or `changeLanguage` picks one for the kit. Absent: the kit uses an
   * instance of its own. One instance serves every kit on the page.
   */
  i18next?: I18next;
  /**
   * Parley: shows a dot on the avatars of the private conversations whose peer is online, following
   * them with the client's `subscribeUserStatus` (the server's online status subscriptions). Default false.
   */
  showOnlineStatus?: boolean;
  /** Parley: the time source of chatroom countdowns and ban ends; default the system clock (tests pass a fake). */
  clock?: KitClock;
  /**
   * Parley: the server's per-connection send limit that the outgoing queue stays under (default the
   * seeds' 5 a second, the server's default; 0 = no pacing). Match a server started with another
   * `sendRatePerSecond`.
   */
  sendRatePerSecond?: number;
}

/** Options of `createKit`. */
export interface CreateKitOptions {
  /** The protocol client this kit follows; default: a new `ParleyClient`. */
  client?: ParleyClient;
}

/**
 * One kit: a protocol client, a store over it and the context provider that hands the store to the
 * elements. `imkit` is the default one over the client's default instance.
 */
export class IMKit {
  #client: ParleyClient | undefined;
  #store: KitStore | undefined;
  #provider: ContextProvider<typeof storeContext> | undefined;
  #providerHost: HTMLElement | undefined;
  readonly #isDefault: boolean;
  /** Stops following online status (`showOnlineStatus`). */
  #stopOnlineStatus: (() => void) | undefined;
  /** The app's i18next instance this kit put in use, handed back on `destroy`. */
  #i18next: I18next | undefined;

  /** @param client the client to follow; omitted = the client's default instance (`imkit`). */
  constructor(client?: ParleyClient) {
    this.#client = client;
    this.#isDefault = !client;
  }

  /** The protocol client this kit follows. */
  get client(): ParleyClient {
    return (this.#client ??= getDefaultClient());
  }

  /** The kit's store; throws before `init`. */
  get store(): KitStore {
    if (!this.#store) throw new Error('[parley] call imkit.init() first');
    return this.#store;
  }

  /** True once `init` ran. */
  get initialized(): boolean {
    return !!this.#store;
  }

  /**
   * Initialises the kit once: creates the store over the client (initialising the client with
   * `libOption` if the app has not), and provides the store to the elements. A second call is ignored.
   */
  init(option: IMKitInitOption = {}): KitStore {
    if (this.#store) return this.#store;
    validateInitOption(option);
    if (option.i18next) {
      useI18next(option.i18next);
      this.#i18next = option.i18next;
    }
    if (option.language !== undefined) {
      changeLanguage(option.language).catch((error: unknown) =>
        console.error('[parley] could not load language', option.language, error),
      );
    }
    // Custom renderers' HTML is sanitised: fetch the sanitiser now, before their first message shows.
    if (option.customMessage)
      loadSanitizer().catch((error: unknown) => console.error('[parley] could not load the HTML sanitiser', error));
    const client = this.client;
    // Without `libOption` (or without its `navi`) the client talks to the page's own origin.
    if (!client.isInitialized() && (option.libOption || option.appkey))
      client.init({ ...option.libOption, appkey: option.libOption?.appkey ?? option.appkey ?? '' });
    this.#store = new KitStore({
      client,
      service: option.service,
      conversationPullCount: option.conversationPullCount,
      chatroomJoinCount: option.chatroomJoinCount,
      customIntercept: option.customIntercept,
      customMessage: option.customMessage,
      clock: option.clock,
      sendRatePerSecond: option.sendRatePerSecond,
    });
    if (option.showOnlineStatus) this.#stopOnlineStatus = this.#store.followOnlineStatus();
    const host =
      option.provideOn === undefined
        ? this.#isDefault && typeof document !== 'undefined'
          ? document.body
          : null
        : option.provideOn;
    if (host) this.provide(host);
    return this.#store;
  }

  /** Provides this kit's store to elements inside `host` (in addition to any earlier host). */
  provide(host: HTMLElement): void {
    ensureContextRoot();
    const provider = new ContextProvider(host, { context: storeContext, initialValue: this.store });
    // A plain element does not call hostConnected; announcing lets waiting elements pick it up.
    provider.hostConnected();
    this.#provider = provider;
    this.#providerHost = host;
  }

  /** The docs' `emit`: `CoreEvent.CONVERSATION` loads (or reloads) the conversation list. */
  emit(event: CoreEvent, _payload?: unknown): Promise<void> {
    if (event === CoreEvent.CONVERSATION) return this.store.loadConversations();
    return Promise.resolve();
  }

  /**
   * Opens a conversation; one the server does not list yet is added in memory. Parley: a
   * `ConversationType.CHATROOM` target joins the room (pulling its newest messages) and shows it
   * without listing it; selecting anything else afterwards quits the room.
   */
  selectConversation(conversation: IConversationOption): Promise<void> {
    return this.store.selectConversation({
      conversationType: conversation.conversationType,
      targetId: String(conversation.targetId),
    });
  }

  /** Parley: leaves a chatroom (default: the open one); an open room closes in the message list and editor. */
  quitChatRoom(chatRoomId?: string): Promise<void> {
    return this.store.quitChatRoom(chatRoomId);
  }

  /**
   * Removes a conversation from the user's list on the server, as the menu's Delete does: it stays
   * gone after a reload and on the user's other devices (history stays; a new message brings it
   * back). Leaves the list at once; resolves with the server's answer.
   */
  removeConversation(conversation: IConversationOption): Promise<IAsyncRes<unknown>> {
    return this.store.deleteConversation({
      conversationType: conversation.conversationType,
      targetId: String(conversation.targetId),
    });
  }

  /**
   * Switches every kit element to `lang` without a reload: `'zh_CN'` (default), `'en'` or `'ja'`
   * (Parley); anything else means `'zh_CN'`. Resolves with the language in use.
   */
  changeLanguage(option: { lang: string }): Promise<KitLanguage> {
    return changeLanguage(option?.lang);
  }

  /** Replaces a user's name and avatar on screen. */
  updateUserProfile(info: UserProfile): void {
    this.store.profiles.setUser(info);
  }

  /** Replaces a conversation's name, avatar and member count on screen. */
  updateConversationProfile(conversation: IConversationOption, info: Partial<ConversationProfile>): void {
    this.store.profiles.setConversation(conversation, info);
  }

  /** Replaces all members of a group (names and avatars). */
  updateGroupMembers(conversation: IConversationOption, members: UserProfile[]): void {
    this.store.profiles.setGroupMembers(conversation, members);
  }

  /**
   * Parley: the unread count over the listed conversations, as the list shows it (muted
   * conversations only with `includeMuted`). Follow changes with `store.subscribe` and
   * `selectTotalUnreadCount(state)`.
   */
  getTotalUnreadCount(includeMuted = false): number {
    return selectTotalUnreadCount(this.store.state, includeMuted);
  }

  /** Parley: the user's conversation tags as the kit holds them (`[{ tagId, tagName, conversationCount }]`, oldest first). */
  getTags(): readonly KitTag[] {
    return this.store.state.tags;
  }

  /**
   * Parley: creates a conversation tag; resolves `{ code, data: tagId }`. The name is trimmed, has
   * 1–15 characters and is not another tag's name (else 33003 / 33101); at most 20 tags (26004).
   */
  createTag(tagName: string, tagId?: string): Promise<IAsyncRes<string>> {
    return this.store.createTag(tagName, tagId);
  }

  /** Parley: renames a conversation tag (the client's `updateTag`), on every device; the name rules of `createTag`. */
  renameTag(tagId: string, tagName: string): Promise<IAsyncRes<unknown>> {
    return renameTag(this.store, tagId, tagName);
  }

  /** Parley: deletes a conversation tag on every device; its conversations stay listed. */
  removeTag(tagId: string): Promise<IAsyncRes<unknown>> {
    return this.store.removeTag(tagId);
  }

  /** Parley: adds a conversation to a tag; the tag bar and every device follow. */
  addConversationToTag(tagId: string, conversation: IConversationOption): Promise<IAsyncRes<unknown>> {
    return this.store.setConversationTagged(tagId, conversation, true);
  }

  /** Parley: takes a conversation out of a tag. */
  removeConversationFromTag(tagId: string, conversation: IConversationOption): Promise<IAsyncRes<unknown>> {
    return this.store.setConversationTagged(tagId, conversation, false);
  }

  /** Parley: unread messages in a tag's listed conversations, as the tag bar shows them (the server's count: the client's `getUnreadCountByTag`). */
  getTagUnreadCount(tagId: string, includeMuted = false): number {
    return selectTagUnreadCount(this.store.state, tagId, includeMuted);
  }

  /** Sends a text through the kit, so it shows at once in the message list (sending → sent | failed). */
  sendText(text: string, conversation?: IConversationOption): Promise<KitMessage | undefined> {
    return this.store.sendText(text, conversation);
  }

  /**
   * The docs' `imkit.registerMessageType`: registers a custom message type and returns its
   * constructor (`new PersonMessage({ name })`). Call it before `connect`, once per type.
   *
   * @param messageType the type name; names starting with `RC:` are reserved and throw
   * @param isPersisted stored in history
   * @param isCounted counted as unread
   * @param searchProp search fields (accepted for compatibility; the web has no local search)
   * @param isStatusMessage neither stored nor counted; reaches only online receivers
   * @throws ParleyClientError (code 33003) for a reserved or invalid name
   */
  registerMessageType<T extends object = Record<string, unknown>>(
    messageType: string,
    isPersisted: boolean,
    isCounted: boolean,
    searchProp: string[] = [],
    isStatusMessage = false,
  ): RegisteredMessageConstructor<T> {
    return registerMessageType<T>(messageType, isPersisted, isCounted, searchProp, isStatusMessage);
  }

  /**
   * The docs' `imkit.sendMessage`: sends any message (a registered custom type, a text). A stored
   * message shows in the message list at once (sending → sent | failed), like the editor's sends.
   * Resolves `{ code, data }` as the client does; see `IMKitSendMessageOptions` for the options.
   */
  async sendMessage(
    conversation: IConversationOption,
    message: ISendableMessage,
    options?: IMKitSendMessageOptions | null,
  ): Promise<IAsyncRes<IReceivedMessage>> {
    const checked = checkSendOptions(options ?? {});
    if ('code' in checked) return checked;
    return this.store.sendMessage(conversation, message, checked.options);
  }

  /** Stops the store and withdraws the provider; elements keep their last state until given another store. */
  destroy(): void {
    if (this.#provider && this.#providerHost) {
      this.#providerHost.removeEventListener('context-request', this.#provider.onContextRequest);
      this.#providerHost.removeEventListener('context-provider', this.#provider.onProviderRequest);
    }
    this.#provider = undefined;
    this.#providerHost = undefined;
    this.#stopOnlineStatus?.();
    this.#stopOnlineStatus = undefined;
    this.#store?.destroy();
    this.#store = undefined;
    // The app's instance keeps the kit's namespace; the kit stops following it.
    if (this.#i18next && kitI18next() === this.#i18next) useI18next(undefined);
    this.#i18next = undefined;
  }
}

/** The default kit, over the client's default instance (`init`, `connect` from `parley/client`). */
export const imkit = new IMKit();

/** Creates a kit with its own client, for several users on one page or in tests. */
export function createKit(options: CreateKitOptions = {}): IMKit {
  return new IMKit(options.client ?? new ParleyClient());
}
