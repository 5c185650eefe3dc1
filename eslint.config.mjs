// Layer rules (see docs/ARCHITECTURE.md, "Layers"): the build fails when a layer reaches across.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'worker_threads',
  'stream',
  'url',
  'util',
  'events',
  'net',
  'http',
  'https',
  'zlib',
  'buffer',
];
const frontEnds = [
  {
    group: ['**/cli/**', '**/cli'],
    message: 'Nothing below the command line imports it: the CLI is a front end over the engine and the hub.',
  },
];
const uiAndShell = [
  { group: ['electron', 'electron/*'], message: 'The engine and the contract never import electron.' },
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'The engine and the contract never import react.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'bench/output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...uiAndShell,
            ...frontEnds,
            { group: ['**/renderer/**'], message: 'The engine never imports the UI.' },
            { group: ['**/hub/**', '**/hub'], message: 'The engine never imports the hub: they share only the protocol in src/shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...uiAndShell,
            { group: nodeBuiltins, message: 'src/shared is plain TypeScript: no Node modules.' },
            { group: ['**/core/**', '**/renderer/**', '**/hub/**', '**/cli/**'], message: 'src/shared depends on nothing of the app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/core', '!@dnd-kit/core'],
              message: 'The renderer talks to the engine only through the contract in src/shared.',
            },
            { group: nodeBuiltins, message: 'No Node modules in the renderer.' },
            { group: ['electron', 'electron/*'], message: 'The renderer reaches Electron only through the preload bridge.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/hub/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...uiAndShell, ...frontEnds, { group: ['**/renderer/**'], message: 'The hub never imports the UI.' }],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...uiAndShell,
            { group: ['**/renderer/**'], message: 'The command line reaches the engine through its handlers, never through the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'The shell has no UI of its own: the renderer has.' },
            {
              group: ['**/src/renderer/**', '**/src/hub/**', '**/src/cli/**'],
              message: 'The Electron shell relays to the engine; it imports no front end and no hub.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/core/**', '**/src/renderer/**', '**/src/hub/**', '**/src/cli/**'],
              message: 'The preload exposes the contract in src/shared, nothing else.',
            },
            { group: nodeBuiltins, message: 'The preload runs sandboxed: no Node modules.' },
          ],
        },
      ],
    },
  },
);
