// The linter's rules (docs/develop/lint.md). Type-aware: the TypeScript files are linted with the types
// tsc sees (tsconfig.json for src/ and bench/, test/tsconfig.json for test/), so a floating promise or a
// promise passed where a callback's result is ignored is found, not guessed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'fixtures/', 'meetings/', 'eksempel/', 'templates/', 'docs/'] },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
  },
  js.configs.recommended,
  comments.recommended,
  {
    // An exception says why it holds: `// eslint-disable-next-line RULE -- why`.
    rules: { '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }] },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // lint-sample.ts is never on disk: the linter's own test lints a bad line under that name (test/unit/lint.test.ts).
        projectService: { allowDefaultProject: ['vitest.config.ts', 'lint-sample.ts'] },
        // Not import.meta.dirname, which Node has only from 20.11 (package.json allows 20).
        tsconfigRootDir: path.dirname(fileURLToPath(import.meta.url)),
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `const { dropped: _, ...rest } = x` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
    },
  },
  {
    // commander gives a command's options as any: each command's function declares the type it takes.
    files: ['src/cli.ts'],
    rules: { '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  {
    // The tests read real output back (JSON.parse, a parsed PDF, a page's DOM) and assert its shape: an assumption
    // about it (`!`, `as`, a member of `any`) that does not hold fails the test at once, which is what a test is for.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-assertions': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Node's own scripts and configuration files: plain JavaScript, no types to check them with.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals() } },
  },
);

/** Node's globals, for the plain JavaScript files (no package of names needed for a few). */
function globals() {
  const names = [
    'process',
    'console',
    'Buffer',
    'URL',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'module',
    'require',
    '__dirname',
  ];
  return Object.fromEntries(names.map((name) => [name, 'readonly']));
}
