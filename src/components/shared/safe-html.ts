/** The kit's only use of `unsafeHTML`: everything passes the sanitiser first. */
import { nothing } from 'lit';
import { Directive, directive, type ChildPart } from 'lit/directive.js';
import { getCommittedValue, setChildPartValue } from 'lit/directive-helpers.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { loadedSanitizer, loadSanitizer } from '../../services/sanitize-loader.js';

/**
 * Renders untrusted HTML (custom-message renderers) after sanitising it. Until the sanitiser's chunk
 * is in (the first custom message of a page), the part holds an empty placeholder; then it fills in,
 * unless the part shows something else by then. A plain directive with Lit's part helpers rather than
 * an `AsyncDirective`, whose module would be in every page's first load for this one rare wait.
 */
class SafeHtmlDirective extends Directive {
  render(html: string) {
    const sanitize = loadedSanitizer();
    return sanitize ? unsafeHTML(sanitize(html)) : nothing;
  }

  override update(part: ChildPart, [html]: [string]) {
    if (loadedSanitizer()) return this.render(html);
    // A node of its own, so the load below fills the part only while this is what it shows.
    const placeholder = document.createComment('');
    loadSanitizer().then(
      (loaded) => {
        if (getCommittedValue(part) === placeholder) setChildPartValue(part, unsafeHTML(loaded(html)), this);
      },
      (error: unknown) => console.error('[parley] could not load the HTML sanitiser', error),
    );
    return placeholder;
  }
}

export const safeHtml = directive(SafeHtmlDirective);
