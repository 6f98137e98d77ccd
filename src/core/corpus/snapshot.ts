import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
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
      const portable = withFile(parsed, file, FILE_PLACEHOLDER);
      // A message that names the file's folder could not be moved to where the extension is installed.
      if (!JSON.stringify(portable).includes(join(root, folder))) files[snapshotKey(kind, file, decoded.text)] = portable;
    }
  }
  return { format: SNAPSHOT_FORMAT, files };
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
