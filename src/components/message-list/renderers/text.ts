/** Renderers of text-like messages: `RC:TxtMsg` and the quote/reply `RC:ReferenceMsg`. Always text, never HTML. */
import { html, nothing, type TemplateResult } from 'lit';
import type { KitMessage } from '../../../services/store/index.js';
import { messageText, previewText } from '../../shared/format.js';
import { userDisplayName } from '../../shared/names.js';
import type { MessageItemContext } from '../message-item.js';
import { loadRareBubbles, rareBubbles } from './late-bubbles.js';

/**
 * Something linkify.ts could turn into a link (`http(s)://`, `www.`, `mailto:` and e-mail addresses all
 * match): text without it is drawn the same before and after the late module arrives.
 */
const LINK_LIKE = /https?:\/\/|www\.|@/i;

/**
 * The text with its links and @mentions drawn (mentions.ts, linkify.ts), which come with the late bubbles'
 * module; until it arrives the text is drawn plain and a text that needs them asks for it.
 */
function decoratedText(message: KitMessage, ctx: MessageItemContext): Array<string | TemplateResult> | string {
  const text = messageText(message);
  const late = rareBubbles();
  if (late) return late.renderMentionedText(text, message, ctx);
  const content = message.content as { mentionedInfo?: unknown } | undefined;
  if (content?.mentionedInfo || LINK_LIKE.test(text)) void (ctx.loadRareBubbles ?? loadRareBubbles)();
  return text;
}

/**
 * `RC:TxtMsg`: the text as typed (line breaks kept by CSS on the text run only), its links as safe anchors,
 * its @mentions highlighted.
 */
export function renderText(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  return html`<div class="bubble text" part="bubble"><span class="text-run">${decoratedText(message, ctx)}</span></div>`;
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
  }<span class="quote-text">${snippet || ctx.t('messageType.unknown')}</span></blockquote><div class="reply text-run">${decoratedText(message, ctx)}</div></div>`;
}
