// The PDF commands' handlers: one bundle of their own (dist/lazy-pdfCommands.js, with the download core) that
// index.ts loads when one of them first runs.
export { attachPdf } from './attachCommand';
export { attachPdfFolder } from './attachFolderCommand';
export { downloadPdfs } from './downloadCommand';
