// Boundaries the build enforces (npm run lint, run by npm test). The rooms, and what each may import:
//   src/core      pure logic: nothing from vscode, services, features, cli or webview (runs under plain Node)
//   src/core/common  the shapes and helpers every room shares: imports nothing outside itself
//   src/protocol  message types between host and webviews: core types only
//   src/services  VS Code-aware services shared by features: core, protocol, its own room
//   src/features  one folder a feature: core, protocol, services and its own folder; never another feature
//   src/cli       the command line: core only (no vscode)
//   src/webview   browser code: protocol and type-only imports (plus the dependency-free core/render/untrustedText
//                 and core/claims/verdictStyle)
//   src/extension.ts only wires (the desktop entry, package.json `main`); src/web/extension.ts likewise for
//   the web worker extension host (`browser`), where the files it reaches may use no Node (rule at the end).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Files the web extension (src/web/extension.ts) reaches: written by the build (node_modules/.cache/literature-companion/webGraph.json), with
// the web-only files as the floor when the build has not run yet. They run in the browser's web worker
// extension host: no Node built-ins (node:path excepted: the web build maps it to core/platform/posixPath)
// and no Node globals. The build fails on the same (scripts/lib/webGuard.mjs); this says so in the editor.
const webGraph = (() => {
  try {
    return JSON.parse(readFileSync('node_modules/.cache/literature-companion/webGraph.json', 'utf8'));
  } catch {
    return [];
  }
})();
const webFiles = ['src/web/**/*.ts', 'src/services/workspaceFileSystem.ts', 'src/core/platform/fileSystem.ts', 'src/core/platform/hash.ts', 'src/core/platform/posixPath.ts', ...webGraph];
const nodeOnlyModules = builtinModules.filter((name) => name !== 'path' && !name.startsWith('_')).flatMap((name) => [name, `node:${name}`]);

const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths: patterns.filter((p) => p.name), patterns: patterns.filter((p) => p.regex) }],
});
const noVscode = { name: 'vscode', message: 'This room must not depend on VS Code (keep it pure: the CLI and unit tests run it under plain Node).' };
const upward = (rooms, message) => ({ regex: `^(\\.\\./)+(${rooms.join('|')})(/|$)`, message });

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'node_modules/**', 'test-results/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-debugger': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(noVscode, upward(['features', 'services', 'cli', 'webview', 'extension'], 'core is the innermost room: it imports only core.')),
  },
  {
    files: ['src/core/common/**/*.ts'],
    rules: restrict(noVscode, { regex: '^\\.\\./', message: 'core/common is the floor every room stands on: it imports nothing outside itself.' }),
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: restrict(noVscode, upward(['features', 'services', 'cli', 'webview', 'extension'], 'The protocol is shared by host and webviews: core types only.')),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: restrict(upward(['features', 'cli', 'webview', 'extension'], 'Services are shared by features; they must not reach into one.')),
  },
  {
    files: ['src/features/**/*.ts'],
    rules: restrict(
      { regex: '^\\.\\./(?!\\.\\./)', message: 'A feature imports only core, protocol, services and its own folder: move what two features share into src/services or src/core.' },
      upward(['features', 'cli', 'webview', 'extension'], 'A feature imports only core, protocol, services and its own folder.'),
    ),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict(noVscode, upward(['features', 'services', 'webview', 'extension'], 'The CLI is a thin shell over core: the same functions the extension calls.')),
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [noVscode],
        // Two exceptions, both dependency-free: core/render/untrustedText, so host and webviews neutralise
        // untrusted text (bidi controls, titles) with the same code; core/claims/verdictStyle, so a verdict
        // has its words and colours in one place.
        patterns: [{ regex: '^(\\.\\./)+(core(?!/render/untrustedText$|/claims/verdictStyle$)|features|services|cli|extension)(/|$)', allowTypeImports: true, message: 'Webview code runs in the browser: import the protocol, and types only from core.' }],
      }],
    },
  },
  {
    files: webFiles,
    rules: {
      'no-restricted-globals': ['error', ...['Buffer', 'process', 'require', '__dirname', '__filename', 'setImmediate'].map((name) => ({ name, message: 'The web extension runs in the browser\'s web worker extension host, which has no Node globals: use Uint8Array/TextEncoder or a core/platform interface.' }))],
      'no-restricted-imports': ['error', { paths: nodeOnlyModules.map((name) => ({ name, message: 'The web extension reaches this file: no Node built-ins. Take a core/platform interface (FileSystem, sha256Hex) instead.' })) }],
    },
  },
);
