import { platformFiles, type FileSystem } from '../platform/fileSystem';
import { sha256Hex } from '../platform/hash';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits';
import { checkPdfBytes, pdfError, PdfReadError } from './pdfErrors';
import type { DocumentText } from './textModel';
import type { WebTextJob, WebTextReply } from './webTextProtocol';

/** What is used of a Web Worker (the root tsconfig has no DOM types). */
export interface WorkerLike {
  postMessage(message: WebTextJob, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { data: WebTextReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

/**
 * PDF text on the web: the PDF is read through the platform's FileSystem (vscode.workspace.fs), hashed
 * with Web Crypto, and parsed in a worker (webTextWorker.ts) started by `startWorker`. Texts are kept in
 * memory by sha256 for the session (there is no text cache folder on the web). Same results as the
 * desktop's PdfTextExtractor: `{ document, data }`, errors as PdfReadErrors.
 */
export class BrowserPdfText {
  private worker?: Promise<WorkerLike>;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: WebTextReply) => void; reject: (error: Error) => void }>();
  private readonly texts = new Map<string, DocumentText['pages']>();

  constructor(
    private readonly startWorker: () => Promise<WorkerLike>,
    private readonly files?: FileSystem,
  ) {}

  async extract(file: string, options: { limits?: Partial<PdfLimits> } = {}): Promise<DocumentText> {
    return (await this.extractWithBytes(file, options)).document;
  }

  async extractWithBytes(file: string, options: { limits?: Partial<PdfLimits> } = {}): Promise<{ document: DocumentText; data: Uint8Array }> {
    const limits = { ...DEFAULT_PDF_LIMITS, ...options.limits };
    const read = await platformFiles(this.files).readRegularFile(file, limits.maxBytes);
    if (read.kind === 'missing') throw pdfError(file, 'missing');
    if (read.kind === 'too-large') throw pdfError(file, 'too-large', `${(read.size / 1048576).toFixed(0)} MiB; the limit is ${(limits.maxBytes / 1048576).toFixed(0)} MiB`);
    if (read.kind === 'not-regular') throw pdfError(file, 'corrupt', `it is ${read.what}, not a file`);
    const data = read.bytes;
    checkPdfBytes(file, data, data.length);
    const sha256 = await sha256Hex(data);
    const known = this.texts.get(sha256);
    if (known) return { document: { sha256, file, pageCount: known.length, pages: known, fromCache: true }, data };
    const reply = await this.ask(file, data.slice(), limits);
    if (!reply.ok) throw reply.kind === 'internal' ? pdfError(file, 'worker-failed', reply.message) : new PdfReadError(file, reply.message.slice(file.length + 2), reply.kind);
    this.texts.set(sha256, reply.pages);
    return { document: { sha256, file, pageCount: reply.pages.length, pages: reply.pages, fromCache: false }, data };
  }

  /** Sends a copy of the bytes (transferred): the caller keeps `data` for the webview. */
  private async ask(file: string, copy: Uint8Array, limits: PdfLimits): Promise<WebTextReply> {
    const worker = await this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, file, data: copy, limits }, [copy.buffer as ArrayBuffer]);
    });
  }

  private started(): Promise<WorkerLike> {
    this.worker ??= this.startWorker().then((worker) => {
      worker.onmessage = (event) => {
        const waiter = this.waiting.get(event.data.id);
        this.waiting.delete(event.data.id);
        waiter?.resolve(event.data);
      };
      worker.onerror = (event) => this.failAll(new Error(`the PDF text worker failed: ${event.message ?? 'unknown error'}`));
      return worker;
    });
    this.worker.catch(() => (this.worker = undefined));
    return this.worker;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
    void this.worker?.then((worker) => worker.terminate());
    this.worker = undefined;
  }

  async dispose(): Promise<void> {
    this.failAll(new Error('the PDF text worker was shut down'));
  }
}
