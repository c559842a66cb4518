/**
 * The editor's two notices about sending: why it cannot send (no conversation open, muted or out of
 * a chatroom), shown in its own compact box in place of the input, and, while the connection is
 * down, a short line saying that what is sent now waits and goes out after the reconnect.
 */
import { css, html, type TemplateResult } from 'lit';
import type { ConnectionStatus } from '../../services/store/index.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** True when sends would wait in the outgoing queue: the connection broke, or is being made again. */
export function sendsWait(status: ConnectionStatus | undefined, userId: string | undefined): boolean {
  return status === 'suspended' || status === 'disconnected' || (status === 'connecting' && !!userId);
}

/** "Offline. Messages will be sent when the connection is back". */
export function renderOfflineNote(t: Translate): TemplateResult {
  return html`<p class="offline-note" part="offline-note">${t('outbox.editorOffline')}</p>`;
}

export const sendNoticeStyles = css`
  .offline-note {
    flex: 1;
    margin: 0;
    font-size: max(11px, 0.8125em);
    color: var(--parley-color-text-secondary, var(--_text-secondary));
  }
  /* Locked: one compact notice instead of an empty, disabled input. */
  .editor.locked {
    justify-content: center;
    padding-block: 0.5em;
  }
  .editor.locked textarea,
  .editor.locked .actions > :not(.hint) {
    display: none;
  }
  .editor.locked .actions {
    justify-content: center;
  }
  .editor.locked .hint {
    flex: 0 1 auto;
    padding: 0.5em 0.875em;
    border-radius: var(--parley-radius, 0.5em);
    background: var(--parley-color-surface, var(--_surface));
    text-align: center;
  }
`;
