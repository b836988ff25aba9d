import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    // The add-on sees Kodi only through the shim's public entry, as a real add-on sees only xbmc*.
    files: ['addon/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/src/host/**', '**/src/harness/**', '**/src/settings/**', '**/src/language/**'], message: 'addon/ may import src/ only through src/kodi/index.js' },
          { group: ['**/src/kodi/**'], allowTypeImports: true, message: 'addon/ takes Kodi from the `kodi` object its entry receives; import only types from src/kodi' },
        ],
      }],
    },
  },
  {
    // The runtime could host another add-on: it never knows this one.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/addon/**'], message: 'src/ must not import addon/; the harness finds the add-on through addon.xml' }],
      }],
    },
  },
);
