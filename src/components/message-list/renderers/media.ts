/**
 * Renderers of pictures: image and GIF. Every URL passes `safeMediaUrl`; a message whose URL fails
 * the check shows its label instead of a broken picture.
 */
import { html, type TemplateResult } from 'lit';
import { safeMediaUrl, thumbnailUrl } from '../../../services/media-url.js';
import type { KitMessage } from '../../../services/store/index.js';
import { previewText } from '../../shared/format.js';
import type { MessageItemContext } from '../message-item.js';
import { contentOf } from './content.js';
import { boxStyle, mediaBox, type MediaBox } from './media-size.js';

/**
 * A tappable picture in a box of its final size (so nothing moves when it loads): clicking fires
 * `tapMessage` (the app, or the kit's viewer, opens the full image).
 */
function tappableImage(
  message: KitMessage,
  ctx: MessageItemContext,
  src: string,
  box: MediaBox,
  kind: string,
): TemplateResult {
  const label = previewText(message, ctx.t);
  return html`<div class="bubble media-bubble ${kind}" part="bubble" style=${boxStyle(box)}><button
      class="media"
      type="button"
      aria-label=${ctx.t('message.openImage')}
      @click=${() => ctx.tap(message)}
    >${src ? html`<img class="thumbnail" src=${src} alt=${label} decoding="async" />` : html`<span class="media-label">${label}</span>`}</button></div>`;
}

/** `RC:ImgMsg`: the base64 thumbnail (`content`); the full `imageUri` is the app's, through `tapMessage`. */
export function renderImage(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = contentOf(message);
  const thumb = thumbnailUrl(content.content);
  const box = mediaBox(content.width, content.height, thumb);
  return tappableImage(message, ctx, thumb || safeMediaUrl(content.imageUri, 'image'), box, 'image');
}

/** `RC:GIFMsg`: the animation itself, sized by its width/height. */
export function renderGif(message: KitMessage, ctx: MessageItemContext): TemplateResult {
  const content = contentOf(message);
  return tappableImage(
    message,
    ctx,
    safeMediaUrl(content.remoteUrl, 'image'),
    mediaBox(content.width, content.height),
    'gif',
  );
}
