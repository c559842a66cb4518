/**
 * DOMPurify (about 12 KB gzip) is loaded the first time HTML from outside the kit needs sanitising: only
 * apps with custom-message renderers ever fetch it, and the kit asks for it at `imkit.init` when they
 * pass renderers, so it is usually in before the first custom message shows.
 */
type Sanitize = (html: unknown) => string;

let loaded: Sanitize | undefined;
let loading: Promise<Sanitize> | undefined;

/** Loads the sanitiser once (a failed load can be tried again); resolves with the sanitising function. */
export function loadSanitizer(): Promise<Sanitize> {
  loading ??= import('./sanitize.js').then(
    (module) => (loaded = module.sanitizeHtml),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The sanitising function if it is loaded already. */
export function loadedSanitizer(): Sanitize | undefined {
  return loaded;
}

/**
 * Returns `html` with everything outside the kit's allow-list removed (see `services/sanitize.ts`): safe
 * to put into the page. Non-strings become ''. Asynchronous because the sanitiser loads on first use.
 */
export async function sanitizeHtml(html: unknown): Promise<string> {
  return (await loadSanitizer())(html);
}
