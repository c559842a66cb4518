/**
 * The send state under an own message: "Sending" with a spinner, and from the late module an upload's
 * progress (`upload-progress.ts`) and what it says of a waiting, dropped or failed message (`send-trouble.ts`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { KitMessage } from '../../services/store/index.js';
import { loadRareBubbles, rareBubbles } from './renderers/late-bubbles.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface SendStateActions {
  t: Translate;
  retry(message: KitMessage): void;
  /** Deletes an unsent message (from the list and the kept unsent messages). */
  discard?(message: KitMessage): void;
  /** Asks for the late module (the message list's own loader, which draws again when it arrives). */
  loadRareBubbles?(): Promise<unknown>;
}

/**
 * The height the late module's send state will take, kept while it loads: a failed message's line holds
 * its Retry and Delete buttons (a text line, their padding and border: `.retry` in send-trouble.ts),
 * a waiting one its clock (send-trouble.ts), a dropped one a line of text.
 */
function troubleHeight(message: KitMessage): string {
  if (message.sendState === 'failed') return 'calc(1lh + 0.375em)';
  return message.sendState === 'waiting' ? 'max(1lh, 1.125em)' : '1lh';
}

export function renderSendState(message: KitMessage, actions: SendStateActions): TemplateResult | typeof nothing {
  const { t } = actions;
  const uploading = message.sendState === 'sending' && message.progress !== undefined;
  if (message.sendState === 'sending' && !uploading) {
    return html`<span class="spinner" aria-hidden="true"></span><span class="state">${t('messageList.sending')}</span>`;
  }
  const fromLateModule =
    uploading ||
    message.sendState === 'waiting' ||
    message.sendState === 'failed' ||
    (message.sendState === 'sent' && message.dropped);
  if (!fromLateModule) return nothing;
  const late = rareBubbles();
  if (late) return uploading ? late.renderUploadProgress(message, t) : late.renderSendTrouble(message, actions);
  void (actions.loadRareBubbles ?? loadRareBubbles)();
  return sendTroublePlaceholder(message);
}

/** The empty state drawn for an uploading, waiting, dropped or failed message until the late module arrives. */
export function sendTroublePlaceholder(message: KitMessage): TemplateResult {
  // The cancel button keeps the browser's own button look: an unseen one holds its height.
  if (message.sendState === 'sending')
    return html`<span class="state" aria-busy="true"></span><button type="button" tabindex="-1" aria-hidden="true" style="visibility:hidden">×</button>`;
  return html`<span class="state" aria-busy="true" style="block-size:${troubleHeight(message)}"></span>`;
}
