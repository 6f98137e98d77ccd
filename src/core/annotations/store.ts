import { dirname, join, relative, resolve, sep } from 'node:path';
import { FileExistsError, platformFiles, type FileSystem } from '../platform/fileSystem';
import { latest, sameEntry, timeOf, type Entry } from './entries';
import { AnnotationFileError, MAX_ANNOTATION_FILE_BYTES, MAX_ANNOTATIONS, MAX_TOMBSTONES, parseAnnotationFile, serializeAnnotationFile, type ParsedAnnotationFile } from './fileFormat';
import { FileLockTimeout, lockFileOf } from './lockErrors';
import type { LockOptions } from '../platform/fileSystem';
import type { Annotation } from './model';
import { readAnnotationFile, sha256, type DiskFile } from './safeRead';

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
 * The annotation file that governs `documentFile` — ONE rule, used by the editor and by `lint`: the nearest
 * `.literature/annotations.json` in the document's folder or a folder above it (as git finds `.git`), looking
 * no higher than `boundary` (the workspace folder) when one is given. Where none exists yet, the boundary's
 * own file (the one a first annotation creates); without a boundary, undefined.
 */
export function governingAnnotationFile(documentFile: string, boundary?: string, files?: FileSystem, exists?: (file: string) => boolean): string | undefined {
  const stopAt = boundary === undefined ? undefined : resolve(boundary);
  // Without a synchronous existence check (the web: the caller may pass the annotation files it knows),
  // the workspace folder's file governs.
  const existsSync = exists ?? platformFiles(files).existsSync;
  for (let folder = dirname(resolve(documentFile)); existsSync; folder = dirname(folder)) {
    const candidate = annotationFileFor(folder);
    if (existsSync(candidate)) return candidate;
    if (folder === stopAt || dirname(folder) === folder) break;
  }
  return stopAt === undefined ? undefined : annotationFileFor(stopAt);
}

/** The nearest existing annotation file above `documentFile` (no boundary), or undefined. */
export function findAnnotationFile(documentFile: string): string | undefined {
  return governingAnnotationFile(documentFile);
}

export interface AnnotationStoreOptions {
  /** Clock for `modified` stamps and deletion times (tests). */
  readonly now?: () => Date;
  /** Fault injection for tests: runs after the temp file is written and synced, just before the rename. */
  readonly beforeRename?: (tempFile: string) => void | Promise<void>;
  /**
   * Whether a copy of an unreadable file may be written beside it (default yes). No for `lint`, which never
   * writes, and in an untrusted workspace, whose files must not make the extension write anything.
   */
  readonly backups?: boolean | (() => boolean);
  /** Timing of the lock that serialises writers (tests). */
  readonly lock?: LockOptions;
  /** Where the file lives (default: the process's registered file system, see platform/fileSystem.ts). */
  readonly files?: FileSystem;
}

export interface SaveResult {
  /** True when the file had changed on disk since it was read and the two versions were merged. */
  readonly merged: boolean;
  /** Ids taken from the other writer's version (new or newer there). */
  readonly fromDisk: string[];
}

/**
 * Writes `text` to `file` so that a reader (or a crash) sees either the old file or the new one, never
 * half of either: the file system's atomic write (on Node a temp file beside it, fsync, rename over the
 * old one, fsync of the folder; see platform/nodeFileSystem.ts).
 */
export async function writeFileAtomic(file: string, text: string, beforeRename?: (tempFile: string) => void | Promise<void>, files?: FileSystem): Promise<void> {
  await platformFiles(files).writeFileAtomic(file, text, { beforeRename });
}

/** The annotations and tombstones of a parsed file, keyed by id; duplicates and invalid entries set aside. */
interface LoadedFile {
  readonly entries: Map<string, Entry>;
  readonly invalid: ParsedAnnotationFile['invalid'];
  readonly problems: string[];
}

function entriesOf(file: string, parsed: ParsedAnnotationFile): LoadedFile {
  const entries = new Map<string, Entry>();
  const invalid = [...parsed.invalid];
  const problems: string[] = [];
  for (const annotation of parsed.annotations) {
    const earlier = entries.get(annotation.id)?.annotation;
    if (earlier) {
      problems.push(`${file}: two annotations have the id "${annotation.id}"; the later one in the file is kept, the other is set aside below`);
      invalid.push({ document: earlier.target.source, index: -1, value: earlier, message: `duplicate id ${annotation.id}` });
    }
    entries.set(annotation.id, { annotation });
  }
  // An id both annotated and deleted (two branches merged by hand): the later of the two stands.
  for (const [id, deleted] of parsed.deleted) entries.set(id, latest(entries.get(id), { deleted })!);
  for (const entry of parsed.invalid) problems.push(`${file}: ${entry.message}; the entry is kept in the file as it is, fix or delete it by hand`);
  return { entries, invalid, problems };
}

