import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Only the Electron shell files may touch `electron`; everything else must run in plain Node
// (services, handlers, browser host) or in the browser (renderer).
const electronShell = [
  'electron/main.ts',
  'electron/preload.ts',
  'electron/security.ts',
  'electron/host/ipc-transport.ts',
];

// Test doubles, harnesses and fixtures live in test-support/; the product never imports them.
const testSupportImport = {
  group: ['**/test-support/**'],
  message: 'Production code must not import test doubles or harnesses (test-support/).',
};
const testFiles = [
  '**/*.test.ts',
  '**/*.test.tsx',
  'test-support/**',
  'e2e/**',
  'bench/**',
  '*.config.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only the Electron shell files may import electron.' },
          ],
          patterns: [testSupportImport],
        },
      ],
    },
  },
  {
    files: electronShell,
    rules: {
      'no-restricted-imports': ['error', { patterns: [testSupportImport] }],
    },
  },
  {
    // shared/ is pure: no Node, no Electron, no DOM, so both sides can import it.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom'].map((name) => ({
            name,
            message: 'shared/ must stay pure.',
          })),
          patterns: [
            { group: ['node:*'], message: 'shared/ must stay pure.' },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ must not import app code.',
            },
            testSupportImport,
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through api.ts.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser.' },
            {
              group: ['**/electron/**'],
              message: 'The renderer talks to main only through api.ts.',
            },
            testSupportImport,
          ],
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: { 'no-restricted-imports': 'off' },
  },
);
