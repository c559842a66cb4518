/**
 * The reader list of a group message: a small non-modal dialog on the top layer (`OverlayController`)
 * that takes focus, closes on Escape, a press outside or its Close button, and gives focus back to the
 * "N read" button. Loaded on first use (`ReadersController`).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { KitMessage, KitStore, MessageReader } from '../../../services/store/index.js';
import { OverlayController } from '../../shared/overlay-controller.js';
import '../../../i18n/features/readers.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Host = ReactiveControllerHost &
  HTMLElement & { renderRoot: HTMLElement | DocumentFragment; readonly kitStore: KitStore | undefined };

interface OpenReaders {
  message: KitMessage;
  anchor: HTMLElement;
  list: MessageReader[] | null;
}

/** Opens, fills and renders the reader list of a group message. */
export class ReadersList implements ReactiveController {
  readonly #host: Host;
  readonly #overlay: OverlayController;
  #open: OpenReaders | null = null;

  constructor(host: Host) {
    this.#host = host;
    this.#overlay = new OverlayController(host, {
      element: () => host.renderRoot.querySelector<HTMLElement>('.readers'),
      onDismiss: () => this.close(),
      anchorToggles: true,
    });
    host.addController(this);
  }

  /** Shows who read `message` (fetched with `getMessageReader`), next to `anchor`; closes it when it is open there. */
  async open(message: KitMessage, anchor: HTMLElement): Promise<void> {
    // The "N read" button toggles its list.
    if (this.#open?.anchor === anchor) return this.close();
    const open: OpenReaders = { message, anchor, list: null };
    this.#open = open;
    this.#overlay.open({ element: anchor });
    // Through the store's own method: importing the store's module here would split it into a shared chunk.
    const list = (await this.#host.kitStore?.loadMessageReaders(message)) ?? [];
    if (this.#open !== open) return;
    this.#open = { ...open, list };
    this.#host.requestUpdate();
  }

  /** Closes the list; focus goes back to the "N read" button. */
  close(): void {
    if (!this.#open) return;
    this.#open = null;
    this.#overlay.close();
  }

  hostDisconnected(): void {
    this.#open = null;
  }

  /** The dialog's template; render it last in the host's template. */
  render(
    nameOf: (id: string) => string,
    t: Translate,
    clock: (time: number) => string,
  ): TemplateResult | typeof nothing {
    const open = this.#open;
    if (!open) return nothing;
    const list = open.list;
    return html`<div class="readers" part="readers" popover="manual" role="dialog" aria-label=${t('message.readers')} tabindex="-1" @keydown=${this.#onKeydown}>
        <div class="readers-title">${t('message.readers')}</div>
        ${
          list === null
            ? html`<div class="readers-empty" role="status">…</div>`
            : list.length === 0
              ? html`<div class="readers-empty">${t('message.noReaders')}</div>`
              : html`<ul class="readers-list">
                ${list.map((r) => html`<li><span class="reader-name">${nameOf(r.userId)}</span> <time>${clock(r.readTime)}</time></li>`)}
              </ul>`
        }
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

/** Styles of the reader list; adopted by the host when the module loads. */
export const readersListStyles = css`
  .readers {
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
