/**
 * The conversation list's tag bar: "All" and one tab per tag of the user, each with its unread
 * count. A `role="tablist"` with a roving tab stop: Left/Right (and Home/End) move and select. A tag's
 * tab has a menu (right-click, the context-menu key or Shift+F10).
 *
 * Loaded by the conversation list when the user first has tags; what it uses of the first screen's
 * modules comes in `TagBarContext.helpers`, since importing them would split them into a shared chunk.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { repeat } from 'lit/directives/repeat.js';
import type { KitTag } from '../../services/store/index.js';
import type { isMenuKey } from '../menu/menu.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the bar takes from the first screen's modules. */
export interface TagBarHelpers {
  repeat: typeof repeat;
  isMenuKey: typeof isMenuKey;
}

export interface TagBarContext {
  tags: readonly KitTag[];
  /** The selected tag id; '' for "All". */
  active: string;
  /** Unread count of a tag ('' = all conversations). */
  unread(tagId: string): number;
  select(tagId: string): void;
  /** Opens the menu of a tag's tab (at the mouse, or below the tab); false when none opened. */
  openMenu(tagId: string, tab: HTMLElement, point?: { x: number; y: number }): boolean;
  t: Translate;
  helpers: TagBarHelpers;
}

function onContextMenu(event: MouseEvent, tagId: string, ctx: TagBarContext): void {
  const point = event.clientX || event.clientY ? { x: event.clientX, y: event.clientY } : undefined;
  if (tagId && ctx.openMenu(tagId, event.currentTarget as HTMLElement, point)) event.preventDefault();
}

function onKeydown(event: KeyboardEvent, ids: readonly string[], ctx: TagBarContext): void {
  if (ctx.helpers.isMenuKey(event)) {
    const tab = (event.target as HTMLElement).closest<HTMLElement>('[data-tag-id]');
    const tagId = tab?.dataset.tagId;
    event.preventDefault();
    if (tab && tagId) ctx.openMenu(tagId, tab);
    return;
  }
  const at = Math.max(0, ids.indexOf(ctx.active));
  const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const id = ids[(next + ids.length) % ids.length]!;
  ctx.select(id);
  const bar = event.currentTarget as HTMLElement;
  // Focus follows the selection once the host has re-rendered the tab stop.
  requestAnimationFrame(() => bar.querySelector<HTMLElement>(`[data-tag-id="${CSS.escape(id)}"]`)?.focus());
}

/** Renders the bar, or nothing when the user has no tags. */
export function renderTagBar(ctx: TagBarContext): TemplateResult | typeof nothing {
  if (ctx.tags.length === 0) return nothing;
  const entries = [{ tagId: '', tagName: ctx.t('tags.all') }, ...ctx.tags];
  const ids = entries.map((e) => e.tagId);
  return html`<div class="tag-bar" part="tag-bar" role="tablist" aria-label=${ctx.t('tags.label')} @keydown=${(e: KeyboardEvent) => onKeydown(e, ids, ctx)}>
    ${ctx.helpers.repeat(
      entries,
      (tag) => tag.tagId,
      (tag) => {
        const selected = tag.tagId === ctx.active;
        const unread = ctx.unread(tag.tagId);
        return html`<button
        class="tag"
        part="tag"
        type="button"
        role="tab"
        data-tag-id=${tag.tagId}
        aria-selected=${selected ? 'true' : 'false'}
        tabindex=${selected ? 0 : -1}
        @click=${() => ctx.select(tag.tagId)}
        @contextmenu=${(e: MouseEvent) => onContextMenu(e, tag.tagId, ctx)}
      >
        ${tag.tagName}${
          unread > 0
            ? html`<span class="tag-unread" part="tag-unread" aria-hidden="true">${unread > 99 ? '99+' : unread}</span><span class="visually-hidden"
              >, ${ctx.t('tags.unread', { count: unread })}</span
            >`
            : nothing
        }
      </button>`;
      },
    )}
  </div>`;
}

/** Styles of the tag bar and of the list's layout with it. */
export const tagBarStyles = css`
  .tagged {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  .tagged > .scroller {
    flex: 1;
    min-height: 0;
    height: auto;
  }
  .tag-bar {
    display: flex;
    flex: none;
    gap: 0.25em;
    overflow-x: auto;
    padding: 0.5em 0.75em;
    border-block-end: 0.0625em solid var(--parley-color-border, var(--_border));
  }
  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    flex: none;
    padding: 0.25em 0.75em;
    font: inherit;
    font-size: max(11px, 0.8125em);
    color: var(--parley-color-text, var(--_text));
    background: transparent;
    border: 0.0625em solid var(--parley-color-border, var(--_border));
    border-radius: 999px;
    cursor: pointer;
  }
  .tag[aria-selected='true'] {
    color: var(--conversation-list-tag-selected-color, var(--parley-color-on-primary, var(--_on-primary)));
    background: var(--conversation-list-tag-selected-background, var(--parley-color-primary, var(--_primary)));
    border-color: transparent;
  }
  .tag:focus-visible {
    outline: 0.125em solid var(--parley-color-focus, var(--_focus));
    outline-offset: 0.0625em;
  }
  .tag-unread {
    min-width: 1.25em;
    padding: 0 0.25em;
    border-radius: 999px;
    text-align: center;
    color: var(--conversation-list-badge-color, var(--parley-color-on-danger, var(--_on-danger)));
    background: var(--conversation-list-badge-background, var(--parley-color-danger, var(--_danger)));
  }
`;
