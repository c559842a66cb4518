import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { currentLanguage, i18n, LANGUAGE_TAGS, t, type KitLanguage } from '../../i18n/index.js';
import type { TranslateOptions } from '../../i18n/translator.js';

/** Re-renders its host when the kit's language changes; detaches on disconnect. */
export class I18nController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #detach: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Translates a key of the kit's resources. */
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
    this.#detach ??= i18n.onChange(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#detach?.();
    this.#detach = undefined;
  }
}
