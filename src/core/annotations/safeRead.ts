import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { AnnotationFileError, MAX_ANNOTATION_FILE_BYTES } from './fileFormat';

export const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The annotation file as read from disk: absent (nothing set), its bytes, or why it was not read. */
export interface DiskFile {
  readonly bytes?: Buffer;
  readonly text?: string;
  readonly hash?: string;
  /** Where the bytes live: the file itself, or the target of a link to a file inside the workspace. */
  readonly target?: string;
  readonly error?: AnnotationFileError;
}

const isInside = (folder: string, path: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Reads the annotation file only when that is safe: a regular file (not a folder, device or pipe), inside
 * the workspace once links are followed (a committed link to /etc/passwd or /dev/zero is refused, not
 * read), and at most MAX_ANNOTATION_FILE_BYTES (checked before reading, and again while reading).
 */
export async function readAnnotationFile(file: string, workspaceRoot: string): Promise<DiskFile> {
  const refuse = (message: string, kind: AnnotationFileError['kind'] = 'refused'): DiskFile => ({ error: new AnnotationFileError(file, message, kind) });
  const unreadable = (error: unknown) => refuse(`cannot be read (${(error as Error).message}); check that you may read it`, 'io');
  try {
    await lstat(file);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? {} : unreadable(error);
  }
  let target: string;
  try {
    target = await realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return refuse('is a symbolic link to a file that does not exist; replace it with the annotation file itself, or delete it');
    return unreadable(error);
  }
  const root = await realpath(workspaceRoot).catch(() => workspaceRoot);
  if (!isInside(root, target)) return refuse(`leads (through a symbolic link) to ${target}, outside the workspace ${root}; annotations are only read from inside the workspace. Replace the link with the file itself`);
  const tooLarge = (size: number) => refuse(`is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_ANNOTATION_FILE_BYTES / 1024 / 1024} MB an annotation file may have; it was not read. Split or trim it, or move it away to start afresh`, 'too-large');
  let handle: FileHandle | undefined;
  try {
    const info = await stat(target);
    if (!info.isFile()) return refuse('is not a regular file (a folder, device or pipe); annotations are only read from a regular file. Remove it, or replace it with the annotation file');
    if (info.size > MAX_ANNOTATION_FILE_BYTES) return tooLarge(info.size);
    // O_NONBLOCK: a pipe swapped in after the check must not hang the open.
    handle = await open(target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!(await handle.stat()).isFile()) return refuse('is not a regular file; annotations are only read from a regular file');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_ANNOTATION_FILE_BYTES) return tooLarge(total);
    }
    const bytes = Buffer.concat(chunks, total);
    return { bytes, text: bytes.toString('utf8'), hash: sha256(bytes), target };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? {} : unreadable(error);
  } finally {
    await handle?.close();
  }
}
