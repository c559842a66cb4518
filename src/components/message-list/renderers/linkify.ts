/**
 * Finds links in a message's text without parsing it as HTML: `http(s)://` URLs, `www.` hosts (opened
 * as https), `mailto:` and bare e-mail addresses. Everything else, `javascript:` and `data:` included,
 * stays text. A link's text is exactly what the message says, so a reader sees where it goes; hosts
 * must be ASCII (no look-alike letters from other scripts, no user-info before an `@`).
 */
import { html, type TemplateResult } from 'lit';

/** A stretch of a message's text: plain, or a link with the `href` it opens. */
export type TextSegment = { readonly text: string; readonly href?: string };

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = `(?:${LABEL}\\.)+[a-z]{2,63}|(?:\\d{1,3}\\.){3}\\d{1,3}`;
const PATH_CHAR = "[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]";
const EMAIL = `[a-z0-9._%+-]{1,64}@${HOST}`;
/**
 * One candidate: a URL with a scheme, a `www.` host, a mailto: link or an e-mail address. The `(^|…)`
 * prefix keeps words such as `xhttp://` or `a.www.b` from matching in their middle.
 */
const CANDIDATE = new RegExp(
  `(^|[^A-Za-z0-9@._%+/-])(` +
    `https?://(?:${HOST})(?::\\d{1,5})?(?:[/?#]${PATH_CHAR}*)?` +
    `|www\\.(?:${HOST})(?::\\d{1,5})?(?:[/?#]${PATH_CHAR}*)?` +
    `|mailto:${EMAIL}` +
    `|${EMAIL}` +
    `)`,
  'gi',
);
/**
 * A Latin, Greek or Cyrillic letter, a digit or a mark right after a match: the address went on in
 * look-alike letters (`аpple.com` with a Cyrillic а). Chinese or Japanese text may follow a link directly.
 */
const CONTINUES =
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Cherokee}\p{N}\p{M}@_-]/u;
const TRAILING = /[.,:;!?'"*]$/;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const MAX_TEXT = 20_000;

/** Drops sentence punctuation and unbalanced closing brackets from the end of a match. */
function trimEnd(candidate: string): string {
  let end = candidate;
  for (;;) {
    const last = end.at(-1) ?? '';
    if (TRAILING.test(last)) {
      end = end.slice(0, -1);
      continue;
    }
    const opener = CLOSERS[last];
    if (opener && end.split(opener).length <= end.split(last).length - 1) {
      end = end.slice(0, -1);
      continue;
    }
    return end;
  }
}

/** The href of a matched link, or '' when the URL parser disagrees with what the text shows. */
function hrefOf(text: string): string {
  const lower = text.toLowerCase();
  const raw =
    lower.startsWith('http://') || lower.startsWith('https://') || lower.startsWith('mailto:')
      ? text
      : text.startsWith('www.') || lower.startsWith('www.')
        ? `https://${text}`
        : `mailto:${text}`;
  try {
    const url = new URL(raw);
    if (url.protocol === 'mailto:') return url.href;
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return '';
    return url.href;
  } catch {
    return '';
  }
}

/** Splits `text` into plain and link segments, in order; joined, their texts give back `text`. */
export function linkSegments(text: string): TextSegment[] {
  if (text.length > MAX_TEXT || !/[.:]/.test(text)) return [{ text }];
  const segments: TextSegment[] = [];
  let plainFrom = 0;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match; match = CANDIDATE.exec(text)) {
    const start = match.index + match[1]!.length;
    const candidate = trimEnd(match[2]!);
    const end = start + candidate.length;
    const href = CONTINUES.test(text.slice(start + match[2]!.length)) ? '' : hrefOf(candidate);
    if (!href || !candidate.includes('.')) continue;
    if (start > plainFrom) segments.push({ text: text.slice(plainFrom, start) });
    segments.push({ text: candidate, href });
    plainFrom = end;
    CANDIDATE.lastIndex = end;
  }
  if (plainFrom < text.length || segments.length === 0) segments.push({ text: text.slice(plainFrom) });
  return segments;
}

/** A message's text with its links as anchors that open in a new tab without a referrer or opener. */
export function renderLinkedText(text: string): Array<string | TemplateResult> {
  return linkSegments(text).map((s) =>
    s.href
      ? html`<a class="link" part="link" href=${s.href} target="_blank" rel="noopener noreferrer">${s.text}</a>`
      : s.text,
  );
}
