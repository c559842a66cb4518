/**
 * The line an element shows when the server refused something the user did (a recall, a tag
 * deletion, ...): a `role="alert"` with part `error`, gone after a few seconds or at the next one; and the
 * line that confirms a done action with no other visible result (a forward).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** How long a refusal stays on screen (ms). */
export const ERROR_LINE_MS = 6000;

/** A line of text that a host shows for `ms` after `show`, then clears; the base of the two lines below. */
abstract class TimedLine implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #ms: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  protected text = '';

  constructor(host: ReactiveControllerHost, ms: number) {
    this.#host = host;
    this.#ms = ms;
    host.addController(this);
  }

  /** Shows `text`, replacing the line shown. */
  show(text: string): void {
    this.text = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.text = '';
      this.#host.requestUpdate();
    }, this.#ms);
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.text = '';
  }
}

/** A refusal: `role="alert"`, part `error`; nothing while there is none. Render it in the host's template. */
export class ErrorLineController extends TimedLine {
  constructor(host: ReactiveControllerHost) {
    super(host, ERROR_LINE_MS);
  }

  render(): TemplateResult | typeof nothing {
    return this.text ? html`<div class="error" part="error" role="alert">${this.text}</div>` : nothing;
  }
}

/** How long a done-action line ("Forwarded to 1 conversation") stays on screen (ms). */
export const STATUS_LINE_MS = 4000;

/**
 * The line an element shows when an action without a visible result is done (a forward): a polite
 * `role="status"` region with part `status-line`, always in the page so screen readers hear each text, shown
 * for a few seconds (visually hidden while empty).
 */
export class StatusLineController extends TimedLine {
  constructor(host: ReactiveControllerHost) {
    super(host, STATUS_LINE_MS);
  }

  render(): TemplateResult {
    return html`<div class=${this.text ? 'status-line' : 'visually-hidden'} part="status-line" role="status">${this.text}</div>`;
  }
}

/** Styles of the lines; add to the host's `styles`. */
export const errorLineStyles = css`
  .error {
    margin: 0.25em 1em;
    padding: 0.375em 0.75em;
    border-radius: var(--parley-radius, 0.5em);
    background: var(--parley-color-danger, var(--_danger));
    color: var(--parley-color-on-danger, var(--_on-danger));
    font-size: max(11px, 0.875em);
  }
  .status-line {
    margin: 0.25em 1em;
    padding: 0.375em 0.75em;
    border-radius: var(--parley-radius, 0.5em);
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    background: var(--parley-color-surface, var(--_surface));
    color: var(--parley-color-text, var(--_text));
    font-size: max(11px, 0.875em);
    text-align: center;
  }
`;
