// Type-aware typescript-eslint. `src/core/` stays free of the `vscode` API so its logic runs and is
// tested in plain Node; the webview code cannot reach host code either.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', '.bench/**', 'test-results/**', '.stryker-tmp/**', '.vscode-test/**', 'node_modules/**', 'test/fixtures/analysis/**', 'test/fixtures/workspace/**', 'demo/**', 'snippets/**', '**/*.mjs', '**/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='keys'][callee.object.name=/redis|client|cluster/i]", message: 'Use SCAN, never KEYS.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core/ is pure Node: adapt it to vscode in a feature folder.' }] }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: ['src/webview/tsconfig.json'] } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(vscode$|\\.\\./\\.\\./(?!core/protocol/))', message: 'Webview code imports only the shared protocol (src/core/protocol/).' }] }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
