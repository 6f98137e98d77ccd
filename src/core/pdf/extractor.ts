import { fork, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultTextCacheDir } from './locations';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits';
import { pdfError, PdfReadError } from './pdfErrors';
import { readPdfFile } from './pdfFile';
import { cacheKey, decodePage, ensureCacheFolder, readCachedPages, sha256OfBytes } from './textCache';
import type { DocumentText, PdfTextEngine } from './textModel';
import { MEMORY_EXIT_CODE, type ExtractJob, type ExtractReply, type HostSettings } from './workerProtocol';

export interface ExtractorOptions {
  /** The worker bundle. Default: pdfWorker.js beside the calling bundle (dist/). */
  readonly workerScript?: string;
  /** Parallel workers. Default poolSize(): one core is left to the caller's own work (the extension host). */
  readonly workers?: number;
  /** A file whose text is not read in this time is given up on and its worker killed. Default 60 s. */
  readonly timeoutMs?: number;
  /** An idle worker (and the ~40 MB pdf.js holds) is let go after this long. Default 30 s. */
  readonly idleMs?: number;
  /** Heap cap of a worker: a file that blows it kills that worker only. Default 1024 MB. */
  readonly maxHeapMb?: number;
  /**
   * Resident memory cap of a reader process (pdf.js's decoded buffers included, which the heap cap does
   * not count): a file that passes it is reported as a bad PDF. Default 1536 MB.
   */
  readonly maxMemoryMb?: number;
  /** The reader process's bundle. Default: pdfHost.js beside the worker bundle. */
  readonly hostScript?: string;
  /** The per-user secret that signs text cache entries. Default: textCache's defaultCacheKeyFile(). */
  readonly cacheKeyFile?: string;
}

export interface ExtractOptions {
  /** Where extracted text is cached, keyed by sha256. Default: the per-user cache folder; null: no cache. */
  readonly cacheDir?: string | null;
  readonly limits?: Partial<PdfLimits>;
}

/**
 * How many PDF workers to run: the cores this process may use, less `reserve` for the caller's own
 * thread, at least 1 and at most 4 (each worker holds PDFium and a document, ~60-120 MB).
 */
export function poolSize(reserve = 1): number {
  return Math.max(1, Math.min(4, availableParallelism() - reserve));
}

interface Slot {
  readonly worker: ChildProcess;
  job?: { readonly request: ExtractJob; readonly resolve: (reply: ExtractReply) => void; readonly reject: (error: Error) => void; readonly timer: NodeJS.Timeout };
  idleTimer?: NodeJS.Timeout;
}

/**
 * Reads PDFs' text through a small pool of reader processes, each running PDFium in a worker thread (so
 * PDFium never runs on the caller's event loop, and its memory is the OS's to bound: see extractHost.ts),
 * and an on-disk cache keyed by sha256 (the second open parses nothing). Timeouts and caps keep a hostile
 * file from hanging the caller or eating its memory: the reader is killed and the file reported.
 */
export class PdfTextExtractor {
  private readonly slots: Slot[] = [];
  private readonly queue: { request: ExtractJob; resolve: (reply: ExtractReply) => void; reject: (error: Error) => void }[] = [];
  private nextId = 1;

  constructor(private readonly options: ExtractorOptions = {}) {}

  async extract(file: string, options: ExtractOptions = {}): Promise<DocumentText> {
    return (await this.extractWithBytes(file, options)).document;
  }

  /**
   * The text of a PDF and the bytes it was read from. The file is read ONCE: those bytes are hashed (the
   * cache key), handed to the worker on a cache miss, and returned for a caller that shows the PDF too.
   */
  async extractWithBytes(file: string, options: ExtractOptions = {}): Promise<{ document: DocumentText; data: Uint8Array }> {
    const limits = { ...DEFAULT_PDF_LIMITS, ...options.limits };
    await checkFileBeforeParsing(file, limits);
    const data = await readPdfFile(file, limits);
    const sha256 = await sha256OfBytes(data);
    const cacheDir = options.cacheDir === undefined ? defaultTextCacheDir() : (options.cacheDir ?? undefined);
    const key = cacheDir ? await this.cacheReady(cacheDir) : new Uint8Array(0);
    const cached = cacheDir ? await readCachedPages(cacheDir, sha256, key) : undefined;
    if (cached) return { document: { sha256, file, pageCount: cached.length, pages: cached, fromCache: true }, data };
    const reply = await this.run({ id: this.nextId++, file, data, sha256, cacheDir, cacheKey: key, limits });
    if (!reply.ok) throw reply.kind === 'internal' ? pdfError(file, 'worker-failed', reply.message) : new PdfReadError(file, reply.message.slice(file.length + 2), reply.kind);
    const pages = reply.pages.map((page, index) => decodePage(page, index + 1));
    return { document: { sha256, file, pageCount: pages.length, pages, fromCache: false }, data };
  }

  private readonly readyFolders = new Map<string, Promise<void>>();

