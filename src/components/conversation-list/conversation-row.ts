/**
 * Parts of a conversation row beyond name, time and preview: the "[@me]" and "[Draft]" prefixes,
 * the pin and muted markers, and the unread badge (a number, or a dot for muted conversations with
 * `hideNotificUnreadCount`). Everything is text; icons are decorative with a text alternative.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { isMuted, type KitConversation } from '../../services/store/index.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Whether the row shows the draft instead of the last message. */
export function hasDraft(conversation: KitConversation): boolean {
  return typeof conversation.draft === 'string' && conversation.draft.trim() !== '';
}

/** "[@me]" while the user has unread mentions, then "[Draft]" and the draft text when there is one. */
export function renderPreviewPrefix(conversation: KitConversation, t: Translate): TemplateResult | typeof nothing {
  const mentioned = conversation.hasMentioned || (conversation.mentionedCount ?? 0) > 0;
  const draft = hasDraft(conversation);
  if (!mentioned && !draft) return nothing;
  return html`${mentioned ? html`<span class="mention" part="mention">${t('conversationList.mentioned')}</span> ` : nothing}${
    draft
      ? html`<span class="draft" part="draft">${t('conversationList.draft')}</span> ${conversation.draft.replace(/\s+/g, ' ').slice(0, 200)}`
      : nothing
  }`;
}

const PIN_ICON = html`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false"><path fill="currentColor" d="M10 1l5 5-2 .5-3 3 .5 3.5-1.5 1.5-3-3L2 15l-1-1 3.5-4-3-3L3 5.5l3.5.5 3-3z"/></svg>`;
const MUTED_ICON = html`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false"><path fill="currentColor" d="M8 1a4 4 0 00-4 4v3L2 11v1h9.6L3.3 3.7 2.3 2.7 1 4l12 12 1.3-1.3zM12 8V5a4 4 0 00-6.4-3.2L12 8.2zM6 13a2 2 0 004 0z"/></svg>`;

/** The pin and muted markers next to the time. */
export function renderMarkers(conversation: KitConversation, t: Translate): TemplateResult {
  return html`${
    conversation.isTop
      ? html`<span class="marker pin" part="pin-marker" title=${t('conversationList.pinned')}>${PIN_ICON}<span class="visually-hidden">${t('conversationList.pinned')}</span></span>`
      : nothing
  }${
    isMuted(conversation)
      ? html`<span class="marker muted" part="muted-icon" title=${t('conversationList.muted')}>${MUTED_ICON}<span class="visually-hidden">${t('conversationList.muted')}</span></span>`
      : nothing
  }`;
}

/** The unread badge: a number (99+), or a dot for a muted conversation when `dotWhenMuted`. */
export function renderBadge(
  conversation: KitConversation,
  dotWhenMuted: boolean,
  t: Translate,
): TemplateResult | typeof nothing {
  const unread = conversation.unreadMessageCount;
  if (unread <= 0) return nothing;
  const dot = dotWhenMuted && isMuted(conversation);
  return html`<span class="badge ${dot ? 'dot' : ''}" part="badge" aria-hidden="true">${dot ? nothing : unread > 99 ? '99+' : unread}</span
    ><span class="visually-hidden">${dot ? t('conversationList.unreadDot') : t('conversationList.unread', { count: unread })}</span>`;
}

/** Styles of the row parts. */
export const conversationRowStyles = css`
  .mention {
    color: var(--parley-color-danger, var(--_danger));
  }
  .draft {
    color: var(--parley-color-danger, var(--_danger));
  }
  .marker {
    flex: none;
    display: inline-flex;
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-size: max(11px, 0.75em);
  }
  .item.muted .badge:not(.dot) {
    background: var(--conversation-list-muted-badge-background, var(--parley-color-text-secondary, var(--_text-secondary)));
  }
`;
