import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { RowLayout, type RowRange } from './row-layout.js';
import { firstRowBelow, rowByKey, visibleKeys } from './window-dom.js';

/** What the window reads from its host. */
export interface VirtualWindowOptions {
  /** The scrolling element. */
  scroller(): HTMLElement | null;
  /** The element whose direct children are the rendered rows, each marked `data-vkey=<row key>`. */
  rows(): HTMLElement | null;
  /** False renders every row, measures nothing: the naive path, a debugging and benchmark switch. */
  enabled(): boolean;
  /** Whether the view should show the end of the list now (a chat log following the newest message). */
  followEnd?(): boolean;
  /** Called after the window put the view back: the scroll position may have moved without a scroll event (yet). */
  restored?(): void;
  /**
   * How the view holds still when rows change: `key` keeps the top visible row where it is on screen
   * (logs, where older rows are prepended); `position` keeps the scroll offset (lists that reorder).
   */
  anchor?: 'key' | 'position';
  /** Height of a row before any is measured, px. */
  estimate?: number;
  /** Lists up to this many rows render whole: cheaper than measuring, and find-in-page sees them all. */
  minRows?: number;
  /**
   * The one way the window moves the view (default: sets `scroller.scrollTop`). A host whose scroll
   * position has one owner (the message list's scroll controller) routes it there.
   */
  setScrollTop?(top: number): void;
}

/** Where `scrollToIndex` puts a row: an edge or the middle of the view, or the least scrolling. */
export type ScrollAlign = 'start' | 'center' | 'end' | 'nearest';

/** The rows to render and the space the others take. */
export interface WindowSlice extends RowRange {
  /** Height of the rows above `start`, px. */
  readonly before: number;
  /** Height of the rows from `end` on, px. */
  readonly after: number;
}

/**
 * A row a script asked to see, held where it was asked for (`align`, or `offset` px from the top of
 * the view for `nearest`) through renders and late measurements until the user scrolls.
 */
interface Pin {
  key: string;
  align: 'start' | 'center' | 'end' | number;
}

interface Anchor {
  key: string;
  /**
   * Which edge holds still: `bottom` for the row found at the top of the view (its visible part is its
   * lower part; a date line removed from its top on a prepend must not move it), `top` for scrollToIndex.
   */
  edge: 'top' | 'bottom';
  /** That edge of the row relative to the top of the scroller's box, px. */
  offset: number;
}

/** Rows rendered beyond each edge of the viewport, as a share of its height (and at least MIN_OVERSCAN px). */
const OVERSCAN = 0.75;
const MIN_OVERSCAN = 240;
/** Renders in a row the window may ask for on its own to fill the viewport (no loops on odd layouts). */
const MAX_CHASE = 4;

/**
 * Renders only the rows in view plus an overscan, with spacers standing in for the rest. Heights are
 * measured with a ResizeObserver and estimated until measured. The view holds still across renders,
 * prepends and late size changes (an anchor row keeps its place on screen), or sticks to the end when
 * the host says so. The host renders `spacer(before)`, the rows `start..end` (each with `data-vkey`)
 * inside `rows()`, then `spacer(after)`, and calls `onScroll` from its scroller's scroll event.
 */
