import { createHash, randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { AnnotationFileError, parseAnnotationFile, serializeAnnotationFile, type ParsedAnnotationFile } from './fileFormat';
import type { Annotation } from './model';

/** The annotation file of a workspace folder (see fileFormat.ts for why there is one per workspace). */
export const ANNOTATION_FILE = join('.literature', 'annotations.json');

export function annotationFileFor(workspaceRoot: string): string {
  return join(workspaceRoot, ANNOTATION_FILE);
}

/** The folder annotation paths are relative to: the one holding `.literature/`. */
export function workspaceRootOf(annotationFile: string): string {
  return dirname(dirname(annotationFile));
}

/** The document's key in the annotation file: relative to the workspace root, '/'-separated on every OS. */
export function documentKey(workspaceRoot: string, documentFile: string): string {
  return relative(workspaceRoot, documentFile).split(sep).join('/');
}

/**
 * The annotation file that governs `documentFile`: the nearest `.literature/annotations.json` in the
 * document's folder or any folder above it (as git finds `.git`). Undefined when there is none.
 */
export function findAnnotationFile(documentFile: string): string | undefined {
  for (let folder = dirname(documentFile); ; folder = dirname(folder)) {
    const candidate = annotationFileFor(folder);
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}

export interface AnnotationStoreOptions {
  /** Clock for `modified` stamps and backup names (tests). */
  readonly now?: () => Date;
  /** Fault injection for tests: runs after the temp file is written and synced, just before the rename. */
  readonly beforeRename?: (tempFile: string) => void | Promise<void>;
}

export interface SaveResult {
  /** True when the file had changed on disk since it was read and the two versions were merged. */
  readonly merged: boolean;
  /** Ids taken from the other writer's version (new or newer there). */
  readonly fromDisk: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newer = (a: Annotation, b: Annotation) => Date.parse(a.modified) > Date.parse(b.modified);

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AnnotationFileError(file, `cannot be read (${(error as Error).message})`, 'io');
  }
}

/**
 * Writes `text` to `file` so that a reader (or a crash) sees either the old file or the new one, never
 * half of either: a temp file beside it, fsync, rename over the old one, fsync of the folder.
 */
export async function writeFileAtomic(file: string, text: string, beforeRename?: (tempFile: string) => void | Promise<void>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await beforeRename?.(temp);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // Make the rename itself durable; not every platform can open a folder (Windows), so best effort.
  try {
    const folder = await open(dirname(file), 'r');
    await folder.sync().finally(() => folder.close());
  } catch {
    /* best effort */
  }
}

/**
 * The annotations of one workspace, backed by its annotation file. Nothing the person wrote is lost:
 * - a file that does not parse is backed up beside itself (`annotations.json.corrupt-<time>`), reported in
 *   `problems`, and not overwritten by `save()` unless the caller says so (after asking the person);
 * - entries that are not valid annotations are reported and written back untouched;
 * - `save()` re-reads the file and, if another window changed it since it was read (sha256 of the bytes,
 *   which unlike mtime cannot miss two writes within a timestamp tick), merges by id: union, the newer
 *   `modified` wins for an id both changed, a deletion on one side wins over an unchanged copy on the other;
 * - writes are atomic (writeFileAtomic).
 * A small window remains between the re-read and the rename; two saves landing within it are resolved by
 * the next save of either window, which merges again.
 */
export class AnnotationStore {
  private readonly current = new Map<string, Annotation>();
  /** The annotations as last read from or written to disk: tells "they deleted it" from "I added it". */
  private base = new Map<string, Annotation>();
  private readonly removed = new Map<string, number>();
  private invalid: ParsedAnnotationFile['invalid'] = [];
  private diskHash: string | undefined;
  /** Set while the file on disk is one this store could not read; `save()` will not overwrite it. */
  private unreadable: { hash: string; error: AnnotationFileError; backup?: string } | undefined;
  private readonly now: () => Date;
  /** What went wrong reading the file, for the person: each names the file and what to do. */
  problems: string[] = [];
  /** The schema version the file had on disk (0 for a migrated unversioned file); undefined without a file. */
  loadedVersion: number | undefined;

  private constructor(
    readonly file: string,
    private readonly options: AnnotationStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  static async open(file: string, options: AnnotationStoreOptions = {}): Promise<AnnotationStore> {
    const store = new AnnotationStore(file, options);
    await store.reload();
    return store;
  }

  get workspaceRoot(): string {
    return workspaceRootOf(this.file);
  }

  /** The backup made of an unreadable file, if any. */
  get backup(): string | undefined {
    return this.unreadable?.backup;
  }

  /** Re-reads the file, dropping unsaved changes. */
  async reload(): Promise<void> {
    this.current.clear();
    this.removed.clear();
    this.base = new Map();
    this.invalid = [];
    this.problems = [];
    this.unreadable = undefined;
    this.loadedVersion = undefined;
    const text = await readIfPresent(this.file);
    this.diskHash = text === undefined ? undefined : sha256(text);
    if (text === undefined) return;
    try {
      const parsed = parseAnnotationFile(this.file, text);
      this.loadedVersion = parsed.version;
      for (const annotation of parsed.annotations) {
        if (this.current.has(annotation.id)) {
          this.problems.push(`${this.file}: two annotations have the id "${annotation.id}"; the later one in the file is kept, the other is set aside below`);
          this.invalid.push({ document: annotation.target.source, index: -1, value: this.current.get(annotation.id), message: `duplicate id ${annotation.id}` });
        }
        this.current.set(annotation.id, annotation);
      }
      this.base = new Map(this.current);
      this.invalid.push(...parsed.invalid);
      for (const entry of parsed.invalid) this.problems.push(`${this.file}: ${entry.message}; the entry is kept in the file as it is, fix or delete it by hand`);
    } catch (error) {
      if (!(error instanceof AnnotationFileError)) throw error;
      const backup = await this.backUp();
      this.unreadable = { hash: this.diskHash!, error, backup };
      this.problems.push(
        `${error.message}. ${backup ? `A copy was saved as ${backup}. ` : ''}No annotations were loaded from it, and it will not be overwritten: fix it (or delete it to start afresh).`,
      );
    }
  }

  private async backUp(): Promise<string | undefined> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const backup = `${this.file}.corrupt-${stamp}`;
    try {
      await copyFile(this.file, backup, constants.COPYFILE_EXCL);
      return backup;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return backup;
      return undefined;
    }
  }

  /** All annotations, by document path then position. */
  all(): Annotation[] {
    return [...this.current.values()].sort((a, b) => a.target.source.localeCompare(b.target.source) || a.target.selector[1].start - b.target.selector[1].start);
  }

  /** The annotations of one document (path relative to the workspace, '/'-separated), in document order. */
  list(documentPath: string): Annotation[] {
    return this.all().filter((annotation) => annotation.target.source === documentPath);
  }

  get(id: string): Annotation | undefined {
    return this.current.get(id);
  }

  /** Document paths that have annotations. */
  documents(): string[] {
    return [...new Set(this.all().map((annotation) => annotation.target.source))];
  }

  /** Adds or replaces an annotation (by id), stamping `modified` with now so the change wins the next merge. */
  upsert(annotation: Annotation): Annotation {
    const stamped: Annotation = { ...annotation, modified: this.now().toISOString() };
    this.current.set(annotation.id, stamped);
    this.removed.delete(annotation.id);
    return stamped;
  }

  remove(id: string): boolean {
    const existed = this.current.delete(id);
    if (existed) this.removed.set(id, this.now().getTime());
    return existed;
  }

  /**
   * Annotated documents that no longer exist under the workspace root. Their annotations are kept (the
   * document may come back, or be renamed); the caller reports them so the person can re-attach or delete.
   */
  missingDocuments(workspaceRoot = this.workspaceRoot): string[] {
    return this.documents().filter((document) => !existsSync(join(workspaceRoot, ...document.split('/'))));
  }

  /**
   * Writes the annotations, merging with changes another writer made since this store read the file.
   * Throws AnnotationFileError when the file on disk cannot be read (a corrupt or newer-version file is
   * never overwritten, unless `overwriteUnreadable` is set after its backup exists).
   */
  async save(options: { overwriteUnreadable?: boolean } = {}): Promise<SaveResult> {
    const text = await readIfPresent(this.file);
    const hash = text === undefined ? undefined : sha256(text);
    let merged = false;
    const fromDisk: string[] = [];
    if (text !== undefined && this.unreadable && hash === this.unreadable.hash) {
      if (!options.overwriteUnreadable || !this.unreadable.backup) {
        throw new AnnotationFileError(this.file, `was not saved: the file on disk could not be read (${this.unreadable.error.message}); fix it or delete it, then save again`, this.unreadable.error.kind);
      }
    } else if (hash !== this.diskHash && text !== undefined) {
      let theirs: ParsedAnnotationFile;
      try {
        theirs = parseAnnotationFile(this.file, text);
      } catch (error) {
        if (!(error instanceof AnnotationFileError)) throw error;
        const backup = await this.backUp();
        throw new AnnotationFileError(
          this.file,
          `was changed by another program since it was read and can no longer be read (${error.message}); nothing was written${backup ? `, a copy is in ${backup}` : ''}. Fix or delete the file, then save again`,
          'conflict',
        );
      }
      merged = true;
      this.mergeFrom(theirs, fromDisk);
    }
    const output = serializeAnnotationFile([...this.current.values()], this.invalid);
    try {
      await writeFileAtomic(this.file, output, this.options.beforeRename);
    } catch (error) {
      if (error instanceof AnnotationFileError) throw error;
      throw new AnnotationFileError(this.file, `could not be written (${(error as Error).message}); the previous file is unchanged`, 'io');
    }
    this.diskHash = sha256(output);
    this.unreadable = undefined;
    this.base = new Map(this.current);
    this.removed.clear();
    return { merged, fromDisk };
  }

  private mergeFrom(theirs: ParsedAnnotationFile, fromDisk: string[]): void {
    const disk = new Map(theirs.annotations.map((annotation) => [annotation.id, annotation]));
    const ids = new Set([...this.current.keys(), ...disk.keys(), ...this.removed.keys()]);
    for (const id of ids) {
      const mine = this.current.get(id);
      const other = disk.get(id);
      const base = this.base.get(id);
      if (mine && other) {
        if (newer(other, mine)) {
          this.current.set(id, other);
          fromDisk.push(id);
        }
      } else if (mine && !other) {
        // Gone from disk: the other writer deleted it, unless this store changed it since reading.
        if (base && base.modified === mine.modified) this.current.delete(id);
      } else if (!mine && other) {
        const removedAt = this.removed.get(id);
        // Removed here: stays removed unless the other writer edited it after that.
        if (removedAt === undefined || Date.parse(other.modified) > removedAt) {
          this.current.set(id, other);
          fromDisk.push(id);
        }
      }
    }
    // Entries neither side could read: keep both sides' (the other writer kept ours when it read them).
    const seen = new Set(theirs.invalid.map((entry) => JSON.stringify(entry.value)));
    this.invalid = [...theirs.invalid, ...this.invalid.filter((entry) => !seen.has(JSON.stringify(entry.value)))];
  }
}
