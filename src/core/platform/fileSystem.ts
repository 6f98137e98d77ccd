/**
 * The one way core code touches files, so the same core runs on the desktop extension host and the CLI
 * (Node's `fs`: nodeFileSystem.ts) and in the browser's web worker extension host (`vscode.workspace.fs`:
 * services/workspaceFileSystem.ts). Paths are absolute and '/'-separated on the web (URI paths); on the
 * desktop they are the platform's own.
 */
export type EntryKind = 'file' | 'directory' | 'other';

export interface FileInfo {
  readonly kind: EntryKind;
  /** True when the name itself is a symbolic link (kind then describes its target). */
  readonly symbolicLink: boolean;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly kind: EntryKind;
}

/** What a file system can promise, so callers can say honestly what they could not do. */
export interface FileSystemCapabilities {
  /** A rename replaces the target in one step (a reader sees the old file or the new one). */
  readonly atomicRename: boolean;
  /** Data is flushed to the disk before the rename (fsync). */
  readonly durableWrites: boolean;
  /** Exclusive create (O_EXCL): lock files between processes work. */
  readonly exclusiveCreate: boolean;
  /** Real paths can be resolved, so a link out of the workspace can be refused. */
  readonly realPaths: boolean;
}

export interface WriteOptions {
  /** Replace an existing file (default yes); when no, an existing file is left alone and 'exists' is thrown. */
  readonly overwrite?: boolean;
  /** Fault injection for tests: runs after the temp file is written, just before the rename. */
  readonly beforeRename?: (tempFile: string) => void | Promise<void>;
}

export class FileExistsError extends Error {
  readonly code = 'EEXIST';
  constructor(readonly file: string) {
    super(`${file} already exists and was left as it is.`);
    this.name = 'FileExistsError';
  }
}

/** The outcome of reading a file a person or another program wrote, without trusting it. */
export type BoundedRead =
  | { readonly kind: 'read'; readonly bytes: Uint8Array }
  | { readonly kind: 'missing' }
  /** `grew`: the size was within the limit when checked, and the file grew past it while being read. */
  | { readonly kind: 'too-large'; readonly size: number; readonly grew?: boolean }
  | { readonly kind: 'not-regular'; readonly what: string };

export interface FileSystem {
  /** 'node' or 'workspace': for messages and the benchmark. */
  readonly name: string;
  readonly capabilities: FileSystemCapabilities;
  /** Information about a path (links followed), or undefined when nothing is there. */
  stat(path: string): Promise<FileInfo | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Reads a regular file of at most `maxBytes`, refusing (without reading) a folder, pipe or device and a
   * larger file. Where the file system allows it the checks run on the opened file, so a pipe swapped in
   * after a check cannot hang the read and a growing file stays bounded.
   */
  readRegularFile(path: string, maxBytes: number): Promise<BoundedRead>;
  /** Entries of a folder; an empty list when the folder does not exist. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /**
   * Writes the whole file so that a reader (or a crash) sees the old file or the new one: a temp file
   * beside it, then a rename (where the file system can rename; otherwise one write call).
   */
  writeFileAtomic(path: string, data: Uint8Array | string, options?: WriteOptions): Promise<void>;
  /** Writes a new file only; throws FileExistsError when one is there (O_EXCL where the file system has it). */
  createFile(path: string, data: Uint8Array | string): Promise<void>;
  createDirectory(path: string): Promise<void>;
  /** Deletes a file; no error when it is already gone. */
  delete(path: string): Promise<void>;
  /** The path with every link resolved (the path itself where links cannot be resolved). */
  realPath(path: string): Promise<string>;
  /**
   * A synchronous existence check, only where files are local (Node). The web has none: code that needs
   * an answer synchronously (which annotation file governs a document) then takes the workspace folder's.
   */
  existsSync?(path: string): boolean;
  /**
   * Runs `task` holding a lock file beside `file`, so two writers never interleave their read-merge-write.
   * Absent where the file system has no exclusive create (the web): callers then merge without a lock.
   */
  withLock?<T>(file: string, task: () => Promise<T>, options?: LockOptions): Promise<T>;
}

export interface LockOptions {
  /** A lock older than this is broken whoever holds it. */
  readonly staleMs?: number;
  /** Give up waiting after this long. */
  readonly timeoutMs?: number;
}

export const exists = async (files: FileSystem, path: string): Promise<boolean> => (await files.stat(path)) !== undefined;

export const utf8Bytes = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? new TextEncoder().encode(data) : data);

let registered: FileSystem | undefined;

/**
 * The file system of this process, registered once by the entry point: the Node build injects
 * nodeFileSystem (esbuild `inject`, see esbuild.mjs), the web entry registers vscode.workspace.fs. Core
 * functions take a FileSystem where a caller wants another one (tests), and fall back to this one.
 */
export function registerFileSystem(files: FileSystem): void {
  registered = files;
}

export function platformFiles(files?: FileSystem): FileSystem {
  const chosen = files ?? registered;
  if (!chosen) throw new Error('No file system registered: the entry point must call registerFileSystem() before core code reads files.');
  return chosen;
}
