/**
 * Keyboard use of the message log: Arrow keys, Home and End move focus between messages, bringing rows
 * outside the virtual window in first; the context-menu key or Shift+F10 opens the focused message's menu.
 */
import { isMenuKey } from '../menu/menu.js';
import type { ScrollAlign, VirtualWindow } from '../shared/virtual-window.js';

/** What the handler uses of the message list. */
export interface LogKeyboardHost {
  /** The element focused inside the list's shadow root, if any. */
  focused(): HTMLElement | null;
  readonly window: VirtualWindow;
  scrollToKey(key: string, align: ScrollAlign): Promise<HTMLElement | null>;
  /** Opens the menu of a `.message` element. */
  openMenu(message: HTMLElement): void;
}

/** The log's `keydown` handler. */
export function logKeydownHandler(host: LogKeyboardHost): (event: KeyboardEvent) => void {
  return (event) => {
    const focused = host.focused();
    if (isMenuKey(event)) {
      event.preventDefault();
      const message = focused?.closest<HTMLElement>('.row')?.querySelector<HTMLElement>('.message');
      if (message) host.openMenu(message);
      return;
    }
    const window = host.window;
    const count = window.count;
    const row = focused?.closest<HTMLElement>('.row');
    const at = row ? window.indexOf(row.dataset.vkey ?? '') : -1;
    // From the log itself, arrows start at the messages on screen.
    const seen = window.visibleRows() ?? { first: 0, last: count - 1 };
    const targets: Record<string, number> = {
      ArrowDown: at < 0 ? seen.first : at + 1,
      ArrowUp: at < 0 ? seen.last : at - 1,
      Home: 0,
      End: count - 1,
    };
    if (!(event.key in targets) || count === 0) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(count - 1, targets[event.key]!));
    void host.scrollToKey(window.keyAt(index) ?? '', 'nearest').then((target) => {
      (target?.querySelector<HTMLElement>('.message') ?? target)?.focus({ preventScroll: true });
    });
  };
}
