import { isAbsolute, relative } from 'node:path';
import { sha256Hex } from '../platform/hash';
import { platformFiles, type FileSystem } from '../platform/fileSystem';
import { AnnotationFileError, MAX_ANNOTATION_FILE_BYTES } from './fileFormat';

/** sha256 (hex) of the file's bytes or of text written to it: tells whether another writer changed the file. */
export const sha256 = (bytes: string | Uint8Array): Promise<string> => sha256Hex(bytes);

/** The annotation file as read from disk: absent (nothing set), its bytes, or why it was not read. */
export interface DiskFile {
  readonly bytes?: Uint8Array;
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

const isMissing = (error: unknown) => ['ENOENT', 'FileNotFound'].includes((error as { code?: string }).code ?? '');

/**
 * Reads the annotation file only when that is safe: a regular file (not a folder, device or pipe), inside
 * the workspace once links are followed (a committed link to /etc/passwd or /dev/zero is refused, not
 * read), and at most MAX_ANNOTATION_FILE_BYTES (checked before reading, and again while reading). Where
 * the file system cannot resolve links (the web), the workspace file system itself keeps reads inside.
 */
export async function readAnnotationFile(file: string, workspaceRoot: string, files?: FileSystem): Promise<DiskFile> {
  const fs = platformFiles(files);
  const refuse = (message: string, kind: AnnotationFileError['kind'] = 'refused'): DiskFile => ({ error: new AnnotationFileError(file, message, kind) });
  const unreadable = (error: unknown) => refuse(`cannot be read (${(error as Error).message}); check that you may read it`, 'io');
  try {
    if (!(await fs.stat(file))) return {};
  } catch (error) {
    return isMissing(error) ? {} : unreadable(error);
  }
  let target = file;
  if (fs.capabilities.realPaths) {
    try {
      target = await fs.realPath(file);
    } catch (error) {
      if (isMissing(error)) return refuse('is a symbolic link to a file that does not exist; replace it with the annotation file itself, or delete it');
      return unreadable(error);
    }
    const root = await fs.realPath(workspaceRoot).catch(() => workspaceRoot);
    if (!isInside(root, target)) return refuse(`leads (through a symbolic link) to ${target}, outside the workspace ${root}; annotations are only read from inside the workspace. Replace the link with the file itself`);
  }
  const tooLarge = (size: number) => refuse(`is ${(size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_ANNOTATION_FILE_BYTES / 1024 / 1024} MB an annotation file may have; it was not read. Split or trim it, or move it away to start afresh`, 'too-large');
  try {
    const read = await fs.readRegularFile(target, MAX_ANNOTATION_FILE_BYTES);
    switch (read.kind) {
      case 'missing': return {};
      case 'not-regular': return refuse('is not a regular file (a folder, device or pipe); annotations are only read from a regular file. Remove it, or replace it with the annotation file');
      case 'too-large': return tooLarge(read.size);
      case 'read': return { bytes: read.bytes, text: new TextDecoder().decode(read.bytes), hash: await sha256(read.bytes), target };
    }
  } catch (error) {
    return isMissing(error) ? {} : unreadable(error);
  }
}
