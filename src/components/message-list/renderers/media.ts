/**
 * Renderers of media messages: image, GIF, high-quality voice and short video. Every URL passes
 * `safeMediaUrl`; a message whose URL fails the check shows its label instead of a broken player.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { safeMediaUrl, thumbnailUrl } from '../../../services/media-url.js';
import type { KitMessage } from '../../../services/store/types.js';
import { previewText } from '../../shared/format.js';
import type { MessageItemContext } from '../message-item.js';

type Content = Record<string, unknown>;

function contentOf(message: KitMessage): Content {
  return message.content && typeof message.content === 'object' ? (message.content as Content) : {};
}

function seconds(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** `m:ss` for a duration in seconds. */
export function formatDuration(total: number): string {
  const s = Math.max(0, Math.round(total));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A tappable picture: clicking fires `tapMessage` (the app opens the full image). */
function tappableImage(message: KitMessage, ctx: MessageItemContext, src: string, extraClass = ''): TemplateResult {
  const label = previewText(message, ctx.t);
  return html`<div class="bubble media-bubble ${extraClass}" part="bubble">
    <button class="media" type="button" aria-label=${ctx.t('message.openImage')} @click=${() => ctx.tap(message)}>
      ${src ? html`<img class="thumbnail" src=${src} alt=${label} />` : label}
    </button>
  </div>`;
}

/** `RC:ImgMsg`: the base64 thumbnail (`content`); the full `imageUri` is the app's, through `tapMessage`. */
export function renderImage(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = contentOf(message);
  return tappableImage(message, ctx, thumbnailUrl(content.content) || safeMediaUrl(content.imageUri, 'image'), 'image');
}

/** `RC:GIFMsg`: the animation itself, sized by its width/height. */
export function renderGif(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  return tappableImage(message, ctx, safeMediaUrl(contentOf(message).remoteUrl, 'image'), 'gif');
}

/** `RC:HQVCMsg`: a native audio player and the duration. */
export function renderVoice(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = contentOf(message);
  const src = safeMediaUrl(content.remoteUrl);
  const duration = seconds(content.duration);
  return html`<div class="bubble voice" part="bubble">
    ${src
      ? html`<audio class="audio" part="audio" controls preload="none" src=${src} aria-label=${ctx.t('message.voice', { duration: formatDuration(duration) })}></audio>`
      : previewText(message, ctx.t)}
    ${duration ? html`<span class="duration">${formatDuration(duration)}</span>` : nothing}
  </div>`;
}

/** `RC:SightMsg`: a native video player with the thumbnail as poster. */
export function renderSight(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = contentOf(message);
  const src = safeMediaUrl(content.sightUrl);
  const poster = thumbnailUrl(content.content);
  const duration = seconds(content.duration);
  if (!src) return html`<div class="bubble" part="bubble">${previewText(message, ctx.t)}</div>`;
  return html`<div class="bubble video" part="bubble">
    <video class="video-player" part="video" controls preload="none" src=${src} poster=${poster || nothing} aria-label=${ctx.t('message.video', { duration: formatDuration(duration) })}></video>
    ${duration ? html`<span class="duration">${formatDuration(duration)}</span>` : nothing}
  </div>`;
}
