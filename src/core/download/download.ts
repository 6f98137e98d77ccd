import { createHash } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { join } from 'node:path';
import { commitFile, removeQuietly, tempNameFor } from './atomicFile';
import { DownloadError, formatBytes } from './errors';
import { pdfHeaderProblem } from './pdfHeader';
import { isAllowedRedirect, pinnedDownloadUrl, type PinnedPaper, type UrlPolicy } from './pinnedUrl';

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60_000;
const MAX_REDIRECTS = 3;

export interface DownloadProgress {
  readonly receivedBytes: number;
  /** From Content-Length, when the server sent one. */
  readonly totalBytes?: number;
}

export interface DownloadOptions extends UrlPolicy {
  /** Folder the PDF lands in, as `<paper id>.pdf`. Created when missing. */
  readonly targetDir: string;
  /** Expected sha256 (hex); a different file is discarded. */
  readonly sha256?: string;
  readonly maxBytes?: number;
  /** Give up when no byte arrives for this long (connecting included). */
  readonly idleTimeoutMs?: number;
  /** Give up when the whole download takes longer than this. */
  readonly totalTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Replace an existing `<id>.pdf`; without it an existing file is an 'exists' error. */
  readonly overwrite?: boolean;
}

export interface DownloadResult {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly url: string;
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);

/**
 * Downloads the pinned PDF of one paper: https only, to a temporary file beside the target, checked
 * (PDF header, size cap, sha256 when known) and then renamed into place. On any failure the temporary
 * file is removed, so a partial PDF is never left behind; the error is a DownloadError saying why.
 */
export async function downloadPaperPdf(paper: PinnedPaper, options: DownloadOptions): Promise<DownloadResult> {
  const url = pinnedDownloadUrl(paper, options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const totalMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  if (options.signal?.aborted) throw cancelled(url);

  // One controller stops everything; `stopped` remembers why, so the thrown error names the real cause.
  const controller = new AbortController();
  let stopped: DownloadError | undefined;
  const stop = (error: DownloadError) => {
    stopped ??= error;
    controller.abort(error);
  };
  const onUserAbort = () => stop(cancelled(url));
  options.signal?.addEventListener('abort', onUserAbort, { once: true });
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => stop(new DownloadError('timeout', `No data from ${url.host} for ${seconds(idleMs)}; the download was stopped. Try again later, or attach the PDF you have.`, { url: url.href, timeoutMs: idleMs })), idleMs);
  };
  const totalTimer = setTimeout(() => stop(new DownloadError('timeout', `The download from ${url.host} took longer than ${seconds(totalMs)} and was stopped. Try again on a faster connection, or attach the PDF you have.`, { url: url.href, timeoutMs: totalMs })), totalMs);

  const target = join(options.targetDir, `${paper.id}.pdf`);
  const temp = tempNameFor(target);
  let handle: FileHandle | undefined;
  let received = 0;
  let totalBytes: number | undefined;
  try {
    touch();
    const response = await follow(url, controller.signal, options);
    totalBytes = contentLength(response);
    if (totalBytes !== undefined && totalBytes > maxBytes) {
      response.destroy();
      throw tooLarge(url, maxBytes, totalBytes);
    }
    try {
      await mkdir(options.targetDir, { recursive: true });
      handle = await open(temp, 'wx');
    } catch (error) {
      response.destroy();
      throw writeFailed(temp, error);
    }
    const hash = createHash('sha256');
    let head = Buffer.alloc(0);
    let headChecked = false;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      touch();
      received += chunk.length;
      if (received > maxBytes) {
        stop(tooLarge(url, maxBytes, totalBytes ?? received));
        break;
      }
      if (!headChecked) {
        head = Buffer.concat([head, chunk]).subarray(0, 1024);
        if (head.length >= 1024) {
          headChecked = true;
          const problem = pdfHeaderProblem(head);
          if (problem) throw notPdf(url, problem, head);
        }
      }
      hash.update(chunk);
      try {
        await handle.write(chunk);
      } catch (error) {
        throw writeFailed(temp, error);
      }
      options.onProgress?.({ receivedBytes: received, totalBytes });
    }
    if (stopped) throw stopped;
    if (totalBytes !== undefined && received < totalBytes) throw dropped(url, received, totalBytes);
    if (!headChecked) {
      const problem = pdfHeaderProblem(head);
      if (problem) throw notPdf(url, problem, head);
    }
    const actual = hash.digest('hex');
    if (options.sha256 && actual !== options.sha256.toLowerCase()) {
      throw new DownloadError(
        'hash-mismatch',
        `The file from ${url.href} has sha256 ${actual}, not the pinned ${options.sha256.toLowerCase()}; it was discarded. arXiv may have re-generated the PDF: attach a copy of the pinned version, or check "sha256" in the paper's file.`,
        { url: url.href, expectedSha256: options.sha256.toLowerCase(), actualSha256: actual },
      );
    }
    try {
      await handle.sync();
      await handle.close();
      handle = undefined;
      await commitFile(temp, target, { overwrite: options.overwrite });
    } catch (error) {
      if (error instanceof DownloadError) throw error;
      throw writeFailed(target, error);
    }
    return { file: target, sha256: actual, bytes: received, url: url.href };
  } catch (error) {
    if (stopped) throw stopped;
    const classified = classify(error, url);
    // A body cut short says how far it got, which tells a flaky connection from a server that refuses.
    if (classified.kind === 'connection-dropped' && totalBytes !== undefined && received > 0) throw dropped(url, received, totalBytes);
    throw classified;
  } finally {
    clearTimeout(idleTimer);
    clearTimeout(totalTimer);
    options.signal?.removeEventListener('abort', onUserAbort);
    await handle?.close().catch(() => undefined);
    await removeQuietly(temp);
  }
}

