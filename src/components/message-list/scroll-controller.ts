import type { ReactiveController, ReactiveElement } from 'lit';
import type { ConversationMessages, KitMessage } from '../../services/store/types.js';
import { MessageDirection } from '../../protocol/enums.js';

/** What the scroll controller reads from its host on every update. */
export interface ScrollView {
  /** The open conversation's key, or null. */
  key: string | null;
  messages: ConversationMessages | undefined;
  /** The scrolling element (rendered by the host). */
  scroller: HTMLElement | null;
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

/**
 * Scroll policy of the message list: opens at the newest message, follows new messages only while
 * the user is near the bottom (or sent them), and loads older messages when the user reaches the top
 * or the content does not fill the view. The virtual window does the scrolling: it asks `followEnd`
 * on each render and otherwise keeps the message on screen where it was (prepends included).
 */
export class ScrollController implements ReactiveController {
  readonly #view: () => ScrollView;
  #rendered: Rendered | null = null;
  #atEnd = true;
  /** scrollTop when `#atEnd` was last worked out. */
  #seenTop = 0;

  constructor(host: ReactiveElement, view: () => ScrollView) {
    this.#view = view;
    host.addController(this);
  }

  /** Whether the list should show the newest message now. */
  readonly followEnd = (): boolean => {
    this.#sync();
    return this.#atEnd;
  };

  /** Tells the controller the view was put back by a script (no scroll event needed). */
  readonly restored = (): void => this.#sync(true);

  /** Scroll handler for the host's scroller. */
  readonly onScroll = (): void => {
    const { scroller, messages, loadOlder } = this.#view();
    if (!scroller) return;
    this.#sync(true);
    if (scroller.scrollTop <= LOAD_DISTANCE && messages?.hasMore && !messages.loading) loadOlder();
  };

  hostUpdate(): void {
    // The DOM still shows the previous render here: decide from it whether to follow the newest.
    const { key, messages, scroller } = this.#view();
    this.#sync();
    const list = messages?.list ?? [];
    const before = this.#rendered;
    const last = list[list.length - 1];
    this.#rendered = { key, first: list[0], last };
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
    // Reading the scroll height forces a layout: only when there is something to load.
    if (!scroller || !messages?.hasMore || messages.loading) return;
    const fits = scroller.clientHeight > 0 && scroller.scrollHeight <= scroller.clientHeight;
    if (fits) queueMicrotask(loadOlder);
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
