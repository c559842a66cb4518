/** Bundle sizes measured one way for every candidate: esbuild browser ESM bundle, minified, gzip -9. */
import { build, type Plugin } from 'esbuild';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Size {
  raw: number;
  gzip: number;
}

export function gzipSize(bytes: Uint8Array | string): number {
  return gzipSync(bytes, { level: 9 }).length;
}

/**
 * Node built-ins (`path`, `fs`, ...) imported by code that targets browsers only in name become empty
 * modules, as a browser bundler configured for it would do; the names stubbed are reported.
 */
function emptyBuiltins(stubbed: Set<string>): Plugin {
  const names = new Set([...builtinModules, ...builtinModules.map((n) => `node:${n}`)]);
  return {
    name: 'empty-builtins',
    setup(b) {
      b.onResolve({ filter: /^[a-z:_/]+$/ }, (args) => {
        if (!names.has(args.path)) return undefined;
        stubbed.add(args.path);
        return { path: args.path, namespace: 'empty' };
      });
      b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
    },
  };
}

/** A bundle as a browser loads it: the entry and its static imports at start, lazy chunks on demand. */
export interface BundleSize {
  /** The entry chunk and every chunk it statically imports: what a page loads at start. */
  initial: Size & { files: number };
  /** Every chunk, lazy ones (dynamic `import()`) included. */
  total: Size & { files: number };
  /** The lazy chunks by name (`en`, `ja`, ...), each on its own. */
  lazy: Array<Size & { name: string }>;
  /** Node built-ins replaced by empty modules. */
  stubbed: string[];
}

/**
 * Bundles `entry` with everything included and code splitting on, so dynamic imports become chunks of
 * their own (each file gzipped on its own, as a browser fetches it).
 */
export async function bundle(options: { entry: string; tsconfig?: string; plugins?: Plugin[] }): Promise<BundleSize> {
  const stubbed = new Set<string>();
  const outdir = resolve(dirname(options.entry), '.bench-bundle-out');
  const result = await build({
    entryPoints: { entry: options.entry },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir,
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    tsconfig: options.tsconfig,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [...(options.plugins ?? []), emptyBuiltins(stubbed)],
  });
  const sizes = new Map<string, Size>();
  for (const file of result.outputFiles)
    sizes.set(file.path, { raw: file.contents.length, gzip: gzipSize(file.contents) });
  const outputs = new Map(Object.entries(result.metafile.outputs).map(([path, meta]) => [resolve(path), meta]));
  // Lazy chunks name the module they were split at as `entryPoint` too: the entry is the one of `options.entry`.
  const entry = [...outputs].find(
    ([, meta]) => meta.entryPoint && resolve(meta.entryPoint) === resolve(options.entry),
  )![0];
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const imported of outputs.get(path)!.imports)
      if (imported.kind === 'import-statement' && !imported.external) visit(resolve(imported.path));
  };
  visit(entry);
  const sum = (paths: Iterable<string>) => {
    const list = [...paths];
    return list.reduce(
      (acc, path) => ({
        raw: acc.raw + sizes.get(path)!.raw,
        gzip: acc.gzip + sizes.get(path)!.gzip,
        files: acc.files,
      }),
      { raw: 0, gzip: 0, files: list.length },
    );
  };
  const lazy = [...sizes.keys()]
    .filter((path) => !initial.has(path))
    .map((path) => ({ name: basename(path, '.js').replace(/-[A-Z0-9]+$/, ''), ...sizes.get(path)! }));
  return { initial: sum(initial), total: sum(sizes.keys()), lazy, stubbed: [...stubbed] };
}

/**
 * Sums an ES module file and every relative chunk it statically imports (what a browser loads for it at
 * start); with `lazy`, chunks reached through dynamic `import('./x.js')` too.
 */
export function chunkGraphSize(entry: string, lazy = false): Size & { files: number } {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // Static imports and re-exports: `import ... from './x.js'`, `import './x.js'`, `export ... from './x.js'`.
    for (const m of text.matchAll(/(?:import|export)\s*(?:[^'"()]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g))
      visit(resolve(dirname(file), m[1]!));
    if (lazy)
      for (const m of text.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g))
        visit(resolve(dirname(file), m[1]!));
  };
  visit(entry);
  let raw = 0;
  let gzip = 0;
  for (const file of seen) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSize(bytes);
  }
  return { raw, gzip, files: seen.size };
}
