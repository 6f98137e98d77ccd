import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Parts of the extension it loads on first need, each with `import()` in the source (type-checked as any
 * import) and built as a bundle of its own beside extension.js (dist/lazy-<name>.js, packaged by
 * .vscodeignore): the claims editor layer when the first Markdown/LaTeX document opens, command handlers
 * when their command first runs. A dynamic import() in the activation bundle of a module not listed here
 * fails the build, so nothing is inlined by accident.
 */
export const LAZY_MODULES = {
  'src/features/claims/editor.ts': 'claimsEditor',
  'src/features/claims/commands.ts': 'claimsCommands',
  'src/features/claims/suggestions.ts': 'evidenceSuggestions',
  'src/features/citations/providers.ts': 'citationProviders',
  'src/features/citations/commands.ts': 'citationCommands',
  'src/features/pdfs/commands.ts': 'pdfCommands',
  'src/features/report/desktopExport.ts': 'reportCommand',
};

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function sourceFile(resolveDir, specifier) {
  const base = resolve(resolveDir, specifier);
  const file = [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => existsSync(candidate));
  return file && relative(projectRoot, file).split('\\').join('/');
}

/** esbuild plugin for the activation bundle: `import('./x')` of a listed module becomes a require of its bundle. */
export const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const file = sourceFile(args.resolveDir, args.path);
      const bundle = file && LAZY_MODULES[file];
      if (!bundle) return { errors: [{ text: `import('${args.path}'): list ${file ?? args.path} in LAZY_MODULES (scripts/lib/lazyModules.mjs) to give it a bundle of its own` }] };
      return { path: `./lazy-${bundle}.js`, external: true };
    });
  },
};

/** The lazy bundles' entry points for esbuild (bundle name → source file). */
export function lazyEntryPoints() {
  return Object.fromEntries(Object.entries(LAZY_MODULES).map(([file, bundle]) => [`lazy-${bundle}`, file]));
}
