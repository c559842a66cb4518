// ESLint (flat config): JavaScript and TypeScript recommended rules, Lit and web-component rules, and
// eslint-config-prettier last so formatting is left to Prettier (`npm run lint` runs both).
//
// Why the resolve hook below: the project compiles with TypeScript 7 (the native compiler), whose
// `typescript` package has no JavaScript API, but typescript-eslint's parser calls `require('typescript')`
// and needs the 5.x/6.0 API. package.json therefore installs TypeScript 6.0 under a second name,
// `typescript-js-api`, and (through `overrides`) lets typescript-eslint's peer range accept the root TS 7
// so npm installs without a conflict. While ESLint runs, every `require('typescript')` is pointed at that
// 6.0 copy. Only this lint process sees it; `tsc`, Vite and the tests keep TypeScript 7.
// The rules are the non-type-aware sets: they need only the parser, so a full lint stays fast on a
// small machine (type-aware rules would build a whole second program with TS 6.0).
import Module, { createRequire } from 'node:module';

const typescriptJsApi = createRequire(import.meta.url).resolve('typescript-js-api');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === 'typescript' ? typescriptJsApi : request, ...rest);
};

// Imported after the hook is in place (static imports would run before it).
const { defineConfig } = await import('eslint/config');
const { default: js } = await import('@eslint/js');
const { default: tseslint } = await import('typescript-eslint');
const { default: lit } = await import('eslint-plugin-lit');
const { default: wc } = await import('eslint-plugin-wc');
const { default: prettier } = await import('eslint-config-prettier');
const { default: globals } = await import('globals');

export default defineConfig(
  {
    ignores: [
      'dist/',
      'gallery/',
      'data/',
      '.parley-data/',
      'test-results/',
      'test/visual/failed/',
      'custom-elements.json',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A variable assigned once, after closures that read it are built (a service wired to another), stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Augmenting another module's namespace (React's JSX.IntrinsicElements for the kit's tags) needs one.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // `_`-prefixed names mark parameters a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'demo/**/*.ts', 'demo/**/*.tsx'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'demo/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'demo/**/*.ts'],
    rules: {
      'lit/attribute-names': ['error', { convention: 'kebab' }],
      'lit/lifecycle-super': 'error',
      'lit/no-classfield-shadowing': 'error',
      'lit/no-invalid-escape-sequences': 'error',
      'lit/no-legacy-imports': 'error',
      'lit/no-native-attributes': 'error',
      'lit/no-template-bind': 'error',
      'lit/no-this-assign-in-render': 'error',
      'lit/no-useless-template-literals': 'error',
      'lit/no-value-attribute': 'error',
      'lit/prefer-nothing': 'error',
      'lit/prefer-static-styles': 'error',
      'wc/no-closed-shadow-root': 'error',
      'wc/no-constructor-params': 'error',
      'wc/no-invalid-extends': 'error',
      'wc/no-typos': 'error',
      'wc/require-listener-teardown': 'error',
    },
  },
  {
    // Browser tests run under Mocha (web-test-runner).
    files: ['src/**/*.test.ts', 'src/**/*.visual.test.ts', 'test/visual/**/*.ts'],
    languageOptions: { globals: globals.mocha },
  },
  prettier,
);
