/**
 * Every string key the kit's code asks for by name exists in the default language, either in the first
 * screen's strings or in a feature's strings: a key lost when strings move between those files (or a
 * typo) would otherwise show the raw key to users.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zh_CN } from '../../src/i18n/locales/zh_CN.js';
import { followFeatureStrings } from '../../src/i18n/feature-strings.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Dotted paths of every string leaf in a strings object. */
function leaves(strings: object, prefix = ''): string[] {
  return Object.entries(strings).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leaves(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

test('every key the kit asks for by name is a string of the default language', async () => {
  for (const file of readdirSync(join(SRC, 'i18n/features'))) await import(join(SRC, 'i18n/features', file));
  const known = new Set([...leaves(zh_CN), ...followFeatureStrings(() => {}).flatMap((f) => leaves(f.zh_CN))]);
  const asked = new Map<string, string>();
  for (const file of sources(SRC))
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g))
      asked.set(match[1]!, file.slice(SRC.length));
  assert.ok(asked.size > 80, `found only ${asked.size} keys: the pattern no longer matches how the kit asks`);
  const missing = [...asked].filter(
    ([key]) => !known.has(key) && !known.has(`${key}_other`) && !known.has(`${key}_one`),
  );
  assert.deepEqual(missing, []);
});
