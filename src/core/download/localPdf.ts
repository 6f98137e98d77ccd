import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { commitFile, removeQuietly, tempNameFor } from './atomicFile';
import { DownloadError } from './errors';
import { pdfHeaderProblem } from './pdfHeader';

/** An id that is safe as a file name: arXiv ids and the like, never a path. */
export function isSafePaperId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id) && !id.includes('..');
}

export interface LocalPdf {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** Checks that a local file is a PDF (its header) and computes its sha256, reading it as a stream. */
export async function inspectLocalPdf(file: string): Promise<LocalPdf> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw readFailed(file, error);
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1024), 0, 1024, 0);
    const problem = pdfHeaderProblem(buffer.subarray(0, bytesRead));
    if (problem) throw new DownloadError('not-pdf', `${file} is not a PDF (${problem}). Choose the paper's PDF file.`, { file });
  } finally {
    await handle.close();
  }
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch (error) {
    throw readFailed(file, error);
  }
  return { file, sha256: hash.digest('hex'), bytes };
}

export interface InstallOptions {
  /** Replace an existing `<id>.pdf`; without it an existing file is an 'exists' error. */
  readonly overwrite?: boolean;
  /** The hash `inspectLocalPdf` saw: a file that changed while it was copied is refused. */
  readonly sha256?: string;
}

/** Copies a local PDF to `<targetDir>/<id>.pdf` through a temporary file, so a copy is complete or absent. */
export async function installLocalPdf(source: string, targetDir: string, paperId: string, options: InstallOptions = {}): Promise<LocalPdf> {
  if (!isSafePaperId(paperId)) throw new DownloadError('not-allowed', `"${paperId}" cannot be used as a file name; fix the paper's id.`);
  const target = join(targetDir, `${paperId}.pdf`);
  const temp = tempNameFor(target);
  let handle: FileHandle | undefined;
  try {
    try {
      await mkdir(targetDir, { recursive: true });
      handle = await open(temp, 'wx');
    } catch (error) {
      throw writeFailed(temp, error);
    }
    const hash = createHash('sha256');
    let bytes = 0;
    let reading = true;
    try {
      for await (const chunk of createReadStream(source) as AsyncIterable<Buffer>) {
        reading = false;
        hash.update(chunk);
        bytes += chunk.length;
        await handle.write(chunk);
        reading = true;
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
    } catch (error) {
      throw reading ? readFailed(source, error) : writeFailed(temp, error);
    }
    const sha256 = hash.digest('hex');
    if (options.sha256 && sha256 !== options.sha256) {
      throw new DownloadError('hash-mismatch', `${source} changed while it was being copied; nothing was attached. Try again.`, { file: source, expectedSha256: options.sha256, actualSha256: sha256 });
    }
    try {
      await commitFile(temp, target, { overwrite: options.overwrite });
    } catch (error) {
      if (error instanceof DownloadError) throw error;
      throw writeFailed(target, error);
    }
    return { file: target, sha256, bytes };
  } finally {
    await handle?.close().catch(() => undefined);
    await removeQuietly(temp);
  }
}

function readFailed(file: string, error: unknown): DownloadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new DownloadError('write-failed', `Could not read ${file} (${code ?? String(error)}).`, { file, code });
}

function writeFailed(file: string, error: unknown): DownloadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new DownloadError('write-failed', `Could not write ${file} (${code ?? String(error)}). Check that the PDF folder is writable, or choose another in the "pdfFolder" setting.`, { file, code });
}
