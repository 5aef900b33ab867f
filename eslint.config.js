import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/** A no-restricted-imports rule from [regex, why] pairs (regexes match the import specifier). */
const forbid = (...rules) => ({
  'no-restricted-imports': [
    'error',
    { patterns: rules.map(([regex, message]) => ({ regex, message })) },
  ],
});

const NODE_BUILTINS = '^(node:|fs$|path$|child_process$|net$|http$|os$|crypto$)';
/** The core's folders under electron/ (no Electron, no host, no renderer). */
const CORE_DIRS = ['core', 'session', 'store', 'db', 'chart', 'tools', 'review', 'account'];

export default ts.config(
  { ignores: ['node_modules/', 'out/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },

  // Globals per folder: Node where Node runs, the browser where the renderer runs.
  {
    files: [
      'electron/**',
      'mock-exchange/**',
      'e2e/**',
      'bench/**',
      'scripts/**',
      '*.{js,ts,mjs}',
      'renderer/vite.config.ts',
    ],
    languageOptions: { globals: globals.node },
  },
  { files: ['renderer/src/**'], languageOptions: { globals: globals.browser } },
  // shared/ runs on both sides: only what both have (tests run in Node).
  {
    files: ['shared/**'],
    languageOptions: {
      globals: {
        ...globals['shared-node-browser'],
        WebSocket: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
  },
  { files: ['shared/**/*.test.ts'], languageOptions: { globals: globals.node } },

  // Layers (docs/architecture.md): each rule fails the lint when a layer reaches where it must not.
  {
    files: ['shared/**'],
    ignores: ['shared/**/*.test.ts'],
    rules: forbid(
      ['(^|/)(electron|renderer|mock-exchange)/', 'shared/ depends on nothing of ours.'],
      ['^electron$', 'shared/ must not import Electron.'],
      [NODE_BUILTINS, 'shared/ runs in the renderer too: no Node built-ins.'],
    ),
  },
  {
    files: CORE_DIRS.map((dir) => `electron/${dir}/**`),
    rules: forbid(
      ['^electron$', 'The core knows no Electron: only electron/hosts/desktop may import it.'],
      ['(^|/)hosts/', 'The core must not import a host; hosts import the core.'],
      ['(^|/)renderer/', 'The core must not import the renderer.'],
    ),
  },
  {
    files: ['electron/node/**'],
    rules: forbid(
      [
        '^electron$',
        'electron/node/ is plain Node: only electron/hosts/desktop may import Electron.',
      ],
      ['(^|/)hosts/', 'Node services must not import a host.'],
    ),
  },
  {
    files: ['electron/hosts/desktop/**'],
    rules: forbid(['(^|/)browser/', 'The desktop host must not import the browser host.']),
  },
  {
    files: ['electron/hosts/browser/**'],
    rules: forbid(
      ['^electron$', 'The browser host runs without Electron.'],
      ['(^|/)desktop/', 'The browser host must not import the desktop host.'],
    ),
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/vite.config.ts'],
    rules: forbid(
      ['(^|/)(electron|mock-exchange)/', 'The renderer talks to main only through the api.'],
      ['^electron$', 'The renderer must not import Electron.'],
      ['^(ws|libsql)$', 'The renderer talks to main only through the api.'],
      [NODE_BUILTINS, 'The renderer runs in a sandboxed page: no Node built-ins.'],
    ),
  },
  {
    files: ['mock-exchange/**'],
    rules: forbid(['(^|/)(electron|renderer)/', 'The exchange is independent of the app.']),
  },
);
