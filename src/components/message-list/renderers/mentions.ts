/**
 * @mentions in a text bubble: the "@Name" of every user in the message's `mentionedInfo.userIdList`, and
 * "@all" when its type is `ALL`, drawn as highlighted text for everyone who sees the message. The text
 * stays what the sender sent; the highlight comes from `mentionedInfo`, never from the text alone, so an
 * "@" typed by hand does not light up. A mention of the viewer (their name, or @all) stands out more.
 * Part of the late module (rare-bubbles.ts): it takes the editor's @all text from the bubble helpers.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { MentionedType } from '../../../protocol/constants.js';
import type { KitMessage } from '../../../services/store/index.js';
import type { MessageItemContext } from '../message-item.js';
import { h } from './bubble-helpers.js';
import { renderLinkedText } from './linkify.js';

/** The labels earlier versions wrote for @all in the sender's language, still recognised. */
const LEGACY_ALL_LABELS = ['所有人', '全員'];

interface Mention {
  /** The name after the "@". */
  readonly name: string;
  /** Mentions everyone. */
  readonly all: boolean;
  /** Mentions the viewer (by name, or as one of everyone). */
  readonly me: boolean;
}

/** The mentions a message's `mentionedInfo` declares, with the names the viewer's kit knows them by. */
function mentionsOf(message: KitMessage, ctx: MessageItemContext): Mention[] {
  const info = (message.content as { mentionedInfo?: { type?: unknown; userIdList?: unknown } } | undefined)
    ?.mentionedInfo;
  if (!info || typeof info !== 'object') return [];
  const found: Mention[] = [];
  if (info.type === MentionedType.ALL) {
    for (const name of [h.mentionAllText, ...LEGACY_ALL_LABELS]) found.push({ name, all: true, me: true });
  }
  const ids = Array.isArray(info.userIdList)
    ? info.userIdList.filter((id): id is string => typeof id === 'string')
    : [];
  for (const id of ids) {
    const me = id === ctx.userId;
    for (const name of new Set([ctx.nameOf(id), id])) if (name) found.push({ name, all: false, me });
  }
  // Longest first, so "@Ann Lee" wins over "@Ann".
  return found.sort((a, b) => b.name.length - a.name.length);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text with its links as anchors and its mentions highlighted (`part="mention"`, also
 * `mention-me` when the viewer is mentioned).
 */
export function renderMentionedText(
  text: string,
  message: KitMessage,
  ctx: MessageItemContext,
): Array<string | TemplateResult> {
  const mentions = mentionsOf(message, ctx);
  if (!mentions.length) return renderLinkedText(text);
  // "@" at the start or after a non-word character (not inside an e-mail address); an ASCII name must
  // end at a word boundary ("@all" but not "@alloy").
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_.@])@(${mentions.map((m) => escape(m.name) + (/\w$/.test(m.name) ? '(?!\\w)' : '')).join('|')})`,
    'gu',
  );
  const out: Array<string | TemplateResult> = [];
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const mention = mentions.find((m) => m.name === match[1])!;
    out.push(...renderLinkedText(text.slice(from, match.index)));
    out.push(
      html`<span class="mention ${mention.me ? 'mention-me' : ''}" part=${mention.me ? 'mention mention-me' : 'mention'} title=${mention.all ? ctx.t('message.mentionAll') : nothing}>${match[0]}</span>`,
    );
    from = match.index + match[0].length;
  }
  out.push(...renderLinkedText(text.slice(from)));
  return out;
}
