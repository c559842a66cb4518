/**
 * Menus whose code is not in the first load: a list's built-in items are fetched when the browser is
 * first idle after the list connects, or by the first open, which then shows once they arrive, unless
 * the user has moved on meanwhile (`onUserMovesOn`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LazyPart, whenIdle } from '../shared/lazy-part.js';
import type { BuiltInMenuItem } from './menu.js';

/**
 * Calls `cancel` once the user does something else while a menu they asked for is still loading: a
 * press anywhere (another right-click included), Escape or Tab. Returns what stops listening.
 */
export function onUserMovesOn(cancel: () => void): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || event.key === 'Tab') moved();
  };
  const stop = () => {
    document.removeEventListener('pointerdown', moved, true);
    document.removeEventListener('keydown', onKey, true);
  };
  function moved(): void {
    stop();
    cancel();
  }
  document.addEventListener('pointerdown', moved, true);
  document.addEventListener('keydown', onKey, true);
  return stop;
}

export class LateMenuItems<T> implements ReactiveController {
  readonly #items: LazyPart<readonly BuiltInMenuItem<T>[]>;
  #waiting: Promise<unknown> | null = null;
  /** The open asked for last while the items load; dropped when the user moves on. */
  #pending: ((items: readonly BuiltInMenuItem<T>[]) => boolean) | null = null;

  /** `load` imports the items' module and makes the items. */
  constructor(host: ReactiveControllerHost & HTMLElement, load: () => Promise<readonly BuiltInMenuItem<T>[]>) {
    this.#items = new LazyPart(host, async () => ({ part: await load() }));
    host.addController(this);
  }

  hostConnected(): void {
    whenIdle(() => void this.#items.get());
  }

  /** An open waiting for the items, if any: the host's `updateComplete` waits for it. */
  get waiting(): Promise<unknown> | null {
    return this.#waiting;
  }

  /**
   * Calls `open` with the items now, or once they arrive (`open` then finds its target again: the
   * list may have been redrawn). True when a menu is shown or on its way (the caller then keeps the
   * browser's own menu away).
   */
  open(open: (items: readonly BuiltInMenuItem<T>[]) => boolean): boolean {
    const items = this.#items.current;
    if (items) return open(items);
    this.#pending = open;
    if (this.#waiting) return true;
    const stop = onUserMovesOn(() => (this.#pending = null));
    const settle = () => {
      stop();
      this.#waiting = null;
      const pending = this.#pending;
      this.#pending = null;
      return pending;
    };
    this.#waiting = this.#items.get().then(
      (loaded) => settle()?.(loaded),
      () => settle(),
    );
    return true;
  }
}
