/**
 * A confirmation before a step that cannot be undone ("Delete conversation"): a modal `<dialog>`
 * (`role="alertdialog"`) with a title, a sentence, Cancel and the action's button — red when the
 * action destroys something. Shown through `OverlayController`: Escape, a press on the backdrop and
 * Cancel keep everything as it was; focus starts on Cancel (the safe choice) and goes back to where
 * the user came from. Loaded on first use (`MenuController` imports it dynamically).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { OverlayController } from './overlay-controller.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** One question; every text is already translated. */
export interface ConfirmRequest {
  title: string;
  message?: string;
  /** The action's button ("Delete"). */
  action: string;
  cancel: string;
  /** Destructive styling: the action's button uses `--parley-color-danger`. */
  danger?: boolean;
  /** Runs when the user confirms. */
  run(): void;
  /** Where focus goes when the dialog closes (asked then, as the element may have changed). */
  returnFocus(): HTMLElement | null;
}

/** Opens, renders and closes its host's confirmation dialog. */
export class ConfirmController implements ReactiveController {
  readonly #host: Host;
  readonly #overlay: OverlayController;
  #request: ConfirmRequest | null = null;

  constructor(host: Host) {
    this.#host = host;
    this.#overlay = new OverlayController(host, {
      modal: true,
      element: () => host.renderRoot.querySelector<HTMLElement>('dialog.confirm-dialog'),
      onDismiss: () => this.#finish(false),
      initialFocus: (dialog) => dialog.querySelector<HTMLElement>('.confirm-cancel'),
    });
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.#request !== null;
  }

  open(request: ConfirmRequest): void {
    this.#request = request;
    this.#overlay.open({ element: this.#host });
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#request = null;
  }

  /** The dialog's template; render it in the host's template. */
  render(): TemplateResult | typeof nothing {
    const request = this.#request;
    if (!request) return nothing;
    return html`<dialog class="confirm-dialog" part="confirm-dialog" role="alertdialog" aria-labelledby="confirm-title"
      aria-describedby=${request.message ? 'confirm-message' : nothing}>
      <h2 id="confirm-title" class="confirm-title">${request.title}</h2>
      ${request.message ? html`<p id="confirm-message" class="confirm-message">${request.message}</p>` : nothing}
      <div class="confirm-actions">
        <button type="button" class="confirm-cancel" part="confirm-cancel" @click=${() => this.#finish(false)}>${request.cancel}</button>
        <button type="button" class="confirm-action ${request.danger ? 'danger' : ''}" part="confirm-action" @click=${() => this.#finish(true)}>
          ${request.action}
        </button>
      </div>
    </dialog>`;
  }

  #finish(confirmed: boolean): void {
    const request = this.#request;
    if (!request) return;
    this.#request = null;
    this.#overlay.close(false);
    if (confirmed) request.run();
    // After the host has re-rendered (the confirmed step may have removed the invoker).
    void this.#host.updateComplete.then(() => request.returnFocus()?.focus());
  }
}

/** Styles of the dialog; adopted by the host when the module loads. */
export const confirmDialogStyles = css`
  .confirm-dialog {
    box-sizing: border-box;
    width: min(22em, calc(100vw - 2em));
    padding: 1.25em;
    color: var(--parley-color-text, var(--_text));
    background: var(--parley-color-background, var(--_background));
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: var(--parley-radius, 0.5em);
    box-shadow: var(--parley-menu-shadow, 0 0.25em 1em var(--_shadow));
  }
  .confirm-title {
    margin: 0 0 0.5em;
    font-size: 1.0625em;
  }
  .confirm-message {
    margin: 0;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-size: max(11px, 0.9375em);
    overflow-wrap: anywhere;
  }
  .confirm-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    margin-block-start: 1.25em;
  }
  .confirm-actions button {
    font: inherit;
    padding: 0.4375em 1em;
    color: inherit;
    background: var(--parley-color-background, var(--_background));
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: var(--parley-radius, 0.375em);
    cursor: pointer;
  }
  .confirm-actions button:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.125em;
  }
  .confirm-actions .confirm-action {
    color: var(--parley-color-on-primary, var(--_on-primary));
    background: var(--parley-color-primary, var(--_primary));
    border-color: transparent;
  }
  .confirm-actions .confirm-action.danger {
    color: var(--parley-color-on-danger, var(--_on-danger));
    background: var(--parley-color-danger, var(--_danger));
  }
`;
