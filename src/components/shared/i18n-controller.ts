import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { currentLanguage, i18n, LANGUAGE_TAGS, t, type KitLanguage } from '../../i18n/index.js';

/** Re-renders its host when the kit's language changes; detaches on disconnect. */
export class I18nController implements ReactiveController {
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Translates a key of the kit's resources. */
  t(key: string, options?: Record<string, unknown>): string {
    return t(key, options);
  }

  /** The language in use (`zh_CN`, `en`). */
  get language(): KitLanguage {
    return currentLanguage();
  }

  /** BCP 47 tag of the language in use, for `Intl` and `lang` attributes. */
  get locale(): string {
    return LANGUAGE_TAGS[this.language];
  }

  hostConnected(): void {
    i18n.on('languageChanged', this.#onChange);
  }

  hostDisconnected(): void {
    i18n.off('languageChanged', this.#onChange);
  }

  #onChange = (): void => this.#host.requestUpdate();
}
