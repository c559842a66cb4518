/** The quoted message above the editor's input: sender, a one-line snippet and a cancel button. */
import { html, nothing, type TemplateResult } from 'lit';
import type { KitMessage } from '../../services/store/index.js';
import { previewText } from '../shared/format.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Renders the quote bar, or nothing when no message is quoted. */
export function renderQuoteBar(
  quote: KitMessage | null | undefined,
  senderName: string,
  t: Translate,
  onCancel: () => void,
): TemplateResult | typeof nothing {
  if (!quote) return nothing;
  return html`<div class="quote" part="quote" role="group" aria-label=${t('messageEditor.quoteLabel', { name: senderName })}>
    <div class="quote-text">
      <span class="quote-sender">${senderName}</span>
      <span class="quote-snippet">${previewText(quote, t)}</span>
    </div>
    <button class="icon quote-cancel" part="quote-cancel" type="button" aria-label=${t('messageEditor.cancelQuote')} @click=${onCancel}>
      <span aria-hidden="true">×</span>
    </button>
  </div>`;
}
