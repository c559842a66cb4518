/**
 * What tapping a message does when the app does not call `preventDefault()` on the cancelable
 * `tapMessage` event: an image (or GIF) opens in the kit's image viewer, a file downloads. Only URLs
 * `safeMediaUrl` accepts are used: http(s) and the server's own `/media/...` paths.
 */
import { nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { MessageType } from '../../protocol/constants.js';
import { safeMediaUrl, thumbnailUrl } from '../../services/media-url.js';
import type { KitMessage } from '../../services/store/index.js';
import type { ImageViewerController } from '../image-viewer/image-viewer.js';
import { LazyPart } from '../shared/lazy-part.js';
import { previewText } from '../shared/format.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
type Translate = (key: string, options?: Record<string, unknown>) => string;
type Content = Record<string, unknown>;

function contentOf(message: KitMessage): Content {
  return message.content && typeof message.content === 'object' ? (message.content as Content) : {};
}

/** The full picture of an image or GIF message (the thumbnail when there is no full one), or ''. */
export function fullImageUrl(message: KitMessage): string {
  const content = contentOf(message);
  if (message.messageType === MessageType.GIF) return safeMediaUrl(content.remoteUrl, 'image');
  if (message.messageType !== MessageType.IMAGE) return '';
  return safeMediaUrl(content.imageUri, 'image') || thumbnailUrl(content.content);
}

/** The download URL of a file message (http(s) or a same-origin `/media/` path), or ''. */
export function fileDownloadUrl(message: KitMessage): string {
  return message.messageType === MessageType.FILE ? safeMediaUrl(contentOf(message).fileUrl, 'media') : '';
}

/** Runs the default of a tap and renders the image viewer once it has been loaded. */
export class MessageTapDefaults {
  readonly #host: Host;
  readonly #t: Translate;
  readonly #viewer: LazyPart<ImageViewerController>;

  constructor(host: Host, t: Translate) {
    this.#host = host;
    this.#t = t;
    this.#viewer = new LazyPart(host, async () => {
      const module = await import('../image-viewer/image-viewer.js');
      return { part: new module.ImageViewerController(host), styles: module.imageViewerStyles };
    });
  }

  /** Opens the viewer or starts the download for `message`; `returnTo` gets focus back after the viewer. */
  run(message: KitMessage, returnTo: HTMLElement): void {
    const image = fullImageUrl(message);
    if (image) {
      const alt = previewText(message, this.#t);
      void this.#viewer.get().then((viewer) => viewer.open({ src: image, alt, returnTo }));
      return;
    }
    const file = fileDownloadUrl(message);
    if (file) this.#download(file, String(contentOf(message).name ?? ''));
  }

  /** The viewer's template (nothing until an image was tapped). */
  render(): TemplateResult | typeof nothing {
    return this.#viewer.current?.render(this.#t) ?? nothing;
  }

  /**
   * A temporary `<a download>` in the host's shadow root, clicked once: same-origin files download
   * under their name; a cross-origin URL opens in a new tab (browsers ignore `download` there).
   */
  #download(href: string, name: string): void {
    const link = document.createElement('a');
    link.href = href;
    // eslint-disable-next-line no-control-regex -- control characters are what this strips
    link.download = name.replace(/[\\/\u0000-\u001f]/g, '_');
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.hidden = true;
    this.#host.renderRoot.append(link);
    link.click();
    link.remove();
  }
}
