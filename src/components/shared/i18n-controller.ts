import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  currentLanguage,
  LANGUAGE_TAGS,
  onLanguageChanged,
  t,
  type KitLanguage,
  type TranslateOptions,
} from '../../i18n/index.js';

/**
 * Re-renders its host when the kit's strings change (i18next's `languageChanged`, the kit's own
 * `changeLanguage`, an app adding overrides to the `imkit` namespace); detaches on disconnect.
 */
export class I18nController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #detach: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Translates a key of the kit's `imkit` namespace; `count` picks the plural form. */
  t(key: string, options?: TranslateOptions): string {
    return t(key, options);
  }

  /** The language in use (`zh_CN`, `en`, `ja`). */
  get language(): KitLanguage {
    return currentLanguage();
  }

  /** BCP 47 tag of the language in use, for `Intl` and `lang` attributes. */
  get locale(): string {
    return LANGUAGE_TAGS[this.language];
  }

  hostConnected(): void {
    this.#detach ??= onLanguageChanged(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#detach?.();
    this.#detach = undefined;
  }
}
