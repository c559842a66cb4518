/**
 * The client's modules must not import each other in a circle at run time (a cycle makes load order
 * matter: a module can see another's exports before they are set). esbuild's metafile lists the
 * imports that survive type erasure, so `import type` edges do not count; dynamic imports (the lazy
 * chunks) do not count either.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';

const CLIENT_DIR = 'src/services/client/';

/** esbuild's metafile of the client: every module with the imports that survive type erasure. */
async function clientInputs() {
  const result = await build({
    entryPoints: [`${CLIENT_DIR}index.ts`],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    packages: 'external',
    outdir: 'out',
    logLevel: 'silent',
  });
  return result.metafile.inputs;
}

/** The static import graph of the client's own modules, from esbuild's metafile. */
async function clientImportGraph(): Promise<Map<string, string[]>> {
  const inputs = await clientInputs();
  const graph = new Map<string, string[]>();
  for (const [file, input] of Object.entries(inputs)) {
    if (!file.startsWith(CLIENT_DIR)) continue;
    const edges = input.imports
      .filter((i) => i.kind === 'import-statement' && i.path.startsWith(CLIENT_DIR))
      .map((i) => i.path);
    graph.set(file, edges);
  }
  return graph;
}

/** One cycle as a path `a → b → … → a`, or undefined when the graph has none. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

test('the cycle finder reports a cycle it is given', () => {
  assert.deepEqual(
    findCycle(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
      ]),
    ),
    ['a', 'b', 'c', 'a'],
  );
  assert.equal(
    findCycle(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
    undefined,
  );
});

test('the client modules import each other without a cycle', async () => {
  const graph = await clientImportGraph();
  assert.ok(graph.size > 10, `expected the client's modules in the graph, got ${graph.size}`);
  const cycle = findCycle(graph);
  assert.equal(cycle, undefined, `run-time import cycle: ${cycle?.join(' → ')}`);
});

/** Client modules reached from `from` by static imports, `from` included. */
function closure(graph: Map<string, string[]>, from: string): Set<string> {
  const seen = new Set<string>();
  const visit = (node: string) => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const next of graph.get(node) ?? []) visit(next);
  };
  visit(from);
  return seen;
}

test('a module the client loads on first use imports none of the modules it loads at start', async () => {
  // Such an import would make a bundler split the eager module into a chunk of its own, compressed apart
  // from the entry: the parts loaded later get what they need of the eager ones through a port instead.
  const lazy = new Set<string>();
  for (const [file, input] of Object.entries(await clientInputs())) {
    if (!file.startsWith(CLIENT_DIR)) continue;
    for (const i of input.imports) if (i.kind === 'dynamic-import' && i.path.startsWith(CLIENT_DIR)) lazy.add(i.path);
  }
  assert.ok(lazy.has(`${CLIENT_DIR}late-ops.ts`), `expected late-ops.ts among ${[...lazy].join(', ')}`);
  const graph = await clientImportGraph();
  const eager = closure(graph, `${CLIENT_DIR}index.ts`);
  for (const module of lazy) {
    const shared = [...closure(graph, module)].filter((m) => eager.has(m));
    assert.deepEqual(shared, [], `${module} imports modules loaded at start`);
  }
});
