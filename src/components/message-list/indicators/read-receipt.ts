/**
 * Read state of own messages: "Read" / "Unread" in private conversations, "N read" in groups (a
 * button that opens the reader list), and the reader list itself — a small non-modal dialog that
 * takes focus, closes on Escape, a click outside or its Close button, and gives focus back.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ConversationType, MessageDirection } from '../../../protocol/enums.js';
import type { KitStore } from '../../../services/store/store.js';
import type { KitMessage } from '../../../services/store/types.js';
import { formatClock } from '../../shared/format.js';

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
  if (message.messageDirection !== MessageDirection.SEND || message.sendState !== 'sent' || !message.messageUId) return nothing;
  if (message.conversationType === ConversationType.PRIVATE) {
    if (info.peerReadTime === undefined) return nothing;
    const read = message.sentTime <= info.peerReadTime;
    return html`<span class="receipt ${read ? 'read' : ''}" part="receipt">${info.t(read ? 'message.read' : 'message.unreadPrivate')}</span>`;
  }
  if (message.conversationType !== ConversationType.GROUP || info.readCount === undefined) return nothing;
  return html`<button class="receipt read-count" part="receipt read-count" type="button" aria-haspopup="dialog"
    @click=${(event: Event) => info.openReaders(message, event.currentTarget as HTMLElement)}>${info.t('message.readCount', { count: info.readCount })}</button>`;
}

interface OpenReaders {
  message: KitMessage;
  anchor: HTMLElement;
  list: Array<{ userId: string; readTime: number }> | null;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment; readonly kitStore: KitStore | undefined };

/** Opens, fills and renders the reader list of a group message. */
export class ReadersController implements ReactiveController {
  readonly #host: Host;
  #open: OpenReaders | null = null;
  #focus = false;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /** Shows who read `message` (fetched with `getMessageReader`), next to `anchor`. */
  async open(message: KitMessage, anchor: HTMLElement): Promise<void> {
    const open: OpenReaders = { message, anchor, list: null };
    this.#open = open;
    this.#focus = true;
    this.#host.requestUpdate();
    const res = await this.#host.kitStore?.client.getMessageReader(message.targetId, message.messageUId);
    if (this.#open !== open) return;
    const list = res?.code === 0 && res.data ? res.data.list : [];
    void this.#host.kitStore?.profiles.requestUsers(list.map((r) => r.userId));
    this.#open = { ...open, list };
    this.#host.requestUpdate();
  }

  /** Closes the list; focus goes back to the "N read" button. */
  close(): void {
    const open = this.#open;
    if (!open) return;
    this.#open = null;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => open.anchor.isConnected && open.anchor.focus());
  }

  hostUpdated(): void {
    const dialog = this.#host.renderRoot.querySelector<HTMLElement>('.readers');
    if (!dialog || !this.#open) return;
    const rect = this.#open.anchor.getBoundingClientRect();
    const box = dialog.getBoundingClientRect();
    dialog.style.left = `${Math.max(4, Math.min(rect.right - box.width, innerWidth - box.width - 4))}px`;
    dialog.style.top = `${Math.max(4, Math.min(rect.bottom + 4, innerHeight - box.height - 4))}px`;
    if (this.#focus) {
      this.#focus = false;
      dialog.focus();
    }
  }

  hostDisconnected(): void {
    this.#open = null;
  }

  /** The dialog's template; render it last in the host's template. */
  render(nameOf: (id: string) => string, t: Translate, locale: string): TemplateResult | typeof nothing {
    const open = this.#open;
    if (!open) return nothing;
    const list = open.list;
    return html`<div class="readers-backdrop" @pointerdown=${() => this.close()}></div>
      <div class="readers" part="readers" role="dialog" aria-label=${t('message.readers')} tabindex="-1" @keydown=${this.#onKeydown}>
        <div class="readers-title">${t('message.readers')}</div>
        ${list === null
          ? html`<div class="readers-empty" role="status">…</div>`
          : list.length === 0
            ? html`<div class="readers-empty">${t('message.noReaders')}</div>`
            : html`<ul class="readers-list">
                ${list.map((r) => html`<li><span class="reader-name">${nameOf(r.userId)}</span> <time>${formatClock(r.readTime, locale)}</time></li>`)}
              </ul>`}
        <button class="readers-close" type="button" @click=${() => this.close()}>${t('message.closeReaders')}</button>
      </div>`;
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    }
  };
}

/** Styles of the receipt line and the reader list. */
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
  .readers-backdrop {
    position: fixed;
    inset: 0;
    z-index: 999;
  }
  .readers {
    position: fixed;
    z-index: 1000;
    min-width: 12em;
    max-height: 16em;
    overflow: auto;
    padding: 0.5em 0.75em;
    background: var(--parley-menu-background, var(--parley-color-background, var(--_background)));
    color: var(--parley-color-text, var(--_text));
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: var(--parley-radius, 0.5em);
    box-shadow: 0 0.25em 1em var(--_shadow);
    font-size: 0.875em;
  }
  .readers:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
  }
  .readers-title {
    font-weight: 600;
    margin-block-end: 0.25em;
  }
  .readers-list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .readers-list li {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    padding: 0.125em 0;
  }
  .readers-close {
    font: inherit;
    margin-block-start: 0.5em;
    padding: 0.125em 0.75em;
    border-radius: 1em;
    border: 0.0625em solid currentColor;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
`;
