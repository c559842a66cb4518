/**
 * Renderers of card-like messages: file, location and rich content (a link preview). Names and
 * texts are rendered as text; the only link is an http(s) `url`, opened outside the app.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { safeMediaUrl, thumbnailUrl } from '../../../services/media-url.js';
import type { KitMessage } from '../../../services/store/types.js';
import { formatFileSize } from '../../shared/format.js';
import type { MessageItemContext } from '../message-item.js';

type Content = Record<string, unknown>;

function contentOf(message: KitMessage): Content {
  return message.content && typeof message.content === 'object' ? (message.content as Content) : {};
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

/** `RC:FileMsg`: type icon, name and size; clicking fires `tapMessage` (the app downloads or opens it). */
export function renderFile(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = contentOf(message);
  const name = text(content.name) || ctx.t('messageType.RC:FileMsg');
  const { kind, ext } = fileKind(name, text(content.type));
  const size = formatFileSize(content.size, ctx.locale);
  return html`<div class="bubble file-bubble" part="bubble">
    <button class="file" part="file" type="button" @click=${() => ctx.tap(message)}>
      <span class="file-icon" data-kind=${kind} aria-hidden="true">${ext.toUpperCase() || '?'}</span>
      <span class="file-text"><span class="file-name">${name}</span><span class="file-size">${size}</span></span>
    </button>
  </div>`;
}

function coordinate(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(5) : '–';
}

/** `RC:LBSMsg`: the map thumbnail, the place name and its coordinates; clicking fires `tapMessage`. */
export function renderLocation(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = contentOf(message);
  const poi = text(content.poi) || ctx.t('messageType.RC:LBSMsg');
  const thumb = thumbnailUrl(content.content);
  const coords = `${coordinate(content.latitude)}, ${coordinate(content.longitude)}`;
  return html`<div class="bubble location" part="bubble">
    <button class="card" type="button" @click=${() => ctx.tap(message)}>
      ${thumb ? html`<img class="thumbnail" src=${thumb} alt="" />` : nothing}
      <span class="card-title">${poi}</span>
      <span class="card-detail">${coords}</span>
    </button>
  </div>`;
}

/** `RC:ImgTextMsg`: title, text and picture; a link to `url` only when it is http(s). */
export function renderRichContent(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = contentOf(message);
  const title = text(content.title);
  const body = text(content.content);
  const image = safeMediaUrl(content.imageUri, 'image');
  const url = safeMediaUrl(content.url, 'link');
  const inner = html`${image ? html`<img class="thumbnail" src=${image} alt="" />` : nothing}
    <span class="card-title">${title || ctx.t('messageType.RC:ImgTextMsg')}</span>
    ${body ? html`<span class="card-detail">${body}</span>` : nothing}`;
  return html`<div class="bubble rich" part="bubble">
    ${url ? html`<a class="card" href=${url} target="_blank" rel="noopener noreferrer">${inner}</a>` : html`<div class="card">${inner}</div>`}
  </div>`;
}
