import { ContextConsumer } from '@lit/context';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { KitStore } from '../../services/store/store.js';
import { ensureContextRoot, storeContext } from './context.js';
import { I18nController } from './i18n-controller.js';
import type { StoreHost } from './store-controller.js';

const BASE_SIZE = /^\d{1,4}(\.\d{1,4})?(px|%)$/;

/**
 * Base of the kit's elements: finds the kit store (the `store` property wins over the context),
 * applies `base-size`, and re-renders on language changes.
 */
export class KitElement extends LitElement implements StoreHost {
  /** The kit store to show; overrides the one provided by `imkit.init` through context. */
  @property({ attribute: false }) store?: KitStore;

  /**
   * The element's font size, which every internal length follows (em): a number of px or a percent of
   * the parent's font size, e.g. `18px`, `62.5%`. Default `16px`.
   */
  @property({ attribute: 'base-size' }) baseSize = '16px';

  protected readonly i18n = new I18nController(this);

  readonly #context = new ContextConsumer(this, {
    context: storeContext,
    subscribe: true,
    callback: () => this.requestUpdate(),
  });

  constructor() {
    super();
    ensureContextRoot();
  }

  /** The store in use: the `store` property, else the one from context. */
  get kitStore(): KitStore | undefined {
    return this.store ?? this.#context.value;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('baseSize')) {
      const size = typeof this.baseSize === 'string' ? this.baseSize.trim() : '';
      this.style.fontSize = BASE_SIZE.test(size) ? size : '16px';
    }
  }
}
