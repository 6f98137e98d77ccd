// Boundaries the build enforces (npm run lint, run by npm test). The rooms, and what each may import:
//   src/core      pure logic: nothing from vscode, services, features, cli or webview (runs under plain Node)
//   src/core/common  the shapes and helpers every room shares: imports nothing outside itself
//   src/protocol  message types between host and webviews: core types only
//   src/services  VS Code-aware services shared by features: core, protocol, its own room
//   src/features  one folder a feature: core, protocol, services and its own folder; never another feature
//   src/cli       the command line: core only (no vscode)
//   src/webview   browser code: protocol and type-only imports (plus the dependency-free core/render/untrustedText
//                 and core/claims/verdictStyle)
//   src/extension.ts only wires.
import tseslint from 'typescript-eslint';

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
);
