/**
 * The kit's one context menu, shared by the lists: a `MenuController` the host element owns and
 * renders into its own shadow root (the menu's code loads on first use, see below). It opens on
 * right-click, the context-menu key or Shift+F10 (`isMenuKey`), is a `role="menu"` of `menuitem` buttons operated with arrows, Home/End, Enter,
 * Space and Escape, closes on Tab or a click outside, and gives focus back to where it was opened
 * (or to what the host says when that element is gone).
 */
import { nothing, type ReactiveController, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { adoptLateStyles, LazyPart, whenIdle } from '../shared/lazy-part.js';
import { onUserMovesOn } from './late-items.js';
import { overlayStyles } from '../shared/overlay.styles.js';
import type { MenuHost, MenuPopup } from './menu-popup.js';

/** One entry of an open menu. */
export interface MenuItem {
  /** Stable id: a built-in item's `Disabled…Menu` value, or `custom-<index>`. */
  id: string;
  label: string;
  run(): void;
  /** A checkable item (`role="menuitemcheckbox"`): whether it is checked. */
  checked?: boolean;
  /** Choosing the item replaces the menu's items with these (a confirmation or a sub-list) instead of running it. */
  submenu?(): MenuItem[] | Promise<MenuItem[]>;
  /** Choosing the item closes the menu and asks in a confirmation dialog first (texts translated). */
  confirm?: MenuConfirm;
  /** The item moves focus itself (Quote focuses the editor): the menu does not give it back on close. */
  movesFocus?: boolean;
  /** The item destroys something (a confirming "Yes, delete"): drawn in the danger colour. */
  danger?: boolean;
}

/** The confirmation dialog of a menu item. */
export interface MenuConfirm {
  title: string;
  message?: string;
  /** The confirming button's label. */
  action: string;
  cancel: string;
  /** The action destroys something: its button is red. */
  danger?: boolean;
}

/** A built-in item of a list's menu: hidden by `disableMenu` (by `id`) or when `when` says no. */
export interface BuiltInMenuItem<T> {
  id: string;
  /** i18n key of the label. */
  label: string;
  when?(target: T): boolean;
  run(target: T): void;
  /** Items of a second step shown instead of running the item (e.g. the conversation's tags). */
  submenu?(target: T): MenuItem[] | Promise<MenuItem[]>;
  /** A confirmation dialog before running the item (translated texts; "Cancel" is added). */
  confirmDialog?(target: T): Omit<MenuConfirm, 'cancel'>;
  /** See `MenuItem.movesFocus`. */
  movesFocus?: boolean;
}

/** The seeds' custom menu entry: `name` returns the label (nothing hides the item), `callback` runs it. */
export interface CustomMenuItem<T> {
  name: (target: T) => string | undefined | null | void;
  callback: (target: T) => unknown;
}

/** Whether a keydown should open the context menu: the menu key or Shift+F10. */
export function isMenuKey(event: KeyboardEvent): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}

/**
 * Builds the items for `target`: built-ins not disabled and applicable, then the app's custom ones
 * whose `name` returns a non-empty string. Errors in app callbacks are logged, never thrown.
 */
export function buildMenuItems<T>(
  target: T,
  builtIns: readonly BuiltInMenuItem<T>[],
  disabled: readonly unknown[] | undefined,
  custom: readonly CustomMenuItem<T>[] | undefined,
  t: (key: string) => string,
): MenuItem[] {
  const off = new Set(Array.isArray(disabled) ? disabled : []);
  const items: MenuItem[] = builtIns
    .filter((item) => !off.has(item.id) && (item.when?.(target) ?? true))
    .map((item) => {
      const entry: MenuItem = { id: item.id, label: t(item.label), run: () => item.run(target) };
      if (item.movesFocus) entry.movesFocus = true;
      if (item.confirmDialog) {
        entry.confirm = { ...item.confirmDialog(target), cancel: t('menu.cancel') };
      } else if (item.submenu) {
        const submenu = item.submenu.bind(item);
        entry.submenu = () => submenu(target);
      }
      return entry;
    });
  (Array.isArray(custom) ? custom : []).forEach((entry, index) => {
    let label: unknown;
    try {
      label = typeof entry?.name === 'function' ? entry.name(target) : undefined;
    } catch (error) {
      console.error('[parley] customMenu name() threw', error);
    }
    if (typeof label !== 'string' || label.trim() === '') return;
    items.push({
      id: `custom-${index}`,
      label,
      run: () => {
        try {
          void entry.callback?.(target);
        } catch (error) {
          console.error('[parley] customMenu callback() threw', error);
        }
      },
    });
  });
  return items;
}

