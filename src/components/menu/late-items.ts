/**
 * A list's built-in menu items whose code is not in the first load: fetched when the browser is first
 * idle after the list connects, or by the first open, which then shows once they arrive.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LazyPart, whenIdle } from '../shared/lazy-part.js';
import type { BuiltInMenuItem } from './menu.js';

export class LateMenuItems<T> implements ReactiveController {
  readonly #items: LazyPart<readonly BuiltInMenuItem<T>[]>;
  #waiting: Promise<unknown> | null = null;

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
   * Calls `open` with the items now, or once they arrive if `origin` is still on the page. True when
   * a menu is shown or on its way (the caller then keeps the browser's own menu away).
   */
  open(origin: Element, open: (items: readonly BuiltInMenuItem<T>[]) => boolean): boolean {
    if (this.#waiting) return true;
    const items = this.#items.current;
    if (items) return open(items);
    this.#waiting = this.#items.get().then(
      () => {
        this.#waiting = null;
        if (origin.isConnected) this.open(origin, open);
      },
      () => (this.#waiting = null),
    );
    return true;
  }
}
