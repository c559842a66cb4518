/**
 * The one way HTML from outside the kit (custom-message renderers) reaches the DOM. It runs
 * DOMPurify with an explicit allow-list: formatting tags, links and images; inline `style` (the
 * seeds' renderers style inline); no scripts, no `on*` handlers, no forms, frames, SVG or MathML,
 * no custom elements; links only to http(s), mailto and tel; images only from http(s) or
 * `data:image/(png|jpeg|gif|webp)`.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'code',
  'del',
  'div',
  'em',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
];

const ALLOWED_ATTR = [
  'style',
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'target',
  'rel',
  'colspan',
  'rowspan',
  'dir',
  'lang',
  'datetime',
  'cite',
];

const SAFE_HREF = /^(?:https?:|mailto:|tel:)/i;
const SAFE_SRC = /^(?:https?:|data:image\/(?:png|jpe?g|gif|webp);)/i;
/** Styles that load from the network or run code are dropped whole: `url()`, `image-set()`, `expression()`, `@import`. */
const UNSAFE_STYLE = /url\s*\(|image-set\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding/i;

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // URLs are checked by the hook below, per attribute; this regexp only lets them reach it.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|data:image\/)/i,
  CUSTOM_ELEMENT_HANDLING: { tagNameCheck: null, attributeNameCheck: null, allowCustomizedBuiltInElements: false },
  RETURN_TRUSTED_TYPE: false,
};

let purifier: Purifier | undefined;

function getPurifier(): Purifier {
  if (purifier) return purifier;
  // An own instance, so the hooks never touch an app's DOMPurify.
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeAttribute', (_node, data) => {
    const value = data.attrValue.trim();
    if (data.attrName === 'href' && !SAFE_HREF.test(value)) data.keepAttr = false;
    if (data.attrName === 'src' && !SAFE_SRC.test(value)) data.keepAttr = false;
    if (data.attrName === 'style' && UNSAFE_STYLE.test(value)) data.keepAttr = false;
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    // Links open outside the app and never hand it `window.opener`.
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  purifier = instance;
  return instance;
}

/**
 * Returns `html` with everything outside the allow-list removed; safe to hand to Lit's `unsafeHTML`.
 * Non-strings become ''. Browser only (DOMPurify needs a DOM).
 */
export function sanitizeHtml(html: unknown): string {
  if (typeof html !== 'string' || html === '') return '';
  return getPurifier().sanitize(html, CONFIG) as string;
}
