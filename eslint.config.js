import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '**/dist/**', 'coverage/**', '**/fixtures/**', '.platform-kit/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // §7.1: platform components log through the structured logger, never bare console.log.
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['packages/cli/src/**', 'scripts/**', 'bench/**', '**/test/**'],
    rules: { 'no-console': 'off' },
  },
);