interface PendingOpen {
  items: MenuItem[];
  origin: HTMLElement;
  label: string;
  point: { x: number; y: number } | undefined;
}

/**
 * The context menu of its host. The menu's code (menu-popup.ts) is not in the initial load: it is
 * fetched when the browser is first idle after the host connects, or by the first open, whichever
 * comes first; an open made before it arrives (a right-click, the menu key) is kept and shown then.
 */
export class MenuController implements ReactiveController {
  readonly #host: MenuHost;
  readonly #fallbackFocus: () => HTMLElement | null;
  #popup: MenuPopup | null = null;
  #loading: Promise<MenuPopup> | null = null;
  #pending: PendingOpen | null = null;
  /** Drops the pending open when the user moves on before the menu's code arrives. */
  #stopWatching: (() => void) | null = null;
  /** An open waiting for the menu's code: settles once the menu is shown. */
  #opening: Promise<void> | null = null;

  /** `fallbackFocus`: where focus goes when the element that opened the menu is gone (e.g. its conversation was deleted). */
  constructor(host: MenuHost, fallbackFocus: () => HTMLElement | null = () => null) {
    this.#host = host;
    this.#fallbackFocus = fallbackFocus;
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.#popup?.isOpen || this.#pending !== null;
  }

  hostConnected(): void {
    if (!this.#loading) whenIdle(() => void this.#load());
  }

  hostDisconnected(): void {
    this.#setPending(null);
  }

  /**
   * Opens `items` at a mouse position, or below `origin` when opened from the keyboard. Does nothing
   * when there are no items (the browser's own menu is then left alone by the caller).
   */
  open(items: MenuItem[], origin: HTMLElement, label: string, point?: { x: number; y: number }): boolean {
    if (items.length === 0) return false;
    if (this.#popup) return this.#popup.open(items, origin, label, point);
    this.#setPending({ items, origin, label, point });
    const opening = this.#load().then((popup) => {
      const pending = this.#pending;
      this.#setPending(null);
      if (this.#opening === opening) this.#opening = null;
      if (pending?.origin.isConnected) popup.open(pending.items, pending.origin, pending.label, pending.point);
    });
    this.#opening = opening;
    return true;
  }

  /**
   * Waits for an open made before the menu's code arrived; true when there was one (the host then
   * has another update to wait for). Hosts await it in `getUpdateComplete`, so `updateComplete`
   * still means "the menu that was asked for is on screen".
   */
  async opened(): Promise<boolean> {
    const opening = this.#opening;
    if (!opening) return false;
    await opening;
    return true;
  }

  /** Replaces the items of the open menu (an item's condition expired); closes it when none are left. */
  setItems(items: MenuItem[]): void {
    if (this.#popup) return this.#popup.setItems(items);
    if (this.#pending) this.#setPending(items.length ? { ...this.#pending, items } : null);
  }

  /** Closes the menu; focus returns to where it was opened unless `restoreFocus` is false. */
  close(restoreFocus = true): void {
    this.#setPending(null);
    this.#popup?.close(restoreFocus);
  }

  /** The menu's template; render it last in the host's template. */
  render(): TemplateResult | typeof nothing {
    return this.#popup?.render() ?? nothing;
  }

  #setPending(pending: PendingOpen | null): void {
    this.#stopWatching?.();
    this.#stopWatching = pending ? onUserMovesOn(() => this.#setPending(null)) : null;
    this.#pending = pending;
  }

  #load(): Promise<MenuPopup> {
    this.#loading ??= import('./menu-popup.js').then(({ MenuPopup, menuStyles }) => {
      // The overlay styles come from here: imported by the popup's module, they would go to a shared chunk.
      for (const styles of [overlayStyles, ...menuStyles]) adoptLateStyles(this.#host, styles);
      this.#popup = new MenuPopup(this.#host, this.#fallbackFocus, { repeat, LazyPart });
      return this.#popup;
    });
    return this.#loading;
  }
}
