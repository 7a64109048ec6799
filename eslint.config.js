import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
);
