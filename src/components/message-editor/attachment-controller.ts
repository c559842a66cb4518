import { html, type ReactiveController, type TemplateResult } from 'lit';
import { parseConversationKey, sendFile, type UploadLimits } from '../../services/store/index.js';
import type { StoreHost } from '../shared/store-controller.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the attachment controller needs from the editor. */
export interface AttachmentHost extends StoreHost {
  /** Largest file in bytes the editor sends. */
  maxUploadBytes: number;
  /** MIME types never sent. */
  refusedTypes: readonly string[];
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/**
 * Images and files for the editor: the picker button (a hidden file input), drag and drop and
 * pasting images. Each file is checked against the limits first (a refusal is shown as `error`),
 * then sent by the store's `uploads` module, which shows it in the message list with progress.
 */
export class AttachmentController implements ReactiveController {
  readonly #host: AttachmentHost;
  readonly #t: Translate;
  /** The last refusal, shown under the input until the next attempt. */
  error = '';
  /** A file is dragged over the editor. */
  dragging = false;

  constructor(host: AttachmentHost, t: Translate) {
    this.#host = host;
    this.#t = t;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The picker button and its hidden file input. */
  renderButton(disabled: boolean): TemplateResult {
    return html`<button class="icon attach" part="attach-button" type="button" ?disabled=${disabled}
        aria-label=${this.#t('messageEditor.attach')} title=${this.#t('messageEditor.attach')}
        @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement | null)?.click()}>
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>
      </button>
      <input class="file-input" type="file" multiple hidden tabindex="-1" aria-hidden="true" @change=${this.#onPicked} />`;
  }

  /** Sends files to the open conversation; resolves when all are sent, failed or refused. */
  async send(files: Iterable<File>): Promise<void> {
    const store = this.#host.kitStore;
    const key = store?.state.selected;
    if (!store || !key) return;
    this.error = '';
    this.#host.requestUpdate();
    const limits: UploadLimits = { maxBytes: this.#host.maxUploadBytes, refusedTypes: this.#host.refusedTypes };
    const runs: Promise<unknown>[] = [];
    for (const file of files) {
      runs.push(
        sendFile(store, parseConversationKey(key), file, limits).then((result) => {
          if (!result.refused) return;
          this.error = this.#t(`messageEditor.refused.${result.refused}`, {
            name: file.name || 'file',
            max: formatBytes(limits.maxBytes ?? 0),
            type: file.type || '?',
          });
          this.#host.requestUpdate();
        }),
      );
    }
    await Promise.all(runs);
  }

  /** `dragover`/`dragenter` handler: accepts files. */
  onDragOver = (event: DragEvent): void => {
    if (!this.#host.kitStore?.state.selected || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    if (!this.dragging) {
      this.dragging = true;
      this.#host.requestUpdate();
    }
  };

  /** `dragleave` handler. */
  onDragLeave = (event: DragEvent): void => {
    const host = event.currentTarget as HTMLElement;
    if (event.relatedTarget instanceof Node && host.contains(event.relatedTarget)) return;
    this.dragging = false;
    this.#host.requestUpdate();
  };

  /** `drop` handler: sends the dropped files. */
  onDrop = (event: DragEvent): void => {
    this.dragging = false;
    this.#host.requestUpdate();
    const files = [...(event.dataTransfer?.files ?? [])];
    if (!files.length || !this.#host.kitStore?.state.selected) return;
    event.preventDefault();
    void this.send(files);
  };

  /** `paste` handler: pasted files (screenshots, copied images) are sent; text pastes as usual. */
  onPaste = (event: ClipboardEvent): void => {
    const files = [...(event.clipboardData?.items ?? [])]
      .filter((item) => item.kind === 'file')
      .map((item) => item.getAsFile())
      .filter((f): f is File => !!f);
    if (!files.length) return;
    event.preventDefault();
    void this.send(files);
  };

  #onPicked = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) void this.send(files);
  };
}
