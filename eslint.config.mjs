// Lint rules: typescript-eslint's recommended set; Apps Script globals are allowed only in src/server.
import tseslint from 'typescript-eslint';

const appsScriptGlobals = [
  'SpreadsheetApp',
  'PropertiesService',
  'LockService',
  'ScriptApp',
  'HtmlService',
  'BigQuery',
  'Session',
  'Utilities',
  'Logger',
  'CacheService',
  'UrlFetchApp',
  'google',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/local/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...appsScriptGlobals],
    },
  },
);
