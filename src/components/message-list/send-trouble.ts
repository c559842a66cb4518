/**
 * What the send state says when a message is not on its way: "Waiting for connection" while the outgoing
 * queue holds it offline, for a failed message why (when the server said) with Retry and Delete, and for a
 * chatroom message the server dropped under load that it was not delivered. Part of the late module
 * (renderers/rare-bubbles.ts): until it arrives, send-state.ts keeps the line's height with an empty state.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { ErrorCode } from '../../protocol/constants.js';
import type { KitMessage } from '../../services/store/index.js';
import type { SendStateActions } from './send-state.js';

type Translate = SendStateActions['t'];

/** Refusal codes with a sentence of their own; others show the code. */
const REASONS: Readonly<Record<number, string>> = {
  [ErrorCode.NOT_IN_GROUP]: 'outbox.notInGroup',
  [ErrorCode.FORBIDDEN_IN_GROUP]: 'outbox.forbidden',
  [ErrorCode.FORBIDDEN_IN_PRIVATE]: 'outbox.forbidden',
  [ErrorCode.REJECTED_BY_BLACKLIST]: 'outbox.blacklisted',
  [ErrorCode.SENSITIVE_SHIELD]: 'outbox.sensitiveWord',
  [ErrorCode.NOT_IN_CHATROOM]: 'outbox.notInChatroom',
  [ErrorCode.FORBIDDEN_IN_CHATROOM]: 'outbox.forbidden',
  [ErrorCode.RC_MSG_CONTENT_EXCEED_LIMIT]: 'outbox.tooLarge',
  [ErrorCode.UPLOAD_FAIL]: 'outbox.uploadFailed',
};

/** "Not sent", or why: "Not sent: you are not in this group", "Not sent (error 20604)". */
export function failedText(message: KitMessage, t: Translate): string {
  const code = message.failCode;
  if (!code) return t('messageList.failed');
  const reason = REASONS[code];
  return reason ? t(reason) : t('outbox.failedCode', { code });
}

/** The send state of a waiting, dropped or failed message (see `isSendTrouble`). */
export function renderSendTrouble(message: KitMessage, actions: SendStateActions): TemplateResult | typeof nothing {
  const { t } = actions;
  if (message.sendState === 'waiting') {
    return html`<span class="waiting-icon" aria-hidden="true"></span><span class="state" part="waiting">${t('outbox.waiting')}</span>`;
  }
  if (message.sendState === 'sent' && message.dropped) {
    // Accepted but shed under load: no retry (a resend is the same message, and the room is busy).
    return html`<span class="state dropped" part="dropped">${t('outbox.dropped')}</span>`;
  }
  if (message.sendState === 'failed') {
    return html`<span class="state">${failedText(message, t)}</span>
      <button class="retry" part="retry-button" type="button" @click=${() => actions.retry(message)}>${t('messageList.retry')}</button>
      ${
        actions.discard
          ? html`<button class="retry discard" part="discard-button" type="button" @click=${() => actions.discard!(message)}>${t('outbox.delete')}</button>`
          : nothing
      }`;
  }
  return nothing;
}

/** Styles of the waiting clock, a failed message's reason and its Retry and Delete buttons. */
export const sendTroubleStyles = css`
  .failed .meta .state {
    color: var(--parley-color-danger, var(--_danger));
  }
  /* Whole buttons: a long refusal reason wraps beside them instead (Japanese would split 再送 in two). */
  .retry {
    flex: none;
    white-space: nowrap;
    font: inherit;
    padding: 0.125em 0.625em;
    border-radius: 1em;
    border: 0.0625em solid currentColor;
    background: transparent;
    color: var(--parley-color-danger, var(--_danger));
    cursor: pointer;
  }
  .waiting-icon {
    inline-size: 0.875em;
    block-size: 0.875em;
    border: 0.125em solid currentColor;
    border-radius: 50%;
    position: relative;
    flex: none;
  }
  /* Clock hands. */
  .waiting-icon::before,
  .waiting-icon::after {
    content: '';
    position: absolute;
    inset-inline-start: calc(50% - 0.0625em);
    inset-block-end: 50%;
    inline-size: 0.125em;
    block-size: 0.3em;
    background: currentColor;
    transform-origin: bottom center;
  }
  .waiting-icon::after {
    transform: rotate(90deg);
    block-size: 0.25em;
  }
  .discard {
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
`;
