import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The boundaries the architecture draws (DESIGN §1), as import restrictions. ESLint applies only the last
 * `no-restricted-imports` setting that matches a file, so each block below lists every restriction its files have.
 */
const ADAPTERS_AND_SDKS = {
  group: [
    '@docket/store/postgres',
    '@docket/store/dynamodb',
    '@docket/blobs/file',
    '@docket/blobs/s3',
    '@aws-sdk/*',
    'drizzle-orm',
    'drizzle-orm/*',
    '@electric-sql/pglite',
    '@electric-sql/pglite/*',
    'pg',
  ],
  message: 'Only the composition root picks an adapter: take the port (Datastore, BlobStore, …) instead.',
};
const STORE_ADAPTER_FOLDERS = {
  regex: '^\\.\\/(postgres|dynamodb)(\\/|$)',
  message: 'A port file does not know its adapters: adapters implement the ports, not the other way round.',
};
const HTTP = {
  group: ['fastify', 'fastify-*', '@fastify/*', 'node:http', 'node:https', 'http', 'https'],
  message: 'Use cases know nothing of HTTP: throw a typed DocketError and let http/problem.ts map it.',
};
const SERVER_HTTP_FOLDERS = {
  regex: '^\\.\\.\\/(http|routes|presenters)(\\/|$)',
  message: 'Use cases know nothing of HTTP: routes call use cases, never the other way round.',
};
const SERVER_SIDE_PACKAGES = {
  group: [
    '@docket/server',
    '@docket/server/*',
    '@docket/store',
    '@docket/store/*',
    '@docket/blobs',
    '@docket/blobs/*',
  ],
  message: 'The web talks to the server only over HTTP (api/client.ts); shared types live in @docket/domain.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.docket/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['packages/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The web app shows pages and buttons from the abilities the server sends; it never decides by a role itself.
    files: ['packages/web/src/**'],
    ignores: ['packages/web/src/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "BinaryExpression[operator=/^[!=]==?$/]:matches([left.property.name='role'], [right.property.name='role'])",
          message:
            'Ask the abilities the server sent (the session’s or the contract’s), not the user’s role.',
        },
        {
          selector: "SwitchStatement[discriminant.property.name='role']",
          message:
            'Ask the abilities the server sent (the session’s or the contract’s), not the user’s role.',
        },
      ],
    },
  },
  {
    files: ['packages/domain/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'pg', 'drizzle-orm*', '@docket/store', '@docket/server', 'fastify*'] },
      ],
    },
  },
  {
    // The store's ports. index.ts is one of them: it re-exports only the ports, and each adapter is reached through
    // its own subpath export (@docket/store/postgres, /dynamodb), so no top-level file is composition to exempt.
    files: ['packages/store/src/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ADAPTERS_AND_SDKS, STORE_ADAPTER_FOLDERS] }] },
  },
  {
    // The blob store's port files, likewise; its index re-exports the port, the adapters are subpath exports.
    files: ['packages/blobs/src/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ADAPTERS_AND_SDKS,
            { regex: '^\\.\\/(file|s3)(\\/|$)', message: STORE_ADAPTER_FOLDERS.message },
          ],
        },
      ],
    },
  },
  {
    // The server knows its ports only. Exempt: composition-root.ts, the one file that opens adapters by locator.
    files: ['packages/server/src/**'],
    ignores: ['packages/server/src/composition-root.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ADAPTERS_AND_SDKS] }] },
  },
  {
    files: ['packages/server/src/use-cases/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [ADAPTERS_AND_SDKS, HTTP, SERVER_HTTP_FOLDERS] }],
    },
  },
  {
    files: ['packages/web/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_SIDE_PACKAGES] }] },
  },
);
