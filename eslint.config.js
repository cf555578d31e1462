import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './eslint/layers.js';

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
const networkSeam =
  'Every outbound connection goes through electron/services/network/ (trust, timeouts, the path taken).';
const testFiles = [
  '**/*.test.ts',
  '**/*.test.tsx',
  'test-support/**',
  'e2e/**',
  'bench/**',
  '*.config.ts',
];

// Which folder may import which (docs/architecture.md, "Allowed imports"). A file belongs to the
// longest folder listed that holds it; `folder/**` allows a folder and all below it. Every
// production file may also import shared/ through the layers below, and nothing may import
// test-support/, e2e/ or bench/. Main and the renderer may import all of shared/.
const services = (...names) => names.map((name) => `electron/services/${name}`);
const allShared = ['shared/**'];
const procedures = [
  'system-settings',
  'incoming-mail',
  'walkthrough',
  'test-log',
  'demo-tenant',
  'network',
];
// What a procedure may use: shared code, the Test's module, controls and stores, and the files at
// the root of procedures/ (the frame, the row controls, the unsaved-changes guard).
const procedureDeps = [
  'shared/**',
  'renderer/check',
  'renderer/components',
  'renderer/stores',
  'renderer/environment',
];
const importTable = {
  'shared/guide': [],
  'shared/demo': [],
  'shared/diagnosis': ['shared/guide'],
  'shared/settings': ['shared/diagnosis', 'shared/guide'],
  'shared/walkthrough': ['shared/settings', 'shared/diagnosis', 'shared/guide'],
  'shared/contract': ['shared/settings', 'shared/diagnosis', 'shared/guide', 'shared/demo'],

  'electron/services/base': [...allShared],
  'electron/services/network': [...allShared, ...services('base')],
  'electron/services/keychain': [...allShared, ...services('base')],
  // network: the Network procedure's service says where the proxy in force comes from.
  'electron/services/settings': [...allShared, ...services('keychain', 'network', 'base')],
  'electron/services/logs': [...allShared, ...services('settings', 'keychain', 'base')],
  'electron/services/environment': [
    ...allShared,
    ...services('settings', 'keychain', 'network', 'base'),
    'electron/demo-tenant',
  ],
  // The port (mail/*.ts) and each protocol folder; protocols never import one another.
  'electron/services/mail': [...allShared, ...services('network', 'base')],
  'electron/services/mail/ews': [...allShared, ...services('mail', 'network', 'base')],
  'electron/services/mail/graph': [...allShared, ...services('mail', 'network', 'base')],
  'electron/services/mail/smtp': [...allShared, ...services('mail', 'network', 'base')],
  'electron/services/mail/imap': [...allShared, ...services('mail', 'network', 'base')],
  'electron/services/mail/mail-client': [...allShared, ...services('mail', 'base')],
  'electron/services/tokens': [...allShared, ...services('mail', 'network', 'base')],
  'electron/services/runs': [
    ...allShared,
    ...services('tokens', 'mail', 'logs', 'keychain', 'base'),
  ],
  'electron/services/check': [
    ...allShared,
    ...services('runs', 'tokens', 'mail/**', 'environment', 'keychain', 'network', 'base'),
  ],
  'electron/services/validation': [
    ...allShared,
    ...services('runs', 'tokens', 'mail/**', 'environment', 'keychain', 'base'),
  ],
  'electron/services/demo': [...allShared, ...services('base'), 'electron/demo-tenant'],
  // Check connections (Network procedure): tries each route the settings give, through the seam.
  'electron/services/connections': [
    ...allShared,
    ...services('environment', 'settings', 'keychain', 'network', 'mail/smtp', 'base'),
  ],
  // The simulated Microsoft 365: a server of its own that knows nothing of the app.
  'electron/demo-tenant': [...allShared],
  'electron/host': ['shared/**', 'electron/services/**', 'electron/demo-tenant'],
  electron: ['shared/**', 'electron/host', 'electron/services/**'],
  // The renderer: the shell (App, Navigation, main) may import every folder; below it each
  // folder only what its row lists, and one procedure never another.
  renderer: ['shared/**', 'renderer/**'],
  'renderer/transport': ['shared/**'],
  'renderer/stores': ['shared/**', 'renderer/transport'],
  'renderer/components': ['shared/**', 'renderer/stores'],
  'renderer/environment': ['shared/**', 'renderer/components', 'renderer/stores'],
  'renderer/check': ['shared/**', 'renderer/components', 'renderer/stores'],
  'renderer/procedures': procedureDeps,
  ...Object.fromEntries(
    procedures.map((name) => [
      `renderer/procedures/${name}`,
      [...procedureDeps, 'renderer/procedures'],
    ]),
  ),
  'test-support': [],
  e2e: [],
  bench: [],
};

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
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: testFiles,
    plugins: { layers },
    rules: {
      'layers/allowed-imports': ['error', importTable],
      // Small pieces: a function fits on a screen, a file is one concern (data tables are split
      // by section), and no value is asserted present where the types cannot show it.
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false }],
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    // One network seam: only network/ opens sockets, builds agents and holds the trust store.
    // The servers are left out: the demo tenant and the browser host listen, they do not connect
    // (the app's clients reach the demo tenant through network/ like any host).
    files: ['electron/**/*.ts'],
    ignores: [
      ...testFiles,
      'electron/services/network/**',
      'electron/demo-tenant/**',
      'electron/host/http-transport.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...['http', 'node:http', 'https', 'node:https', 'tls', 'node:tls', 'net', 'node:net'],
            'undici',
          ].map((name) => ({ name, message: networkSeam, allowTypeImports: true })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.property.name='Agent']", message: networkSeam },
        { selector: "NewExpression[callee.name='Agent']", message: networkSeam },
      ],
    },
  },
  {
    files: testFiles,
    rules: { 'no-restricted-imports': 'off' },
  },
);