/** GET with redirects only to the same pinned file on an allowed host. */
async function follow(start: URL, signal: AbortSignal, policy: UrlPolicy): Promise<http.IncomingMessage> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await get(url, signal);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      const next = new URL(response.headers.location, url);
      if (hop >= MAX_REDIRECTS || !isAllowedRedirect(start, next, policy)) {
        throw new DownloadError('not-allowed', `${url.href} redirected to ${next.href}, which is not the pinned arXiv PDF; nothing was downloaded. Attach the PDF instead.`, { url: next.href, status });
      }
      url = next;
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new DownloadError('http', `${url.host} answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''} for ${url.href}. ${httpAdvice(status)}`, { url: url.href, status });
    }
    return response;
  }
}

function get(url: URL, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, { signal, headers: { accept: 'application/pdf', 'user-agent': 'literature-companion (VS Code extension)' } }, resolve);
    request.on('error', reject);
  });
}

function httpAdvice(status: number): string {
  if (status === 404 || status === 410) return 'The pinned version may not exist: check "pdfUrl" and "version" in the paper\'s file, or attach the PDF.';
  if (status === 403 || status === 429) return 'arXiv may be limiting automated downloads; try again later, or attach the PDF.';
  if (status >= 500) return 'arXiv has a problem right now; try again later, or attach the PDF.';
  return 'Try again later, or attach the PDF.';
}

function contentLength(response: http.IncomingMessage): number | undefined {
  const header = response.headers['content-length'];
  const value = header === undefined ? NaN : Number(header);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function classify(error: unknown, url: URL): DownloadError {
  if (error instanceof DownloadError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code && OFFLINE_CODES.has(code)) {
    return new DownloadError('offline', `Could not reach ${url.host} (${code}): offline, or the name does not resolve. Check the connection, or attach the PDF you have.`, { url: url.href, code });
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO/.test(code)) {
    return new DownloadError('offline', `Could not make a secure connection to ${url.host} (${code}). A proxy or firewall may be in the way; attach the PDF instead.`, { url: url.href, code });
  }
  return new DownloadError('connection-dropped', `The connection to ${url.host} dropped before the PDF was complete (${code ?? detail}); nothing was saved. Try again.`, { url: url.href, code });
}

function dropped(url: URL, received: number, total: number): DownloadError {
  return new DownloadError('connection-dropped', `The connection to ${url.host} dropped after ${formatBytes(received)} of ${formatBytes(total)}; nothing was saved. Try again.`, { url: url.href, receivedBytes: received, expectedBytes: total });
}

function tooLarge(url: URL, limit: number, size: number): DownloadError {
  return new DownloadError('too-large', `The file at ${url.href} is larger than the ${formatBytes(limit)} limit (${formatBytes(size)} or more); it was not downloaded. Attach the PDF instead.`, { url: url.href, limitBytes: limit, expectedBytes: size });
}

function notPdf(url: URL, problem: string, head: Buffer): DownloadError {
  const startedWith = printable(head);
  return new DownloadError('not-pdf', `${url.host} did not send a PDF for ${url.href} (${problem}; it began with "${startedWith}"). arXiv may be showing a page instead of the file; try later, or attach the PDF.`, { url: url.href, startedWith });
}

function writeFailed(file: string, error: unknown): DownloadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new DownloadError('write-failed', `Could not write ${file} (${code ?? (error instanceof Error ? error.message : String(error))}). Check that the PDF folder is writable, or choose another in the "pdfFolder" setting.`, { file, code });
}

function cancelled(url: URL): DownloadError {
  return new DownloadError('cancelled', `The download of ${url.href} was cancelled; nothing was saved.`, { url: url.href });
}

function printable(head: Buffer): string {
  return head.subarray(0, 40).toString('latin1').replace(/[^\x20-\x7e]/g, '·');
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
