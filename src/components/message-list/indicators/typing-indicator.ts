/** The "typing…" line in the message list header, for the open conversation. */
import { css, html, nothing, type TemplateResult } from 'lit';
import { ConversationType } from '../../../protocol/constants.js';
import type { ConversationKey } from '../../../services/store/index.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * "typing…" in a private conversation, "Name is typing…" in a group (the first typist), or nothing.
 * A polite status, so screen readers hear it without losing their place.
 */
export function renderTypingIndicator(
  key: ConversationKey,
  typists: readonly string[],
  nameOf: (id: string) => string,
  t: Translate,
): TemplateResult {
  const text =
    typists.length === 0
      ? ''
      : key.startsWith(`${ConversationType.PRIVATE}:`)
        ? t('message.typing')
        : t('message.typingGroup', { name: nameOf(typists[0]!) });
  return html`<span class="typing" part="typing" aria-live="polite">${text || nothing}</span>`;
}

/** Styles of the typing line. */
export const typingIndicatorStyles = css`
  .typing {
    font-size: max(11px, 0.75em);
    color: var(--parley-color-text-secondary, var(--_text-secondary));
    font-weight: normal;
    margin-inline-start: 0.5em;
  }
`;
