/** Renderers of text-like messages: `RC:TxtMsg` and the quote/reply `RC:ReferenceMsg`. Always text, never HTML. */
import { html, nothing, type TemplateResult } from 'lit';
import type { KitMessage } from '../../../services/store/index.js';
import { messageText, previewText } from '../../shared/format.js';
import { userDisplayName } from '../../shared/names.js';
import type { MessageItemContext } from '../message-item.js';
import { renderMentionedText } from './mentions.js';

/**
 * `RC:TxtMsg`: the text as typed (line breaks kept by CSS on the text run only), its links as safe anchors,
 * its @mentions highlighted.
 */
export function renderText(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  return html`<div class="bubble text" part="bubble"><span class="text-run">${renderMentionedText(messageText(message), message, ctx)}</span></div>`;
}

/** `RC:ReferenceMsg`: the quoted message (its sender and a one-line snippet), then the reply. */
export function renderReference(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = (message.content ?? {}) as { referMsgUserId?: unknown; referMsg?: unknown; objName?: unknown };
  const quotedType = typeof content.objName === 'string' ? content.objName : '';
  const quoted = content.referMsg && typeof content.referMsg === 'object' ? content.referMsg : {};
  const author =
    typeof content.referMsgUserId === 'string' && content.referMsgUserId
      ? userDisplayName(content.referMsgUserId, ctx.users)
      : '';
  const snippet = quotedType ? previewText({ messageType: quotedType, content: quoted }, ctx.t) : '';
  // No whitespace between the tags: the bubble would draw it.
  return html`<div class="bubble reference" part="bubble"><blockquote class="quote" part="quote">${
    author ? html`<span class="quote-author">${author}</span>` : nothing
  }<span class="quote-text">${snippet || ctx.t('messageType.unknown')}</span></blockquote><div class="reply text-run">${renderMentionedText(messageText(message), message, ctx)}</div></div>`;
}
