/**
 * The kit's strings on i18next, in the `imkit` namespace. By default the kit makes its own
 * `i18next.createInstance()`; an app that already ships i18next passes its instance to `imkit.init`
 * (`useI18next`), and the kit only adds its namespace there: the app's other namespaces, its language
 * and its options stay as they are, and the app's own resources in `imkit` override the kit's strings.
 *
 * Strings of features that load after the first screen come with them (`feature-strings.ts`), in every
 * language, and are added the same way (never over the app's).
 *
 * Languages: `zh_CN` (default, in the initial load), `en` and `ja` (each a chunk of its own, loaded the
 * first time it is needed); an unknown language falls back to `zh_CN`. While a language loads, the
 * elements hold their next render (`localeReady`, at most 4 s), so a page set to `en` never shows
 * Chinese first. With the app's instance, the kit follows the app's language until `changeLanguage`
 * picks one for the kit.
 */
import i18next, { type i18n as I18next } from 'i18next';
import { followFeatureStrings, type FeatureStrings } from './feature-strings.js';
import { zh_CN, type KitResource } from './locales/zh_CN.js';

export type { KitResource };
export type { I18next };

/** The i18next namespace that holds the kit's strings. */
export const KIT_NAMESPACE = 'imkit';

/** Languages the kit has strings for. */
export const SUPPORTED_LANGUAGES = ['zh_CN', 'en', 'ja'] as const;
export type KitLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: KitLanguage = 'zh_CN';

/** BCP 47 tag of each language: its i18next language code, `lang` attribute and `Intl` locale. */
export const LANGUAGE_TAGS: Record<KitLanguage, string> = { zh_CN: 'zh-CN', en: 'en', ja: 'ja' };

/** Options of `t`: interpolation values, `count` for plurals (`key_one`/`key_other`), `defaultValue`. */
export type TranslateOptions = Record<string, unknown> & { count?: number; defaultValue?: string };

/** The languages outside the initial load: the bundler makes each a chunk of its own. */
const LOADERS: Record<Exclude<KitLanguage, 'zh_CN'>, () => Promise<KitResource>> = {
  en: () => import('./locales/en.js').then((m) => m.en as KitResource),
  ja: () => import('./locales/ja.js').then((m) => m.ja as KitResource),
};
const BUNDLED: Partial<Record<KitLanguage, KitResource>> = { zh_CN };

/** At most this long the elements hold their renders for a language that is loading; then they show the current one. */
const LOCALE_HOLD_MS = 4000;

/** The kit's own instance, made on first use; used whenever the app passes none. */
let own: I18next | undefined;
/** The instance in use: the kit's own or the app's. */
let instance: I18next | undefined;
/** The language the kit was told to use (`changeLanguage`); unset, it follows the app instance's language. */
let chosen: KitLanguage | undefined;
/** While following an app's instance: the language of the app the kit shows (the last one whose strings are in). */
let followed: KitLanguage = DEFAULT_LANGUAGE;
/** The language asked for last: a slower load that finishes later does not override it. */
let requested: KitLanguage | undefined;
/** The bounded wait for the language asked for last, while it loads. */
let pending: Promise<void> | undefined;
const loading = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();
let detachInstance: (() => void) | undefined;

function ownInstance(): I18next {
  if (!own) {
    own = i18next.createInstance();
    void own.init({
      lng: LANGUAGE_TAGS[DEFAULT_LANGUAGE],
      fallbackLng: LANGUAGE_TAGS[DEFAULT_LANGUAGE],
      ns: [KIT_NAMESPACE],
      defaultNS: KIT_NAMESPACE,
      initAsync: false,
      resources: {},
      interpolation: { escapeValue: false },
    });
  }
  return own;
}

/** The i18next instance the kit's strings live in (the app's, if it passed one to `imkit.init`). */
export function kitI18next(): I18next {
  if (!instance) attach(ownInstance());
  return instance!;
}

function notify(): void {
  for (const listener of [...listeners]) listener();
}

/** Calls `listener` whenever the kit's strings may read differently; returns the function that detaches it. */
export function onLanguageChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Adds the kit's strings of `language` under `imkit`, keeping any the app put there first (its overrides). */
function addBundle(target: I18next, language: KitLanguage, resource: KitResource): void {
  target.addResourceBundle(LANGUAGE_TAGS[language], KIT_NAMESPACE, resource, true, false);
}

/** Adds a lazily loaded feature's strings in every language (keeping the app's overrides, as above). */
function addFeature(target: I18next, strings: FeatureStrings): void {
  for (const language of SUPPORTED_LANGUAGES) addBundle(target, language, strings[language] as KitResource);
}

/** Features' strings added so far; one added later goes into the instance in use once it has its store. */
const features = followFeatureStrings((strings) => {
  if (instance?.store) addFeature(instance, strings);
});

