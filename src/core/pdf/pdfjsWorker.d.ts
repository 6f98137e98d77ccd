// pdfjs-dist ships no typings for its worker module; only its presence matters here (see pageText.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}

// The browser build, for the web extension's PDF text worker (webTextWorker.ts): same API as the package's main entry.
declare module 'pdfjs-dist/build/pdf.mjs' {
  export * from 'pdfjs-dist';
}
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
