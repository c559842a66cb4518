/**
 * The kit's translator: nested string resources per language, `{{name}}` interpolation, plural keys
 * chosen by `Intl.PluralRules` (`key_zero` for a count of 0, then `key_one`/`key_other`/..., then `key`),
 * a fallback language and a change event. It replaces i18next, of which the kit used only this much, to
 * keep 16 KB gzip out of every page that loads the kit (measured in bench/README.md).
 */

/** Strings of one language, nested by dots in the key (`messageList.empty`). */
export interface Resource {
  [key: string]: string | Resource;
}

/** Options of `t`: interpolation values, `count` for plurals, `defaultValue` for a missing key. */
export type TranslateOptions = Record<string, unknown> & { count?: unknown; defaultValue?: string };

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

export class Translator {
  #language: string;
  readonly #fallback: string;
  readonly #resources = new Map<string, Resource>();
  readonly #listeners = new Set<(language: string) => void>();
  readonly #plurals = new Map<string, Intl.PluralRules>();

  constructor(fallback: string, resources: Record<string, Resource>) {
    this.#language = this.#fallback = fallback;
    for (const [language, resource] of Object.entries(resources)) this.addResources(language, resource);
  }

  /** The language in use. */
  get language(): string {
    return this.#language;
  }

  /** Adds (or replaces) the strings of `language`. */
  addResources(language: string, resource: Resource): void {
    this.#resources.set(language, resource);
  }

  /** The strings of `language`, if loaded. */
  resources(language: string): Resource | undefined {
    return this.#resources.get(language);
  }

  /** Switches to `language` (whose strings should be loaded) and tells every listener. */
  changeLanguage(language: string): void {
    if (language === this.#language) return;
    this.#language = language;
    for (const listener of [...this.#listeners]) listener(language);
  }

  /** Calls `listener` after every language change; returns the function that detaches it. */
  onChange(listener: (language: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The string at `key` in `language` (default: the one in use), else in the fallback language, with
   * `{{name}}` replaced by `options.name`; a missing key gives `options.defaultValue`, else the key.
   */
  t(key: string, options: TranslateOptions = {}, language = this.#language): string {
    const found = this.#find(language, key, options.count) ?? this.#find(this.#fallback, key, options.count);
    if (found === undefined) return options.defaultValue ?? key;
    // One pass: inserted values are never read as placeholders. An unknown name stays as written.
    return found.replace(PLACEHOLDER, (match, name: string) =>
      Object.prototype.hasOwnProperty.call(options, name) ? String(options[name] ?? '') : match,
    );
  }

  #find(language: string, key: string, count: unknown): string | undefined {
    const resource = this.#resources.get(language);
    if (!resource) return undefined;
    if (typeof count === 'number') {
      const candidates = [`${key}_${this.#pluralRules(language).select(count)}`, key];
      if (count === 0) candidates.unshift(`${key}_zero`);
      for (const candidate of candidates) {
        const value = lookup(resource, candidate);
        if (value !== undefined) return value;
      }
      return undefined;
    }
    return lookup(resource, key);
  }

  #pluralRules(language: string): Intl.PluralRules {
    let rules = this.#plurals.get(language);
    if (!rules) this.#plurals.set(language, (rules = new Intl.PluralRules(language.replace('_', '-'))));
    return rules;
  }
}

function lookup(resource: Resource, key: string): string | undefined {
  let node: string | Resource | undefined = resource;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}
