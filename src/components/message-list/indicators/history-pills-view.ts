/**
 * The history pills themselves (history-pills.ts loads this module when the browser is idle after the
 * list connects, or with the first conversation selected before that): the unread count on open, and the
 * way back to the newest (with the count of new messages while scrolled up), their template and styles,
 * the jumps, and where the "new messages" divider goes. What they use of the first screen's modules comes
 * in `PillsHelpers`, since importing the store would split it into a shared chunk.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { MessageDirection } from '../../../protocol/constants.js';
import type { ConversationKey, ConversationMessages, KitMessage, KitState } from '../../../services/store/index.js';
import type { PillsHelpers, PillsHost, PillsScroll, PillsSelection } from './history-pills.js';
import { firstUnreadIn, UnreadDividerLookup, type UnreadStart } from './unread-start.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Pixels from the bottom that count as "at the newest message". */
const NEAR_BOTTOM = 96;
/**
 * Screens (view heights) below the view beyond which the reader is far from the newest messages and
 * the "↓" pill offers the way back even when nothing new arrived (Telegram, Stream and Sendbird show
 * theirs once the reader has scrolled up a screen or so).
 */
const FAR_SCREENS = 1.5;

/** Tracks unread-on-open, new-while-scrolled-up and far-from-the-newest, and renders the two pills. */
export class HistoryPills {
  readonly #host: PillsHost;
  readonly #scroll: PillsScroll;
  readonly #helpers: PillsHelpers;
  /** The unread start the unread pill jumps to; null once it was jumped to or seen. */
  #firstUnread: UnreadStart | null = null;
  #showUnread = false;
  #newCount = 0;
  /** The reader is far above the newest messages: the "↓" pill shows even without new ones. */
  #far = false;
  readonly #divider = new UnreadDividerLookup();
  #last: { key: ConversationKey | null; message: KitMessage | undefined } = { key: null, message: undefined };
  #listening: HTMLElement | null = null;

  constructor(host: PillsHost, scroll: PillsScroll, helpers: PillsHelpers) {
    this.#host = host;
    this.#scroll = scroll;
    this.#helpers = helpers;
  }

  disconnected(): void {
    this.#listening?.removeEventListener('scroll', this.#onScroll);
    this.#listening = null;
  }

  /**
   * Before a render: counts the received messages after the one that was newest at the last render, when
   * the reader is away from the bottom in the view they still see (near it, the list follows them instead).
   * Counting here rather than after the render means the pills never ask for a render after one completed.
   */
  update(): void {
    const scroller = this.#scroll.scroller();
    const state = this.#host.kitStore?.state;
    const key = state?.selected ?? null;
    const list = key ? (state?.messages[key]?.list ?? []) : [];
    const last = list.at(-1);
    const before = this.#last;
    this.#last = { key, message: last };
    if (key !== before.key) {
      this.#newCount = 0;
      this.#far = false;
    } else if (last && last !== before.message && scroller && !this.#nearBottom(scroller)) {
      const from = before.message ? list.indexOf(before.message) : -1;
      const fresh = from >= 0 ? list.slice(from + 1) : [];
      this.#newCount += fresh.filter((m) => m.messageDirection === MessageDirection.RECEIVE).length;
    }
  }

  /** After each render of the host: follows the scroller and shows or hides the unread pill in place. */
  updated(): void {
    const scroller = this.#scroll.scroller();
    if (scroller !== this.#listening) {
      this.#listening?.removeEventListener('scroll', this.#onScroll);
      scroller?.addEventListener('scroll', this.#onScroll, { passive: true });
      this.#listening = scroller;
    }
    this.#updateUnreadPill();
  }

  /** A conversation was selected (history-pills.ts asks the server for its first unread message and fills `start` in). */
  selected({ start }: PillsSelection): void {
    this.#firstUnread = start;
    this.#showUnread = false;
  }

  /** The row key of the first unread message on opening (`start`) among `messages`: the divider goes above it. */
  dividerKey(messages: ConversationMessages | undefined, start: UnreadStart): string | null {
    return this.#divider.keyIn(messages, start, this.#scroll.keyOf);
  }

  /** The pills' template; render it inside the element's positioned frame. */
  render(t: Translate): TemplateResult {
    // Rendered hidden while there is a first unread: whether it is above the view needs the laid-out rows.
    // The arrows are pictures of the direction: the words alone are the buttons' names.
    const unread = this.#firstUnread?.count ?? 0;
    const newest = this.#newCount > 0 || this.#far;
    return html`<div class="pills">
      ${
        unread > 0
          ? html`<button class="pill unread-pill" part="unread-pill" type="button" hidden @click=${this.jumpToFirstUnread}><span aria-hidden="true">↑</span> ${t('message.jumpToUnread', { count: unread })}</button>`
          : nothing
      }
      ${
        newest
          ? html`<button class="pill new-pill" part="new-messages-pill" type="button" @click=${this.scrollToNewest}><span aria-hidden="true">↓</span> ${
              this.#newCount > 0 ? t('message.newMessages', { count: this.#newCount }) : t('message.jumpToNewest')
            }</button>`
          : nothing
      }
    </div>`;
  }

  /**
   * Loads history up to the first unread message, scrolls its row to the top of the view (rendered or
   * not: the log may hold thousands; the row starts with the "new messages" divider and a little space
   * above it) and focuses the message, so screen readers announce it.
   */
  readonly jumpToFirstUnread = async (): Promise<void> => {
    const first = this.#firstUnread;
    const store = this.#host.kitStore;
    if (!first || !store) return;
    // Done with this pill: renders during the jump must not bring it back.
    this.#firstUnread = null;
    this.#showUnread = false;
    this.#host.requestUpdate();
    if (first.sentTime !== null) await this.#helpers.loadFrom(store, first.key, first.sentTime);
    const target = this.#firstUnreadMessage(store.state, first);
    const row = target ? await this.#scroll.scrollToKey(this.#scroll.keyOf(target), 'start') : null;
    (row?.querySelector<HTMLElement>('.message') ?? row)?.focus({ preventScroll: true });
  };

  /**
   * Scrolls to the newest message and clears the new-message count; focus moves to that message, since
   * the pill it was on goes away (a keyboard user carries on from there).
   */
  readonly scrollToNewest = async (): Promise<void> => {
    this.#far = false;
    this.#newCount = 0;
    this.#host.requestUpdate();
    const row = await this.#scroll.scrollToEnd();
    (row?.querySelector<HTMLElement>('.message') ?? row)?.focus({ preventScroll: true });
  };

  #firstUnreadMessage(state: KitState, first: UnreadStart): KitMessage | undefined {
    const messages = state.messages[first.key];
    const list = messages?.list ?? [];
    const found = firstUnreadIn(messages, first);
    if (found || first.sentTime === null) {
      return found ?? (list.length >= first.count ? list[list.length - first.count] : undefined);
    }
    // Loaded from that time on by the jump: the first unread message is the first received one since.
    return list.find((m) => m.sentTime >= first.sentTime! && m.messageDirection === MessageDirection.RECEIVE);
  }

