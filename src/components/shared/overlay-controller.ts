/**
 * The kit's one way to show a menu, popover, picker or dialog: on the browser's top layer
 * (`popover="manual"` + `showPopover()`, or `<dialog>.showModal()`), so no host's `overflow` clips it
 * and no z-index is needed. Popovers sit beside their anchor on logical sides (block-end by default,
 * inline-start aligned, mirrored in RTL), flip to the other side and shift along it at the viewport's
 * edges. Light dismiss: a press outside the overlay (a toggle button that opened it is left to close it
 * itself) or Escape. Focus moves in on open and back to the invoker on close.
 *
 * Popovers use `manual`, not `auto`, with our own light dismiss: an `auto` popover opened by a
 * right-click on Linux and macOS (where `contextmenu` fires on press) would be dismissed again by the
 * release of that same click.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** How one overlay behaves; the owner renders the element and keeps its own open state. */
export interface OverlayConfig {
  /** The overlay element in the host's shadow root, while the owner renders it. */
  element(): HTMLElement | null;
  /** The user dismissed it (a press outside, Escape): the owner closes (and calls `close`). */
  onDismiss(): void;
  /** A modal `<dialog>` (`showModal`, centred by the browser); otherwise a positioned popover. */
  modal?: boolean;
  /**
   * The anchor is the control that toggles the overlay (the emoji button, the input of the @mention list):
   * a press on it is left to it instead of dismissing. Otherwise (a menu opened on a row) a press on the
   * anchor dismisses like any press outside.
   */
  anchorToggles?: boolean;
  /** Preferred side of the anchor: below (`block-end`, default) or above (`block-start`). */
  side?: 'block-end' | 'block-start';
  /** What takes focus when the overlay opens; `null` leaves focus where it is (a list driven from an input). */
  initialFocus?(overlay: HTMLElement): HTMLElement | null;
  /** Where focus goes on close when the invoker is gone. */
  fallbackFocus?(): HTMLElement | null;
}

/** Where a popover is placed: next to an element, or at a pointer position. */
export interface OverlayAnchor {
  /** The invoker: the popover is placed beside it and focus returns to it. */
  element: HTMLElement;
  /** A pointer position (a right-click): the popover is placed at it instead of beside `element`. */
  point?: { x: number; y: number };
}

/** Space kept between a popover and the viewport's edge, and between it and its anchor, in px. */
const EDGE = 4;
const GAP = 4;

/** The one non-modal overlay open at a time: opening another dismisses it. */
let current: OverlayController | null = null;

/**
 * Places a box of `size` beside `ref` inside a viewport of `view`: on `side` when it fits, else on the
 * other side when that fits, else where there is more room; along the inline axis starting at the
 * reference's inline start (its right edge in RTL) — at a pointer (a zero-width `ref`) flipped to the
 * pointer's other side when that overflows — then shifted inside the edges.
 */
export function placeOverlay(
  ref: { left: number; top: number; right: number; bottom: number },
  size: { width: number; height: number },
  view: { width: number; height: number },
  options: { side: 'block-end' | 'block-start'; rtl: boolean },
): { left: number; top: number } {
  const below = ref.bottom + GAP;
  const above = ref.top - GAP - size.height;
  const fitsBelow = below + size.height <= view.height - EDGE;
  const fitsAbove = above >= EDGE;
  let top: number;
  if (options.side === 'block-end') top = fitsBelow || !fitsAbove ? below : above;
  else top = fitsAbove || !fitsBelow ? above : below;
  if (!fitsBelow && !fitsAbove) top = view.height - ref.bottom > ref.top ? below : above;
  const start = options.rtl ? ref.right - size.width : ref.left;
  const end = options.rtl ? ref.left : ref.right - size.width;
  const overflows = (x: number) => x < EDGE || x + size.width > view.width - EDGE;
  // At a pointer the box flips to the pointer's other side; beside an element it only shifts, so it stays
  // under the element it belongs to.
  const atPoint = ref.right - ref.left < 1;
  let left = atPoint && overflows(start) && !overflows(end) ? end : start;
  left = Math.max(EDGE, Math.min(left, view.width - EDGE - size.width));
  top = Math.max(EDGE, Math.min(top, view.height - EDGE - size.height));
  return { left: Math.round(left), top: Math.round(top) };
}

/** Shows one overlay of its host on the top layer; see the module comment. */
export class OverlayController implements ReactiveController {
  readonly #host: Host;
  readonly #config: OverlayConfig;
  #anchor: OverlayAnchor | null = null;
  #shown: HTMLElement | null = null;
  #focusOnShow = false;

