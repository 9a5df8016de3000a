import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['lib/**', 'node_modules/**', 'jupyterlab_hunt/**', '**/*.d.ts', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['warn', { args: 'none' }],
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error'
    }
  },
  {
    // Output content is hostile: nothing may assign HTML from it.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render output data as text (textContent), never HTML.' },
        { property: 'outerHTML', message: 'Render output data as text, never HTML.' },
        { property: 'insertAdjacentHTML', message: 'Render output data as text, never HTML.' }
      ]
    }
  }
);
