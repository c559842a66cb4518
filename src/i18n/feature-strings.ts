/**
 * Strings of features that load after the first screen (the tag dialog, the message menu's items, the
 * chatroom, the pickers and viewers). Each such feature's module imports its strings file
 * (`src/i18n/features/*.ts`), which hands them here in every language; `i18n/index.ts` adds them to the
 * kit's `imkit` namespace without overwriting what is there (an app's overrides stay) and to any
 * instance the kit uses later. So the initial load carries only the first screen's strings, and a
 * feature's strings are in before the feature shows anything.
 *
 * This module imports nothing: a lazy feature importing `i18n/index.ts` would split i18next and the
 * default strings out of the entry into a chunk of their own.
 */
import type { KitLocale } from './locales/zh_CN.js';

/** One feature's strings: the `zh_CN` ones give the shape every other language follows. */
export interface FeatureStrings<T extends object = object> {
  readonly zh_CN: T;
  readonly en: KitLocale<T>;
  readonly ja: KitLocale<T>;
}

const added: FeatureStrings[] = [];
let sink: ((strings: FeatureStrings) => void) | undefined;

/** Adds a feature's strings to the kit's namespace (now, or once the kit's i18next is in use). */
export function addFeatureStrings<T extends object>(strings: FeatureStrings<T>): void {
  added.push(strings as FeatureStrings);
  sink?.(strings as FeatureStrings);
}

/** Every feature's strings added so far; `listener` hears of each one added from now on. */
export function followFeatureStrings(listener: (strings: FeatureStrings) => void): readonly FeatureStrings[] {
  sink = listener;
  return added;
}
