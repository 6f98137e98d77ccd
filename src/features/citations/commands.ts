// "Insert Citation…", "Export Bibliography…" and "Import Papers from BibTeX / CSL-JSON…": one bundle of their
// own (dist/lazy-citationCommands.js) that index.ts loads when one of them first runs.
export { exportBibliography } from './exportCommand';
export { BibliographyImporter } from './importCommand';
export { insertCitation } from './insertCommand';
