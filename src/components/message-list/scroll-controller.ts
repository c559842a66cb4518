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

interface Snapshot {
  key: string | null;
  first: KitMessage | undefined;
  last: KitMessage | undefined;
  scrollTop: number;
  scrollHeight: number;
  nearBottom: boolean;
}

/** Pixels from the bottom within which new messages keep the list pinned to the newest one. */
const PIN_DISTANCE = 96;
/** Pixels from the top at which older messages load. */
const LOAD_DISTANCE = 48;

/**
 * Scroll behaviour of the message list: opens at the newest message, follows new messages only while
 * the user is near the bottom (or sent them), keeps the view still when older messages are prepended,
 * and loads older messages when the user reaches the top or the content does not fill the view.
 */
export class ScrollController implements ReactiveController {
  readonly #view: () => ScrollView;
  #before: Snapshot | null = null;
  #rendered: Pick<Snapshot, 'key' | 'first' | 'last'> | null = null;
  #pinned = true;

  constructor(host: ReactiveElement, view: () => ScrollView) {
    this.#view = view;
    host.addController(this);
  }

  /** Scroll handler for the host's scroller. */
  readonly onScroll = (): void => {
    const { scroller, messages, loadOlder } = this.#view();
    if (!scroller) return;
    this.#pinned = this.#distanceFromBottom(scroller) <= PIN_DISTANCE;
    if (scroller.scrollTop <= LOAD_DISTANCE && messages?.hasMore && !messages.loading) loadOlder();
  };

  hostUpdate(): void {
    // The DOM still shows the previous render here: measure it before it changes.
    const { scroller } = this.#view();
    this.#before = {
      key: this.#rendered?.key ?? null,
      first: this.#rendered?.first,
      last: this.#rendered?.last,
      scrollTop: scroller?.scrollTop ?? 0,
      scrollHeight: scroller?.scrollHeight ?? 0,
      nearBottom: scroller ? this.#pinned || this.#distanceFromBottom(scroller) <= PIN_DISTANCE : true,
    };
  }

  hostUpdated(): void {
    const before = this.#before;
    const { key, messages, scroller, loadOlder } = this.#view();
    const list = messages?.list ?? [];
    const first = list[0];
    const last = list[list.length - 1];
    this.#rendered = { key, first, last };
    if (!before || !scroller) return;
    if (key !== before.key || (!before.last && last)) {
      this.#toBottom(scroller);
    } else if (first !== before.first && last === before.last && before.first && list.length > 0) {
      // Older messages were prepended: keep what the user looks at in place.
      scroller.scrollTop = before.scrollTop + (scroller.scrollHeight - before.scrollHeight);
    } else if (last && last !== before.last) {
      const ownSend = last.messageDirection === MessageDirection.SEND && last.sendState === 'sending';
      if (before.nearBottom || ownSend) this.#toBottom(scroller);
    }
    const fits = scroller.clientHeight > 0 && scroller.scrollHeight <= scroller.clientHeight;
    if (messages?.hasMore && !messages.loading && fits) queueMicrotask(loadOlder);
  }

  #toBottom(scroller: HTMLElement): void {
    scroller.scrollTop = scroller.scrollHeight;
    this.#pinned = true;
  }

  #distanceFromBottom(scroller: HTMLElement): number {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
  }
}
