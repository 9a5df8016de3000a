import tseslint from 'typescript-eslint';

// Boundaries (ARCHITECTURE.md): a feature folder uses other features only through
// src/tokens.ts and src/protocol.ts, plus the shared folders; analytics stays pure.
const FEATURES = [
  'alerts',
  'context',
  'entities',
  'extract',
  'kernel',
  'providers',
  'reproduce',
  'sessions',
  'sidebar',
  'table',
  'timerange',
  'timeseries',
  'worker'
];
const SHARED = ['ui', 'viz', 'common'];
const boundary = message => ({ message });

/** Imports of `folder` that reach into another feature (or, for shared code, any feature). */
function boundaryRule(folder) {
  const others = FEATURES.filter(f => f !== folder);
  return {
    files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`],
    ignores: [`src/${folder}/**/__tests__/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${others.join('|')})(/|$)`,
              ...boundary(
                `src/${folder} may use other features only through src/tokens.ts or src/protocol.ts`
              )
            }
          ]
        }
      ]
    }
  };
}

const analyticsRule = {
  files: ['src/analytics/**/*.ts'],
  ignores: ['src/analytics/**/__tests__/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^@(jupyterlab|lumino)/',
            message: 'src/analytics is pure TypeScript: no JupyterLab or Lumino imports'
          },
          {
            regex: `^(\\.\\./)+(${[...FEATURES, ...SHARED, 'tokens', 'protocol'].join('|')})(/|$)`,
            message: 'src/analytics imports nothing outside src/analytics'
          }
        ]
      }
    ]
  }
};

const protocolRule = {
  files: ['src/protocol.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^(?!\\./analytics/)',
            message: 'src/protocol.ts imports nothing but analytics types'
          }
        ]
      }
    ]
  }
};

export default tseslint.config(
  { ignores: ['lib/**', 'node_modules/**', 'jupyterlab_hunt/**', '**/*.d.ts', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // Counted down over time; every new `any` shows in the lint output.
      '@typescript-eslint/no-explicit-any': 'warn',
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
  },
  ...[...FEATURES, ...SHARED].map(boundaryRule),
  analyticsRule,
  protocolRule
);
