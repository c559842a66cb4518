/**
 * `npm run bench:bundle`: what a browser downloads for Parley's kit with its client, against the
 * RongCloud Web IMKit with IMLib and its engine (installed from npm into a temporary folder now,
 * newest versions), bundled and compressed the same way: esbuild --bundle --minify --format=esm
 * --platform=browser, gzip -9. Parley is also measured from its own Vite build (the kit entry
 * plus the chunks it imports; runtime dependencies are external there, so that row is smaller).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../lib/children.js';
import { kb, printRatios, printTable, ratio } from '../lib/table.js';
import { bundle, chunkGraphSize } from './measure.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RONGCLOUD = ['@rongcloud/imkit', '@rongcloud/imlib-next', '@rongcloud/engine'];
/** Parley's budget (issue 6): 60 KB gzip. */
const BUDGET_KB = 60;

function run(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function main(): Promise<void> {
  const tmp = tempDir('parley-bench-bundle-');
  try {
    const parley = await bundle({ entry: join(ROOT, 'src/index.ts'), tsconfig: join(ROOT, 'tsconfig.json') });

    run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', join(tmp.path, 'dist'), '--emptyOutDir', '--logLevel', 'error'], ROOT);
    const built = chunkGraphSize(join(tmp.path, 'dist/kit/parley.js'));

    const rc = join(tmp.path, 'rc');
    run('npm', ['install', '--prefix', rc, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...RONGCLOUD], ROOT);
    const versions = RONGCLOUD.map((name) => `${name}@${(JSON.parse(readFileSync(join(rc, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`);
    // Namespace imports keep every export, as `export *` from three packages could silently drop clashing names.
    const entry = RONGCLOUD.map((name, i) => `import * as m${i} from '${name}';`).join('\n') + `\nexport { ${RONGCLOUD.map((_, i) => `m${i}`).join(', ')} };\n`;
    const theirs = await bundle({ contents: entry, resolveDir: rc });

    printTable('Bundle: esbuild --bundle --minify --format=esm --platform=browser, gzip -9 (zlib)', ['candidate', 'raw KB', 'gzip KB', 'notes'], [
      ['Parley kit + client (src/index.ts, all deps bundled)', kb(parley.raw), kb(parley.gzip), `budget ${BUDGET_KB} KB gzip: ${kb(parley.gzip) <= BUDGET_KB ? 'within' : 'OVER'}`],
      ['Parley Vite build: kit entry + imported chunks (deps external)', kb(built.raw), kb(built.gzip), `${built.files} files`],
      ['RongCloud imkit + imlib-next + engine', kb(theirs.raw), kb(theirs.gzip), `${versions.join(', ')}; stubbed: ${theirs.stubbed.join(', ') || 'none'}`],
    ]);
    printRatios([
      ['parley_vs_rongcloud_gzip', ratio(parley.gzip, theirs.gzip)],
      ['parley_build_vs_rongcloud_gzip', ratio(built.gzip, theirs.gzip)],
      ['parley_vs_budget', ratio(kb(parley.gzip), BUDGET_KB)],
    ]);
  } finally {
    tmp.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
