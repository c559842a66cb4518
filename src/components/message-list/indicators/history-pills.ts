/**
 * Two floating pills over the message log: "N unread messages ↑" when a conversation opens with
 * unread messages above the view (click: load up to the first unread with
 * `getFirstUnreadMessageInfo` + forward history paging, and scroll to it), and "↓" back to the newest
 * while the reader is far above it, saying "N new messages" when messages arrived meanwhile. Also
 * where the "new messages" divider goes: above the message that was the first unread on opening.
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
  type ConversationMessages,
  type KitMessage,
  type KitState,
  type KitStore,
} from '../../../services/store/index.js';
import { LazyPart, whenIdle } from '../../shared/lazy-part.js';
import type { HistoryPills } from './history-pills-view.js';
import type { UnreadStart } from './unread-start.js';

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
  /** Shows the newest message; resolves with its row element. */
  scrollToEnd(): Promise<HTMLElement | null>;
  /** Whether the row with `key` starts above the view (or is not rendered there). */
  isAboveView(key: string): boolean;
}

/** A conversation just selected: where its unread part starts (filled in when the server answers), or null. */
export interface PillsSelection {
  start: UnreadStart | null;
}

/** What the pills use of the first screen's modules (an import from history-pills-view.ts would split the store into a shared chunk). */
const HELPERS = { loadFrom };
export type PillsHelpers = typeof HELPERS;

export class HistoryPillsController implements ReactiveController {
  readonly #host: PillsHost;
  readonly #pills: LazyPart<HistoryPills>;
  /** Where the open conversation's unread part started when it was opened: the divider stays there. */
  #start: UnreadStart | null = null;
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

  /**
   * The row key the "new messages" divider goes above: the first message that was unread when the open
   * conversation was opened, once it is loaded (and the pills' module, which finds it, has arrived);
   * null when nothing was unread.
   */
  dividerKey(messages: ConversationMessages | undefined): string | null {
    const start = this.#start;
    return start && start.key === this.#selected ? (this.#pills.current?.dividerKey(messages, start) ?? null) : null;
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
    const start: UnreadStart | null = unread
      ? { key: unread.key, count: unread.unreadMessageCount, messageUId: null, sentTime: null }
      : null;
    this.#start = start;
    if (unread && start && this.#store) {
      void loadFirstUnread(this.#store, unread.key).then((info) => {
        start.messageUId = info?.messageUId ?? null;
        start.sentTime = info?.sentTime ?? (unread.lastReadTime ? unread.lastReadTime + 1 : null);
        if (this.#start === start) this.#host.requestUpdate();
      });
    }
    const selection: PillsSelection = { start };
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
