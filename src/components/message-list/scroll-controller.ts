import type { ReactiveController, ReactiveElement } from 'lit';
import type { ConversationMessages, KitMessage } from '../../services/store/index.js';
import { MessageDirection } from '../../protocol/constants.js';
import { VirtualWindow, type ScrollAlign } from '../shared/virtual-window.js';

/** What the scroll controller reads from its host on every update. */
export interface ScrollView {
  /** The open conversation's key, or null. */
  key: string | null;
  messages: ConversationMessages | undefined;
  /** The scrolling element (rendered by the host). */
  scroller: HTMLElement | null;
  /** The element whose children are the rendered rows, each marked `data-vkey`. */
  rows: HTMLElement | null;
  /** False renders every row (`no-virtualize`). */
  virtualize: boolean;
  /** Called when the user reached the top and older messages should load. */
  loadOlder(): void;
}

interface Rendered {
  key: string | null;
  first: KitMessage | undefined;
  last: KitMessage | undefined;
}

/** Pixels from the bottom within which new messages keep the list pinned to the newest one. */
const PIN_DISTANCE = 96;
/** Pixels from the bottom that still count as "at the newest message". */
const AT_END = 2;
/** Pixels from the top at which older messages load. */
const LOAD_DISTANCE = 48;
/** Pixels from the top that count as "at the start of the history". */
const AT_START = 2;

/**
 * The one owner of the message log's `scrollTop`. It opens at the newest message, follows new
 * messages only while the user is near the bottom (or sent them), loads older messages when the
 * user reaches the top or the content does not fill the view, and brings any loaded message into
 * view with `scrollToKey`, rendered or not. The virtual window it drives keeps the message on screen
 * where it was across renders and prepends, and writes the position only through this controller.
 */
