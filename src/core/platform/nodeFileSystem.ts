import { randomBytes } from 'node:crypto';
import { constants, existsSync, statSync } from 'node:fs';
import { link, lstat, mkdir, open, readdir, readFile, realpath, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withFileLock } from '../annotations/fileLock';
import { FileExistsError, registerFileSystem, utf8Bytes, type BoundedRead, type DirectoryEntry, type EntryKind, type FileInfo, type FileSystem, type WriteOptions } from './fileSystem';

/** A hidden temporary name beside `target`, so the final rename stays on one file system. */
export function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
}

/** Removes a temporary file; never throws (it is called on paths that are already failing). */
export async function removeQuietly(file: string): Promise<void> {
  await rm(file, { force: true }).catch(() => undefined);
}

/** fsync of an open file, or of a file by name; a folder cannot be opened on every platform (Windows): best effort there. */
async function syncPath(path: string, mode: 'r' | 'r+'): Promise<void> {
  const handle = await open(path, mode);
  await handle.sync().finally(() => handle.close());
}

/**
 * Moves a complete temporary file to its final name in one step, durably: the temp file is flushed to the
 * disk first (fsync), then renamed, then its folder is flushed so the rename itself survives a crash.
 * Without `overwrite`, an existing target is never replaced: a hard link fails atomically when the name is
 * taken; where hard links are not supported, an existence check before the rename is the best that can be done.
 */
export async function commitTempFile(temp: string, target: string, options: { overwrite?: boolean } = {}): Promise<void> {
  await syncPath(temp, 'r+');
  await moveIntoPlace(temp, target, options.overwrite ?? true);
  await syncPath(dirname(target), 'r').catch(() => undefined);
}

async function moveIntoPlace(temp: string, target: string, overwrite: boolean): Promise<void> {
  if (overwrite) {
    await rename(temp, target);
    return;
  }
  try {
    await link(temp, target);
    await unlink(temp);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FileExistsError(target);
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV', 'EOPNOTSUPP', 'EMLINK'].includes(code ?? '')) throw error;
  }
  if (existsSync(target)) throw new FileExistsError(target);
  await rename(temp, target);
}

function kindOf(info: { isFile(): boolean; isDirectory(): boolean }): EntryKind {
  return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
}

const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/** Node's `fs`: the desktop extension host, the CLI and the unit tests. */
export const nodeFileSystem: FileSystem = {
  name: 'node',
  capabilities: { atomicRename: true, durableWrites: true, exclusiveCreate: true, realPaths: true },

  async stat(path: string): Promise<FileInfo | undefined> {
    try {
      const own = await lstat(path);
      // A link to nothing is still there (kind 'other'): callers must not write through it unawares.
      const info = own.isSymbolicLink() ? await stat(path).catch((error: unknown) => (isMissing(error) ? own : Promise.reject(error))) : own;
      return { kind: info === own && own.isSymbolicLink() ? 'other' : kindOf(info), symbolicLink: own.isSymbolicLink(), size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async readFile(path: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(path));
  },

  readRegularFile,

  withLock: withFileLock,

  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    try {
      const entries = await readdir(path, { withFileTypes: true });
      return entries.map((entry) => ({ name: entry.name, kind: entry.isSymbolicLink() ? (existsSync(join(path, entry.name)) ? kindOfSync(join(path, entry.name)) : 'other') : kindOf(entry) }));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  },

  async writeFileAtomic(path: string, data: Uint8Array | string, options: WriteOptions = {}): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temp = tempNameFor(path);
    let handle: FileHandle | undefined;
    try {
      handle = await open(temp, 'wx');
      await handle.writeFile(utf8Bytes(data));
      await handle.sync();
      await handle.close();
      handle = undefined;
      await options.beforeRename?.(temp);
      await moveIntoPlace(temp, path, options.overwrite ?? true);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncPath(dirname(path), 'r').catch(() => undefined);
  },

  async createFile(path: string, data: Uint8Array | string): Promise<void> {
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(path);
      throw error;
    }
    await handle.writeFile(utf8Bytes(data)).finally(() => handle.close());
  },

  async createDirectory(path: string): Promise<void> {
    await mkdir(path, { recursive: true });
  },

  async delete(path: string): Promise<void> {
    await rm(path, { force: true });
  },

  realPath: (path: string) => realpath(path),

  existsSync: (path: string) => existsSync(path),
};

/**
 * O_NONBLOCK: opening a FIFO must not wait for a writer. The checks run on the opened handle, so the file
 * cannot be swapped between the check and the read; at most one byte past the limit is read, so a file
 * that grows while being read is still bounded.
 */
async function readRegularFile(path: string, maxBytes: number): Promise<BoundedRead> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return { kind: 'not-regular', what: 'a folder' };
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: 'not-regular', what: specialKindOf(info) };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
    const buffer = new Uint8Array(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { kind: 'too-large', size: length, grew: true };
    return { kind: 'read', bytes: buffer.subarray(0, length) };
  } finally {
    await handle.close();
  }
}

function specialKindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}

/** Only reached for links inside a listing: rare, so the synchronous look is fine. */
function kindOfSync(path: string): EntryKind {
  return kindOf(statSync(path));
}

/** Registers Node's file system as the process's own (esbuild injects this module into every Node bundle). */
export function useNodeFileSystem(): void {
  registerFileSystem(nodeFileSystem);
}
