/**
 * `npm run bench:bundle`: what a browser downloads for Parley's kit with its client, against the
 * RongCloud Web IMKit with IMLib and its engine (installed from npm into a temporary folder now,
 * newest versions), bundled and compressed the same way: esbuild --bundle --minify --format=esm
 * --platform=browser --splitting, each output file gzip -9. "Initial" is the entry and the chunks it
 * statically imports (what a page loads at start); "total" adds the lazy chunks (dynamic imports, such
 * as Parley's `en` and `ja` strings). Parley is measured twice: with i18next bundled, and for an app
 * that ships i18next itself (i18next external: the kit adds only its namespace to the app's instance).
 * It is also measured from its own Vite build (runtime dependencies are external there, so those rows
 * are smaller).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../lib/children.js';
import { kb, printRatios, printTable, ratio } from '../lib/table.js';
import type { Plugin } from 'esbuild';
import { minifyCssLiterals } from '../../scripts/css-literals.js';
import { bundle, chunkGraphSize, type BundleSize } from './measure.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RONGCLOUD = ['@rongcloud/imkit', '@rongcloud/imlib-next', '@rongcloud/engine'];
/** Parley's budget for the initial load with i18next bundled (issue 10): 75 KB gzip. */
const BUDGET_KB = 75;

/** The package build's step (vite.config.ts) that minifies Lit `css` templates, so the bench measures what ships. */
const minifyStyles: Plugin = {
  name: 'parley-minify-css-literals',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => ({
      contents: minifyCssLiterals(readFileSync(args.path, 'utf8')),
      loader: 'ts',
    }));
  },
};

/** An app that ships i18next itself: the kit's `import 'i18next'` resolves to the app's copy, so it costs the kit nothing. */
const i18nextExternal: Plugin = {
  name: 'i18next-external',
  setup(b) {
    b.onResolve({ filter: /^i18next$/ }, (args) => ({ path: args.path, external: true }));
  },
};

function run(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function main(): Promise<void> {
  const tmp = tempDir('parley-bench-bundle-');
  try {
    const parley = await bundle({
      entry: join(ROOT, 'src/index.ts'),
      tsconfig: join(ROOT, 'tsconfig.json'),
      plugins: [minifyStyles],
    });
    const ownI18next = await bundle({
      entry: join(ROOT, 'src/index.ts'),
      tsconfig: join(ROOT, 'tsconfig.json'),
      plugins: [i18nextExternal, minifyStyles],
    });

    run(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        join(tmp.path, 'dist'),
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      ROOT,
    );
    const built = chunkGraphSize(join(tmp.path, 'dist/kit/parley.js'));
    const builtTotal = chunkGraphSize(join(tmp.path, 'dist/kit/parley.js'), true);

    const rc = join(tmp.path, 'rc');
    run(
      'npm',
      ['install', '--prefix', rc, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...RONGCLOUD],
      ROOT,
    );
    const versions = RONGCLOUD.map(
      (name) =>
        `${name}@${(JSON.parse(readFileSync(join(rc, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`,
    );
    // Namespace imports keep every export, as `export *` from three packages could silently drop clashing names.
    const entry = join(rc, 'entry.js');
    writeFileSync(
      entry,
      RONGCLOUD.map((name, i) => `import * as m${i} from '${name}';`).join('\n') +
        `\nexport { ${RONGCLOUD.map((_, i) => `m${i}`).join(', ')} };\n`,
    );
    const theirs = await bundle({ entry });

    const lazyNote = (b: BundleSize) =>
      b.lazy.length
        ? `lazy: ${b.lazy.map((c) => `${c.name} ${kb(c.gzip).toFixed(1)}`).join(', ')} KB gzip`
        : 'no lazy chunks';
    const within = kb(parley.initial.gzip) <= BUDGET_KB ? 'within' : 'OVER';
    printTable(
      'Bundle: esbuild --bundle --minify --format=esm --platform=browser --splitting, gzip -9 (zlib) per file',
      ['candidate', 'raw KB', 'gzip KB', 'notes'],
      [
        [
          'Parley kit + client, initial load (src/index.ts, all deps bundled, i18next included)',
          kb(parley.initial.raw),
          kb(parley.initial.gzip),
          `budget ${BUDGET_KB} KB gzip: ${within}; ${parley.initial.files} files`,
        ],
        [
          'Parley initial load for an app that brings its own i18next (i18next external)',
          kb(ownI18next.initial.raw),
          kb(ownI18next.initial.gzip),
          `i18next itself: ${kb(parley.initial.gzip - ownI18next.initial.gzip).toFixed(1)} KB gzip`,
        ],
        ['Parley kit + client, total with lazy chunks', kb(parley.total.raw), kb(parley.total.gzip), lazyNote(parley)],
        [
          'Parley Vite build: kit entry + static chunks (deps external)',
          kb(built.raw),
          kb(built.gzip),
          `${built.files} files`,
        ],
        ['Parley Vite build: with lazy chunks', kb(builtTotal.raw), kb(builtTotal.gzip), `${builtTotal.files} files`],
        [
          'RongCloud imkit + imlib-next + engine, initial load',
          kb(theirs.initial.raw),
          kb(theirs.initial.gzip),
          `${versions.join(', ')}; stubbed: ${theirs.stubbed.join(', ') || 'none'}`,
        ],
        ['RongCloud, total with lazy chunks', kb(theirs.total.raw), kb(theirs.total.gzip), lazyNote(theirs)],
      ],
    );
    printRatios([
      ['parley_vs_rongcloud_gzip', ratio(parley.initial.gzip, theirs.initial.gzip)],
      ['parley_total_vs_rongcloud_total_gzip', ratio(parley.total.gzip, theirs.total.gzip)],
      ['parley_build_vs_rongcloud_gzip', ratio(built.gzip, theirs.initial.gzip)],
      ['parley_vs_budget', ratio(kb(parley.initial.gzip), BUDGET_KB)],
      ['parley_own_i18next_vs_budget', ratio(kb(ownI18next.initial.gzip), BUDGET_KB)],
    ]);
  } finally {
    tmp.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
