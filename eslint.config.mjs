// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const NODE_APART = 'Shared code must run without Node (browsers, workers): Node built-ins and platform/node/ are imported only under packages/sdk/src/platform/node/ and by the Node entry (src/index.ts, src/start.ts). Take what you need as a parameter (see create/platform.ts, config/resolve-config.ts ConfigHost).';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.peers/**', '.tmp/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'Name every export (no export *).' }],
    },
  },
  {
    // Node apart (issue 11); test/portable/portable-bundle.test.ts proves it with a browser bundle.
    files: ['packages/sdk/src/**/*.ts', 'packages/instrumentation/src/**/*.ts'],
    ignores: ['packages/sdk/src/platform/node/**', 'packages/sdk/src/index.ts', 'packages/sdk/src/start.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // A type-only import leaves nothing in the built code, so it may name Node's types.
          paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: NODE_APART, allowTypeImports: true })),
          patterns: [
            { group: ['node:*'], message: NODE_APART, allowTypeImports: true },
            { group: ['**/platform/node/**', '**/platform/node/*'], message: NODE_APART, allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['**/test/**/*.ts', 'bench/**/*.ts', 'examples/*/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
