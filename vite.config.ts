// Library build of the two browser entries (`npm run build`). The demo's dev server does not use this file:
// scripts/demo.ts configures Vite inline, so the library settings never leak into it.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { minifyCssLiterals } from './scripts/css-literals.js';
import pkg from './package.json' with { type: 'json' };

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Runtime dependencies stay imports, so an app's bundler dedupes them (one Lit, one DOMPurify);
// 'ws' and Node built-ins are only reached by the client's Node-only dynamic import.
const external = [...Object.keys(pkg.dependencies), ...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const isExternal = (id: string) => external.some((name) => id === name || id.startsWith(`${name}/`));

/** Minifies the CSS inside Lit `css` templates, which the JS minifier leaves as written. */
const minifyStyles: Plugin = {
  name: 'parley-minify-css-literals',
  enforce: 'pre',
  transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
    return { code: minifyCssLiterals(code), map: null };
  },
};

export default defineConfig({
  plugins: [minifyStyles],
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    lib: {
      // Both entries in one build, so they share chunks: an app importing the kit and the client gets one
      // client instance.
      entry: {
        'kit/parley': here('src/index.ts'),
        'client/client': here('src/services/client/index.ts'),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      external: isExternal,
      output: { chunkFileNames: 'shared/[name]-[hash].js' },
    },
  },
});