/** Unreadable entries of both writers, each once (the other writer kept ours when it read them). */
function unionOfInvalid(theirs: ParsedAnnotationFile['invalid'], mine: ParsedAnnotationFile['invalid']): ParsedAnnotationFile['invalid'] {
  const seen = new Set(theirs.map((entry) => JSON.stringify(entry.value)));
  return [...theirs, ...mine.filter((entry) => !seen.has(JSON.stringify(entry.value)))];
}

/**
 * The annotations of one workspace, backed by its annotation file. Nothing the person wrote is lost:
 * - a deletion is a tombstone with its time (fileFormat.ts), so an annotation missing from the file is
 *   never taken for deleted: `save()` merges by id, keeping the later of each id's edits and deletion;
 * - writers are serialised on the file by a lock file (fileLock.ts): each save re-reads, merges and writes
 *   while holding it, so no save can overwrite another's without having read it;
 * - within the store, reloads and saves run one at a time (a queue), and a reload reads into locals and
 *   swaps them in when complete; changes not yet saved survive a reload;
 * - a file that does not parse is backed up once per distinct content (`annotations.json.corrupt-<hash>`,
 *   unless backups are off), reported in `problems`, and not overwritten by `save()` unless the caller
 *   says so (after asking the person); a link out of the workspace, a non-regular file or an oversized
 *   one is refused without being read or copied;
 * - entries that are not valid annotations are reported and written back untouched;
 * - writes are atomic (writeFileAtomic).
 */
export class AnnotationStore {
  private entries = new Map<string, Entry>();
  /** Ids changed here since the file was last read or written, with the change's sequence number. */
  private pending = new Map<string, number>();
  private sequence = 0;
  private invalid: ParsedAnnotationFile['invalid'] = [];
  /** sha256 of the bytes last read or written: tells whether another writer changed the file since. */
  private diskHash: string | undefined;
  /** Set while the file on disk is one this store could not read; `save()` will not overwrite it. */
  private unreadable: { hash?: string; error: AnnotationFileError; backup?: string } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
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

  /** Why the file on disk could not be read, while it cannot: its annotations are not loaded, and `save()` refuses. */
  get unreadableError(): AnnotationFileError | undefined {
    return this.unreadable?.error;
  }

  /** Re-reads the file. Changes made here and not yet saved are kept (applied over what the file holds). */
  reload(): Promise<boolean> {
    return this.serial(() => this.reloadNow());
  }

  /** Adds or replaces an annotation (by id), stamping `modified` with now, so the change wins the next merge. */
  upsert(annotation: Annotation): Annotation {
    const stamped: Annotation = { ...annotation, modified: this.stampAfter(this.entries.get(annotation.id)) };
    this.change(annotation.id, { annotation: stamped });
    return stamped;
  }

  /** Deletes an annotation: a tombstone with the time, so the deletion wins over older copies elsewhere. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry?.annotation) return false;
    this.change(id, { deleted: this.stampAfter(entry) });
    return true;
  }

  /** All annotations, by document path then position. */
  all(): Annotation[] {
    const annotations: Annotation[] = [];
    for (const entry of this.entries.values()) if (entry.annotation) annotations.push(entry.annotation);
    return annotations.sort((a, b) => a.target.source.localeCompare(b.target.source) || a.target.selector[1].start - b.target.selector[1].start);
  }

  /** The annotations of one document (path relative to the workspace, '/'-separated), in document order. */
  list(documentPath: string): Annotation[] {
    return this.all().filter((annotation) => annotation.target.source === documentPath);
  }

  get(id: string): Annotation | undefined {
    return this.entries.get(id)?.annotation;
  }

  /** Document paths that have annotations. */
  documents(): string[] {
    return [...new Set(this.all().map((annotation) => annotation.target.source))];
  }

  /**
   * Annotated documents that no longer exist under the workspace root. Their annotations are kept (the
   * document may come back, or be renamed); the caller reports them so the person can re-attach or delete.
   */
  missingDocuments(workspaceRoot = this.workspaceRoot): string[] {
    const existsSync = this.files.existsSync;
    if (!existsSync) return [];
    return this.documents().filter((document) => !existsSync(join(workspaceRoot, ...document.split('/'))));
  }

