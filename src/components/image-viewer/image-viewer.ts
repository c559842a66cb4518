/**
 * The kit's default image viewer (what tapping an image message opens unless the app calls
 * `preventDefault()` on `tapMessage`): a modal `<dialog>` on the top layer, labelled for screen
 * readers, showing the picture zoomed to fit the viewport with its aspect ratio kept, and a Close
 * button. Escape, Close or a press beside the picture close it; focus then returns to the message.
 * Loaded on first use (`MessageTapDefaults` imports it dynamically).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { OverlayController } from '../shared/overlay-controller.js';
import '../../i18n/features/image-viewer.js';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One picture to show. */
export interface ViewedImage {
  /** A URL already checked by `safeMediaUrl`. */
  src: string;
  /** The picture's text alternative. */
  alt: string;
  /** Where focus goes when the viewer closes (the tapped message). */
  returnTo: HTMLElement;
}

/** Opens, renders and closes its host's image viewer. */
export class ImageViewerController implements ReactiveController {
  readonly #host: Host;
  readonly #overlay: OverlayController;
  #image: ViewedImage | null = null;
  /** Width / height once the picture has loaded: the CSS fits it into the viewport from that. */
  #ratio = 0;
  /** The picture's own width in CSS pixels: small pictures grow at most twice, so they never turn to mush. */
  #naturalWidth = 0;
  #failed = false;

  constructor(host: Host) {
    this.#host = host;
    this.#overlay = new OverlayController(host, {
      modal: true,
      element: () => host.renderRoot.querySelector<HTMLElement>('dialog.image-viewer'),
      onDismiss: () => this.close(),
      initialFocus: (dialog) => dialog.querySelector<HTMLElement>('.image-viewer-close'),
    });
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.#image !== null;
  }

  open(image: ViewedImage): void {
    this.#image = image;
    this.#ratio = 0;
    this.#failed = false;
    this.#overlay.open({ element: image.returnTo });
  }

  /** Closes the viewer; focus returns to the message. */
  close(): void {
    if (!this.#image) return;
    this.#image = null;
    this.#overlay.close();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#image = null;
  }

  /** The viewer's template; render it in the host's template. */
  render(t: Translate): TemplateResult | typeof nothing {
    const image = this.#image;
    if (!image) return nothing;
    // A number the kit computed, never text from the message.
    const fit = this.#ratio
      ? `--image-viewer-ratio: ${this.#ratio.toFixed(4)}; --image-viewer-max-width: ${this.#naturalWidth * 2}px`
      : nothing;
    return html`<dialog class="image-viewer" part="image-viewer" aria-label=${t('message.imageViewer')} @click=${this.#onClick}>
      <button type="button" class="image-viewer-close" part="image-viewer-close" aria-label=${t('message.closeImage')}>
        <span aria-hidden="true">✕</span>
      </button>
      ${
        this.#failed
          ? html`<p class="image-viewer-error" role="alert">${t('message.imageFailed')}</p>`
          : html`<img class="image-viewer-image ${this.#ratio ? 'fitted' : ''}" part="image-viewer-image" src=${image.src} alt=${image.alt}
            style=${fit} @load=${this.#onLoad} @error=${this.#onError} />`
      }
    </dialog>`;
  }

  /** Close, or a press beside the picture, closes. */
  #onClick = (event: MouseEvent): void => {
    const target = event.target as HTMLElement;
    if (target.closest('.image-viewer-close') || target.classList.contains('image-viewer')) this.close();
  };

  #onLoad = (event: Event): void => {
    const img = event.target as HTMLImageElement;
    if (!img.naturalWidth || !img.naturalHeight) return;
    this.#ratio = img.naturalWidth / img.naturalHeight;
    this.#naturalWidth = img.naturalWidth;
    this.#host.requestUpdate();
  };

  #onError = (): void => {
    this.#failed = true;
    this.#host.requestUpdate();
  };
}

/** Styles of the viewer; adopted by the host when the module loads. */
export const imageViewerStyles = css`
  .image-viewer {
    box-sizing: border-box;
    width: 100vw;
    height: 100vh;
    max-width: none;
    max-height: none;
    margin: 0;
    padding: 3em 1em 1em;
    border: 0;
    color: #fff;
    background: rgb(0 0 0 / 0.88);
  }
  .image-viewer[open] {
    display: flex;
    align-items: center;
    justify-content: center;
  }
  .image-viewer::backdrop {
    background: transparent;
  }
  .image-viewer-image {
    display: block;
    max-width: 100%;
    max-height: 100%;
    object-fit: contain;
  }
  /* Once the ratio is known the picture grows (or shrinks) to the largest size that fits. */
  .image-viewer-image.fitted {
    width: min(100%, calc((100vh - 4em) * var(--image-viewer-ratio)), var(--image-viewer-max-width, 100%));
    height: auto;
    aspect-ratio: var(--image-viewer-ratio);
  }
  .image-viewer-close {
    position: absolute;
    inset-block-start: 0.5em;
    inset-inline-end: 0.5em;
    width: 2.25em;
    height: 2.25em;
    font: inherit;
    font-size: 1.125em;
    color: #fff;
    background: rgb(255 255 255 / 0.16);
    border: 0;
    border-radius: 50%;
    cursor: pointer;
  }
  .image-viewer-close:hover {
    background: rgb(255 255 255 / 0.28);
  }
  .image-viewer-close:focus-visible {
    outline: 0.125em solid #fff;
    outline-offset: 0.125em;
  }
  .image-viewer-error {
    margin: 0;
  }
`;
