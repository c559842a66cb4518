/**
 * The send state of an own media message while it uploads: progress in percent and a cancel button.
 * Reads only `message.progress`; cancelling goes to the store's `uploads` module (`cancelUpload`, one of
 * the bubble helpers: this is part of the late module, and send-state.ts keeps its height until it arrives).
 */
import { html, type TemplateResult } from 'lit';
import type { KitMessage } from '../../services/store/index.js';
import { h } from './renderers/bubble-helpers.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Progress bar, percent and cancel button of an uploading message. */
export function renderUploadProgress(message: KitMessage, t: Translate): TemplateResult {
  const percent = Math.max(0, Math.min(100, Math.round(message.progress ?? 0)));
  const label = t('messageList.uploading', { percent });
  return html`<progress class="upload-progress" part="upload-progress" max="100" .value=${percent} aria-label=${label}
      style="inline-size:5em;block-size:0.5em"></progress>
    <span class="state upload-percent">${percent}%</span>
    <button class="cancel-upload" part="cancel-upload-button" type="button" aria-label=${t('messageList.cancelUpload')}
      title=${t('messageList.cancelUpload')} @click=${() => h.cancelUpload(message.messageId)}>×</button>`;
}