export class ScrollController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #view: () => ScrollView;
  /** The rows to render: the host calls `window.slice(keys)` and `window.spacer(px)` from `render()`. */
  readonly window: VirtualWindow;
  #rendered: Rendered | null = null;
  #atEnd = true;
  /** scrollTop when `#atEnd` was last worked out. */
  #seenTop = 0;
  /** The user scrolled to the real start of a long history (see `#longHistory`). */
  #atStart = false;
  /**
   * Older history remained beyond what was loaded at some point while this conversation was shown: the
   * history is longer than its first page. A chat whose whole history came with the first page has no
   * "start" worth announcing.
   */
  #longHistory = false;
  /** Whether older history remained at the last update. */
  #hadMore = false;

  constructor(host: ReactiveElement, view: () => ScrollView) {
    this.#host = host;
    this.#view = view;
    host.addController(this);
    this.window = new VirtualWindow(host, {
      scroller: () => this.#view().scroller,
      rows: () => this.#view().rows,
      enabled: () => this.#view().virtualize,
      followEnd: this.#followEnd,
      restored: () => this.#sync(true),
      setScrollTop: (top) => this.#setScrollTop(top),
      anchor: 'key',
      estimate: 72,
      minRows: 60,
    });
  }

  /** Whether the user has scrolled to the start of a history longer than its first page ("No earlier messages"). */
  get atHistoryStart(): boolean {
    return this.#atStart;
  }

  /**
   * Brings the row with `key` into view (`start`, `center`, `end` or `nearest`), rendering it first
   * when it is outside the window; resolves with the row element once rendered (null: no such row).
   */
  async scrollToKey(key: string, align: ScrollAlign = 'nearest'): Promise<HTMLElement | null> {
    // The store may have changed since the last render (a page just loaded): render it first.
    await this.#host.updateComplete;
    const index = this.window.indexOf(key);
    if (index < 0) return null;
    this.window.scrollToIndex(index, align);
    await this.#host.updateComplete;
    return this.window.rowElement(index);
  }

  /** Shows the newest message. */
  scrollToEnd(): Promise<HTMLElement | null> {
    const last = this.window.keyAt(this.window.count - 1);
    return last === undefined ? Promise.resolve(null) : this.scrollToKey(last, 'end');
  }

  /** Whether the message with `key` is mostly above the view (or is not loaded). */
  isAboveView(key: string): boolean {
    const { scroller } = this.#view();
    const row = this.window.rowElement(this.window.indexOf(key));
    if (!scroller) return true;
    if (row) {
      // The message, not its row: a row also holds the time line above it, and a message whose
      // bubble is mostly in view has been seen even when that line is scrolled off.
      const box = (row.querySelector('.message') ?? row).getBoundingClientRect();
      return box.top + box.height / 2 < scroller.getBoundingClientRect().top;
    }
    const first = this.window.visibleRows()?.first ?? 0;
    const index = this.window.indexOf(key);
    return index < 0 || index < first;
  }

  /** Scroll handler for the host's scroller. */
  readonly onScroll = (): void => {
    const { scroller, messages, loadOlder } = this.#view();
    if (!scroller) return;
    this.#sync(true);
    this.window.onScroll();
    if (scroller.scrollTop <= LOAD_DISTANCE && messages?.hasMore && !messages.loading) loadOlder();
    this.#checkStart();
  };

  /**
   * At the top of a long history (more than its first page, taller than the view) with nothing older left:
   * say so ("No earlier messages").
   */
  #checkStart(): void {
    const { scroller, messages } = this.#view();
    // Cheap tests first: this runs on every scroll event.
    if (this.#atStart || !this.#longHistory || !scroller || !messages?.loaded || messages.hasMore) return;
    if (scroller.scrollTop > AT_START) return;
    const overflows = scroller.scrollHeight > scroller.clientHeight + AT_START;
    if (!overflows) return;
    this.#atStart = true;
    // The note renders above the first message: keep the very top in view so it is seen.
    this.window.scrollToIndex(0, 'start');
  }

  hostUpdate(): void {
    // The DOM still shows the previous render here: decide from it whether to follow the newest.
    const { key, messages, scroller } = this.#view();
    this.#sync();
    const list = messages?.list ?? [];
    const before = this.#rendered;
    const last = list[list.length - 1];
    this.#rendered = { key, first: list[0], last };
    if (!before || key !== before.key) {
      this.#atStart = false;
      this.#hadMore = false;
      this.#longHistory = false;
    }
    if (messages?.loaded && messages.hasMore) this.#longHistory = true;
    if (!before || key !== before.key || (!before.last && last)) {
      this.#atEnd = true;
    } else if (last && last !== before.last) {
      const ownSend = last.messageDirection === MessageDirection.SEND && last.sendState === 'sending';
      const near = !scroller || this.#distanceFromBottom(scroller) <= PIN_DISTANCE;
      if (near || ownSend) this.#atEnd = true;
    }
  }

  hostUpdated(): void {
    const { messages, scroller, loadOlder } = this.#view();
    // The last older page came back empty while the reader waits at the top: no scroll event will
    // come, so look once the window has put the view back.
    const hadMore = this.#hadMore;
    this.#hadMore = messages?.hasMore ?? false;
    if (hadMore && messages?.loaded && !messages.hasMore) void this.#host.updateComplete.then(() => this.#checkStart());
    // Reading the scroll height forces a layout: only when there is something to load.
    if (!scroller || !messages?.hasMore || messages.loading) return;
    const fits = scroller.clientHeight > 0 && scroller.scrollHeight <= scroller.clientHeight;
    if (fits) queueMicrotask(loadOlder);
  }

  /** Whether the list should show the newest message now (asked by the window on each render). */
  readonly #followEnd = (): boolean => {
    this.#sync();
    return this.#atEnd;
  };

  /** The only place the log's scroll position is written. */
  #setScrollTop(top: number): void {
    const scroller = this.#view().scroller;
    if (scroller) scroller.scrollTop = top;
  }

  /**
   * Works out whether the user is at the newest message, when the scroll position moved since last
   * time (`force`: always). A script's scroll reaches us here before its scroll event does.
   */
  #sync(force = false): void {
    const scroller = this.#view().scroller;
    if (!scroller || (!force && scroller.scrollTop === this.#seenTop)) return;
    this.#seenTop = scroller.scrollTop;
    this.#atEnd = this.#distanceFromBottom(scroller) <= AT_END;
  }

  #distanceFromBottom(scroller: HTMLElement): number {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
  }
}
