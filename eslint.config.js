// Lint rules for collabsim (ESLint flat config with typescript-eslint's type-aware rules).
// `npm run lint` runs this, Prettier's check and the layer check; CI runs `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'results/**',
      'dist/**',
      'workshop-dist/**',
      'out/**',
      'tmp/**',
      'bench/.build/**',
      'bench/results/**',
      'test-artifacts/**',
      'test/architecture/fixture/**',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Type-aware checks that catch real bugs.
      '@typescript-eslint/no-floating-promises': 'error',
      // Async event listeners are fine; a promise passed where a boolean is tested is not.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Plain JavaScript (bootstraps, configs): not part of the TypeScript project, so no type-aware rules.
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', WebAssembly: 'readonly' } },
  },
  {
    // The peers' libraries ship without types; the bench's adapters to them may use `any`.
    files: ['bench/peers/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests read JSON and YAML and poke at the app from outside; `any` is allowed there.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Source: small files and small functions (docs/ARCHITECTURE.md lists the few exceptions and why).
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
      'max-params': ['error', 6],
    },
  },
  {
    // The model measures distance one way (core/distance.ts): the same bits in every engine, no garbage per call.
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Math', property: 'hypot', message: 'use hypot from src/model/core/distance.ts' }],
    },
  },
);
