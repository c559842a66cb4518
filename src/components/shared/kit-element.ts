import { ContextConsumer } from '@lit/context';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { KitStore } from '../../services/store/index.js';
import { ensureContextRoot, storeContext } from './context.js';
import { localeReady } from '../../i18n/index.js';
import { I18nController } from './i18n-controller.js';
import type { StoreHost } from './store-controller.js';

const BASE_SIZE = /^\d{1,4}(\.\d{1,4})?(px|%)$/;

/**
 * Base of the kit's elements: finds the kit store (the `store` property wins over the context),
 * applies `base-size` and `theme`, and re-renders on language changes.
 *
 * @cssproperty --parley-font-family - Font of every element.
 * @cssproperty [--parley-color-background=#ffffff] - Background of the elements (dark: #16181c).
 * @cssproperty [--parley-color-surface=#f5f6f8] - Conversation list, bubbles of others, editor input (dark: #1f2227).
 * @cssproperty [--parley-color-text=#1f2328] - Main text (dark: #e6e8eb).
 * @cssproperty [--parley-color-text-secondary=#5c636e] - Times, previews, hints (dark: #a3abb6).
 * @cssproperty [--parley-color-border=#e3e5e8] - Separators and borders (dark: #343840).
 * @cssproperty [--parley-color-hover=#eceef1] - Hovered items (dark: #2a2e35).
 * @cssproperty [--parley-color-selected=#e1e8f5] - The open conversation (dark: #25344d).
 * @cssproperty [--parley-color-primary=#1a73e8] - Own bubbles, send button, pinned marker (dark: #6ea8fe).
 * @cssproperty [--parley-color-on-primary=#ffffff] - Text on the primary colour (dark: #0b1220).
 * @cssproperty [--parley-color-focus=#1a73e8] - Focus rings (dark: #8ab8ff).
 * @cssproperty [--parley-color-danger=#c5221f] - Unread badge, failed sends, destructive buttons such as Delete in the confirmation dialog (dark: #ff8a80).
 * @cssproperty [--parley-color-on-danger=#ffffff] - Text on the danger colour (dark: #1b0b0a).
 * @cssproperty [--parley-color-disabled=#c6cad1] - Disabled send button (dark: #3a3f47).
 * @cssproperty [--parley-color-on-disabled=#3c4043] - Text of the disabled send button (dark: #c3c8cf).
 * @cssproperty [--parley-radius=0.5em] - Corner radius of inputs and menus; bubbles default to 0.75em.
 * @cssproperty [--parley-avatar-size=2.5em] - Size of avatars.
 * @cssproperty [--parley-avatar-radius=50%] - Corner radius of avatars.
 * @cssproperty [--parley-menu-background] - Background of context menus.
 * @cssproperty [--parley-menu-color] - Text of context menus.
 * @cssproperty [--parley-menu-radius] - Corner radius of context menus (default `--parley-radius`).
 * @cssproperty [--parley-menu-item-hover-background] - A hovered or focused menu item.
 * @cssproperty [--parley-menu-shadow] - Shadow of context menus.
 */
export class KitElement extends LitElement implements StoreHost {
  /** The kit store to show; overrides the one provided by `imkit.init` through context. */
  @property({ attribute: false }) store?: KitStore;

  /**
   * The element's font size, which every internal length follows (em): a number of px or a percent of
   * the parent's font size, e.g. `18px`, `62.5%`. Default `16px`.
   */
  @property({ attribute: 'base-size' }) baseSize = '16px';

  /**
   * Forces a colour theme: `dark` or `light`. Unset (default), the element follows the system's
   * `prefers-color-scheme`.
   */
  @property({ reflect: true }) theme?: 'light' | 'dark';

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

  /** Holds a render while the language asked for is loading, so no element shows the previous one first. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = localeReady();
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('baseSize')) {
      const size = typeof this.baseSize === 'string' ? this.baseSize.trim() : '';
      this.style.fontSize = BASE_SIZE.test(size) ? size : '16px';
    }
  }
}
