/**
 * Renders one message of the message list. Text is always rendered as text; HTML from the app's
 * custom-message renderers only through `safeHtml`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { MessageDirection, MessageType } from '../../protocol/enums.js';
import { renderCustomMessage, type CustomMessage } from '../../services/custom-message.js';
import { safeHtml } from '../shared/safe-html.js';
import { safeImageUrl } from '../../services/profile/safe-url.js';
import type { UserProfile } from '../../services/profile/types.js';
import type { KitMessage } from '../../services/store/types.js';
import { renderAvatar } from '../avatar/avatar.js';
import { renderUploadProgress } from './upload-progress.js';
import { formatClock, messageText, previewText } from '../shared/format.js';

export interface MessageItemContext {
  users: Readonly<Record<string, UserProfile>>;
  locale: string;
  t: (key: string, options?: Record<string, unknown>) => string;
  retry(message: KitMessage): void;
  tap(message: KitMessage): void;
  /** The `customMessage` option of `imkit.init`. */
  custom?: CustomMessage;
}

/** Built-in types shown as a tappable media bubble (`tapMessage`). */
const MEDIA_TYPES: ReadonlySet<string> = new Set<string>([
  MessageType.IMAGE,
  MessageType.GIF,
  MessageType.FILE,
  MessageType.SIGHT,
  MessageType.HQ_VOICE,
  'RC:VcMsg',
  MessageType.RICH_CONTENT,
  MessageType.LOCATION,
  'RC:CombineMsg',
]);

const NOTICE_TYPES: ReadonlySet<string> = new Set([
  MessageType.INFORMATION_NOTIFICATION,
  MessageType.GROUP_NOTIFICATION,
  MessageType.RECALL_MESSAGE_NOTIFICATION,
]);

function renderBody(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const text = messageText(message);
  if (text) return html`<div class="bubble" part="bubble">${text}</div>`;
  const custom = renderCustomMessage(ctx.custom, 'userMessage', message);
  if (custom !== undefined) return html`<div class="bubble custom" part="bubble custom-bubble">${safeHtml(custom)}</div>`;
  // A type the kit cannot draw (a custom type with no renderer): a neutral line, never an empty bubble.
  if (!MEDIA_TYPES.has(message.messageType)) {
    return html`<div class="bubble unsupported" part="bubble">${ctx.t('messageType.unknown')}</div>`;
  }
  const content = (message.content ?? {}) as { content?: unknown; imageUri?: unknown };
  const thumbnail =
    message.messageType === MessageType.IMAGE && typeof content.content === 'string' && content.content
      ? safeImageUrl(content.content.startsWith('data:') ? content.content : `data:image/jpeg;base64,${content.content}`)
      : '';
  const label = previewText(message, ctx.t);
  return html`<div class="bubble" part="bubble">
    <button class="media" type="button" @click=${() => ctx.tap(message)}>
      ${thumbnail ? html`<img class="thumbnail" src=${thumbnail} alt=${label} />` : label}
    </button>
  </div>`;
}

function renderState(message: KitMessage, ctx: MessageItemContext): TemplateResult | typeof nothing {
  if (message.sendState === 'sending' && message.progress !== undefined) return renderUploadProgress(message, ctx.t);
  if (message.sendState === 'sending') {
    return html`<span class="spinner" aria-hidden="true"></span><span class="state">${ctx.t('messageList.sending')}</span>`;
  }
  if (message.sendState === 'failed') {
    return html`<span class="state">${ctx.t('messageList.failed')}</span>
      <button class="retry" part="retry-button" type="button" @click=${() => ctx.retry(message)}>${ctx.t('messageList.retry')}</button>`;
  }
  return nothing;
}

/** One message row: avatar and name for others, bubble, time and send state. */
export function renderMessage(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const notify = renderCustomMessage(ctx.custom, 'notifyMessage', message);
  if (notify !== undefined) return html`<div class="notice custom" part="notice">${safeHtml(notify)}</div>`;
  if (NOTICE_TYPES.has(message.messageType)) {
    const notice = (message.content as { message?: unknown } | null)?.message;
    return html`<div class="notice" part="notice">${typeof notice === 'string' && notice ? notice : previewText(message, ctx.t)}</div>`;
  }
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
      ${renderBody(message, ctx)}
      <div class="meta" part="meta">
        <time datetime=${new Date(Number(message.sentTime) || 0).toISOString()}>${formatClock(message.sentTime, ctx.locale)}</time>
        ${renderState(message, ctx)}
      </div>
    </div>
  </div>`;
}