  /** missingDocuments() on any file system (the web has no synchronous check). */
  async missingDocumentsAsync(workspaceRoot = this.workspaceRoot): Promise<string[]> {
    const missing: string[] = [];
    for (const document of this.documents()) if (!(await this.files.stat(join(workspaceRoot, ...document.split('/'))))) missing.push(document);
    return missing;
  }

  private get files(): FileSystem {
    return platformFiles(this.options.files);
  }

  /**
   * Writes the annotations, merged with what other writers saved since this store read the file.
   * Throws AnnotationFileError when the file on disk cannot be read (a corrupt or newer-version file is
   * never overwritten, unless `overwriteUnreadable` is set after its backup exists), when another writer
   * holds the lock for too long, or when the result would pass the size caps.
   */
  save(options: { overwriteUnreadable?: boolean } = {}): Promise<SaveResult> {
    return this.serial(async () => {
      try {
        const files = this.files;
        // Where there is no lock (the web), the merge below still keeps the other writer's changes; only
        // a write landing between this save's read and its rename could be lost, a window of milliseconds.
        if (!files.withLock) return await this.saveLocked(options);
        return await files.withLock(this.file, () => this.saveLocked(options), this.options.lock);
      } catch (error) {
        if (!(error instanceof FileLockTimeout)) throw error;
        throw new AnnotationFileError(this.file, `was not saved: ${error.message}. If no other Literature Companion window or tool is saving annotations, delete ${lockFileOf(this.file)} and save again`, 'locked');
      }
    });
  }

  /** Runs reloads and saves of this store one at a time, in the order they were asked for. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A time after the entry's own, so an edit always wins over the version it was made from (even if clocks differ). */
  private stampAfter(entry: Entry | undefined): string {
    const now = this.now().getTime();
    return new Date(entry ? Math.max(now, timeOf(entry) + 1) : now).toISOString();
  }

  private change(id: string, entry: Entry): void {
    this.entries.set(id, entry);
    this.pending.set(id, ++this.sequence);
  }

  /** Applies the changes made here since `sequence` (all of them by default) over `entries`. */
  private withLocalChanges(entries: Map<string, Entry>, since = 0): Map<string, Entry> {
    for (const [id, sequence] of this.pending) if (sequence > since) entries.set(id, latest(entries.get(id), this.entries.get(id))!);
    return entries;
  }

  private backupsAllowed(): boolean {
    const backups = this.options.backups ?? true;
    return typeof backups === 'function' ? backups() : backups;
  }

  /** One backup per distinct broken content: the name holds the content's hash, so a re-read of the same bytes adds nothing. */
  private async backUp(disk: DiskFile): Promise<string | undefined> {
    if (!disk.bytes || !disk.hash || !this.backupsAllowed()) return undefined;
    const backup = `${this.file}.corrupt-${disk.hash.slice(0, 12)}`;
    try {
      await this.files.createFile(backup, disk.bytes);
      return backup;
    } catch (error) {
      return error instanceof FileExistsError || (error as { code?: string }).code === 'EEXIST' ? backup : undefined;
    }
  }

  /** False when the file holds what this store last read or wrote (its own save coming back): nothing new. */
  private async reloadNow(): Promise<boolean> {
    const disk = await readAnnotationFile(this.file, this.workspaceRoot, this.files);
    if (disk.hash !== undefined && disk.hash === this.diskHash) return false;
    let loaded: LoadedFile = { entries: new Map(), invalid: [], problems: [] };
    let version: number | undefined;
    let unreadable: AnnotationStore['unreadable'];
    let error = disk.error;
    if (disk.text !== undefined) {
      try {
        const parsed = parseAnnotationFile(this.file, disk.text);
        loaded = entriesOf(this.file, parsed);
        version = parsed.version;
      } catch (parseError) {
        if (!(parseError instanceof AnnotationFileError)) throw parseError;
        error = parseError;
      }
    }
    if (error) {
      // A newer version's file is not broken, and a refused one must not be copied (it may be /etc/passwd).
      const backup = disk.error || error.kind === 'newer-version' ? undefined : await this.backUp(disk);
      unreadable = { hash: disk.hash, error, backup };
      const whatToDo = error.kind === 'parse' || error.kind === 'schema' ? ': fix it (or delete it to start afresh)' : '';
      loaded.problems.push(`${error.message}. ${backup ? `A copy was saved as ${backup}. ` : ''}No annotations were loaded from it, and it will not be overwritten${whatToDo}.`);
    }
    // Swap in only now, complete: readers never see a half-read store, and unsaved changes stay on top.
    this.entries = this.withLocalChanges(loaded.entries);
    this.invalid = loaded.invalid;
    this.problems = loaded.problems;
    this.loadedVersion = version;
    this.diskHash = disk.hash;
    this.unreadable = unreadable;
    return true;
  }

