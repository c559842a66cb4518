/**
 * Renders one message of the message list. Text is always rendered as text; HTML from the app's
 * custom-message renderers only through `safeHtml`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { MessageDirection } from '../../protocol/enums.js';
import { renderCustomMessage, type CustomMessage } from '../../services/custom-message.js';
import { safeHtml } from '../shared/safe-html.js';
import type { UserProfile } from '../../services/profile/types.js';
import type { KitMessage } from '../../services/store/types.js';
import { renderAvatar } from '../avatar/avatar.js';
import { formatClock, previewText } from '../shared/format.js';
import { isMemberNotice, renderMemberNotice } from './chatroom-header.js';
import { HIDDEN_TYPES, NOTICE_TYPES, renderBuiltInBody, renderNotice } from './renderers/index.js';
import { renderSendState } from './send-state.js';

export interface MessageItemContext {
  users: Readonly<Record<string, UserProfile>>;
  /** The viewing user (own recalls read "You recalled a message"). */
  userId: string;
  /** A user's display name. */
  nameOf(userId: string): string;
  locale: string;
  t: (key: string, options?: Record<string, unknown>) => string;
  retry(message: KitMessage): void;
  /** Deletes an unsent (failed) own message. */
  discard?(message: KitMessage): void;
  tap(message: KitMessage): void;
  /** The `customMessage` option of `imkit.init`. */
  custom?: CustomMessage;
  /** The read state of an own message ("Read", "N read"), drawn in the meta line. */
  receipt?(message: KitMessage): TemplateResult | typeof nothing;
  /** The reactions row under the bubble. */
  reactions?(message: KitMessage): TemplateResult | typeof nothing;
}

/** Types without a built-in renderer still shown as a tappable label (`tapMessage`). */
const TAPPABLE_TYPES: ReadonlySet<string> = new Set<string>(['RC:VcMsg', 'RC:CombineMsg']);

function renderBody(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const builtIn = renderBuiltInBody(message, ctx);
  if (builtIn) return builtIn;
  const custom = renderCustomMessage(ctx.custom, 'userMessage', message);
  if (custom !== undefined) return html`<div class="bubble custom" part="bubble custom-bubble">${safeHtml(custom)}</div>`;
  if (TAPPABLE_TYPES.has(message.messageType)) {
    return html`<div class="bubble" part="bubble">
      <button class="media" type="button" @click=${() => ctx.tap(message)}>${previewText(message, ctx.t)}</button>
    </div>`;
  }
  // A type the kit cannot draw (a custom type with no renderer): a neutral line, never an empty bubble.
  return html`<div class="bubble unsupported" part="bubble">${ctx.t('messageType.unknown')}</div>`;
}

/** One message row: avatar and name for others, bubble, time and send state. */
export function renderMessage(message: KitMessage, ctx: MessageItemContext): TemplateResult | typeof nothing {
  if (isMemberNotice(message)) return renderMemberNotice(message, ctx.users, ctx.t);
  const notify = renderCustomMessage(ctx.custom, 'notifyMessage', message);
  if (notify !== undefined) return html`<div class="notice custom" part="notice">${safeHtml(notify)}</div>`;
  if (HIDDEN_TYPES.has(message.messageType)) return nothing;
  if (NOTICE_TYPES.has(message.messageType)) return renderNotice(message, ctx);
  const own = message.messageDirection === MessageDirection.SEND;
  const sender = ctx.users[message.senderUserId];
  const name = sender?.name || message.senderUserId;
  return html`<div
    class="message ${own ? 'own' : ''} ${message.sendState}"
    part="message ${own ? 'own-message' : ''}"
    data-send-state=${message.sendState}
    data-message-id=${message.messageId}
    data-sender=${message.senderUserId}
    tabindex="-1"
  >
    ${own ? nothing : renderAvatar({ id: message.senderUserId, name, portraitUri: sender?.portraitUri })}
    <div class="content">
      ${own ? nothing : html`<div class="sender" part="sender">${name}</div>`}
      ${renderBody(message, ctx)}${ctx.reactions?.(message) ?? nothing}
      <div class="meta" part="meta">
        <time datetime=${new Date(Number(message.sentTime) || 0).toISOString()}>${formatClock(message.sentTime, ctx.locale)}</time>
        ${renderSendState(message, ctx)}${ctx.receipt?.(message) ?? nothing}
      </div>
    </div>
  </div>`;
}
