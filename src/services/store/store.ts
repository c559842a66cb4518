/**
 * The kit store: one per kit. It follows the client's events, keeps a normalised, immutable state
 * and offers the actions the elements call. It holds no Lit and no DOM beyond page visibility.
 *
 * The class owns the state and its subscribers; every feature is a slice (`slice.ts`) made from a
 * port onto that state and the client (`slices.ts` wires them). The slices' actions are bound onto
 * the store as its methods, written once, in their feature modules.
 */
import type { CustomMessage } from '../custom-message.js';
import { ProfileCache, type ProfileUpdate } from '../profile/profile-cache.js';
import type { UserProfile } from '../profile/types.js';
import type { KitClient } from './client-port.js';
import { systemClock, type KitClock } from './clock.js';
import { resolveSettings, type KitStoreOptions } from './options.js';
import type { ChatroomActions } from './chatroom-slice.js';
import type { ComposeActions } from './compose.js';
import type { ConversationActions } from './conversation-actions.js';
import type { DraftActions } from './drafts.js';
import type { HistoryActions } from './history.js';
import type { MessageActions } from './message-actions.js';
import type { ReactionActions } from './reactions.js';
import type { ReceiptActions } from './receipts.js';
import type { OnlineStatusActions } from './online-status.js';
import type { SelectionActions } from './selection.js';
import type { SendingActions } from './sending.js';
import {
  bindActions,
  withActions,
  type ActionsOf,
  type Same,
  type Slice,
  type SliceEvents,
  type StateUpdate,
  type StorePort,
} from './slice.js';
import { createSlices } from './slices.js';
import type { TagActions } from './tags.js';
import { initialState, type KitConversation, type KitState } from './types.js';
import type { UploadActions } from './uploads.js';

export type { CustomIntercept, KitStoreOptions } from './options.js';

type Listener = (state: KitState) => void;

/**
 * Every slice's actions: the methods `KitStore` offers besides its own. Named one by one so that
 * editors and `dist/types` show each action's TSDoc from its slice.
 */
export interface KitStoreActions
  extends
    ConversationActions,
    SelectionActions,
    HistoryActions,
    MessageActions,
    SendingActions,
    UploadActions,
    ComposeActions,
    ReactionActions,
    TagActions,
    DraftActions,
    ChatroomActions,
    ReceiptActions,
    OnlineStatusActions {}

/** Fails to compile when a slice's actions are missing above, or one is named above that no slice has. */
type CoversEverySlice = Same<KitStoreActions, ActionsOf<ReturnType<typeof createSlices>>>;
const coversEverySlice: CoversEverySlice = true;
void coversEverySlice;

export class KitStore extends withActions<KitStoreActions>() {
  readonly client: KitClient;
  readonly profiles: ProfileCache;
  /** The `customMessage` option: renderers the elements use for custom message types. */
  readonly customMessage: CustomMessage | undefined;
  readonly #listeners = new Set<Listener>();
  #state: KitState = initialState;
  #destroyed = false;
  readonly #clock: KitClock;
  /** What to undo on `destroy`, in the order the slices attached: client listeners, subscriptions, timers. */
  readonly #detach: Array<() => void> = [];

  constructor(options: KitStoreOptions) {
    super();
    this.client = options.client;
    this.customMessage = options.customMessage;
    this.profiles = new ProfileCache(options.service, (update) => this.#applyProfiles(update));
    this.#clock = options.clock ?? systemClock;
    const settings = resolveSettings(options);
    const port: StorePort = { get: () => this.#state, set: (update) => this.#set(update), client: this.client };
    const slices = createSlices({
      port,
      settings,
      profiles: this.profiles,
      clock: this.#clock,
      chatroomJoinCount: options.chatroomJoinCount ?? Math.min(50, settings.historyPageSize),
      subscribe: (listener) => this.subscribe(listener),
    });
    bindActions(this, slices);
    for (const slice of Object.values(slices)) this.#attach(slice);
    const userId = this.client.getCurrentUserId?.() ?? '';
    const status = this.client.getConnectionStatus?.();
    if (userId || status !== undefined) {
      const recall = this.client.getRecallPolicy?.();
      this.#set({
        userId,
        status: status === 0 ? 'connected' : status === 1 ? 'connecting' : userId ? 'suspended' : 'idle',
        ...(recall ? { recallWindowMs: recall.windowMs } : {}),
      });
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
    return key
      ? (this.#state.conversationList.find((c) => c.key === key) ?? this.#state.chatrooms[key]?.conversation)
      : undefined;
  }

  /** Resets a user's profile in the cache and on screen. */
  updateUserProfile(profile: UserProfile): void {
    this.profiles.setUser(profile);
  }

  /** Stops following the client (quitting its chatrooms); the state stays as it was. */
  destroy(): void {
    if (this.#destroyed) return;
    for (const detach of this.#detach.splice(0)) detach();
    this.#destroyed = true;
    this.#listeners.clear();
  }

  /** Starts a slice's event handling, keeping what undoes it. */
  #attach(slice: Slice): void {
    if (!slice.attach) return;
    const events: SliceEvents = {
      on: (event, listener) => {
        this.client.addEventListener(event, listener);
        this.#detach.push(() => this.client.removeEventListener(event, listener));
      },
      onState: (listener) => {
        this.#detach.push(this.subscribe(listener));
      },
    };
    const stop = slice.attach(events);
    if (stop) this.#detach.push(stop);
  }

  #applyProfiles(update: ProfileUpdate): void {
    const patch: Partial<Record<'users' | 'conversationProfiles', object>> = {};
    if (update.users) patch.users = { ...this.#state.users, ...update.users };
    if (update.conversations)
      patch.conversationProfiles = { ...this.#state.conversationProfiles, ...update.conversations };
    this.#set(patch as Partial<KitState>);
  }

  #set(update: StateUpdate): void {
    if (this.#destroyed) return;
    const patch = typeof update === 'function' ? update(this.#state) : update;
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
