/**
 * Two floating pills over the message log: "N unread messages ↑" when a conversation opens with
 * unread messages above the view (click: load up to the first unread with
 * `getFirstUnreadMessageInfo` + forward history paging, and scroll to it), and "N new messages ↓"
 * when messages arrive while the reader is scrolled up (click: scroll to the newest).
 *
 * This controller only follows the store's selection, so that a conversation opened before the pills'
 * code arrives still gets its unread pill; the pills (history-pills-view.ts) load when the browser is
 * idle after the list connects, or with the first conversation selected before that. They float over
 * the log, so their arrival moves nothing.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import {
  loadFirstUnread,
  loadFrom,
  type ConversationKey,
  type KitConversation,
  type KitMessage,
  type KitState,
  type KitStore,
} from '../../../services/store/index.js';
import { LazyPart, whenIdle } from '../../shared/lazy-part.js';
import type { HistoryPills } from './history-pills-view.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;
export type PillsHost = ReactiveControllerHost &
  HTMLElement & { readonly kitStore: KitStore | undefined; readonly renderRoot: HTMLElement | DocumentFragment };

/** How the pills read and move the log: through its scroll controller, the one owner of its position. */
export interface PillsScroll {
  scroller(): HTMLElement | null;
  /** The row key of a message. */
  keyOf(message: KitMessage): string;
  /** Brings a row into view (rendered or not); resolves with the row element. */
  scrollToKey(key: string, align: 'start' | 'center' | 'end' | 'nearest'): Promise<HTMLElement | null>;
  scrollToEnd(): Promise<unknown>;
  /** Whether the row with `key` starts above the view (or is not rendered there). */
  isAboveView(key: string): boolean;
}

/** A conversation just selected: its entry when it has unread messages, and the server's answer about the first of them. */
export interface PillsSelection {
  unread: KitConversation | undefined;
  firstUnread: ReturnType<typeof loadFirstUnread> | null;
}

/** What the pills use of the first screen's modules (an import from history-pills-view.ts would split the store into a shared chunk). */
const HELPERS = { loadFrom };
export type PillsHelpers = typeof HELPERS;

export class HistoryPillsController implements ReactiveController {
  readonly #host: PillsHost;
  readonly #pills: LazyPart<HistoryPills>;
  #store: KitStore | undefined;
  #unsubscribe: (() => void) | undefined;
  #selected: ConversationKey | null = null;
  /** A selection made before the pills arrived: they start from it. */
  #missed: PillsSelection | null = null;

  constructor(host: PillsHost, scroll: PillsScroll) {
    this.#host = host;
    this.#pills = new LazyPart(host, async () => {
      const module = await import('./history-pills-view.js');
      return { part: new module.HistoryPills(host, scroll, HELPERS), styles: module.historyPillsStyles };
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
    whenIdle(() => void this.#load());
  }

  hostUpdate(): void {
    this.#follow();
    this.#pills.current?.update();
  }

  hostUpdated(): void {
    this.#pills.current?.updated();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = undefined;
    this.#pills.current?.disconnected();
  }

  /** The pills' template (nothing until they have loaded); render it inside the element's positioned frame. */
  render(t: Translate): TemplateResult | typeof nothing {
    return this.#pills.current?.render(t) ?? nothing;
  }

  #follow(): void {
    const store = this.#host.kitStore;
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#store = store;
    this.#selected = store?.state.selected ?? null;
    this.#unsubscribe = store?.subscribe((state) => this.#onState(state));
  }

  /**
   * Runs synchronously when a conversation is selected, before the store marks it read: the server's
   * first unread message is asked for now, whether the pills have arrived or not.
   */
  #onState(state: KitState): void {
    if (state.selected === this.#selected) return;
    this.#selected = state.selected;
    const key = state.selected;
    const entry = key ? state.conversationList.find((c) => c.key === key) : undefined;
    const unread = entry && entry.unreadMessageCount > 0 && !entry.local ? entry : undefined;
    const selection: PillsSelection = {
      unread,
      firstUnread: unread && this.#store ? loadFirstUnread(this.#store, unread.key) : null,
    };
    const pills = this.#pills.current;
    if (pills) return pills.selected(selection);
    this.#missed = selection;
    void this.#load();
  }

  async #load(): Promise<void> {
    const pills = await this.#pills.get();
    const missed = this.#missed;
    this.#missed = null;
    if (missed) pills.selected(missed);
    this.#host.requestUpdate();
  }
}
