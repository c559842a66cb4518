/**
 * The conversation list's tag name dialog ("New tag…", "Rename…"): a modal `<dialog>` with one
 * name field, shown through `OverlayController`. Enter saves, Escape or Cancel close it, focus goes back to where the user came from.
 * A refused name (blank, too long, another tag's, or the server's no) is explained in the dialog,
 * and what the user typed stays until it is saved.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { IAsyncRes } from '../../services/client/types.js';
import { OverlayController } from '../shared/overlay-controller.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What one opening of the dialog asks for. */
export interface TagDialogRequest {
  /** i18n key of the title. */
  title: string;
  /** i18n key of the save button. */
  action: string;
  /** The name the field starts with (selected). */
  initial?: string;
  /** Saves the trimmed name; the dialog closes on code 0 and otherwise says why. */
  save(name: string): Promise<IAsyncRes<unknown>>;
  /** Where focus goes when the dialog closes. */
  returnFocus(): HTMLElement | null;
}

/**
 * What the dialog says about names and failures (kept beside the store's rules in `tag-actions.ts`,
 * so this module, loaded on first use, carries only the dialog).
 */
export interface TagDialogTexts {
  t: Translate;
  /** Why a typed name is refused ('' when it is fine). */
  nameProblem(name: string): string;
  /** Why a save failed, from its error code. */
  errorText(code: number): string;
}

/** Opens, renders and closes the tag name dialog of its host. */
export class TagDialogController implements ReactiveController {
  readonly #host: Host;
  readonly #t: Translate;
  readonly #texts: TagDialogTexts;
  readonly #overlay: OverlayController;
  #request: TagDialogRequest | null = null;
  #error = '';
  #saving = false;

  constructor(host: Host, texts: TagDialogTexts) {
    this.#host = host;
    this.#t = texts.t;
    this.#texts = texts;
    this.#overlay = new OverlayController(host, {
      modal: true,
      element: () => this.#dialog(),
      onDismiss: () => this.close(),
      initialFocus: () => {
        const input = this.#input();
        input?.select();
        return input;
      },
    });
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.#request !== null;
  }

  /** Opens the dialog (replacing one already open). */
  open(request: TagDialogRequest): void {
    this.#request = request;
    this.#error = '';
    this.#saving = false;
    this.#overlay.open({ element: this.#host });
  }

  /** Closes the dialog; focus goes back to where the request says. */
  close(): void {
    const request = this.#request;
    if (!request) return;
    this.#request = null;
    this.#overlay.close(false);
    void this.#host.updateComplete.then(() => request.returnFocus()?.focus());
  }

  hostDisconnected(): void {
    this.#request = null;
  }

  /** The dialog's template; render it in the host's template. */
  render(): TemplateResult | typeof nothing {
    const request = this.#request;
    if (!request) return nothing;
    const t = this.#t;
    return html`<dialog class="tag-dialog" part="tag-dialog" aria-labelledby="tag-dialog-title">
      <form @submit=${this.#onSubmit} novalidate>
        <h2 id="tag-dialog-title" class="tag-dialog-title">${t(request.title)}</h2>
        <label class="tag-dialog-field" for="tag-dialog-name">${t('tags.name')}</label>
        <input
          id="tag-dialog-name"
          class="tag-dialog-input"
          part="tag-dialog-input"
          name="name"
          autocomplete="off"
          .value=${request.initial ?? ''}
          aria-invalid=${this.#error ? 'true' : 'false'}
          aria-describedby="tag-dialog-error"
          @input=${this.#onInput}
        />
        <p id="tag-dialog-error" class="tag-dialog-error" role="alert">${this.#error}</p>
        <div class="tag-dialog-actions">
          <button type="button" @click=${() => this.close()}>${t('menu.cancel')}</button>
          <button type="submit" class="primary" aria-busy=${this.#saving ? 'true' : 'false'}>${t(request.action)}</button>
        </div>
      </form>
    </dialog>`;
  }

  #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector<HTMLDialogElement>('dialog.tag-dialog');
  }

  #input(): HTMLInputElement | null {
    return this.#host.renderRoot.querySelector<HTMLInputElement>('.tag-dialog-input');
  }

  #showError(text: string): void {
    this.#error = text;
    this.#host.requestUpdate();
    this.#input()?.focus();
  }

  #onInput = (): void => {
    if (!this.#error) return;
    this.#error = '';
    this.#host.requestUpdate();
  };

  #onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const request = this.#request;
    if (!request || this.#saving) return;
    const name = this.#input()?.value.trim() ?? '';
    const problem = this.#texts.nameProblem(name);
    if (problem) return this.#showError(problem);
    this.#saving = true;
    this.#host.requestUpdate();
    const res = await request.save(name);
    // Closed or replaced while saving: nothing left to report to.
    if (this.#request !== request) return;
    this.#saving = false;
    if (res.code === 0) this.close();
    else this.#showError(this.#texts.errorText(res.code));
  };
}

/** Styles of the dialog; add to the host's `styles`. */
export const tagDialogStyles = css`
  .tag-dialog {
    box-sizing: border-box;
    width: min(20em, calc(100vw - 2em));
    padding: 1em;
    color: var(--parley-color-text, var(--_text));
    background: var(--parley-color-background, var(--_background));
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: var(--parley-radius, 0.5em);
    box-shadow: var(--parley-menu-shadow, 0 0.25em 1em var(--_shadow));
  }
  .tag-dialog-title {
    margin: 0 0 0.75em;
    font-size: 1em;
  }
  .tag-dialog-field {
    display: block;
    margin-block-end: 0.25em;
    font-size: max(11px, 0.875em);
  }
  .tag-dialog-input,
  .tag-dialog-actions button {
    box-sizing: border-box;
    font: inherit;
    padding: 0.375em 0.5em;
    color: inherit;
    background: var(--parley-color-background, var(--_background));
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: var(--parley-radius, 0.375em);
  }
  .tag-dialog-input {
    width: 100%;
  }
  .tag-dialog-input[aria-invalid='true'] {
    border-color: var(--parley-color-danger, var(--_danger));
  }
  .tag-dialog-input:focus-visible,
  .tag-dialog-actions button:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.0625em;
  }
  .tag-dialog-error {
    min-height: 1.25em;
    margin: 0.375em 0 0;
    color: var(--parley-color-danger, var(--_danger));
    font-size: max(11px, 0.875em);
  }
  .tag-dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    margin-block-start: 0.5em;
  }
  .tag-dialog-actions button {
    cursor: pointer;
  }
  .tag-dialog-actions .primary {
    color: var(--parley-color-on-primary, var(--_on-primary));
    background: var(--parley-color-primary, var(--_primary));
    border-color: transparent;
  }
`;
