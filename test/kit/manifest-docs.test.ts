// The custom elements manifest against the docs and the styles: every part and CSS custom property a page
// of docs/ names, and every one the elements' templates and styles use, is in the manifest that editors and
// frameworks read (`npm run manifest`), on the element the docs name it for.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';

interface Declaration {
  tagName?: string;
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}
interface Element {
  parts: Set<string>;
  properties: Set<string>;
}

/** The kit's public custom properties: global `--parley-*` and each element's own prefix. */
const PUBLIC_PROPERTY = /--(?:parley|message|conversation-list|connection-banner)-[a-z0-9-]*[a-z0-9]/g;

let manifest: Manifest;
const elements = new Map<string, Element>();

before(() => {
  // The analyzer resolves --outdir against the working directory; test-results/ is git-ignored.
  const out = join('test-results', `cem-docs-${process.pid}`);
  try {
    execFileSync(
      process.execPath,
      ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet', '--outdir', out],
      {
        stdio: 'pipe',
      },
    );
    manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as Manifest;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  for (const d of manifest.modules.flatMap((m) => m.declarations ?? [])) {
    if (!d.tagName) continue;
    elements.set(d.tagName, {
      parts: new Set((d.cssParts ?? []).map((p) => p.name)),
      properties: new Set((d.cssProperties ?? []).map((p) => p.name)),
    });
  }
});

const doc = (name: string): string => readFileSync(join('docs', name), 'utf8');
const allDocs = (): string =>
  readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map(doc)
    .join('\n');

/** The `## ` sections of a page, by heading. */
function sections(markdown: string): Map<string, string> {
  return new Map(
    markdown
      .split(/^## /m)
      .slice(1)
      .map((s) => [s.slice(0, s.indexOf('\n')).trim(), s]),
  );
}

/** The backticked names in the first column of every table whose header's first cell is `header`. */
function tableNames(section: string, header: string): string[] {
  const names: string[] = [];
  let inTable = false;
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    const first = line.split('|')[1]!.trim();
    if (first === header) inTable = true;
    else if (inTable && !first.startsWith('---')) names.push(...[...first.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
  }
  return names;
}

/** Which names of `wanted` `have` lacks. */
const missing = (wanted: Iterable<string>, have: Set<string>): string[] =>
  [...new Set(wanted)].filter((n) => !have.has(n));

const union = (pick: (e: Element) => Set<string>): Set<string> =>
  new Set([...elements.values()].flatMap((e) => [...pick(e)]));

test('the manifest lists the five elements and none of the test helpers', () => {
  assert.deepEqual([...elements.keys()].sort(), [
    'chatroom-queue',
    'connection-banner',
    'conversation-list',
    'message-editor',
    'message-list',
  ]);
  const helpers = manifest.modules
    .map((m) => m.path)
    .filter((p) => /\.test\.ts$|test-utils|big-list-utils|visual-/.test(p));
  assert.deepEqual(helpers, []);
});

test("every part and custom property in an element's tables of docs/components.md is on that element", () => {
  const checked: string[] = [];
  for (const [heading, section] of sections(doc('components.md'))) {
    const tag = /^`<([a-z-]+)>`$/.exec(heading)?.[1];
    if (!tag) continue;
    const element = elements.get(tag);
    assert.ok(element, `docs/components.md documents <${tag}>, which the manifest does not have`);
    const parts = tableNames(section, 'Part');
    const properties = tableNames(section, 'Custom property');
    assert.ok(parts.length > 0 && properties.length > 0, `<${tag}>: no Part or Custom property table found`);
    assert.deepEqual(missing(parts, element.parts), [], `<${tag}>: parts in the docs but not in the manifest`);
    assert.deepEqual(
      missing(properties, element.properties),
      [],
      `<${tag}>: custom properties in the docs but not in the manifest`,
    );
    checked.push(tag);
  }
  assert.deepEqual(checked.sort(), [
    'chatroom-queue',
    'connection-banner',
    'conversation-list',
    'message-editor',
    'message-list',
  ]);
});

test('every global custom property of docs/theming.md is on every element', () => {
  const globals = tableNames(sections(doc('theming.md')).get('Global custom properties') ?? '', 'Property');
  assert.ok(
    globals.includes('--parley-color-primary') && globals.includes('--parley-menu-radius'),
    'the table was read',
  );
  for (const [tag, element] of elements)
    assert.deepEqual(missing(globals, element.properties), [], `<${tag}> lacks global properties`);
});

test('every part and kit custom property named anywhere in docs/ is in the manifest', () => {
  const text = allDocs();
  for (const [, tag, part] of text.matchAll(/([a-z-]+)::part\(([a-z-]+)\)/g)) {
    assert.ok(elements.get(tag!)?.parts.has(part!), `${tag}::part(${part}) is in the docs but not in the manifest`);
  }
  const parts = [...text.matchAll(/part="([a-z-]+)"|\bpart `([a-z-]+)`/g)].map((m) => (m[1] ?? m[2])!);
  assert.ok(parts.includes('hint') && parts.includes('custom-bubble'), 'the prose mentions were read');
  assert.deepEqual(
    missing(
      parts,
      union((e) => e.parts),
    ),
    [],
    'parts in the docs but not in the manifest',
  );
  const properties = text.match(PUBLIC_PROPERTY) ?? [];
  assert.deepEqual(
    missing(
      properties,
      union((e) => e.properties),
    ),
    [],
    'custom properties in the docs but not in the manifest',
  );
});

test("every part and kit custom property the elements' templates and styles use is in the manifest", () => {
  const sources = readdirSync('src/components', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !/\.test\.ts$|test-utils|big-list-utils|visual-/.test(f))
    .map((f) => readFileSync(join('src/components', f), 'utf8'))
    .join('\n');
  // Literal part names only: `part=${...}` and `${...}` inside the attribute are built at run time.
  const parts = [...sources.matchAll(/\bpart="([^"]*)"/g)].flatMap((m) =>
    m[1]!.split(/\s+/).filter((t) => /^[a-z][a-z0-9-]*$/.test(t)),
  );
  assert.ok(parts.includes('send-button') && parts.includes('banner'), 'the templates were read');
  assert.deepEqual(
    missing(
      parts,
      union((e) => e.parts),
    ),
    [],
    'parts in the templates but not in the manifest',
  );
  const properties = [...sources.matchAll(/var\((--[a-z0-9-]+)/g)]
    .map((m) => m[1]!)
    .filter((p) => p.match(PUBLIC_PROPERTY)?.[0] === p);
  assert.ok(properties.includes('--parley-color-primary'), 'the styles were read');
  assert.deepEqual(
    missing(
      properties,
      union((e) => e.properties),
    ),
    [],
    'custom properties in the styles but not in the manifest',
  );
});
