import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import zones: where code may run decides what it may import. Each zone lists everything it forbids, because a
// later config object's no-restricted-imports replaces an earlier one for the files both match.
const fromTests = { group: ['**/test/**'], message: 'src/ ships; test/ does not. Move what both need into src/.' };
const nodeBuiltins = {
  paths: builtinModules.filter((m) => !m.startsWith('_') && !m.startsWith('node:'))
    .map((name) => ({ name, message: 'Pure code runs in the webview and in plain tests: no Node built-ins (put it in src/node/).' })),
  patterns: [{ group: ['node:*'], message: 'Pure code runs in the webview and in plain tests: no Node built-ins (put it in src/node/).' }],
};
const vscodeApi = { name: 'vscode', message: "Only src/vscode/ (and the composition root) may import 'vscode'." };

/**
 * Each folder of src/vscode/ is one feature; features meet only through the composition root and the shared modules
 * at src/vscode/'s top level (webview host, command boundary, proposal review…), never by importing each other's files.
 */
function vscodeFeatureZones() {
  const features = readdirSync(new URL('./src/vscode/', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  return features.map((feature) => ({
    files: [`src/vscode/${feature}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [fromTests, ...features.filter((other) => other !== feature).map((other) => ({
          group: [`../${other}/*`, `**/vscode/${other}/*`],
          message: `src/vscode/${feature}/ cannot import the ${other} feature's files: share through src/vscode/'s top level or the composition root.`,
        }))],
      }],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', '.test-artifacts/**', 'bench/results/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // `import vscode = require('vscode')` is how the editor's API is imported (see vscodeAsIs in esbuild.apart.mjs);
      // a bare require() call stays forbidden outside the lazy loaders that disable the rule on their line.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
    },
  },
  {
    // No line needs horizontal scrolling: code wraps at 160. Long string, template and regex literals and URLs are
    // exempt, because they are messages and data that read better whole than split.
    files: ['**/*.ts', '**/*.mjs'],
    rules: {
      'max-len': ['error', { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  {
    // All of src/: never import the tests.
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [fromTests] }] },
  },
  {
    // node/ is Node-only code (the client, credentials, HTTP): no editor API, so it runs in plain Node tests.
    files: ['src/node/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [vscodeApi], patterns: [fromTests, { group: ['**/vscode/**'], message: 'src/node/ cannot depend on src/vscode/.' }] }] },
  },
  {
    // common/ is pure logic shared by host, webview and tests, and webview/ runs in a browser: neither may reach for
    // the editor API, Node-only code or Node's built-in modules.
    files: ['src/common/**/*.ts', 'src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [vscodeApi, ...nodeBuiltins.paths],
        patterns: [fromTests, ...nodeBuiltins.patterns, { group: ['**/vscode/**', '**/node/**'], message: 'Pure code cannot depend on src/vscode/ or src/node/.' }],
      }],
    },
  },
  ...vscodeFeatureZones(),
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs', 'test/**/*.ts', 'bench/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', URL: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', fetch: 'readonly', AbortController: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', document: 'readonly', window: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
