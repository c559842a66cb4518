/**
 * The kit's own translator (never the host app's i18n instance). Languages: `zh_CN` (default, bundled),
 * `en` and `ja` (each a separate chunk, loaded the first time it is chosen); an unknown language falls
 * back to `zh_CN`. While a chosen language loads, the elements hold their next render (`localeReady`),
 * so a page set to `en` never shows Chinese first.
 */
import { Translator, type TranslateOptions } from './translator.js';
import { zh_CN, type KitResource } from './locales/zh_CN.js';

export type { KitResource };

/** Languages the kit has strings for. */
export const SUPPORTED_LANGUAGES = ['zh_CN', 'en', 'ja'] as const;
export type KitLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: KitLanguage = 'zh_CN';

/** BCP 47 tag of each language, for `lang` attributes and `Intl` formatting. */
export const LANGUAGE_TAGS: Record<KitLanguage, string> = { zh_CN: 'zh-CN', en: 'en', ja: 'ja' };

/** The languages outside the initial load: the bundler makes each a chunk of its own. */
const LOADERS: Record<Exclude<KitLanguage, 'zh_CN'>, () => Promise<KitResource>> = {
  en: () => import('./locales/en.js').then((m) => m.en),
  ja: () => import('./locales/ja.js').then((m) => m.ja),
};

/** The kit's translator; shared by every kit on the page. */
export const i18n = new Translator(DEFAULT_LANGUAGE, { zh_CN });

const loading = new Map<KitLanguage, Promise<void>>();
/** At most this long the elements hold their renders for a language that is loading; then they show the current one. */
const LOCALE_HOLD_MS = 4000;

/** The language asked for last: a slower load that finishes later does not override it. */
let requested: KitLanguage = DEFAULT_LANGUAGE;
/** The load of `requested`, while it runs. */
let pending: Promise<void> | undefined;

/** Maps any language string to a supported one (`en-US` → `en`, `ja-JP` → `ja`, unknown → `zh_CN`). */
export function resolveLanguage(lang: unknown): KitLanguage {
  if (typeof lang !== 'string') return DEFAULT_LANGUAGE;
  const normalized = lang.trim().replace('-', '_');
  const exact = SUPPORTED_LANGUAGES.find((l) => l.toLowerCase() === normalized.toLowerCase());
  if (exact) return exact;
  if (/^en(_|$)/i.test(normalized)) return 'en';
  if (/^ja(_|$)/i.test(normalized)) return 'ja';
  if (/^zh(_|$)/i.test(normalized)) return 'zh_CN';
  return DEFAULT_LANGUAGE;
}

/** Loads the strings of `language` once; a failed load can be tried again. */
function loadLanguage(language: Exclude<KitLanguage, 'zh_CN'>): Promise<void> {
  let load = loading.get(language);
  if (!load) {
    load = LOADERS[language]().then(
      (resource) => i18n.addResources(language, resource),
      (error: unknown) => {
        loading.delete(language);
        throw error;
      },
    );
    loading.set(language, load);
  }
  return load;
}

/**
 * Switches every kit element on the page to `lang`, loading its strings first if needed; resolves with
 * the language in use. Rejects (and keeps the current language) if the strings cannot be loaded.
 */
export function changeLanguage(lang: unknown): Promise<KitLanguage> {
  const resolved = resolveLanguage(lang);
  requested = resolved;
  if (resolved === 'zh_CN' || i18n.resources(resolved)) {
    pending = undefined;
    i18n.changeLanguage(resolved);
    return Promise.resolve(resolved);
  }
  const switched = loadLanguage(resolved)
    .then(() => {
      if (requested === resolved) i18n.changeLanguage(resolved);
      return currentLanguage();
    })
    .finally(() => {
      if (pending === settled) pending = undefined;
    });
  // Elements wait for this; a stalled chunk request must not freeze them, so the hold is bounded.
  let release: ReturnType<typeof setTimeout> | undefined;
  const settled: Promise<void> = Promise.race([
    switched.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => (release = setTimeout(resolve, LOCALE_HOLD_MS))),
  ]).finally(() => clearTimeout(release));
  pending = settled;
  return switched;
}

/**
 * While the language asked for last is loading: a promise that settles (never rejects) once it is in
 * use or failed to load. Elements wait for it before rendering.
 */
export function localeReady(): Promise<void> | undefined {
  return pending;
}

/** The language in use. */
export function currentLanguage(): KitLanguage {
  return resolveLanguage(i18n.language);
}

/** Translates a key of the kit's resources. */
export function t(key: string, options?: TranslateOptions): string {
  return i18n.t(key, options);
}
