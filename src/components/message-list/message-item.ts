/**
 * Renders one message of the message list. Text is always rendered as text; HTML from the app's
 * custom-message renderers only through `safeHtml`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { MessageDirection } from '../../protocol/constants.js';
import { renderCustomMessage, type CustomMessage } from '../../services/custom-message.js';
import { safeHtml } from '../shared/safe-html.js';
import type { UserProfile } from '../../services/profile/types.js';
import type { KitMessage } from '../../services/store/index.js';
import { renderAvatar } from '../avatar/avatar.js';
import { formatClock, previewText } from '../shared/format.js';
import { isMemberNotice, renderMemberNotice } from './chatroom-header.js';
import { HIDDEN_TYPES, NOTICE_TYPES, renderBuiltInBody, renderNotice } from './renderers/index.js';
import { renderSendState } from './send-state.js';
import type { Placement } from './grouping.js';

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
  /** Whether others' names show above their runs: false in one-to-one chats, where the header names the peer. */
  showNames?: boolean;
  /** The `customMessage` option of `imkit.init`. */
  custom?: CustomMessage;
  /** The read state of an own message ("Read", "N read"), drawn in the meta line. */
  receipt?(message: KitMessage): TemplateResult | typeof nothing;
  /** Fetches the less common bubbles (late-bubbles.ts) and redraws with them; a placeholder shows meanwhile. */
  loadRareBubbles?(): Promise<unknown>;
  /** The reactions row under the bubble. */
  reactions?(message: KitMessage): TemplateResult | typeof nothing;
}

/** Types without a built-in renderer still shown as a tappable label (`tapMessage`). */
const TAPPABLE_TYPES: ReadonlySet<string> = new Set<string>(['RC:CombineMsg']);

function renderBody(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const builtIn = renderBuiltInBody(message, ctx);
  if (builtIn) return builtIn;
  const custom = renderCustomMessage(ctx.custom, 'userMessage', message);
  if (custom !== undefined)
    return html`<div class="bubble custom" part="bubble custom-bubble">${safeHtml(custom)}</div>`;
  if (TAPPABLE_TYPES.has(message.messageType)) {
    return html`<div class="bubble" part="bubble"><button class="media-text" type="button" @click=${() => ctx.tap(message)}>${previewText(message, ctx.t)}</button></div>`;
  }
  // A type the kit cannot draw (a custom type with no renderer): a neutral line, never an empty bubble.
  return html`<div class="bubble unsupported" part="bubble">${ctx.t('messageType.unknown')}</div>`;
}

/** A message with nothing around it: the start and end of its own run. */
const ALONE: Pick<Placement, 'runStart' | 'runEnd'> = { runStart: true, runEnd: true };

/** The time of a message: in the meta line at the end of a run, else beside the bubble on hover or focus. */
function renderTime(message: KitMessage, ctx: MessageItemContext, className: string): TemplateResult {
  return html`<time class=${className} datetime=${new Date(Number(message.sentTime) || 0).toISOString()}>${formatClock(message.sentTime, ctx.locale)}</time>`;
}

/**
 * One message row. A run of one sender's messages (see `placeMessage`) shows the avatar and, in
 * groups, the name on its first message, and the time under its last; the messages between show their
 * time beside the bubble on hover or focus. Screen readers hear the sender and the time on every message.
 */
export function renderMessage(
  message: KitMessage,
  ctx: MessageItemContext,
  place: Pick<Placement, 'runStart' | 'runEnd'> = ALONE,
): TemplateResult | typeof nothing {
  if (isMemberNotice(message)) return renderMemberNotice(message, ctx.users, ctx.t);
  const notify = renderCustomMessage(ctx.custom, 'notifyMessage', message);
  if (notify !== undefined) return html`<div class="notice custom" part="notice">${safeHtml(notify)}</div>`;
  if (HIDDEN_TYPES.has(message.messageType)) return nothing;
  if (NOTICE_TYPES.has(message.messageType)) return renderNotice(message, ctx);
  const own = message.messageDirection === MessageDirection.SEND;
  const sender = ctx.users[message.senderUserId];
  // In a chatroom the sender's room profile (seeds 003) comes first; the avatar only from http(s).
  const name = message.fromNick || sender?.name || message.senderUserId;
  const portraitUri =
    message.fromAvatar && /^https?:\/\//i.test(message.fromAvatar) ? message.fromAvatar : sender?.portraitUri;
  const showName = !own && place.runStart && ctx.showNames !== false;
  const state = renderSendState(message, ctx);
  // Once per run, under its last bubble (as IMKit shows it): a private read time covers the messages above,
  // and a group member who read the newest message of a run read the ones before it too.
  const receipt = place.runEnd ? (ctx.receipt?.(message) ?? nothing) : nothing;
  const meta = place.runEnd || state !== nothing || receipt !== nothing;
  const run = `${place.runStart ? 'run-start' : ''} ${place.runEnd ? 'run-end' : ''}`;
  return html`<div
    class="message ${own ? 'own' : ''} ${run} ${message.sendState}"
    part="message ${own ? 'own-message' : ''}"
    data-send-state=${message.sendState}
    data-message-id=${message.messageId}
    data-sender=${message.senderUserId}
    tabindex="-1"
  >${
    own
      ? nothing
      : place.runStart
        ? renderAvatar({ id: message.senderUserId, name, portraitUri })
        : html`<span class="avatar-gap" aria-hidden="true"></span>`
  }<div class="content">${
    showName
      ? html`<div class="sender" part="sender" title=${name}>${name}</div>`
      : html`<span class="visually-hidden sender-label">${own ? ctx.t('messageList.you') : name}</span>`
  }<div class="bubble-line">${renderBody(
    message,
    ctx,
  )}${place.runEnd ? nothing : renderTime(message, ctx, 'hover-time')}</div>${ctx.reactions?.(message) ?? nothing}${
    meta
      ? html`<div class="meta" part="meta">${place.runEnd ? renderTime(message, ctx, 'time') : nothing}${state}${receipt}</div>`
      : nothing
  }</div></div>`;
}
