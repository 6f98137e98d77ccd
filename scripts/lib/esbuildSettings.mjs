// esbuild settings shared by esbuild.mjs (the extension's bundles) and the bench programs' builds
// (scripts/bench*.mjs), so a bench measures what ships.
import { lazyModules } from './lazyModules.mjs';
import { lazyVendors } from './lazyVendors.mjs';

export const common = { bundle: true, logLevel: 'warning', legalComments: 'none' };

/** Injected into every Node bundle: files are read through Node's fs unless a caller passes another FileSystem (src/core/platform). */
export const NODE_FILE_SYSTEM = ['src/core/platform/registerNode.ts'];

/** A Node program: CommonJS, one file (or one a lazy part). */
export const nodeBundle = { ...common, platform: 'node', format: 'cjs', inject: NODE_FILE_SYSTEM };

/**
 * The activation bundle (dist/extension.js) and its lazy parts: VS Code's Node (20), `vscode` from the host;
 * `import()` of a part loaded on first need becomes a require of that part's own bundle (lazyModules.mjs),
 * and lazy vendors are required from theirs (lazyVendors.mjs).
 */
export const activationBundle = { ...nodeBundle, target: 'node20', external: ['vscode'], supported: { 'dynamic-import': false }, plugins: [lazyVendors, lazyModules] };

/** A bench program, or a worker it runs, on the Node 24 the tools install (pdf.js needs ≥ 22.13). */
export const benchBundle = { ...nodeBundle, target: 'node22' };
