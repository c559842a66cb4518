import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { EMOJI_CATEGORIES } from './emoji-data.js';
import { OverlayController } from '../shared/overlay-controller.js';
import '../../i18n/features/emoji.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Emoji per row of the grid (arrow Up/Down move by this much). */
export const EMOJI_COLUMNS = 8;

const ALL = EMOJI_CATEGORIES.flatMap((c) => c.emoji);

/**
 * The emoji popover (on the top layer, above the button or below it when there is no room): a dialog
 * with one group of buttons per category. Arrow keys move through all of them (Up/Down by a row),
 * Home/End jump, Enter or a click inserts the emoji at the input's caret and closes; Escape closes.
 * Either way focus returns to the input; only when focus leaves for somewhere else (Tab away, a press
 * outside) does the popover close without moving it. Loaded on first use (`EmojiController`).
 */
export class EmojiPicker implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #t: Translate;
  readonly #insert: (text: string) => void;
  readonly #overlay: OverlayController;
  #active = 0;
  /** The popover is open. */
  open = false;

  constructor(host: ReactiveControllerHost & HTMLElement, t: Translate, insert: (text: string) => void) {
    this.#host = host;
    this.#t = t;
    this.#insert = insert;
    this.#overlay = new OverlayController(host, {
      element: () => host.shadowRoot?.querySelector<HTMLElement>('.emoji-picker') ?? null,
      onDismiss: () => this.close(false),
      anchorToggles: true,
      side: 'block-start',
      initialFocus: () => this.#button(this.#active) ?? null,
    });
    host.addController(this);
  }

  hostConnected(): void {}

  /** The popover while it is open. */
  render(): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const label = this.#t('messageEditor.emoji');
    let index = 0;
    return html`<div class="emoji-picker" part="emoji-picker" popover="manual" role="dialog" aria-label=${label}
      @keydown=${this.#onKeydown} @focusout=${this.#onFocusOut}>
      ${EMOJI_CATEGORIES.map((category) => {
        const name = this.#t(`messageEditor.emojiCategory.${category.id}`);
        return html`<div class="emoji-group" role="group" aria-label=${name}>
          <div class="emoji-heading" aria-hidden="true">${name}</div>
          <div class="emoji-grid">
            ${category.emoji.map((emoji) => {
              const i = index++;
              return html`<button type="button" class="emoji" data-index=${i} tabindex=${i === this.#active ? 0 : -1}
                @click=${() => this.#choose(emoji)}>${emoji}</button>`;
            })}
          </div>
        </div>`;
      })}
    </div>`;
  }

  /** Opens above `button` with the first emoji focused. */
  show(button: HTMLElement): void {
    this.open = true;
    this.#active = 0;
    this.#overlay.open({ element: button });
  }

  /** Closes the popover; `refocus` puts focus back into the input. */
  close(refocus = true): void {
    if (!this.open) return;
    this.open = false;
    this.#overlay.close(false);
    if (refocus) void this.#host.updateComplete.then(() => this.#host.focus());
  }

  #choose(emoji: string): void {
    this.open = false;
    this.#overlay.close(false);
    this.#insert(emoji);
  }

  #button(i: number): HTMLButtonElement | null | undefined {
    return this.#host.shadowRoot?.querySelector<HTMLButtonElement>(`.emoji[data-index="${i}"]`);
  }

  #onKeydown = (event: KeyboardEvent): void => {
    // The grid runs right to left in RTL: the arrows follow what the user sees.
    const forward = getComputedStyle(this.#host).direction === 'rtl' ? -1 : 1;
    const moves: Record<string, number> = {
      ArrowRight: forward,
      ArrowLeft: -forward,
      ArrowDown: EMOJI_COLUMNS,
      ArrowUp: -EMOJI_COLUMNS,
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
      return;
    }
    let next = this.#active;
    if (event.key in moves) next = Math.min(ALL.length - 1, Math.max(0, this.#active + moves[event.key]!));
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = ALL.length - 1;
    else return;
    event.preventDefault();
    this.#active = next;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#button(next)?.focus());
  };

  #onFocusOut = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    const picker = event.currentTarget as HTMLElement;
    if (to && (picker.contains(to) || picker.parentElement?.contains(to))) return;
    // Focus went elsewhere on purpose (a click, Tab away): close without pulling it back.
    if (to) this.close(false);
  };
}

/** The picker's styles, added to the editor's shadow root with this module. */
export const emojiPickerStyles = css`
  .emoji-picker {
    background: var(--parley-menu-background, var(--parley-color-background, var(--_background)));
    color: var(--parley-color-text, var(--_text));
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: var(--parley-radius, 0.5em);
    box-shadow: var(--parley-menu-shadow, 0 0.25em 1em rgb(0 0 0 / 0.15));
    inline-size: 19em;
    max-block-size: 16em;
    overflow-y: auto;
    padding: 0.5em;
  }
  .emoji-heading {
    font-size: max(11px, 0.75em);
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    margin-block: 0.25em;
  }
  .emoji-grid {
    display: grid;
    grid-template-columns: repeat(8, 2.125em);
  }
  .emoji {
    inline-size: 2.125em;
    block-size: 2.125em;
    padding: 0;
    border: 0;
    border-radius: 0.25em;
    background: transparent;
    font-size: 1em;
    cursor: pointer;
  }
  .emoji:hover {
    background: var(--parley-color-hover, var(--_hover));
  }
  .emoji:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.0625em;
  }
`;
