import { platformFiles } from '../platform/fileSystem';
import { extname, join, resolve } from 'node:path';
import { lexiconEntry } from '../search/lexicon';
import { parseOrRecall, type Prevalidated } from './load';
import type { CorpusProblem, LexiconEntry } from './model';
import { YamlSource } from './yamlSource';

/** A lexicon file is a list of short lines; this is far above any real one. */
const MAX_LEXICON_BYTES = 1024 * 1024;

/**
 * The lexicon files (`lexicon/*.yaml`) of the given folders, in order: bundled first, then the corpus's own.
 * Each bad entry is reported with its file and line and left out; the rest of its file still loads.
 */
export async function loadLexicon(folders: readonly string[], prevalidated?: Prevalidated): Promise<{ entries: LexiconEntry[]; problems: CorpusProblem[] }> {
  const entries: LexiconEntry[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Set<string>();
  for (const folder of folders) {
    if (seen.has(resolve(folder))) continue; // the bundled corpus is its own default lexicon
    seen.add(resolve(folder));
    const names = await platformFiles().readDirectory(folder).then((entries) => entries.map((entry) => entry.name), () => [] as string[]);
    for (const name of names.filter((n) => ['.yaml', '.yml'].includes(extname(n).toLowerCase())).sort()) {
      const file = join(folder, name);
      const parsed = await readLexiconFile(file, prevalidated);
      entries.push(...parsed.entries);
      problems.push(...parsed.problems);
    }
  }
  return { entries, problems };
}

async function readLexiconFile(file: string, prevalidated?: Prevalidated): Promise<{ entries: LexiconEntry[]; problems: CorpusProblem[] }> {
  const problem = (message: string, line?: number, field?: string): CorpusProblem => ({ file, line, field, kind: 'lexicon', message });
  let text: string;
  try {
    const read = await platformFiles().readRegularFile(file, MAX_LEXICON_BYTES);
    if (read.kind === 'too-large') return { entries: [], problems: [problem(`file is ${(read.size / 1048576).toFixed(1)} MB; a lexicon file is limited to 1 MB`)] };
    if (read.kind !== 'read') return { entries: [], problems: [problem(read.kind === 'missing' ? 'cannot read file: it does not exist' : `cannot read file: it is ${read.what}, not a regular file`)] };
    text = new TextDecoder().decode(read.bytes);
  } catch (error) {
    return { entries: [], problems: [problem(`cannot read file: ${(error as Error).message}`)] };
  }
  const parsed = parseOrRecall(prevalidated, 'lexicon', file, text, () => {
    const { entries, problems } = parseLexicon(text, file);
    return { value: entries, problems };
  });
  return { entries: parsed.value ?? [], problems: parsed.problems };
}

/** Parses one lexicon file: `terms:` mapping each Russian word or phrase to an English one or a list of them. */
export function parseLexicon(text: string, file: string): { entries: LexiconEntry[]; problems: CorpusProblem[] } {
  const problem = (message: string, line?: number, field?: string): CorpusProblem => ({ file, line, field, kind: 'lexicon', message });
  const source = YamlSource.parse(text);
  if (!(source instanceof YamlSource)) return { entries: [], problems: [problem(source.message, source.line)] };
  const data = source.data as { terms?: unknown } | null;
  const terms = data && typeof data === 'object' && !Array.isArray(data) ? data.terms : undefined;
  if (!terms || typeof terms !== 'object' || Array.isArray(terms)) {
    return { entries: [], problems: [problem('expected "terms:" followed by lines "russian phrase: english phrase" (see sources/README.md, "lexicon/")', source.lineOf(['terms']), 'terms')] };
  }
  const entries: LexiconEntry[] = [];
  const problems: CorpusProblem[] = [];
  const lines = source.keyLines(['terms']);
  for (const [russian, english] of Object.entries(terms as Record<string, unknown>)) {
    const line = lines.get(russian) ?? source.lineOf(['terms', russian]);
    const entry = lexiconEntry(russian, english);
    if (typeof entry === 'string') problems.push(problem(entry, line, `terms.${russian}`));
    else entries.push({ ...entry, file, line });
  }
  return { entries, problems };
}
