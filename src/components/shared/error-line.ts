/**
 * The line an element shows when the server refused something the user did (a recall, a tag
 * deletion, ...): a `role="alert"` with part `error`, gone after a few seconds or at the next one.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** How long a refusal stays on screen (ms). */
export const ERROR_LINE_MS = 6000;

export class ErrorLineController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #text = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Shows `text`, replacing the line shown. */
  show(text: string): void {
    this.#text = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#clear(), ERROR_LINE_MS);
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#text = '';
  }

  /** The line's template (nothing while there is no refusal); render it in the host's template. */
  render(): TemplateResult | typeof nothing {
    return this.#text ? html`<div class="error" part="error" role="alert">${this.#text}</div>` : nothing;
  }

  #clear(): void {
    this.#text = '';
    this.#host.requestUpdate();
  }
}

/** Styles of the line; add to the host's `styles`. */
export const errorLineStyles = css`
  .error {
    margin: 0.25em 1em;
    padding: 0.375em 0.75em;
    border-radius: var(--parley-radius, 0.5em);
    background: var(--parley-color-danger, var(--_danger));
    color: var(--parley-color-on-danger, var(--_on-danger));
    font-size: max(11px, 0.875em);
  }
`;