function attach(target: I18next): void {
  detachInstance?.();
  instance = target;
  // Strings the app adds to `imkit` later (its overrides) show at once.
  const onAdded = (_lng: string, ns: string) => {
    if (ns === KIT_NAMESPACE) notify();
  };
  const install = () => {
    for (const [language, resource] of Object.entries(BUNDLED) as [KitLanguage, KitResource][])
      addBundle(target, language, resource);
    for (const strings of features) addFeature(target, strings);
    target.store.on('added', onAdded);
    notify();
  };
  // An app's instance that is still initialising gets the kit's strings once it has its store.
  if (target.store) install();
  else target.on('initialized', install);
  const onLanguage = () => {
    if (chosen === undefined) follow(resolveLanguage(target.language));
    else notify();
  };
  target.on('languageChanged', onLanguage);
  detachInstance = () => {
    target.off('languageChanged', onLanguage);
    target.off('initialized', install);
    target.store?.off('added', onAdded);
  };
}

/**
 * Puts the kit's strings into `app` (an i18next instance the app initialised) and uses it from now on;
 * `undefined` goes back to the kit's own instance. Never changes the app's language or options.
 */
export function useI18next(app: I18next | undefined): void {
  const target = app ?? ownInstance();
  if (target === instance) return;
  if (app) {
    // The app's language leads until the kit is told otherwise.
    chosen = undefined;
    followed = currentLanguage();
    attach(target);
    follow(resolveLanguage(app.language));
  } else {
    chosen = currentLanguage();
    attach(target);
    if (target.language !== LANGUAGE_TAGS[chosen]) void target.changeLanguage(LANGUAGE_TAGS[chosen]);
    notify();
  }
}

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

/** Loads the strings of `language` once into the instance in use; a failed load can be tried again. */
function loadLanguage(language: Exclude<KitLanguage, 'zh_CN'>): Promise<void> {
  let load = loading.get(language);
  if (!load) {
    load = LOADERS[language]().then(
      (resource) => {
        BUNDLED[language] = resource;
        if (kitI18next().store) addBundle(kitI18next(), language, resource);
      },
      (error: unknown) => {
        loading.delete(language);
        throw error;
      },
    );
    loading.set(language, load);
  }
  return load;
}

/** Shows `language` once its strings are in; until then elements hold their renders (bounded). */
function switchTo(language: KitLanguage, apply: () => void): Promise<KitLanguage> {
  requested = language;
  if (BUNDLED[language]) {
    pending = undefined;
    apply();
    return Promise.resolve(currentLanguage());
  }
  const switched = loadLanguage(language as Exclude<KitLanguage, 'zh_CN'>)
    .then(() => {
      if (requested === language) apply();
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

/** The app's instance changed its language: the kit follows once its strings for it are in. */
function follow(language: KitLanguage): void {
  const apply = () => {
    followed = language;
    notify();
  };
  switchTo(language, apply).catch((error: unknown) =>
    console.error('[parley] could not load language', language, error),
  );
  // The listeners hear of the change now, so their renders wait for the load (held, not skipped).
  if (pending) notify();
}

/**
 * Switches every kit element on the page to `lang`, loading its strings first if needed; resolves with
 * the language in use. Rejects (and keeps the current language) if the strings cannot be loaded.
 * An app's i18next instance keeps its own language: the kit only stops following it.
 */
export function changeLanguage(lang: unknown): Promise<KitLanguage> {
  const language = resolveLanguage(lang);
  return switchTo(language, () => {
    chosen = language;
    const target = kitI18next();
    if (target === own && own.language !== LANGUAGE_TAGS[language]) void own.changeLanguage(LANGUAGE_TAGS[language]);
    notify();
  });
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
  return chosen ?? followed;
}

/** The kit's strings of `language` as the instance in use holds them (the app's overrides included). */
export function kitResources(language: KitLanguage): KitResource | undefined {
  const target = kitI18next();
  return target.hasResourceBundle(LANGUAGE_TAGS[language], KIT_NAMESPACE)
    ? (target.getResourceBundle(LANGUAGE_TAGS[language], KIT_NAMESPACE) as KitResource)
    : undefined;
}

type LooseT = (key: string, options: Record<string, unknown>) => unknown;

/**
 * Translates a key of the kit's namespace in the kit's language (default) or `language`. The
 * separators, escaping and fallback are set per call, so the app's instance options never change the
 * kit's strings (`messageType.RC:ImgMsg` holds a colon; Lit escapes values itself).
 */
export function t(key: string, options: TranslateOptions = {}, language: KitLanguage = currentLanguage()): string {
  // i18next binds `t` to its instance; its typed-key signature is bypassed for the kit's runtime keys.
  const translate = kitI18next().t as unknown as LooseT;
  const text = translate(key, {
    ...options,
    lng: LANGUAGE_TAGS[language],
    fallbackLng: LANGUAGE_TAGS[DEFAULT_LANGUAGE],
    ns: KIT_NAMESPACE,
    nsSeparator: false,
    keySeparator: '.',
    interpolation: { escapeValue: false },
  });
  return typeof text === 'string' ? text : (options.defaultValue ?? key);
}
