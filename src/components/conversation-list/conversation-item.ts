/**
 * One row of the conversation list: avatar (with the peer's online dot), name, markers, time, the last
 * message (or the draft) and the unread badge. A row re-renders only when something it shows changed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ConversationType, MessageDirection } from '../../protocol/constants.js';
import type { UserProfile, ConversationProfile } from '../../services/profile/types.js';
import { renderCustomMessage, type CustomMessage } from '../../services/custom-message.js';
import { isMuted, type KitConversation } from '../../services/store/index.js';
import { renderAvatar } from '../avatar/avatar.js';
import { formatListTime, isNoticeType, previewText } from '../shared/format.js';
import { conversationDisplay, userDisplayName } from '../shared/names.js';
import { safeHtml } from '../shared/safe-html.js';
import { hasDraft, renderBadge, renderMarkers, renderPreviewPrefix } from './conversation-row.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What every row is drawn from. */
export interface ItemView {
  profiles: Readonly<Record<string, ConversationProfile>> | undefined;
  users: Readonly<Record<string, UserProfile>> | undefined;
  selected: string | null | undefined;
  userId: string;
  locale: string;
  t: Translate;
  hideNotificUnreadCount: boolean;
  custom: CustomMessage | undefined;
  isOnline(conversation: KitConversation): boolean;
  choose(conversation: KitConversation): void;
  focus(conversation: KitConversation): void;
  openMenu(conversation: KitConversation, event: MouseEvent): void;
}

/**
 * The row of `conversation` at `index` of `size`; `isActive` when it holds the tab stop. Scrolling
 * re-renders the list with the same data, and skipping the unchanged rows keeps frames short.
 */
export function renderConversationItem(
  conversation: KitConversation,
  isActive: boolean,
  index: number,
  size: number,
  view: ItemView,
): unknown {
  const deps = [
    conversation,
    isActive,
    conversation.key === view.selected,
    index,
    size,
    view.profiles,
    view.users,
    view.locale,
    view.hideNotificUnreadCount,
    view.custom,
    view.isOnline(conversation),
  ];
  return guard(deps, () => renderItem(conversation, isActive, index, size, view));
}

function renderItem(
  conversation: KitConversation,
  isActive: boolean,
  index: number,
  size: number,
  view: ItemView,
): TemplateResult {
  const users = view.users ?? {};
  const { name, portraitUri } = conversationDisplay(conversation, view.profiles ?? {}, users);
  const latest = conversation.latestMessage;
  const t = view.t;
  const custom = latest ? renderCustomMessage(view.custom, 'lastMessage', latest) : undefined;
  const viewer = { userId: view.userId, nameOf: (id: string) => userDisplayName(id, users) };
  const preview = custom !== undefined ? safeHtml(custom) : previewText(latest, t, viewer);
  const sender =
    latest &&
    conversation.conversationType === ConversationType.GROUP &&
    latest.messageDirection === MessageDirection.RECEIVE &&
    !isNoticeType(latest.messageType)
      ? `${userDisplayName(latest.senderUserId, users)}: `
      : '';
  const time = formatListTime(conversation.updatedTime, view.locale, t);
  const online = view.isOnline(conversation);
  return html`<div
      class="item ${conversation.isTop ? 'top' : ''} ${isMuted(conversation) ? 'muted' : ''}"
      part="item"
      role="option"
      data-key=${conversation.key}
      data-vkey=${conversation.key}
      aria-posinset=${index + 1}
      aria-setsize=${size}
      tabindex=${isActive ? 0 : -1}
      aria-selected=${conversation.key === view.selected ? 'true' : 'false'}
      @click=${() => view.choose(conversation)}
      @focus=${() => view.focus(conversation)}
      @contextmenu=${(event: MouseEvent) => view.openMenu(conversation, event)}
    >
      ${renderAvatar({ id: conversation.targetId, name, portraitUri, ...(online ? { onlineLabel: t('conversationList.online') } : {}) })}
      <div class="body">
        <div class="row">
          <span class="name" part="name">${name}</span>
          ${renderMarkers(conversation, t)}<span class="time" part="meta">${time}</span>
        </div>
        <div class="row">
          <span class="preview" part="preview">${renderPreviewPrefix(conversation, t)}${hasDraft(conversation) ? nothing : html`${sender}${preview}`}</span>
          ${renderBadge(conversation, view.hideNotificUnreadCount, t)}
        </div>
      </div>
    </div>`;
}
