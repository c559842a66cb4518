/**
 * What the message log shows inside its scroller: the loading and start-of-history lines, the empty
 * placeholder, and the rows of the virtual window (each with its time line, the "new messages" divider
 * on the first unread one, and its message; skipped on re-render when nothing it shows changed).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConversationMessages, KitMessage } from '../../services/store/index.js';
import type { VirtualWindow, WindowSlice } from '../shared/virtual-window.js';
import { placeMessage, separatorLabel } from './grouping.js';
import { renderMessage, type MessageItemContext } from './message-item.js';

/** A message's row key: stable from the optimistic send to the server's copy. */
export function messageKey(message: KitMessage): string {
  return `${message.senderUserId}:${message.messageId || message.messageUId}`;
}

/** Row keys of a message list, computed once per list. */
export class RowKeys {
  #cache: { list: readonly KitMessage[]; keys: string[] } | null = null;

  of(list: readonly KitMessage[]): string[] {
    if (this.#cache?.list !== list) this.#cache = { list, keys: list.map(messageKey) };
    return this.#cache.keys;
  }
}

/** What the log's content is drawn from. */
export interface LogView {
  messages: ConversationMessages | undefined;
  /** The messages shown (member notices may be left out). */
  list: readonly KitMessage[];
  window: VirtualWindow;
  slice: WindowSlice;
  /** The user scrolled to the real start of a long history. */
  atHistoryStart: boolean;
  /** The row key of the message that was the first unread on opening: the "new messages" divider goes above it. */
  unreadDivider: string | null;
  /** The user cannot write here now (out of the room, blocked, muted): no "say hello" in an empty log. */
  silenced: boolean;
  context: MessageItemContext;
}

/** The scroller's content. */
export function renderLogContent(view: LogView): TemplateResult {
  const { messages, list, slice, context } = view;
  const t = context.t;
  // The full count is known only once no older history remains (ARIA: -1 = unknown).
  const size = messages?.hasMore ? -1 : list.length;
  return html`${
    messages?.loading && list.length > 0
      ? html`<div class="status" role="status">${t('messageList.loadingOlder')}</div>`
      : nothing
  }${
    messages?.loaded && !messages.hasMore && list.length > 0 && view.atHistoryStart
      ? html`<div class="status">${t('messageList.noMore')}</div>`
      : nothing
  }${
    messages?.loaded && list.length === 0 && !view.silenced
      ? html`<p class="placeholder">${t('messageList.empty')}</p>`
      : nothing
  }${
    list.length > 0
      ? html`<div class="window">
          ${view.window.spacer(slice.before)}
          <div class="rows" role="list">
            ${repeat(
              list.slice(slice.start, slice.end),
              (m) => messageKey(m),
              (m, i) => renderRow(m, slice.start + i, list, size, view.unreadDivider, context),
            )}
          </div>
          ${view.window.spacer(slice.after)}
        </div>`
      : nothing
  }`;
}

function renderRow(
  message: KitMessage,
  index: number,
  list: readonly KitMessage[],
  size: number,
  unreadDivider: string | null,
  context: MessageItemContext,
): unknown {
  const next = list[index + 1];
  const divided = unreadDivider !== null && messageKey(message) === unreadDivider;
  const placed = placeMessage(list[index - 1], message, next);
  // The divider ends the run above it: the first unread message starts a run of its own.
  const place =
    divided || (next && unreadDivider !== null && messageKey(next) === unreadDivider)
      ? { ...placed, runStart: placed.runStart || divided, runEnd: placed.runEnd || !divided }
      : placed;
  // Scrolling re-renders with the same data: a row whose inputs are unchanged is skipped.
  return guard([message, place.runStart, place.runEnd, place.separator, index, size, divided, context], () => {
    const separator = place.separator
      ? html`<div class="separator" part="separator" data-kind=${place.separator}>${separatorLabel(place.separator, message.sentTime, context.locale, context.t)}</div>`
      : nothing;
    const divider = divided
      ? html`<div class="unread-divider" part="unread-divider"><span>${context.t('message.unreadDivider')}</span></div>`
      : nothing;
    return html`<div class="row ${place.runEnd ? '' : 'in-run'} ${divided ? 'unread-start' : ''}" role="listitem" tabindex="-1" data-vkey=${messageKey(message)} aria-posinset=${index + 1} aria-setsize=${size}>
      ${separator}${divider}${renderMessage(message, context, place)}
    </div>`;
  });
}