  constructor(host: Host, config: OverlayConfig) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.#anchor !== null;
  }

  /** Opens at `anchor` once the owner has rendered the element (call, then request an update). */
  open(anchor: OverlayAnchor): void {
    if (!this.#config.modal && current && current !== this) current.#config.onDismiss();
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the module remembers which overlay is open
    if (!this.#config.modal) current = this;
    this.#anchor = anchor;
    this.#focusOnShow = true;
    this.#listen(true);
    this.#host.requestUpdate();
  }

  /** Forgets the overlay (the owner stops rendering it); focus returns to the invoker unless `restoreFocus` is false. */
  close(restoreFocus = true): void {
    const anchor = this.#anchor;
    if (!anchor) return;
    this.#anchor = null;
    if (current === this) current = null;
    this.#listen(false);
    this.#hide();
    this.#host.requestUpdate();
    if (!restoreFocus) return;
    void this.#host.updateComplete.then(() => {
      const target = anchor.element.isConnected ? anchor.element : this.#config.fallbackFocus?.();
      target?.focus();
    });
  }

  hostUpdated(): void {
    const element = this.#anchor ? this.#config.element() : null;
    if (element !== this.#shown) this.#hide();
    // A host removed from the page meanwhile: nothing to show (showModal would throw).
    if (!element || !element.isConnected) return;
    if (!this.#shown) this.#show(element);
    this.reposition();
    if (this.#focusOnShow) {
      this.#focusOnShow = false;
      const target = this.#config.initialFocus ? this.#config.initialFocus(element) : element;
      target?.focus();
    }
  }

  hostDisconnected(): void {
    this.#anchor = null;
    if (current === this) current = null;
    this.#listen(false);
    this.#hide();
  }

  /** Places the popover beside its anchor again (after its size or the anchor moved). */
  reposition(): void {
    const element = this.#shown;
    const anchor = this.#anchor;
    if (!element || !anchor || this.#config.modal) return;
    const rect = anchor.element.getBoundingClientRect();
    const ref = anchor.point
      ? { left: anchor.point.x, right: anchor.point.x, top: anchor.point.y, bottom: anchor.point.y }
      : rect;
    const box = element.getBoundingClientRect();
    const rtl = getComputedStyle(anchor.element).direction === 'rtl';
    const at = placeOverlay(
      ref,
      box,
      { width: innerWidth, height: innerHeight },
      { side: this.#config.side ?? 'block-end', rtl },
    );
    element.style.left = `${at.left}px`;
    element.style.top = `${at.top}px`;
  }

  #show(element: HTMLElement): void {
    this.#shown = element;
    if (this.#config.modal && element instanceof HTMLDialogElement) {
      element.addEventListener('cancel', this.#onCancel);
      element.addEventListener('close', this.#onNativeClose);
      if (!element.open) element.showModal();
      return;
    }
    if (!element.hasAttribute('popover')) element.setAttribute('popover', 'manual');
    if (!element.matches(':popover-open')) element.showPopover();
  }

  #hide(): void {
    const element = this.#shown;
    if (!element) return;
    this.#shown = null;
    element.removeEventListener('cancel', this.#onCancel);
    element.removeEventListener('close', this.#onNativeClose);
    if (element instanceof HTMLDialogElement && element.open) element.close();
    else if (element.matches(':popover-open')) element.hidePopover();
  }

  #listen(on: boolean): void {
    if (on) {
      document.addEventListener('pointerdown', this.#onPointerDown, true);
      document.addEventListener('keydown', this.#onKeydown);
      window.addEventListener('resize', this.#onViewportChange);
      document.addEventListener('scroll', this.#onViewportChange, true);
    } else {
      document.removeEventListener('pointerdown', this.#onPointerDown, true);
      document.removeEventListener('keydown', this.#onKeydown);
      window.removeEventListener('resize', this.#onViewportChange);
      document.removeEventListener('scroll', this.#onViewportChange, true);
    }
  }

  /** A press outside the overlay (and outside a toggling anchor) dismisses it; on a modal, a press on its backdrop does. */
  #onPointerDown = (event: PointerEvent): void => {
    const element = this.#shown;
    if (!element || !this.#anchor) return;
    const path = event.composedPath();
    if (this.#config.modal) {
      const box = element.getBoundingClientRect();
      const inside =
        event.clientX >= box.left &&
        event.clientX <= box.right &&
        event.clientY >= box.top &&
        event.clientY <= box.bottom;
      if (path[0] === element && !inside) this.#config.onDismiss();
      return;
    }
    if (path.includes(element) || (this.#config.anchorToggles && path.includes(this.#anchor.element))) return;
    this.#config.onDismiss();
  };

  /** Escape the overlay's owner did not handle itself (a modal's Escape arrives as `cancel`). */
  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || this.#config.modal || !this.#shown) return;
    event.preventDefault();
    this.#config.onDismiss();
  };

  #onCancel = (event: Event): void => {
    event.preventDefault();
    this.#config.onDismiss();
  };

  /** The browser closed the dialog itself (a repeated Escape skips `cancel`): the owner closes too. */
  #onNativeClose = (): void => {
    if (this.#anchor && this.#shown && !(this.#shown as HTMLDialogElement).open) this.#config.onDismiss();
  };

  #onViewportChange = (): void => this.reposition();
}
