/**
 * Renderers of card-like messages: file, location and rich content (a link preview), loaded with
 * the other less common bubbles (rare-bubbles.ts). Names and texts are rendered as text; the only
 * link is an http(s) `url`, opened outside the app.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { KitMessage } from '../../../services/store/index.js';
import type { MessageItemContext } from '../message-item.js';
import { h } from './bubble-helpers.js';

/** A file size for people: `512 B`, `1.5 KB`, `12 MB` (1024-based, one decimal below 10). */
export function formatFileSize(bytes: unknown, locale: string): string {
  const size = typeof bytes === 'number' && Number.isFinite(bytes) && bytes >= 0 ? bytes : 0;
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

const FILE_KINDS: Record<string, readonly string[]> = {
  pdf: ['pdf'],
  doc: ['doc', 'docx', 'odt', 'rtf', 'pages'],
  sheet: ['xls', 'xlsx', 'csv', 'ods', 'numbers'],
  slides: ['ppt', 'pptx', 'odp', 'key'],
  archive: ['zip', 'rar', '7z', 'tar', 'gz', 'bz2', 'xz'],
  image: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'heic', 'svg'],
  audio: ['mp3', 'wav', 'aac', 'm4a', 'ogg', 'flac', 'amr'],
  video: ['mp4', 'mov', 'webm', 'mkv', 'avi'],
  text: ['txt', 'md', 'log', 'json', 'xml'],
};

/** The icon family of a file name or type (`pdf`, `doc`, `sheet`, ..., `other`) and its extension. */
export function fileKind(name: string, type = ''): { kind: string; ext: string } {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? '';
  const ext = (fromName || type.replace(/^\./, '')).toLowerCase().slice(0, 8);
  for (const [kind, list] of Object.entries(FILE_KINDS)) if (list.includes(ext)) return { kind, ext };
  return { kind: 'other', ext };
}

/** A file name cut before its last characters, so an ellipsis in the middle keeps the extension in view. */
function nameParts(name: string): [string, string] {
  const chars = [...name];
  const tail = Math.min(chars.length, Math.max(6, (/\.[^.]{1,8}$/.exec(name)?.[0].length ?? 0) + 4));
  return [chars.slice(0, chars.length - tail).join(''), chars.slice(chars.length - tail).join('')];
}

/** `RC:FileMsg`: type icon, name (cut in the middle) and size; clicking fires `tapMessage`. */
export function renderFile(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = h.contentOf(message);
  const name = text(content.name) || ctx.t('messageType.RC:FileMsg');
  const { kind, ext } = fileKind(name, text(content.type));
  const size = formatFileSize(content.size, ctx.locale);
  const [head, tail] = nameParts(name);
  return html`<div class="bubble file-bubble" part="bubble"><button class="file" part="file" type="button" title=${name} @click=${() => ctx.tap(message)}><span
        class="file-icon"
        data-kind=${kind}
        aria-hidden="true"
      >${ext.toUpperCase().slice(0, 4) || '?'}</span><span class="file-text"><span class="file-name"><span class="file-name-head">${head}</span><span
            class="file-name-tail"
          >${tail}</span></span><span class="file-size">${size}</span></span></button></div>`;
}

function coordinate(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(5) : '–';
}

/** `RC:LBSMsg`: the map thumbnail in a box of its proportions, the place name and its coordinates; clicking fires `tapMessage`. */
export function renderLocation(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = h.contentOf(message);
  const poi = text(content.poi) || ctx.t('messageType.RC:LBSMsg');
  const thumb = h.thumbnailUrl(content.content);
  const coords = `${coordinate(content.latitude)}, ${coordinate(content.longitude)}`;
  return html`<div class="bubble card-bubble location" part="bubble"><button class="card" type="button" @click=${() => ctx.tap(message)}>${
    thumb
      ? html`<span class="card-picture" style="aspect-ratio:${h.mediaBox(0, 0, thumb).ratio}"><img src=${thumb} alt="" decoding="async" /></span>`
      : nothing
  }<span class="card-body"><span class="card-title">${poi}</span><span class="card-detail">${coords}</span></span></button></div>`;
}

/** `RC:ImgTextMsg`: picture, title and summary; a link to `url` only when it is http(s). */
export function renderRichContent(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = h.contentOf(message);
  const title = text(content.title);
  const body = text(content.content);
  const image = h.safeMediaUrl(content.imageUri, 'image');
  const url = h.safeMediaUrl(content.url, 'link');
  const inner = html`${
    image
      ? html`<span class="card-picture wide"><img src=${image} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" /></span>`
      : nothing
  }<span class="card-body"><span class="card-title">${title || ctx.t('messageType.RC:ImgTextMsg')}</span>${
    body ? html`<span class="card-detail">${body}</span>` : nothing
  }</span>`;
  return html`<div class="bubble card-bubble rich" part="bubble">${
    url
      ? html`<a class="card" href=${url} target="_blank" rel="noopener noreferrer">${inner}</a>`
      : html`<div class="card">${inner}</div>`
  }</div>`;
}
