/**
 * The kit's own i18next instance (never the host app's global one) with bundled resources.
 * Languages: `zh_CN` (default), `en` and `ja`; an unknown language falls back to `zh_CN`.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { en } from './locales/en.js';
import { ja } from './locales/ja.js';
import { zh_CN, type KitResource } from './locales/zh_CN.js';

export type { KitResource };

/** Languages with bundled resources. */
export const SUPPORTED_LANGUAGES = ['zh_CN', 'en', 'ja'] as const;
export type KitLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: KitLanguage = 'zh_CN';

/** BCP 47 tag of each language, for `lang` attributes and `Intl` formatting. */
export const LANGUAGE_TAGS: Record<KitLanguage, string> = { zh_CN: 'zh-CN', en: 'en', ja: 'ja' };

/** The kit's i18next instance; shared by every kit on the page. */
export const i18n: I18n = i18next.createInstance();
void i18n.init({
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  resources: { zh_CN: { translation: zh_CN }, en: { translation: en }, ja: { translation: ja } },
  initAsync: false,
  interpolation: { escapeValue: false },
  // Message type names contain ':' (RC:ImgMsg); the kit uses one namespace.
  nsSeparator: false,
  returnNull: false,
});

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

/** Switches every kit element on the page to `lang`; resolves with the language in use. */
export async function changeLanguage(lang: unknown): Promise<KitLanguage> {
  const resolved = resolveLanguage(lang);
  if (i18n.language !== resolved) await i18n.changeLanguage(resolved);
  return resolved;
}

/** The language in use. */
export function currentLanguage(): KitLanguage {
  return resolveLanguage(i18n.language);
}

/** Translates a key of the kit's resources. */
export function t(key: string, options?: Record<string, unknown>): string {
  return i18n.t(key, options ?? {}) as string;
}
