import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KitState, KitStore } from '../../services/store/index.js';

/** What a StoreController needs from its host: the store it should follow (from context or property). */
export interface StoreHost extends ReactiveControllerHost {
  readonly kitStore: KitStore | undefined;
}

/**
 * Follows one slice of the kit state: subscribes to the host's store, compares the selected slice
 * with `Object.is`, and asks the host to update only when that slice changed. Re-subscribes when the
 * host's store changes (context arrives late, `store` property set) and unsubscribes on disconnect.
 */
export class StoreController<T> implements ReactiveController {
  readonly #host: StoreHost;
  readonly #selector: (state: KitState) => T;
  #store: KitStore | undefined;
  #unsubscribe: (() => void) | undefined;
  #value: T | undefined;

  constructor(host: StoreHost, selector: (state: KitState) => T) {
    this.#host = host;
    this.#selector = selector;
    host.addController(this);
  }

  /** The selected slice; `undefined` while the host has no store. */
  get value(): T | undefined {
    return this.#value;
  }

  hostConnected(): void {
    this.#follow(this.#host.kitStore);
  }

  hostUpdate(): void {
    this.#follow(this.#host.kitStore);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = undefined;
  }

  #follow(store: KitStore | undefined): void {
    if (store === this.#store && (this.#unsubscribe || !store)) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = store;
    const previous = this.#value;
    this.#value = store ? this.#selector(store.state) : undefined;
    if (store) {
      this.#unsubscribe = store.subscribe((state) => {
        const next = this.#selector(state);
        if (Object.is(next, this.#value)) return;
        this.#value = next;
        this.#host.requestUpdate();
      });
    }
    if (!Object.is(previous, this.#value)) this.#host.requestUpdate();
  }
}
