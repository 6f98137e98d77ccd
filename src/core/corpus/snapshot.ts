import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open as openFile, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseLexicon } from './lexiconFile';
import { parseCorpusText, type Kind, type ParsedFile, type Prevalidated } from './load';
import { decodeSourceText } from './sourceFile';

/**
 * A corpus snapshot: what each file of a corpus folder parses to (value and problems), made when the
 * extension is built (esbuild.mjs writes dist/corpus-snapshot.json from sources/). Parsing the bundled
 * corpus's YAML costs ~150 ms on a fresh extension host (the parser's code is still cold), which the first
 * tree would wait for; a file whose kind, name and text hash match an entry is taken from the snapshot
 * instead. A changed file has another hash and is parsed as usual, so a snapshot can never be stale.
 */
export interface CorpusSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  /** Keyed by snapshotKey(); `file` fields hold FILE_PLACEHOLDER, put back as the file's real path. */
  readonly files: Readonly<Record<string, ParsedFile<unknown>>>;
}

/** Raised whenever what a file parses to changes shape (CorpusProblem, Paper, … or the key). */
export const SNAPSHOT_FORMAT = 1;

/** Stands for the file's path: the bundled corpus lives wherever the extension is installed. */
const FILE_PLACEHOLDER = '\u0000file';

/** The folders of a corpus, what their files define, and their extensions (as load.ts reads them). */
const FOLDERS: readonly { folder: string; kind: Kind; extensions: readonly string[] }[] = [
  { folder: 'papers', kind: 'paper', extensions: ['.md'] },
  { folder: 'taxonomy', kind: 'challenge', extensions: ['.md'] },
  { folder: 'evidence', kind: 'evidence', extensions: ['.yaml', '.yml'] },
  { folder: 'lexicon', kind: 'lexicon', extensions: ['.yaml', '.yml'] },
];

/** The name matters as much as the text: a paper's id must match its file name. */
function snapshotKey(kind: Kind, file: string, text: string): string {
  return `${kind}:${basename(file)}:${createHash('sha256').update(text).digest('hex')}`;
}

/** Parses every file of the corpus at `root` as loadCorpus would, and records the results. */
export async function buildCorpusSnapshot(root: string): Promise<CorpusSnapshot> {
  const files: Record<string, ParsedFile<unknown>> = {};
  for (const { folder, kind, extensions } of FOLDERS) {
    const names = await readdir(join(root, folder)).catch(() => [] as string[]);
    for (const name of names.filter((n) => extensions.includes(extname(n).toLowerCase()))) {
      const file = join(root, folder, name);
      const decoded = decodeSourceText(await readFile(file));
      if (!('text' in decoded)) continue; // reported by loadCorpus when it reads the file
      const parsed = kind === 'lexicon' ? lexiconResult(parseLexicon(decoded.text, file)) : parseCorpusText(kind, file, decoded.text);
      const portable = portableResult(parsed, file);
      if (portable) files[snapshotKey(kind, file, decoded.text)] = portable;
    }
  }
  return { format: SNAPSHOT_FORMAT, files };
}

/** The result with its file's path taken out; undefined when a message names the folder (it could not move). */
function portableResult(parsed: ParsedFile<unknown>, file: string): ParsedFile<unknown> | undefined {
  const portable = withFile(parsed, file, FILE_PLACEHOLDER);
  return JSON.stringify(portable).includes(dirname(file)) ? undefined : portable;
}

function lexiconResult(parsed: ReturnType<typeof parseLexicon>): ParsedFile<unknown> {
  return { value: parsed.entries, problems: parsed.problems };
}

/** The snapshot as loadCorpus's `prevalidated` option. */
export function prevalidatedFrom(snapshot: CorpusSnapshot): Prevalidated {
  return {
    lookup(kind, file, text) {
      const known = snapshot.files[snapshotKey(kind, file, text)];
      return known && withFile(known, FILE_PLACEHOLDER, file);
    },
  };
}

/** Reads a snapshot file; a missing, unreadable or older one is simply not used. */
export async function readCorpusSnapshot(file: string): Promise<Prevalidated | undefined> {
  try {
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as Partial<CorpusSnapshot>;
    if (snapshot.format !== SNAPSHOT_FORMAT || typeof snapshot.files !== 'object' || snapshot.files === null) return undefined;
    return prevalidatedFrom(snapshot as CorpusSnapshot);
  } catch {
    return undefined;
  }
}

/** A deep copy of `value` whose `file` fields equal to `from` read `to` (papers, links, problems, terms). */
function withFile<T>(value: T, from: string, to: string): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withFile(item, from, to)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = key === 'file' && item === from ? to : withFile(item, from, to);
  return copy as T;
}

/**
 * A person's own corpus parsed in an earlier session (kept in the extension's storage): the next session
 * takes unchanged files from it, so a 500-paper corpus does not wait for the YAML parser on every start.
 * Keyed like the bundled snapshot (kind, name, SHA-256 of the text), so an edited file is parsed again.
 * Only what the latest load used is kept, so deleted and edited files drop out. The file is signed with
 * the per-user key of the text cache: a corpus cache written by anyone else is not believed. It is tied to
 * the extension build that wrote it (`build`), since another build may parse files differently.
 */
/** Fewer newly parsed (or dropped) files than this are not worth writing the kept cache again for. */
const MIN_FILES_WORTH_SAVING = 25;

