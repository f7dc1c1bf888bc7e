// ESLint (flat config) for `npm run lint`, part of `npm test`. Every TypeScript file gets the
// recommended rules; the simulator page's browser code also gets the type-aware ones, and may neither
// reach Node nor take the simulator's code (types only, but for the control API's contract).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', '.cache/', 'node_modules/', 'coverage/', 'test-results/', 'src/simulator/page/assets.generated.ts', 'test/package/consumer-app/'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // `const { hidden: _hidden, ...rest } = x` leaves a field out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // The Bot Framework seams (src/core/protocol.ts) mirror botbuilder's own `any`s.
      '@typescript-eslint/no-explicit-any': 'off',
      // The HTML cleaner (src/core/renderMessage.ts) strips control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // The build scripts: plain ESM for Node, run before anything is compiled.
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/simulator/page/browser/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // The types reach @types/node through botbuilder's declarations, so tsc alone would let these by.
      'no-restricted-globals': ['error', 'process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate'],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The page runs in a browser.' },
            {
              group: ['../../*', '!../../controlApi.js', '../../../*'],
              allowTypeImports: true,
              message: 'Browser code takes only types from the simulator and the monitoring (and controlApi.ts, the shared contract): their code would be bundled into the page.',
            },
          ],
        },
      ],
    },
  },
);
