/**
 * The inputs every message row shares (names, language, read state, the actions a row offers), kept as one
 * object that changes only when one of them did: rows compare it by identity, so a render that changed
 * none of them (a scroll) leaves every rendered row alone.
 */
import { ConversationType } from '../../protocol/constants.js';
import type { UserProfile } from '../../services/profile/types.js';
import { nothing } from 'lit';
import { selectReactions, selectReadCount, type KitMessage, type KitStore } from '../../services/store/index.js';
import { userDisplayName } from '../shared/names.js';
import { renderReceipt } from './indicators/read-receipt.js';
import type { MessageItemContext } from './message-item.js';
import { rareBubbles, reactionsPlaceholder } from './renderers/late-bubbles.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the rows' context is made of, read from the message list on each render. */
export interface ItemContextSources {
  store: KitStore | undefined;
  users: Readonly<Record<string, UserProfile>> | undefined;
  conversationType: ConversationType | undefined;
  locale: string;
  /** Undefined until the server said how far the peer read. */
  peerReadTime: number | undefined;
  /** The store's live group read counts (a new object when one changed). */
  readCounts: unknown;
  /** Whether the less common bubbles' module has arrived. */
  rareBubblesReady: boolean;
}

/** The row actions, stable for the list's lifetime (so they never make the context look changed). */
export interface ItemActions {
  t: Translate;
  retry(message: KitMessage): void;
  discard(message: KitMessage): void;
  tap(message: KitMessage): void;
  loadRareBubbles(): Promise<unknown>;
  openReaders(message: KitMessage, anchor: HTMLElement): void;
}

export class ItemContextCache {
  readonly #actions: ItemActions;
  #cached: { inputs: unknown[]; context: MessageItemContext } | null = null;

  constructor(actions: ItemActions) {
    this.#actions = actions;
  }

  /** The context for `sources`: the last one when none of its inputs changed. */
  get(sources: ItemContextSources): MessageItemContext {
    const { store } = sources;
    const inputs = [
      sources.users,
      sources.conversationType,
      store,
      store?.state.userId,
      sources.locale,
      store?.customMessage,
      sources.peerReadTime,
      sources.readCounts,
      sources.rareBubblesReady,
    ];
    const cached = this.#cached;
    if (cached && inputs.length === cached.inputs.length && inputs.every((v, i) => Object.is(v, cached.inputs[i])))
      return cached.context;
    const context = this.#build(sources);
    this.#cached = { inputs, context };
    return context;
  }

  #build(sources: ItemContextSources): MessageItemContext {
    const { store, peerReadTime } = sources;
    const { t, openReaders } = this.#actions;
    const users = sources.users ?? {};
    const userId = store?.state.userId ?? '';
    return {
      users,
      userId,
      nameOf: (id) => userDisplayName(id, users),
      locale: sources.locale,
      t,
      retry: this.#actions.retry,
      discard: this.#actions.discard,
      tap: this.#actions.tap,
      custom: store?.customMessage,
      showNames: sources.conversationType !== ConversationType.PRIVATE,
      loadRareBubbles: this.#actions.loadRareBubbles,
      reactions: (message) => {
        const reactions = selectReactions(message, userId);
        if (reactions.length === 0) return nothing;
        const late = rareBubbles();
        if (!late) {
          void this.#actions.loadRareBubbles();
          return reactionsPlaceholder;
        }
        return late.renderReactions(message, reactions, {
          userId,
          t,
          toggle: (m, emoji) => void store?.toggleReaction(m, emoji),
        });
      },
      receipt: (message) =>
        renderReceipt(message, {
          peerReadTime,
          readCount: store && sources.readCounts ? selectReadCount(store.state, message) : undefined,
          t,
          openReaders,
        }),
    };
  }
}
