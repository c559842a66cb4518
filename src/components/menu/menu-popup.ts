/**
 * The context menu itself, loaded on first use (see `MenuController` in menu.ts, which the lists
 * own): a `role="menu"` of `menuitem` buttons on the top layer (through `OverlayController`),
 * operated with arrows, Home/End, Enter, Space and Escape, closed by Tab or a click outside, giving
 * focus back to where it was opened (or to what the host says when that element is gone).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { repeat } from 'lit/directives/repeat.js';
import type { ConfirmController } from '../shared/confirm-dialog.js';
import type { LazyPart } from '../shared/lazy-part.js';
import { OverlayController } from '../shared/overlay-controller.js';
import type { MenuItem } from './menu.js';

interface OpenMenu {
  items: MenuItem[];
  label: string;
  origin: HTMLElement;
}

export type MenuHost = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * What the popup uses of the first screen's modules, handed over by menu.ts: importing them here would
 * split them out of the initial chunk into a shared one.
 */
export interface MenuPopupHelpers {
  repeat: typeof repeat;
  LazyPart: typeof LazyPart;
}

/** Opens, renders and closes the context menu of its host (on the top layer, through `OverlayController`). */
export class MenuPopup implements ReactiveController {
  readonly #host: MenuHost;
  readonly #overlay: OverlayController;
  readonly #fallbackFocus: () => HTMLElement | null;
  #open: OpenMenu | null = null;
  #focusFirst = false;
  /** The confirmation dialog, loaded the first time an item asks for one. */
  readonly #confirm: LazyPart<ConfirmController>;
  readonly #repeat: typeof repeat;

  /** `fallbackFocus`: where focus goes when the element that opened the menu is gone (e.g. its conversation was deleted). */
  constructor(host: MenuHost, fallbackFocus: () => HTMLElement | null, helpers: MenuPopupHelpers) {
    this.#host = host;
    this.#fallbackFocus = fallbackFocus;
    this.#repeat = helpers.repeat;
    this.#confirm = new helpers.LazyPart(host, async () => {
      const module = await import('../shared/confirm-dialog.js');
      return { part: new module.ConfirmController(host), styles: module.confirmDialogStyles };
    });
    this.#overlay = new OverlayController(host, {
      element: () => this.#menu(),
      onDismiss: () => this.close(),
      initialFocus: (menu) => menu.querySelector<HTMLElement>('.menu-item'),
      fallbackFocus,
    });
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.#open !== null;
  }

  /**
   * Opens `items` at a mouse position, or below `origin` when opened from the keyboard. Does nothing
   * when there are no items (the browser's own menu is then left alone by the caller).
   */
  open(items: MenuItem[], origin: HTMLElement, label: string, point?: { x: number; y: number }): boolean {
    if (items.length === 0) return false;
    this.#open = { items, label, origin };
    this.#overlay.open({ element: origin, point });
    return true;
  }

  /** Replaces the items of the open menu (an item's condition expired); closes it when none are left. */
  setItems(items: MenuItem[]): void {
    if (!this.#open) return;
    if (items.length === 0) return this.close();
    this.#open = { ...this.#open, items };
    this.#focusFirst = true;
    this.#host.requestUpdate();
  }

  /** Closes the menu; focus returns to where it was opened unless `restoreFocus` is false. */
  close(restoreFocus = true): void {
    if (!this.#open) return;
    this.#open = null;
    this.#overlay.close(restoreFocus);
  }

  hostUpdated(): void {
    if (!this.#focusFirst || !this.#open) return;
    this.#focusFirst = false;
    this.#items()[0]?.focus();
  }

  hostDisconnected(): void {
    this.#open = null;
  }

  /** The menu's template; render it last in the host's template. */
  render(): TemplateResult | typeof nothing {
    return html`${this.#renderMenu()}${this.#confirm.current?.render() ?? nothing}`;
  }

  #renderMenu(): TemplateResult | typeof nothing {
    const open = this.#open;
    if (!open) return nothing;
    return html`<div class="menu" part="menu" role="menu" popover="manual" aria-label=${open.label} @keydown=${this.#onKeydown}>
        ${this.#repeat(
          open.items,
          (item) => item.id,
          (item) => html`<button
            class="menu-item ${item.danger ? 'danger' : ''}"
            part="menu-item"
            type="button"
            role=${item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
            aria-checked=${item.checked === undefined ? nothing : String(item.checked)}
            aria-haspopup=${item.submenu ? 'menu' : nothing}
            tabindex="-1"
            data-id=${item.id}
            @click=${() => this.#run(item)}
          >
            ${item.checked === undefined ? nothing : html`<span class="menu-check" aria-hidden="true"></span>`}${item.label}
          </button>`,
        )}
      </div>`;
  }

  #run(item: MenuItem): void {
    const confirm = item.confirm;
    if (confirm && this.#open) {
      const origin = this.#open.origin;
      this.close();
      void this.#confirm.get().then((dialog) =>
        dialog.open({
          ...confirm,
          run: item.run,
          returnFocus: () => (origin.isConnected ? origin : this.#fallbackFocus()),
        }),
      );
      return;
    }
    if (item.submenu) {
      const open = this.#open;
      void Promise.resolve(item.submenu()).then((items) => {
        if (this.#open === open) this.setItems(items);
      });
      return;
    }
    this.close(!item.movesFocus);
    item.run();
  }

  #menu(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('.menu');
  }

  #items(): HTMLElement[] {
    return [...(this.#menu()?.querySelectorAll<HTMLElement>('.menu-item') ?? [])];
  }

  #onKeydown = (event: KeyboardEvent): void => {
    const items = this.#items();
    const at = items.indexOf(
      this.#host.renderRoot instanceof ShadowRoot
        ? (this.#host.renderRoot.activeElement as HTMLElement)
        : (document.activeElement as HTMLElement),
    );
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = (at + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (at - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.close();
        return;
      case 'Tab':
        event.preventDefault();
        this.close();
        return;
      case 'Enter':
      case ' ':
        event.preventDefault();
        items[at]?.click();
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    items[next]?.focus();
  };
}

/** Styles of the menu, added to the host's shadow root when the menu loads (after the overlay styles, see menu.ts). */
export const menuStyles = [
  css`
  .menu:popover-open {
    display: flex;
  }
  .menu {
    flex-direction: column;
    min-width: 9em;
    padding: 0.25em 0;
    background: var(--parley-menu-background, var(--parley-color-background, var(--_background)));
    color: var(--parley-menu-color, var(--parley-color-text, var(--_text)));
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: var(--parley-menu-radius, var(--parley-radius, 0.5em));
    box-shadow: var(--parley-menu-shadow, 0 0.25em 1em var(--_shadow));
    font-size: 0.875em;
  }
  .menu-item {
    all: unset;
    box-sizing: border-box;
    padding: 0.5em 1em;
    cursor: pointer;
    white-space: nowrap;
  }
  .menu-item.danger {
    color: var(--parley-color-danger, var(--_danger));
  }
  .menu-check {
    display: inline-block;
    width: 1.25em;
  }
  [aria-checked='true'] > .menu-check::before {
    content: '✓';
  }
  .menu-item:hover,
  .menu-item:focus {
    background: var(--parley-menu-item-hover-background, var(--parley-color-hover, var(--_hover)));
  }
  .menu-item:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: -0.125em;
  }
`,
];
