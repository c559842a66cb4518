/**
 * The editor's emoji button. The picker behind it (`emoji-picker.ts`, with its emoji) is loaded the
 * first time the button is pressed.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { LazyPart } from '../shared/lazy-part.js';
import type { EmojiPicker } from './emoji-picker.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Host = ReactiveControllerHost & HTMLElement;

/** Drawn like the attach icon beside it: a text glyph's size and weight would depend on the language's font. */
const smileyIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="1.8"/><circle
    cx="9" cy="10" r="1.2" fill="currentColor"/><circle cx="15" cy="10" r="1.2" fill="currentColor"/><path d="M8.5 14.2a4.2 4.2 0 0 0 7 0"
    fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>`;

export class EmojiController {
  readonly #t: Translate;
  readonly #picker: LazyPart<EmojiPicker>;

  constructor(host: Host, t: Translate, insert: (text: string) => void) {
    this.#t = t;
    this.#picker = new LazyPart(host, async () => {
      const module = await import('./emoji-picker.js');
      return { part: new module.EmojiPicker(host, t, insert), styles: module.emojiPickerStyles };
    });
  }

  /** The picker is open. */
  get open(): boolean {
    return this.#picker.current?.open ?? false;
  }

  /** Closes the picker; `refocus` puts focus back into the input. */
  close(refocus = true): void {
    this.#picker.current?.close(refocus);
  }

  /** The button and, when open, the picker. */
  render(disabled: boolean): TemplateResult {
    const label = this.#t('messageEditor.emoji');
    return html`<span class="emoji-anchor">
      <button class="icon emoji-button" part="emoji-button" type="button" ?disabled=${disabled}
        aria-label=${label} title=${label} aria-haspopup="dialog" aria-expanded=${this.open ? 'true' : 'false'}
        @click=${this.#toggle}>${smileyIcon}</button>
      ${disabled ? '' : this.#picker.current?.render()}
    </span>`;
  }

  #toggle = (event: Event): void => {
    const button = event.currentTarget as HTMLElement;
    if (this.open) return this.close();
    void this.#picker.get().then((picker) => picker.show(button));
  };
}