export class KeptCorpusCache implements Prevalidated {
  private used: Record<string, ParsedFile<unknown>> = {};
  /** Files the latest load had to parse, and files it took from what is on disk. */
  private parsed = 0;
  private reused = 0;
  private keptOnDisk: number;

  private constructor(
    private readonly file: string,
    private readonly key: Uint8Array,
    private readonly build: string,
    private kept: Record<string, ParsedFile<unknown>>,
    private readonly bundled?: Prevalidated,
  ) {
    this.keptOnDisk = Object.keys(kept).length;
  }

  /** The cache at `file` (empty when missing, unsigned, of another build or unreadable), consulted after `bundled`. */
  static async open(file: string, key: Uint8Array, build: string, bundled?: Prevalidated): Promise<KeptCorpusCache> {
    let kept: Record<string, ParsedFile<unknown>> = {};
    try {
      const bytes = await readFile(file);
      const newline = bytes.indexOf(0x0a);
      const body = bytes.subarray(newline + 1);
      const stated = Buffer.from(bytes.subarray(0, Math.max(newline, 0)).toString('latin1'), 'hex');
      const expected = createHmac('sha256', key).update(body).digest();
      if (newline > 0 && stated.length === expected.length && timingSafeEqual(stated, expected)) {
        const snapshot = JSON.parse(body.toString('utf8')) as Partial<CorpusSnapshot> & { build?: string };
        if (snapshot.format === SNAPSHOT_FORMAT && snapshot.build === build && typeof snapshot.files === 'object' && snapshot.files) kept = snapshot.files;
      }
    } catch {
      /* no cache yet, or unreadable: every file is parsed */
    }
    return new KeptCorpusCache(file, key, build, kept, bundled);
  }

  /** Call before a load: what it looks up or learns is what the cache will keep. */
  startLoad(): void {
    this.kept = { ...this.kept, ...this.used };
    this.used = {};
    this.parsed = 0;
    this.reused = 0;
  }

  lookup(kind: Kind, file: string, text: string): ParsedFile<unknown> | undefined {
    const bundled = this.bundled?.lookup(kind, file, text);
    if (bundled) return bundled;
    const key = snapshotKey(kind, file, text);
    const known = this.used[key] ?? this.kept[key];
    if (!known) return undefined;
    if (!this.used[key]) this.reused++;
    this.used[key] = known;
    return withFile(known, FILE_PLACEHOLDER, file);
  }

  remember(kind: Kind, file: string, text: string, parsed: ParsedFile<unknown>): void {
    const portable = portableResult(parsed, file);
    if (!portable) return;
    this.used[snapshotKey(kind, file, text)] = portable;
    this.parsed++;
  }

  /** How many files the latest load parsed (the rest came from the bundled snapshot or this cache). */
  get parsedInLatestLoad(): number {
    return this.parsed;
  }

  /**
   * Whether saving pays: a 500-paper corpus is ~5 MB of JSON, while a session that must parse one or two
   * edited files again loses a few milliseconds.
   */
  get worthSaving(): boolean {
    return this.parsed >= MIN_FILES_WORTH_SAVING || this.keptOnDisk - this.reused >= MIN_FILES_WORTH_SAVING;
  }

  /**
   * Writes what the latest load used, signed; to a temporary name first, so a reader never sees half a
   * file. Serialised and signed a slice of files at a time, each slice written before the next is made, so
   * the caller's thread (the extension host) is never held for the whole 5 MB. Temporary files that a
   * quit in mid-write left behind are removed first.
   */
  async save(): Promise<void> {
    const entries = Object.entries(this.used);
    await mkdir(dirname(this.file), { recursive: true });
    await removeLeftovers(this.file);
    const temporary = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await openFile(temporary, 'w');
    try {
      const mac = createHmac('sha256', this.key);
      let position = MAC_LINE_BYTES; // the signature line goes in front once the body is known
      const append = async (text: string) => {
        const bytes = Buffer.from(text, 'utf8');
        mac.update(bytes);
        await handle.write(bytes, 0, bytes.length, position);
        position += bytes.length;
      };
      await append(`{"format":${JSON.stringify(SNAPSHOT_FORMAT)},"build":${JSON.stringify(this.build)},"files":{`);
      for (let start = 0; start < entries.length; start += FILES_PER_SLICE) {
        const slice = entries.slice(start, start + FILES_PER_SLICE).map(([key, parsed]) => `${JSON.stringify(key)}:${JSON.stringify(parsed)}`);
        await append(`${start > 0 ? ',' : ''}${slice.join(',')}`);
      }
      await append('}}');
      await handle.write(`${mac.digest('hex')}\n`, 0, 'latin1');
      await handle.close();
      await rename(temporary, this.file);
      this.keptOnDisk = entries.length;
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/** 64 hex digits of HMAC-SHA-256 and a newline. */
const MAC_LINE_BYTES = 65;
/** ~5 kB of JSON per generated paper file: 25 files ≈ 125 kB, a few milliseconds of the host's thread. */
const FILES_PER_SLICE = 25;
/** A temporary file older than this is no other window's write in progress, but one a quit cut short. */
const LEFTOVER_AGE_MS = 60_000;

async function removeLeftovers(file: string): Promise<void> {
  const folder = dirname(file);
  const prefix = `${basename(file)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter((candidate) => candidate.startsWith(prefix) && candidate.endsWith('.tmp'))) {
    const path = join(folder, name);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > LEFTOVER_AGE_MS) await rm(path, { force: true });
  }
}
