/** The kit's only use of `unsafeHTML`: everything passes the sanitiser first. */
import { nothing } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { loadedSanitizer, loadSanitizer } from '../../services/sanitize-loader.js';

/**
 * Renders untrusted HTML (custom-message renderers) after sanitising it. Until the sanitiser's chunk
 * is in (the first custom message of a page), the part stays empty; then it fills in.
 */
class SafeHtmlDirective extends AsyncDirective {
  #html = '';

  render(html: string) {
    this.#html = html;
    const sanitize = loadedSanitizer();
    if (sanitize) return unsafeHTML(sanitize(html));
    loadSanitizer().then(
      (loaded) => {
        if (this.isConnected && this.#html === html) this.setValue(unsafeHTML(loaded(html)));
      },
      (error: unknown) => console.error('[parley] could not load the HTML sanitiser', error),
    );
    return nothing;
  }
}

export const safeHtml = directive(SafeHtmlDirective);