  /**
   * Shows the unread pill while the first unread message is above the view (or not loaded). It is
   * rendered hidden; its `hidden` is written here only, after measuring (no template binding to fight).
   */
  #updateUnreadPill(): void {
    this.#measureUnread();
    const pill = this.#host.renderRoot.querySelector<HTMLElement>('.unread-pill');
    if (pill) pill.hidden = !this.#showUnread;
  }

  #measureUnread(): void {
    const first = this.#firstUnread;
    const scroller = this.#scroll.scroller();
    const state = this.#host.kitStore?.state;
    if (!first || !scroller || !state || state.selected !== first.key || !state.messages[first.key]?.loaded) return;
    const target = this.#firstUnreadMessage(state, first);
    const above = !target || this.#scroll.isAboveView(this.#scroll.keyOf(target));
    // Seen once: the pill does not come back (the next render drops it).
    if (!above && this.#showUnread) this.#firstUnread = null;
    this.#showUnread = above && this.#firstUnread !== null;
  }

  #onScroll = (): void => {
    const scroller = this.#scroll.scroller();
    if (!scroller) return;
    if (this.#newCount > 0 && this.#nearBottom(scroller)) this.#setNew(0);
    const far = this.#distanceFromBottom(scroller) > FAR_SCREENS * scroller.clientHeight;
    if (far !== this.#far) {
      this.#far = far;
      this.#host.requestUpdate();
    }
    if (this.#showUnread) this.#updateUnreadPill();
  };

  #setNew(count: number): void {
    if (count === this.#newCount) return;
    this.#newCount = count;
    this.#host.requestUpdate();
  }

  #nearBottom(scroller: HTMLElement): boolean {
    return this.#distanceFromBottom(scroller) <= NEAR_BOTTOM;
  }

  #distanceFromBottom(scroller: HTMLElement): number {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
  }
}

/** Styles of the pills (the element's `.frame` is their positioned container) and of the divider in the log. */
export const historyPillsStyles = css`
  /*
   * "New messages": a line across the log above the message that was the first unread on opening. The
   * row's top padding is part of the row, so a jump that puts the row at the top of the view leaves room.
   */
  .row.unread-start {
    padding-block-start: 0.75em;
  }
  .unread-divider {
    display: flex;
    align-items: center;
    gap: 0.75em;
    color: var(--message-list-unread-divider-color, var(--parley-color-primary, var(--_primary)));
    font-size: max(11px, 0.75em);
    font-weight: 600;
  }
  .unread-divider::before,
  .unread-divider::after {
    content: '';
    flex: 1;
    border-block-start: 0.0625em solid;
    opacity: 0.45;
  }
  .pills {
    position: absolute;
    inset-inline: 0;
    top: 3.5em;
    bottom: 0.75em;
    pointer-events: none;
    display: flex;
    flex-direction: column;
    justify-content: space-between;
    align-items: center;
  }
  .pill {
    pointer-events: auto;
    font: inherit;
    font-size: max(11px, 0.8125em);
    padding: 0.375em 0.875em;
    border-radius: 1em;
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    background: var(--parley-color-background, var(--_background));
    color: var(--parley-color-primary, var(--_primary));
    box-shadow: 0 0.125em 0.5em var(--_shadow);
    cursor: pointer;
  }
  .new-pill {
    margin-block-start: auto;
  }
  .pill:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
  }
`;
