/** The kit's only use of `unsafeHTML`: everything passes `sanitizeHtml` first. */
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { sanitizeHtml } from '../../services/sanitize.js';

/** Renders untrusted HTML (custom-message renderers) after sanitising it. */
export function safeHtml(html: string) {
  return unsafeHTML(sanitizeHtml(html));
}
