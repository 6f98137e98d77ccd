import * as vscode from 'vscode';
import { FileExistsError, utf8Bytes, type BoundedRead, type DirectoryEntry, type EntryKind, type FileInfo, type FileSystem, type WriteOptions } from '../core/platform/fileSystem';
import { randomHex } from '../core/platform/hash';

/**
 * The core's FileSystem over `vscode.workspace.fs`, for the web worker extension host (vscode.dev,
 * github.dev, code-server's web host), where there is no `fs`. Core code speaks in paths; a path is mapped
 * to a URI by the longest known root it lies under (workspace folders, the extension's own folder, its
 * storage), keeping that root's scheme and authority: `/work/talk/a.md` under `vscode-remote://host/work/talk`.
 *
 * What it cannot promise, and says so through `capabilities`: no fsync, no exclusive create, so no lock
 * file (the annotation store then merges without one), and no real paths (links are the remote's business).
 */
export class WorkspaceFileSystem implements FileSystem {
  readonly name = 'workspace';
  readonly capabilities = { atomicRename: true, durableWrites: false, exclusiveCreate: false, realPaths: false };

  constructor(private readonly extraRoots: readonly vscode.Uri[] = []) {}

  /** The URI of a core path. */
  uriOf(path: string): vscode.Uri {
    const roots = [...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri), ...this.extraRoots];
    // A relative path (a setting read without a workspace folder) is taken from the first root, never thrown on.
    if (!path.startsWith('/')) path = `${roots[0]?.path.replace(/\/$/, '') ?? ''}/${path}`;
    let best: vscode.Uri | undefined;
    for (const root of roots) {
      const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
      if ((path === root.path || path.startsWith(base)) && (!best || root.path.length > best.path.length)) best = root;
    }
    const scheme = best ?? roots[0];
    return scheme ? scheme.with({ path, query: '', fragment: '' }) : vscode.Uri.file(path);
  }

  async stat(path: string): Promise<FileInfo | undefined> {
    try {
      const info = await vscode.workspace.fs.stat(this.uriOf(path));
      return { kind: kindOf(info.type), symbolicLink: (info.type & vscode.FileType.SymbolicLink) !== 0, size: info.size, mtimeMs: info.mtime };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uriOf(path));
  }

  /** The size is checked before reading and again after: a file system without handles cannot do better. */
  async readRegularFile(path: string, maxBytes: number): Promise<BoundedRead> {
    const info = await this.stat(path);
    if (!info) return { kind: 'missing' };
    if (info.kind !== 'file') return { kind: 'not-regular', what: info.kind === 'directory' ? 'a folder' : 'a special file' };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
    const bytes = await this.readFile(path);
    return bytes.length > maxBytes ? { kind: 'too-large', size: bytes.length, grew: true } : { kind: 'read', bytes };
  }

  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    try {
      return (await vscode.workspace.fs.readDirectory(this.uriOf(path))).map(([name, type]) => ({ name, kind: kindOf(type) }));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  /** A temp file beside the target, then a rename: atomic where the file system behind the URI renames atomically (a real disk does). */
  async writeFileAtomic(path: string, data: Uint8Array | string, options: WriteOptions = {}): Promise<void> {
    const target = this.uriOf(path);
    if (options.overwrite === false && (await this.stat(path))) throw new FileExistsError(path);
    const slash = path.lastIndexOf('/');
    await vscode.workspace.fs.createDirectory(this.uriOf(path.slice(0, Math.max(1, slash))));
    const tempPath = `${path.slice(0, slash + 1)}.${path.slice(slash + 1)}.${randomHex(6)}.tmp`;
    const temp = this.uriOf(tempPath);
    try {
      await vscode.workspace.fs.writeFile(temp, utf8Bytes(data));
      await options.beforeRename?.(tempPath);
      await vscode.workspace.fs.rename(temp, target, { overwrite: options.overwrite ?? true });
    } catch (error) {
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
      throw error;
    }
  }

  /** Not exclusive: a check, then a write (workspace.fs has no O_EXCL). */
  async createFile(path: string, data: Uint8Array | string): Promise<void> {
    if (await this.stat(path)) throw new FileExistsError(path);
    await vscode.workspace.fs.writeFile(this.uriOf(path), utf8Bytes(data));
  }

  async createDirectory(path: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.uriOf(path));
  }

  async delete(path: string): Promise<void> {
    try {
      await vscode.workspace.fs.delete(this.uriOf(path), { useTrash: false });
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async realPath(path: string): Promise<string> {
    return path;
  }
}

function kindOf(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory) return 'directory';
  return 'other';
}

function isMissing(error: unknown): boolean {
  return error instanceof vscode.FileSystemError ? error.code === 'FileNotFound' || error.code === 'EntryNotFound' : (error as { code?: string }).code === 'FileNotFound';
}
