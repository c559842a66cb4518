// Generates custom-elements.json from the source (`npm run build`, or `npm run manifest`). The analyzer
// ships its own TypeScript 5.x for parsing, so it works while the project type-checks with TS 7.
//
// The elements are defined in a loop in src/components/define.ts (only when the tag is free), which the
// analyzer cannot follow; the classes carry `@tagname`, and the plugin below turns that into proper
// `custom-element-definition` exports.
const definitionsFromTagnames = {
  name: 'parley-definitions',
  packageLinkPhase({ customElementsManifest: manifest }) {
    for (const mod of manifest.modules) {
      // Drop the analyzer's guess from define.ts (`customElements.define(tag, element)`).
      mod.exports = (mod.exports ?? []).filter((e) => !(e.kind === 'custom-element-definition' && e.name === 'tag'));
      for (const declaration of mod.declarations ?? []) {
        if (!declaration.tagName) continue;
        mod.exports.push({
          kind: 'custom-element-definition',
          name: declaration.tagName,
          declaration: { name: declaration.name, module: mod.path },
        });
      }
    }
  },
};

export default {
  globs: ['src/components/**/*.ts'],
  exclude: [
    'src/components/**/*.test.ts',
    'src/components/shared/test-utils.ts',
    'src/components/shared/big-list-utils.ts',
    'src/components/shared/visual-*.ts',
  ],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [definitionsFromTagnames],
};