  /** The cache key, once the folder is known to be usable (checked once a folder, failing fast). */
  private async cacheReady(cacheDir: string): Promise<Uint8Array> {
    let ready = this.readyFolders.get(cacheDir);
    if (!ready) {
      ready = ensureCacheFolder(cacheDir);
      this.readyFolders.set(cacheDir, ready);
      ready.catch(() => this.readyFolders.delete(cacheDir));
    }
    await ready;
    return cacheKey(this.options.cacheKeyFile);
  }

  /** Stops every worker; pending extractions fail. Call on deactivation. */
  async dispose(): Promise<void> {
    for (const pending of this.queue.splice(0)) pending.reject(pdfError(pending.request.file, 'worker-failed', 'the reader was shut down'));
    await Promise.all([...this.slots].map((slot) => this.retire(slot, pdfError(slot.job?.request.file ?? '', 'worker-failed', 'the reader was shut down'))));
  }

  private run(request: ExtractJob): Promise<ExtractReply> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((candidate) => !candidate.job) ?? (this.slots.length < (this.options.workers ?? poolSize()) ? this.spawn() : undefined);
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, pending: (typeof this.queue)[number]): void {
    clearTimeout(slot.idleTimer);
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    const timer = setTimeout(() => void this.retire(slot, pdfError(pending.request.file, 'timeout', `${(timeoutMs / 1000).toFixed(timeoutMs < 1000 ? 3 : 0)} s`)), timeoutMs);
    slot.job = { ...pending, timer };
    slot.worker.ref();
    slot.worker.channel?.ref();
    slot.worker.send(pending.request);
  }

  private spawn(): Slot {
    const workerScript = this.options.workerScript ?? join(__dirname, 'pdfWorker.js');
    const maxMemoryMb = this.options.maxMemoryMb ?? 1536;
    const settings: HostSettings = { workerScript, maxHeapMb: this.options.maxHeapMb ?? 1024, maxMemoryMb };
    const worker = fork(this.options.hostScript ?? join(dirname(workerScript), 'pdfHost.js'), [], {
      // 'advanced': typed arrays (the pages' item positions) travel as such, not as JSON.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      execArgv: [],
      // In VS Code the host's executable is Electron: it must run the script as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', LITCOMP_PDF_HOST: JSON.stringify(settings) },
    });
    const slot: Slot = { worker };
    const file = () => slot.job?.request.file ?? '';
    worker.on('message', (reply: ExtractReply) => this.finish(slot, reply));
    worker.on('error', (error) => void this.retire(slot, pdfError(file(), 'worker-failed', error.message)));
    worker.on('exit', (code, signal) =>
      void this.retire(slot, code === MEMORY_EXIT_CODE ? pdfError(file(), 'memory', `${maxMemoryMb} MB`) : pdfError(file(), 'worker-failed', `it exited with ${signal ?? `code ${code}`}`)),
    );
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, reply: ExtractReply): void {
    const job = slot.job;
    if (!job || job.request.id !== reply.id) return;
    clearTimeout(job.timer);
    slot.job = undefined;
    slot.worker.unref(); // an idle reader must not keep a CLI process alive
    slot.worker.channel?.unref();
    slot.idleTimer = setTimeout(() => void this.retire(slot), this.options.idleMs ?? 30_000).unref();
    job.resolve(reply);
    this.pump();
  }

  /** Removes a worker (timed out, crashed, idle or shutting down); its current job, if any, fails with `error`. */
  private async retire(slot: Slot, error?: PdfReadError): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    clearTimeout(slot.idleTimer);
    if (slot.job) {
      clearTimeout(slot.job.timer);
      slot.job.reject(error ?? pdfError(slot.job.request.file, 'worker-failed', 'it stopped'));
      slot.job = undefined;
    }
    if (slot.worker.exitCode === null && slot.worker.signalCode === null) {
      const exited = new Promise((resolve) => slot.worker.once('exit', resolve));
      // An idle reader is unref'd: without this, a CLI whose last step is this wait would end mid-await.
      slot.worker.ref();
      slot.worker.kill('SIGKILL');
      await exited;
    }
    this.pump();
  }
}

/** Stat-level checks on the main thread: missing, empty or oversized files fail without starting a worker. */
async function checkFileBeforeParsing(file: string, limits: PdfLimits): Promise<void> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? pdfError(file, 'missing') : error;
  });
  if (!info.isFile()) throw pdfError(file, 'missing');
  if (info.size === 0) throw pdfError(file, 'empty');
  if (info.size > limits.maxBytes) throw pdfError(file, 'too-large', `${(info.size / 1048576).toFixed(0)} MiB; the limit is ${(limits.maxBytes / 1048576).toFixed(0)} MiB`);
}

let sharedExtractor: PdfTextExtractor | undefined;

/** The text of a PDF, from the cache or a worker. A shared pool (poolSize()) serves callers that pass none. */
export function extractDocument(file: string, options: ExtractOptions & { extractor?: PdfTextEngine } = {}): Promise<DocumentText> {
  const extractor = options.extractor ?? (sharedExtractor ??= new PdfTextExtractor());
  return extractor.extract(file, options);
}

export async function disposeSharedExtractor(): Promise<void> {
  await sharedExtractor?.dispose();
  sharedExtractor = undefined;
}
