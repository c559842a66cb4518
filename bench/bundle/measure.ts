/** Bundle sizes measured one way for every candidate: esbuild browser ESM bundle, minified, gzip -9. */
import { build, type Plugin } from 'esbuild';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

/** Bundles `entry` (or `contents` resolved from `resolveDir`) with everything included. */
export async function bundle(options: { entry?: string; contents?: string; resolveDir?: string; tsconfig?: string }): Promise<Size & { stubbed: string[] }> {
  const stubbed = new Set<string>();
  const result = await build({
    ...(options.entry
      ? { entryPoints: [options.entry] }
      : { stdin: { contents: options.contents!, resolveDir: options.resolveDir!, loader: 'js' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    tsconfig: options.tsconfig,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [emptyBuiltins(stubbed)],
  });
  const code = result.outputFiles[0]!.contents;
  return { raw: code.length, gzip: gzipSize(code), stubbed: [...stubbed] };
}

/** Sums an ES module file and every relative chunk it statically imports (what a browser loads for it). */
export function chunkGraphSize(entry: string): Size & { files: number } {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // Static imports and re-exports only: `import ... from './x.js'`, `import './x.js'`, `export ... from './x.js'`.
    for (const m of text.matchAll(/(?:import|export)\s*(?:[^'"()]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) visit(resolve(dirname(file), m[1]!));
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
