/**
 * The server's modules import each other without a run-time cycle: a cycle makes load order decide
 * whether a table or class is defined yet when another module reads it. esbuild resolves every
 * server module and drops type-only imports, so its metafile is the run-time import graph.
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

function serverModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverModules(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [relative(root, path)] : [];
  });
}

/** Module → the server modules it imports at run time. */
async function runtimeImports(): Promise<Map<string, string[]>> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: serverModules(join(root, 'server')),
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: 'out',
    logLevel: 'silent',
  });
  const graph = new Map<string, string[]>();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    if (!path.startsWith('server/')) continue;
    graph.set(
      path,
      input.imports.filter((i) => !i.external && i.path.startsWith('server/')).map((i) => i.path),
    );
  }
  return graph;
}

/** One cycle through each group of modules that reach each other (depth-first, reported as a path). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (module: string): void => {
    state.set(module, 'open');
    path.push(module);
    for (const next of graph.get(module) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(module, 'done');
  };
  for (const module of [...graph.keys()].sort()) if (!state.has(module)) visit(module);
  return found;
}

test('server modules import each other without a run-time cycle', async () => {
  const graph = await runtimeImports();
  assert.ok(graph.size > 50, `the graph holds the server's modules (${graph.size})`);
  assert.ok(
    graph.get('server/api/endpoints.ts')?.includes('server/api/chatroom-endpoints.ts'),
    'the endpoint table imports its feature modules',
  );
  assert.deepEqual(
    cycles(graph).map((cycle) => cycle.join(' -> ')),
    [],
  );
});
