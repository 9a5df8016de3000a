// Two projects: `lab` runs DOM/JupyterLab code under JupyterLab's jsdom setup; `analytics`
// runs the pure analytics and the worker API in plain Node, exactly as the worker and the
// benchmarks run them (the JupyterLab shim touches `window`, so it cannot serve both).
const jestJupyterLab = require('@jupyterlab/testutils/lib/jest-config');

const esModules = [
  '@codemirror',
  '@marijn',
  '@microsoft',
  '@jupyter/react-components',
  '@jupyter/web-components',
  '@jupyter/ydoc',
  'color',
  'exenv-es6',
  'marked',
  '@jupyterlab/',
  'lib0',
  'nanoid',
  'vscode-ws-jsonrpc',
  'y-protocols',
  'y-websocket',
  'yjs',
  'd3',
  'd3-[a-z-]+',
  'internmap',
  'delaunator',
  'robust-predicates'
].join('|');

// Options jest only accepts at the top level are lifted out of the project config.
const { reporters, coverageReporters, testTimeout, ...base } = jestJupyterLab(__dirname);
const transform = {
  ...base.transform,
  '^.+\\.tsx?$': ['ts-jest/legacy', { tsconfig: './tsconfig.test.json' }],
  '^.+\\.mjs$': 'babel-jest'
};
const transformIgnorePatterns = [`/node_modules/(?!${esModules}).+`];
const modulePathIgnorePatterns = [
  '<rootDir>/.venv',
  '<rootDir>/.venv-bench',
  '<rootDir>/ui-tests','<rootDir>/jupyterlab_hunt/labextension', '<rootDir>/lib'];

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...base,
      displayName: 'lab',
      roots: ['<rootDir>/src'],
      automock: false,
      transform,
      transformIgnorePatterns,
      modulePathIgnorePatterns,
      testRegex: 'src/(?!analytics/|worker/).*/__tests__/.*\\.spec\\.tsx?$'
    },
    {
      displayName: 'analytics',
      roots: ['<rootDir>/src'],
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      modulePathIgnorePatterns,
      moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
      testRegex: 'src/(analytics|worker)/.*/?__tests__/.*\\.spec\\.ts$'
    }
  ]
};