  private async saveLocked(options: { overwriteUnreadable?: boolean }): Promise<SaveResult> {
    const disk = await readAnnotationFile(this.file, this.workspaceRoot, this.files);
    if (disk.error) throw new AnnotationFileError(this.file, `was not saved: it ${disk.error.detail}`, disk.error.kind);
    const sequence = this.sequence;
    let merged = false;
    const fromDisk: string[] = [];
    let entries = new Map(this.entries);
    let invalid = this.invalid;
    if (disk.text !== undefined && this.unreadable && disk.hash === this.unreadable.hash) {
      if (!options.overwriteUnreadable || !this.unreadable.backup) {
        throw new AnnotationFileError(this.file, `was not saved: the file on disk could not be read (${this.unreadable.error.message}); fix it or delete it, then save again`, this.unreadable.error.kind);
      }
    } else if (disk.text !== undefined && disk.hash !== this.diskHash) {
      let theirs: ParsedAnnotationFile;
      try {
        theirs = parseAnnotationFile(this.file, disk.text);
      } catch (error) {
        if (!(error instanceof AnnotationFileError)) throw error;
        const backup = await this.backUp(disk);
        throw new AnnotationFileError(
          this.file,
          `was changed by another program since it was read and can no longer be read (${error.message}); nothing was written${backup ? `, a copy is in ${backup}` : ''}. Fix or delete the file, then save again`,
          'conflict',
        );
      }
      merged = true;
      const loaded = entriesOf(this.file, theirs);
      entries = loaded.entries;
      for (const [id, theirs] of entries) if (theirs.annotation && !this.entries.has(id)) fromDisk.push(id);
      for (const [id, mine] of this.entries) {
        const winner = latest(entries.get(id), mine)!;
        entries.set(id, winner);
        if (winner.annotation && !sameEntry(winner, mine)) fromDisk.push(id);
      }
      invalid = unionOfInvalid(loaded.invalid, this.invalid);
    }
    const output = this.serialize(entries, invalid);
    try {
      await writeFileAtomic(disk.target ?? this.file, output, this.options.beforeRename, this.files);
    } catch (error) {
      if (error instanceof AnnotationFileError) throw error;
      throw new AnnotationFileError(this.file, `could not be written (${(error as Error).message}); the previous file is unchanged`, 'io');
    }
    // Changes made while the file was being written are not in it: they stay on top, and pending.
    this.entries = this.withLocalChanges(entries, sequence);
    for (const [id, changed] of this.pending) if (changed <= sequence) this.pending.delete(id);
    this.invalid = invalid;
    this.diskHash = await sha256(output);
    this.unreadable = undefined;
    this.problems = this.problems.filter((problem) => !problem.includes('No annotations were loaded from it'));
    return { merged, fromDisk };
  }

  /** The file's text, within the caps; the oldest tombstones beyond MAX_TOMBSTONES are dropped. */
  private serialize(entries: Map<string, Entry>, invalid: ParsedAnnotationFile['invalid']): string {
    const annotations: Annotation[] = [];
    let tombstones: [string, string][] = [];
    for (const [id, entry] of entries) {
      if (entry.annotation) annotations.push(entry.annotation);
      else tombstones.push([id, entry.deleted]);
    }
    const count = annotations.length + invalid.length;
    if (count > MAX_ANNOTATIONS) {
      throw new AnnotationFileError(this.file, `was not saved: it would hold ${count} annotations, more than the ${MAX_ANNOTATIONS} one annotation file may hold. Delete annotations you no longer need (those of deleted documents first), then save again; the file on disk is unchanged`, 'too-large');
    }
    if (tombstones.length > MAX_TOMBSTONES) tombstones = tombstones.sort((a, b) => Date.parse(b[1]) - Date.parse(a[1])).slice(0, MAX_TOMBSTONES);
    const output = serializeAnnotationFile(annotations, invalid, new Map(tombstones));
    const bytes = new TextEncoder().encode(output).length;
    if (bytes > MAX_ANNOTATION_FILE_BYTES) {
      throw new AnnotationFileError(this.file, `was not saved: it would be ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_ANNOTATION_FILE_BYTES / 1024 / 1024} MB an annotation file may have. Shorten long notes or delete annotations you no longer need, then save again; the file on disk is unchanged`, 'too-large');
    }
    return output;
  }
}