export class VirtualWindow implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: VirtualWindowOptions;
  readonly #layout: RowLayout;
  readonly #observed = new Set<Element>();
  #resize: ResizeObserver | null = null;
  /** A render asked for by a resize, waiting for the next frame (its request id, or 0). */
  #resizeFrame = 0;
  #scroller: HTMLElement | null = null;
  #anchor: Anchor | null = null;
  /** `scrollToIndex` asked for this render: its anchor wins over following the end. */
  #explicit = false;
  /** The row `scrollToIndex` asked for, kept in place until the user scrolls. */
  #pin: Pin | null = null;
  /** `scrollToIndex` asked for the last row at the bottom: show the very end, padding included. */
  #explicitEnd = false;
  #follow = false;
  #windowed = false;
  #range: RowRange = { start: 0, end: 0 };
  /** Where row 0 would start, in the scroller's content coordinates. */
  #origin = 0;
  #chase = 0;
  /** scrollTop when the anchor was last taken; a different value means a scroll whose event is still to come. */
  #seenTop = 0;

  constructor(host: ReactiveControllerHost, options: VirtualWindowOptions) {
    this.#host = host;
    this.#options = options;
    this.#layout = new RowLayout(options.estimate ?? 64);
    host.addController(this);
  }

  /** Row count of the last `slice`. */
  get count(): number {
    return this.#layout.count;
  }

  /** The key of row `index` in the last `slice`. */
  keyAt(index: number): string | undefined {
    return this.#layout.keyAt(index);
  }

  /** Index of a row key in the last `slice`, or -1. */
  indexOf(key: string): number {
    return this.#layout.indexOf(key);
  }

  /** Call from `render()`: the rows to render for `keys` (one per row, in order) and the spacer heights. */
  slice(keys: readonly string[]): WindowSlice {
    const layout = this.#layout;
    layout.setKeys(keys);
    const n = keys.length;
    const scroller = this.#options.scroller();
    const rows = this.#options.rows();
    // A script scrolled and its scroll event has not come yet: take the anchor from the old DOM now.
    if (scroller && rows && !this.#explicit && scroller.scrollTop !== this.#seenTop) {
      this.#pin = null;
      this.#capture(scroller, rows);
    }
    this.#follow = this.#explicitEnd || (!this.#explicit && (this.#options.followEnd?.() ?? false));
    if (this.#follow && !this.#explicitEnd) this.#pin = null;
    this.#windowed = this.#options.enabled() && n > (this.#options.minRows ?? 0);
    if (!this.#windowed) {
      this.#range = { start: 0, end: n };
      return { start: 0, end: n, before: 0, after: 0 };
    }
    const viewHeight = scroller?.clientHeight || innerHeight;
    const overscan = Math.max(MIN_OVERSCAN, viewHeight * OVERSCAN);
    const top = this.#viewTop(scroller, viewHeight);
    this.#range = layout.rangeFor(top - overscan, top + viewHeight + overscan);
    const { start, end } = this.#range;
    return { start, end, before: layout.offset(start), after: layout.total - layout.offset(end) };
  }

  /** A spacer of `height` px (hidden from assistive technology). */
  spacer(height: number): TemplateResult {
    return html`<div class="v-spacer" aria-hidden="true" style="height:${height}px;flex:none"></div>`;
  }

  /** The rendered element of row `index`, or null when it is outside the window. */
  rowElement(index: number): HTMLElement | null {
    const key = this.#layout.keyAt(index);
    const rows = this.#options.rows();
    return key === undefined || !rows ? null : rowByKey(rows, key);
  }

  /** Indexes of the first and last rows at least partly on screen, or null when none is rendered. */
  visibleRows(): { first: number; last: number } | null {
    const scroller = this.#options.scroller();
    const rows = this.#options.rows();
    const seen = scroller && rows ? visibleKeys(scroller, rows) : null;
    return seen && { first: this.indexOf(seen.first), last: this.indexOf(seen.last) };
  }

  /**
   * Brings row `index` into view, rendering it first when it is outside the window: `start`, `center`
   * or `end` of the view, or `nearest` (the least scrolling). Until the user scrolls, the row stays
   * there while heights are measured. Await the host's `updateComplete`, then `rowElement(index)` is there.
   */
  scrollToIndex(index: number, align: ScrollAlign = 'nearest'): void {
    const scroller = this.#options.scroller();
    const key = this.#layout.keyAt(index);
    if (!scroller || key === undefined) return;
    const viewHeight = scroller.clientHeight;
    const row = this.rowElement(index)?.getBoundingClientRect();
    const top = row
      ? row.top - scroller.getBoundingClientRect().top
      : this.#origin + this.#layout.offset(index) - scroller.scrollTop;
    const height = row ? row.height : this.#layout.height(index);
    let place: Pin['align'] = align === 'nearest' ? top : align;
    if (align === 'nearest' && top < 0) place = 'start';
    else if (align === 'nearest' && top + height > viewHeight) place = 'end';
    this.#explicitEnd =
      index === this.#layout.count - 1 &&
      (place === 'end' || (typeof place === 'number' && place >= viewHeight - height));
    this.#pin = { key, align: place };
    this.#anchor = { key, edge: 'top', offset: this.#pinOffset(this.#pin, index, height, viewHeight) };
    this.#explicit = true;
    this.#host.requestUpdate();
  }

  /** Where the pinned row's top goes, px from the top of the view. The first row at the top shows the list's own top padding too. */
  #pinOffset(pin: Pin, index: number, height: number, viewHeight: number): number {
    if (typeof pin.align === 'number') return pin.align;
    if (pin.align === 'start') return index === 0 ? this.#origin : 0;
    return pin.align === 'center' ? (viewHeight - height) / 2 : viewHeight - height;
  }

  #setScrollTop(scroller: HTMLElement, top: number): void {
    if (this.#options.setScrollTop) this.#options.setScrollTop(top);
    else scroller.scrollTop = top;
  }

  /** Scroll handler for the host's scroller. */
  readonly onScroll = (): void => {
    const scroller = this.#options.scroller();
    const rows = this.#options.rows();
    if (!scroller || !rows) return;
    // The event of the window's own scroll (the position it last saw) keeps a pinned row pinned.
    if (scroller.scrollTop === this.#seenTop && this.#pin) return;
    this.#pin = null;
    this.#chase = 0;
    this.#capture(scroller, rows);
    if (this.#windowed && !this.#covers(scroller, 0.5)) this.#host.requestUpdate();
  };

  hostConnected(): void {
    this.#resize ??= new ResizeObserver(this.#onResize);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#resizeFrame);
    this.#resizeFrame = 0;
    this.#resize?.disconnect();
    this.#resize = null;
    this.#observed.clear();
    this.#scroller = null;
  }

  hostUpdated(): void {
    const scroller = this.#options.scroller();
    const rows = this.#options.rows();
    if (!scroller || !rows) {
      this.#explicit = false;
      this.#explicitEnd = false;
      return;
    }
    this.#observe(scroller, rows);
    this.#restore(scroller, rows);
    this.#explicit = false;
    this.#explicitEnd = false;
    // The window was computed from estimates; when the view still shows a gap, render again (bounded).
    if (this.#windowed && !this.#covers(scroller, 0) && this.#chase++ < MAX_CHASE) {
      queueMicrotask(() => this.#host.requestUpdate());
    }
  }

  /** Where the viewport starts in list coordinates for this render. */
  #viewTop(scroller: HTMLElement | null, viewHeight: number): number {
    const layout = this.#layout;
    if (this.#follow) return Math.max(0, layout.total - viewHeight);
    const pinned = this.#pin ? layout.indexOf(this.#pin.key) : -1;
    if (this.#pin && pinned >= 0)
      return layout.offset(pinned) - this.#pinOffset(this.#pin, pinned, layout.height(pinned), viewHeight);
    const anchor = this.#anchor;
    const at = anchor && (this.#explicit || this.#options.anchor === 'key') ? layout.indexOf(anchor.key) : -1;
    if (anchor && at >= 0)
      return layout.offset(at) + (anchor.edge === 'bottom' ? layout.height(at) : 0) - anchor.offset;
    return (scroller?.scrollTop ?? 0) - this.#origin;
  }

  /** Puts the view back: at the end when following, else the anchor row where it was on screen. */
  #restore(scroller: HTMLElement, rows: HTMLElement): void {
    const anchor = this.#anchor;
    const pinned = this.#pin ? rowByKey(rows, this.#pin.key) : null;
    if (this.#follow) {
      this.#setScrollTop(scroller, scroller.scrollHeight);
    } else if (this.#pin && pinned) {
      // The row's measured height now decides where `center` and `end` put it.
      const box = pinned.getBoundingClientRect();
      const index = this.#layout.indexOf(this.#pin.key);
      const delta =
        box.top -
        scroller.getBoundingClientRect().top -
        this.#pinOffset(this.#pin, index, box.height, scroller.clientHeight);
      if (index === 0 && this.#pin.align === 'start') this.#setScrollTop(scroller, 0);
      else if (Math.abs(delta) >= 1) this.#setScrollTop(scroller, scroller.scrollTop + delta);
    } else if (anchor && (this.#explicit || this.#options.anchor === 'key')) {
      const box = rowByKey(rows, anchor.key)?.getBoundingClientRect();
      const delta = box ? box[anchor.edge] - scroller.getBoundingClientRect().top - anchor.offset : 0;
      if (Math.abs(delta) >= 1) this.#setScrollTop(scroller, scroller.scrollTop + delta);
    }
    const first = rows.firstElementChild as HTMLElement | null;
    const index = first ? this.#layout.indexOf(first.dataset.vkey ?? '') : -1;
    if (first && index >= 0) {
      this.#origin =
        first.getBoundingClientRect().top -
        scroller.getBoundingClientRect().top +
        scroller.scrollTop -
        this.#layout.offset(index);
    }
    this.#capture(scroller, rows);
    this.#options.restored?.();
  }

  /**
   * The view moved since the window last saw it and the scroll event is still to come: the reader
   * scrolled (a wheel, a key, the scrollbar, a script). Their scroll wins over a pending correction:
   * a pinned row is let go, and the anchor moves with the view by what they scrolled, so keeping the
   * view still never takes them back to where they were.
   */
  #rebaseOnReader(scroller: HTMLElement): void {
    const moved = scroller.scrollTop - this.#seenTop;
    if (moved === 0) return;
    this.#pin = null;
    this.#chase = 0;
    if (this.#anchor) this.#anchor = { ...this.#anchor, offset: this.#anchor.offset - moved };
    this.#seenTop = scroller.scrollTop;
  }

  /** Remembers the first row on screen and where it is, so the next change can keep it there. */
  #capture(scroller: HTMLElement, rows: HTMLElement): void {
    const top = scroller.getBoundingClientRect().top;
    this.#seenTop = scroller.scrollTop;
    const row = firstRowBelow(rows, top);
    const key = row?.dataset.vkey;
    this.#anchor =
      row && key !== undefined ? { key, edge: 'bottom', offset: row.getBoundingClientRect().bottom - top } : null;
  }

  /** Whether the rendered rows cover the viewport plus `share` of the overscan on both sides. */
  #covers(scroller: HTMLElement, share: number): boolean {
    const layout = this.#layout;
    const { start, end } = this.#range;
    const viewHeight = scroller.clientHeight;
    const margin = Math.max(MIN_OVERSCAN, viewHeight * OVERSCAN) * share;
    const top = scroller.scrollTop - this.#origin;
    const above = start === 0 || layout.offset(start) <= top - margin;
    const below = end >= layout.count || layout.offset(end) >= top + viewHeight + margin;
    return above && below;
  }

  #observe(scroller: HTMLElement, rows: HTMLElement): void {
    const observer = this.#resize;
    if (!observer) return;
    if (scroller !== this.#scroller) {
      if (this.#scroller) observer.unobserve(this.#scroller);
      observer.observe(scroller);
      this.#scroller = scroller;
    }
    for (const el of this.#observed) {
      if (!el.isConnected) {
        observer.unobserve(el);
        this.#observed.delete(el);
      }
    }
    if (!this.#options.enabled()) return;
    for (const el of rows.children) {
      if (!this.#observed.has(el)) {
        // The border box: a row's padding changes too (a message joining a run of its sender's).
        observer.observe(el, { box: 'border-box' });
        this.#observed.add(el);
      }
    }
  }

  readonly #onResize = (entries: ResizeObserverEntry[]): void => {
    let changed = false;
    for (const entry of entries) {
      const el = entry.target as HTMLElement;
      if (el === this.#scroller) changed = true;
      const key = el.dataset.vkey;
      if (el === this.#scroller || key === undefined || !el.isConnected) continue;
      const height = entry.borderBoxSize?.[0]?.blockSize ?? el.getBoundingClientRect().height;
      if (this.#layout.measure(key, height)) changed = true;
    }
    const scroller = this.#options.scroller();
    const rows = this.#options.rows();
    if (!changed || !scroller || !rows) return;
    // The first measurements fix the estimate: spacers change, so render again (which restores).
    if (this.#layout.settleEstimate()) {
      this.#host.requestUpdate();
      return;
    }
    // A rendered row changed size (an image loaded, a wider viewport): keep the view still now, where
    // the reader has scrolled it to.
    this.#rebaseOnReader(scroller);
    this.#follow = this.#options.followEnd?.() ?? false;
    this.#restore(scroller, rows);
    if (this.#windowed && !this.#covers(scroller, 0.5)) this.#renderAfterResize();
  };

  /**
   * Renders again in the next frame. A render inside the observer's delivery (Lit updates in a
   * microtask, which runs there) resizes sibling rows that it may no longer report in this frame:
   * the browser reports "ResizeObserver loop completed with undelivered notifications" as an error.
   */
  #renderAfterResize(): void {
    if (this.#resizeFrame) return;
    this.#resizeFrame = requestAnimationFrame(() => {
      this.#resizeFrame = 0;
      this.#host.requestUpdate();
    });
  }
}
