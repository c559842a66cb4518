/**
 * The layers keep their boundaries (STYLE.md): `src/services/` holds no Lit and knows nothing of the
 * elements or of the `imkit` composition root (`src/kit/`), and the elements reach the store through
 * its one public module (`src/services/store/index.ts`) and the client only through the store
 * (type-only imports of the client's types excepted, written `import type`). The imports are read
 * from the source, so `import type` is told apart from an import that stays at run time.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One import or re-export of a module. */
interface ImportRef {
  specifier: string;
  /** Erased from the JavaScript: `import type`, `export type`, or every name marked `type`. */
  typeOnly: boolean;
}

const STATIC =
  /^(import|export)\s+(type\s+)?((?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?)|[\w$]+)\s*from\s*(['"])([^'"\n]+)\4/gm;
const BARE = /^import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC = /\bimport\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/** The imports of a TypeScript source: declarations at the start of a line (the project's style) and `import('...')`. */
export function importsOf(source: string): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const m of source.matchAll(STATIC)) {
    const clause = m[3]!;
    const names = clause.startsWith('{')
      ? clause
          .slice(1, -1)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
    const allNamesTypes = names.length > 0 && names.every((name) => /^type\s/.test(name));
    refs.push({ specifier: m[5]!, typeOnly: m[2] !== undefined || allNamesTypes });
  }
  for (const m of source.matchAll(BARE)) refs.push({ specifier: m[2]!, typeOnly: false });
  for (const m of source.matchAll(DYNAMIC)) refs.push({ specifier: m[2]!, typeOnly: false });
  return refs;
}

/** A relative specifier as a repository path (`src/services/store/index.ts`); a package name as it is. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const path = relative(ROOT, resolve(ROOT, dirname(file), specifier))
    .split(sep)
    .join('/');
  return path.replace(/\.js$/, '.ts');
}

/** Every `.ts` file under a repository folder. */
function sourcesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

interface Edge extends ImportRef {
  from: string;
  to: string;
}

function edgesOf(files: string[]): Edge[] {
  return files.flatMap((file) =>
    importsOf(readFileSync(join(ROOT, file), 'utf8')).map((ref) => ({
      ...ref,
      from: file,
      to: target(file, ref.specifier),
    })),
  );
}

const isLit = (to: string) => to === 'lit' || to.startsWith('lit/') || to.startsWith('lit-') || to.startsWith('@lit/');
const show = (edges: Edge[]) => edges.map((e) => `${e.from} → ${e.specifier}${e.typeOnly ? ' (type)' : ''}`);

/** Element tests and their helpers drive real clients and build stores by hand; only the elements' own modules are held to the rule. */
const TEST_SUPPORT = new Set(['src/components/shared/test-utils.ts']);
const isElementSource = (file: string) => !file.endsWith('.test.ts') && !TEST_SUPPORT.has(file);

test('the import reader tells type-only imports from run-time ones', () => {
  const source = [
    `/**`,
    ` * import { html } from 'lit';`,
    ` */`,
    `import type { A } from './a.js';`,
    `import { type B, type C } from './b.js';`,
    `import { D, type E } from './d.js';`,
    `import {`,
    `  type F,`,
    `  G,`,
    `} from './f.js';`,
    `import H, { type I } from './h.js';`,
    `import * as J from './j.js';`,
    `import './side-effect.js';`,
    `export type { K } from './k.js';`,
    `export * from './l.js';`,
    `export { M } from './m.js';`,
    `const later = () => import('./lazy.js');`,
  ].join('\n');
  const refs = importsOf(source)
    .map((r) => `${r.specifier}${r.typeOnly ? ':type' : ''}`)
    .sort();
  assert.deepEqual(refs, [
    './a.js:type',
    './b.js:type',
    './d.js',
    './f.js',
    './h.js',
    './j.js',
    './k.js:type',
    './l.js',
    './lazy.js',
    './m.js',
    './side-effect.js',
  ]);
});

test('nothing under src/services imports Lit, the elements or the composition root', () => {
  const edges = edgesOf(sourcesUnder('src/services'));
  assert.ok(edges.length > 200, `expected the services' imports, found ${edges.length}`);
  const bad = edges.filter((e) => isLit(e.to) || e.to.startsWith('src/components/') || e.to.startsWith('src/kit/'));
  assert.deepEqual(show(bad), []);
});

test('bundling every module under src/services reaches no element and no Lit at run time', async () => {
  const entryPoints = sourcesUnder('src/services').filter((file) => !file.endsWith('.d.ts'));
  const result = await build({
    entryPoints: entryPoints.map((file) => join(ROOT, file)),
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    outdir: 'out',
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.length >= entryPoints.length, 'every services module was read');
  assert.deepEqual(
    inputs.filter((file) => file.startsWith('src/components/') || file.startsWith('src/kit/')),
    [],
  );
  const external = Object.values(result.metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external).map((i) => i.path),
  );
  assert.deepEqual([...new Set(external.filter(isLit))], []);
});

test('the elements import the store only through src/services/store/index.ts', () => {
  const files = sourcesUnder('src/components').filter(isElementSource);
  const edges = edgesOf(files);
  const store = edges.filter((e) => e.to.startsWith('src/services/store/'));
  assert.ok(store.length > 20, `expected the elements' store imports, found ${store.length}`);
  assert.deepEqual(show(store.filter((e) => e.to !== 'src/services/store/index.ts')), []);
});

test('the elements reach the client only through the store: client imports are type-only, no store.client calls', () => {
  const files = sourcesUnder('src/components').filter(isElementSource);
  const client = edgesOf(files).filter((e) => e.to.startsWith('src/services/client/'));
  assert.deepEqual(show(client.filter((e) => !e.typeOnly)), []);
  // The store's own port to the client (`store.client`) is for the store's modules: an element calls an action instead.
  const calls = files.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .map((line, i) => ({ line: line.trim(), at: `${file}:${i + 1}` }))
      .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*') && /\.client\b/.test(line))
      .map(({ at, line }) => `${at} ${line}`),
  );
  assert.deepEqual(calls, []);
});
