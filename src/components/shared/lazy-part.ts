/**
 * A part of an element that the first screen does not need (a dialog, the image viewer, the reader
 * list): its module is imported on first use, its styles are added to the host's shadow root then
 * (the element's static `styles` were fixed when it was defined), and the one instance is kept.
 */
import type { CSSResult } from 'lit';

/** Adds `styles` to the host's shadow root, once. */
export function adoptLateStyles(host: HTMLElement, styles: CSSResult): void {
  const root = host.shadowRoot;
  const sheet = styles.styleSheet;
  if (!root || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** Runs `task` when the browser is idle (soon after the first screen), or after a short delay where there is no `requestIdleCallback`. */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 3000 });
  else setTimeout(task, 200);
}

export class LazyPart<T> {
  readonly #host: HTMLElement;
  readonly #load: () => Promise<{ part: T; styles?: CSSResult }>;
  #part: T | null = null;
  #loading: Promise<T> | null = null;

  /** `load` imports the module and makes the part (e.g. `new module.Controller(host)`) with its styles. */
  constructor(host: HTMLElement, load: () => Promise<{ part: T; styles?: CSSResult }>) {
    this.#host = host;
    this.#load = load;
  }

  /** The part, once loaded (render it only then). */
  get current(): T | null {
    return this.#part;
  }

  /** The part, loading it the first time. */
  get(): Promise<T> {
    this.#loading ??= this.#load().then(({ part, styles }) => {
      if (styles) adoptLateStyles(this.#host, styles);
      this.#part = part;
      return part;
    });
    return this.#loading;
  }
}
