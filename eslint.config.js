import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'url', 'util', 'stream', 'worker_threads'];
const pattern = (group, message) => ({ group, message });

/** Import-boundary zones (ARCHITECTURE.md); tests/unit/import-boundaries.test.ts enforces the same rules in CI. */
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="raw"][arguments.0.type="TemplateLiteral"]', message: 'Never build SQL with string interpolation; use bindings.' }],
    },
  },
  {
    files: ['main/**', 'tests/**', '.ci/**', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(['**/main/**', '**/preload/**'], 'The renderer talks to main only through renderer/api/client.ts.'),
          pattern(['electron', ...nodeBuiltins], 'The renderer is a web page: no Electron, no Node.'),
        ],
      }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!zod$|\\.{1,2}/)', message: 'shared imports only itself and pure packages (zod).' },
          pattern(['**/main/**', '**/renderer/**', '**/preload/**'], 'shared imports only shared.'),
        ],
      }],
    },
  },
  {
    files: ['preload/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!electron$|\\.\\./shared/ipc/)', message: 'preload imports only shared/ipc and electron.' }],
      }],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/index.ts', 'main/ipc/electron.ts', 'main/updater.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          pattern(['electron', 'electron-updater'], 'Only main/index.ts, main/ipc/electron.ts and main/updater.ts import Electron.'),
          pattern(['**/renderer/**', '**/preload/**'], 'main must not import renderer or preload.'),
        ],
      }],
    },
  },
);
