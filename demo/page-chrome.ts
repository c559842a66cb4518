// The bits of page chrome every demo page shares, whatever framework draws it: the status line, "who I am"
// (switchable), and the language and theme pickers.
import {
  applyDemoText,
  DEMO_LANGUAGES,
  demoLanguage,
  onDemoLanguageChange,
  setDemoLanguage,
  tr,
  type DemoLanguage,
} from './demo-text.js';
import { users, type DemoUser } from './directory.js';
import { followTheme, setTheme, storedTheme, type DemoTheme } from './theme.js';
import { imkit } from './kit-setup.js';

let statusText: (() => string) | undefined;

/** Shows `text()` in the page's `#status` line (again after a language switch); `state` colours it. */
export function setStatus(text: () => string, state: 'ok' | 'error' | 'busy' = 'busy'): void {
  const status = document.querySelector<HTMLElement>('#status')!;
  statusText = text;
  status.textContent = text();
  status.dataset.state = state;
}

onDemoLanguageChange(() => {
  const status = document.querySelector<HTMLElement>('#status');
  if (status && statusText) status.textContent = statusText();
});

/** Titles the page for `me`, shows my avatar, and lets the user switch to another demo user (reloads, same language). */
export function renderIdentity(me: DemoUser, page: string): void {
  document.title = `${me.name} · ${page}`;
  document.querySelector<HTMLImageElement>('#me-avatar')!.src = me.portraitUri;
  const select = document.querySelector<HTMLSelectElement>('#user-switch')!;
  select.replaceChildren(...users.map((user) => new Option(user.name, user.id, false, user.id === me.id)));
  select.addEventListener('change', () => {
    const params = new URLSearchParams(location.search);
    params.set('user', select.value);
    location.search = params.toString();
  });
}

/** The kit's language follows the demo's; before the kit is set up, startKit picks it up from `?lang=`. */
const changeKitLanguage = (lang: DemoLanguage) =>
  imkit.initialized ? imkit.changeLanguage({ lang }) : Promise.resolve();

function picker<T extends string>(
  labelKey: 'language' | 'theme',
  options: () => [T, string][],
  value: T,
  onPick: (value: T) => void,
): HTMLSelectElement {
  const select = document.createElement('select');
  select.className = 'pref';
  const fill = () => {
    const chosen = (select.value || value) as T;
    select.replaceChildren(...options().map(([v, label]) => new Option(label, v, false, v === chosen)));
    select.setAttribute('aria-label', tr(labelKey));
    select.title = tr(labelKey);
  };
  fill();
  onDemoLanguageChange(fill);
  select.addEventListener('change', () => onPick(select.value as T));
  return select;
}

/**
 * Puts the language (English / 中文 / 日本語) and theme (system / light / dark) pickers into `container`, fills the
 * page's `data-text` strings, and applies the stored theme. Call once the kit's elements are in the page.
 */
export function renderPreferences(container: HTMLElement): void {
  const language = picker<DemoLanguage>(
    'language',
    () => DEMO_LANGUAGES.map(({ lang, label }) => [lang, label]),
    demoLanguage(),
    (lang) => {
      setDemoLanguage(lang, changeKitLanguage).catch((error: unknown) =>
        console.error('language switch failed', error),
      );
    },
  );
  const themes = (): [DemoTheme, string][] => [
    ['system', tr('themeSystem')],
    ['light', tr('themeLight')],
    ['dark', tr('themeDark')],
  ];
  const theme = picker<DemoTheme>('theme', themes, storedTheme(), setTheme);
  container.replaceChildren(language, theme);
  followTheme((chosen) => (theme.value = chosen));
  applyDemoText();
}
