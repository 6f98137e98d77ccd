// The modern (browser) build of pdf.js ships without its own declaration file; its types are the same
// as the package's main entry.
declare module 'pdfjs-dist/build/pdf.mjs' {
  export * from 'pdfjs-dist';
}
