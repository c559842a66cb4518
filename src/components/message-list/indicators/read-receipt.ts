/**
 * Read state of own messages: "Read" / "Unread" in private conversations, "N read" in groups (once someone
 * read it, a button that opens the reader list, `readers-list.ts`, loaded on first use).
 */
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ConversationType, MessageDirection } from '../../../protocol/constants.js';
import type { KitMessage, KitStore } from '../../../services/store/index.js';
import { formatClock } from '../../shared/format.js';
import { LazyPart } from '../../shared/lazy-part.js';
import type { ReadersList } from './readers-list.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the receipt line needs to know about one own message. */
export interface ReceiptInfo {
  /** Private: the peer read up to this time; undefined while the server has not told yet (nothing is shown). */
  peerReadTime: number | undefined;
  /** Group: members who read it, `undefined` when no receipt was requested. */
  readCount: number | undefined;
  t: Translate;
  openReaders(message: KitMessage, anchor: HTMLElement): void;
}

/** The receipt part of an own, sent message's meta line, or nothing. */
export function renderReceipt(message: KitMessage, info: ReceiptInfo): TemplateResult | typeof nothing {
  if (message.messageDirection !== MessageDirection.SEND || message.sendState !== 'sent' || !message.messageUId)
    return nothing;
  if (message.conversationType === ConversationType.PRIVATE) {
    if (info.peerReadTime === undefined) return nothing;
    const read = message.sentTime <= info.peerReadTime;
    return html`<span class="receipt ${read ? 'read' : ''}" part="receipt">${info.t(read ? 'message.read' : 'message.unreadPrivate')}</span>`;
  }
  if (message.conversationType !== ConversationType.GROUP || info.readCount === undefined) return nothing;
  // Nobody read it yet: a plain "0 read", with no empty reader list behind a button.
  if (info.readCount === 0)
    return html`<span class="receipt" part="receipt read-count">${info.t('message.readCount', { count: 0 })}</span>`;
  return html`<button class="receipt read-count" part="receipt read-count" type="button" aria-haspopup="dialog"
    @click=${(event: Event) => info.openReaders(message, event.currentTarget as HTMLElement)}>${info.t('message.readCount', { count: info.readCount })}</button>`;
}

type Host = ReactiveControllerHost &
  HTMLElement & { renderRoot: HTMLElement | DocumentFragment; readonly kitStore: KitStore | undefined };

/** Opens the reader list of a group message, loading it the first time. */
export class ReadersController {
  readonly #list: LazyPart<ReadersList>;

  constructor(host: Host) {
    this.#list = new LazyPart(host, async () => {
      const module = await import('./readers-list.js');
      return { part: new module.ReadersList(host), styles: module.readersListStyles };
    });
  }

  /** Shows who read `message`, next to `anchor`. */
  async open(message: KitMessage, anchor: HTMLElement): Promise<void> {
    const list = await this.#list.get();
    await list.open(message, anchor);
  }

  /** The list's template; render it last in the host's template. */
  render(nameOf: (id: string) => string, t: Translate, locale: string): TemplateResult | typeof nothing {
    return this.#list.current?.render(nameOf, t, (time) => formatClock(time, locale)) ?? nothing;
  }
}

/** Styles of the receipt line. */
export const readReceiptStyles = css`
  .receipt {
    font: inherit;
    color: inherit;
  }
  .receipt.read {
    color: var(--parley-color-primary, var(--_primary));
  }
  .read-count {
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
    text-decoration: underline;
  }
`;
