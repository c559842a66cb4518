/**
 * The message list's context menu: opened by a right-click, the context-menu key or Shift+F10 on a
 * message, with the built-in items (fetched when the browser is first idle, or by the first open, which
 * then shows once they arrive), minus `disableMenu`, plus the app's `customMenu`. While it is open,
 * Recall leaves it when the message's recall window passes.
 */
import type { TemplateResult, nothing } from 'lit';
import type { KitMessage } from '../../services/store/index.js';
import { DisabledMessageContextMenu } from '../menu/disabled-menu.js';
import { LateMenuItems } from '../menu/late-items.js';
import { buildMenuItems, MenuController, type BuiltInMenuItem, type CustomMenuItem } from '../menu/menu.js';
import type { MenuHost } from '../menu/menu-popup.js';
import { loadMessageMenuItems, MENU_HELPERS, recallTimeLeft, type MessageMenuHost } from './message-menu.js';

/** What the menu reads from the message list. */
export interface ContextMenuHost extends MessageMenuHost, MenuHost {
  readonly customMenu: CustomMenuItem<KitMessage>[];
  readonly disableMenu: DisabledMessageContextMenu[];
}

export class MessageContextMenu {
  readonly #host: ContextMenuHost;
  readonly #messageOf: (row: Element) => KitMessage | undefined;
  readonly #menu: MenuController;
  /** The built-in menu items, loaded when idle (with the menu's own code) or by the first open. */
  readonly #builtIns: LateMenuItems<KitMessage>;
  /** Takes the Recall item out of an open menu when the window passes. */
  #recallTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `messageOf(row)`: the message a `.message` row shows; `fallbackFocus`: where focus goes when the
   * row that opened the menu is gone.
   */
  constructor(
    host: ContextMenuHost,
    messageOf: (row: Element) => KitMessage | undefined,
    fallbackFocus: () => HTMLElement | null,
  ) {
    this.#host = host;
    this.#messageOf = messageOf;
    this.#menu = new MenuController(host, fallbackFocus);
    this.#builtIns = new LateMenuItems(host, async () =>
      (await loadMessageMenuItems()).messageMenuItems(host, MENU_HELPERS),
    );
  }

  /** An open waiting for the built-in items, if any. */
  get itemsLoading(): Promise<unknown> | null {
    return this.#builtIns.waiting;
  }

  /** Waits for an open made before the menu's code arrived; true when there was one (see `MenuController.opened`). */
  opened(): Promise<boolean> {
    return this.#menu.opened();
  }

  /** Opens the menu of the message `row` shows, at `point` (a mouse) or below the row (the keyboard). */
  open(row: HTMLElement, point?: { x: number; y: number }): boolean {
    if (!this.#messageOf(row) || this.#menu.isOpen) return this.#menu.isOpen;
    // The message is read again when the items arrive late: it may have changed meanwhile.
    return this.#builtIns.open((builtIns) => {
      const message = row.isConnected && this.#messageOf(row);
      return !!message && !this.#menu.isOpen && this.#show(message, builtIns, row, point);
    });
  }

  #show(
    message: KitMessage,
    builtIns: readonly BuiltInMenuItem<KitMessage>[],
    row: HTMLElement,
    point: { x: number; y: number } | undefined,
  ): boolean {
    const host = this.#host;
    const build = () => buildMenuItems(message, builtIns, host.disableMenu, host.customMenu, (k) => host.t(k));
    const items = build();
    const opened = this.#menu.open(items, row, host.t('menu.messageLabel'), point);
    clearTimeout(this.#recallTimer);
    const left = recallTimeLeft(message, host.recallDuration);
    if (opened && left > 0 && items.some((i) => i.id === DisabledMessageContextMenu.Recall)) {
      this.#recallTimer = setTimeout(() => this.#menu.isOpen && this.#menu.setItems(build()), left + 20);
    }
    return opened;
  }

  /** The log's `contextmenu` handler: the message's menu instead of the browser's. */
  readonly onContextMenu = (event: MouseEvent): void => {
    const row = event
      .composedPath()
      .find((n): n is HTMLElement => n instanceof HTMLElement && n.classList.contains('message'));
    if (!row) return;
    const point = event.clientX || event.clientY ? { x: event.clientX, y: event.clientY } : undefined;
    if (this.open(row, point)) event.preventDefault();
  };

  /** The menu's template; render it last in the host's template. */
  render(): TemplateResult | typeof nothing {
    return this.#menu.render();
  }
}
