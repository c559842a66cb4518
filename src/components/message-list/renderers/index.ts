/**
 * The built-in message renderers, one module per family (text, pictures; voice, video and cards load
 * later, see late-bubbles.ts). `renderBuiltInBody` picks the renderer for a message type; notices (`RC:RcNtf`, `RC:InfoNtf`, `RC:GrpNtf`) are rows of
 * their own, drawn by `renderNotice`.
 */
import { html, type TemplateResult } from 'lit';
import { MessageType } from '../../../protocol/constants.js';
import type { KitMessage } from '../../../services/store/index.js';
import { noticeText } from '../../shared/format.js';
import type { MessageItemContext } from '../message-item.js';
import { loadRareBubbles, RARE_TYPES, rareBubbles, renderPlaceholder } from './late-bubbles.js';
import { renderGif, renderImage } from './media.js';
import { renderReference, renderText } from './text.js';

/** Draws the bubble of one message type. */
export type BodyRenderer = (message: KitMessage, ctx: MessageItemContext) => TemplateResult;

const BODY_RENDERERS: Readonly<Record<string, BodyRenderer>> = {
  [MessageType.TEXT]: renderText,
  [MessageType.REFERENCE]: renderReference,
  [MessageType.IMAGE]: renderImage,
  [MessageType.GIF]: renderGif,
};

/** Types drawn as a centred notice row instead of a bubble. */
export const NOTICE_TYPES: ReadonlySet<string> = new Set([
  MessageType.INFORMATION_NOTIFICATION,
  MessageType.GROUP_NOTIFICATION,
  MessageType.RECALL_MESSAGE_NOTIFICATION,
]);

/** Types never shown in the list (commands are for the app, not the reader). */
export const HIDDEN_TYPES: ReadonlySet<string> = new Set([MessageType.COMMAND, MessageType.TYPING_STATUS]);

/** The bubble of a built-in type, or `undefined` when the kit has no renderer for it. */
export function renderBuiltInBody(message: KitMessage, ctx: MessageItemContext): TemplateResult | undefined {
  const type = message.messageType;
  const body = BODY_RENDERERS[type];
  if (body) return body(message, ctx);
  if (!RARE_TYPES.has(type)) return undefined;
  const rare = rareBubbles()?.RARE_RENDERERS[type];
  if (rare) return rare(message, ctx);
  void (ctx.loadRareBubbles ?? loadRareBubbles)();
  return renderPlaceholder(message);
}

/** A centred notice row: "You recalled a message", "X recalled a message", a tip bar, a group notice. */
export function renderNotice(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const viewer = { userId: ctx.userId, nameOf: (id: string) => ctx.nameOf(id) };
  const kind = message.messageType === MessageType.RECALL_MESSAGE_NOTIFICATION ? 'recall' : 'info';
  return html`<div class="notice" part="notice" data-kind=${kind} data-message-uid=${message.messageUId}>${noticeText(message, ctx.t, viewer)}</div>`;
}
