import { platformFiles } from '../platform/fileSystem';
import { basename, extname, join } from 'node:path';
import type { Challenge, ChallengeProblem, Corpus, CorpusProblem, Evidence, EvidenceLink, Paper } from './model';
import { splitFrontMatter } from './frontMatter';
import { loadLexicon } from './lexiconFile';
import { readSourceText } from './sourceFile';
import { FieldError, Fields, formatPath, YamlSource } from './yamlSource';

/** Sizes beyond which a corpus file is refused rather than rendered (a summary is a few kB). */
const MAX_FILE_BYTES = 1024 * 1024;

/** Files read at once: a corpus of 20,000 files must not run out of file handles (EMFILE). */
const READ_CONCURRENCY = 16;

/** A BibTeX and Pandoc citation key: what `\\cite{…}` and `[@…]` accept unchanged. */
const CITATION_KEY = /^[A-Za-z0-9_][A-Za-z0-9_:.+\-/]*$/;

export type Kind = CorpusProblem['kind'];

export interface ParsedFile<T> {
  readonly value?: T;
  readonly problems: CorpusProblem[];
}

export interface LoadOptions {
  /** A lexicon folder read before the corpus's own `lexicon/` (the bundled sources/lexicon), so its terms apply to any corpus. */
  readonly baseLexicon?: string;
  /** Files parsed and checked at build time (see snapshot.ts): a file whose bytes match is not parsed again. */
  readonly prevalidated?: Prevalidated;
}

/** What a corpus file of `kind` named `file` with this `text` parses to, when that is known without parsing it. */
export interface Prevalidated {
  lookup(kind: Kind, file: string, text: string): ParsedFile<unknown> | undefined;
  /** Told what a file it did not know parsed to (a cache kept between sessions learns it). */
  remember?(kind: Kind, file: string, text: string, parsed: ParsedFile<unknown>): void;
}

/** The prevalidated result for a file, or the file parsed now (and remembered). */
export function parseOrRecall<T>(prevalidated: Prevalidated | undefined, kind: Kind, file: string, text: string, parse: () => ParsedFile<T>): ParsedFile<T> {
  const known = prevalidated?.lookup(kind, file, text) as ParsedFile<T> | undefined;
  if (known) return known;
  const parsed = parse();
  prevalidated?.remember?.(kind, file, text, parsed);
  return parsed;
}

/**
 * Loads the corpus folder (see sources/README.md). Never throws for bad content: every file that fails is
 * reported in `problems` with its line and field, and everything else still loads.
 */
export async function loadCorpus(root: string, options: LoadOptions = {}): Promise<Corpus> {
  const problems: CorpusProblem[] = [];
  const [paperFiles, challengeFiles, evidenceFiles] = await Promise.all([
    listFiles(root, 'papers', ['.md']),
    listFiles(root, 'taxonomy', ['.md']),
    listFiles(root, 'evidence', ['.yaml', '.yml']),
  ]);
  if (paperFiles.length + challengeFiles.length + evidenceFiles.length === 0) {
    problems.push({
      file: root,
      kind: 'paper',
      message: 'no corpus files found: expected papers/*.md, taxonomy/*.md and evidence/*.yaml in this folder',
    });
  }

  const read = <T>(files: string[], kind: Kind, parse: (text: string, file: string) => T) => mapBounded(files, READ_CONCURRENCY, (file) => parseFile(root, file, kind, parse, options.prevalidated));
  const papers = new Map<string, Paper>();
  for (const parsed of await read(paperFiles, 'paper', parsePaper)) {
    problems.push(...parsed.problems);
    if (parsed.value) addUnique(papers, parsed.value, 'paper', problems);
  }
  problems.push(...checkCitationKeys(papers));
  const challenges = new Map<string, Challenge>();
  for (const parsed of await read(challengeFiles, 'challenge', parseChallenge)) {
    problems.push(...parsed.problems);
    if (parsed.value) addUnique(challenges, parsed.value, 'challenge', problems);
  }
  problems.push(...checkTaxonomy(challenges));

  const links: EvidenceLink[] = [];
  // One paper bears on one challenge once: a second link (often a .yaml and a .yml copy) would give the
  // tree two nodes with one id. Its quotes belong in the first link.
  const linked = new Map<string, EvidenceLink>();
  for (const parsed of await read(evidenceFiles, 'evidence', parseEvidenceFile)) {
    problems.push(...parsed.problems);
    for (const link of parsed.value ?? []) {
      const unknown = !papers.has(link.paper) ? `paper "${link.paper}"` : !challenges.has(link.challenge) ? `challenge "${link.challenge}"` : undefined;
      const first = linked.get(`${link.paper}\u0000${link.challenge}`);
      if (unknown) {
        problems.push({ file: link.file, line: link.line, kind: 'evidence', id: link.paper, message: `links to unknown ${unknown}; the link is not shown until it exists` });
      } else if (first) {
        const where = first.file === link.file ? `line ${first.line ?? '?'}` : `${first.file}:${first.line ?? '?'}`;
        problems.push({ file: link.file, line: link.line, kind: 'evidence', id: link.paper, field: 'challenge', message: `a second link from paper "${link.paper}" to challenge "${link.challenge}" (the first is at ${where}); move its quotes into the first link` });
      } else {
        linked.set(`${link.paper}\u0000${link.challenge}`, link);
        links.push(link);
      }
    }
  }
  const lexicon = await loadLexicon([...(options.baseLexicon ? [options.baseLexicon] : []), join(root, 'lexicon')], options.prevalidated);
  problems.push(...lexicon.problems);
  return { root, papers, challenges, links, problems, lexicon: lexicon.entries };
}

async function listFiles(root: string, folder: string, extensions: string[]): Promise<string[]> {
  try {
    const names = (await platformFiles().readDirectory(join(root, folder))).map((entry) => entry.name);
    return names.filter((name) => extensions.includes(extname(name).toLowerCase())).sort().map((name) => join(root, folder, name));
  } catch {
    return []; // a missing folder simply contributes nothing
  }
}

/** `work` over `items`, at most `limit` at a time, results in the order of `items`. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

async function parseFile<T>(root: string, file: string, kind: Kind, parse: (text: string, file: string) => T, prevalidated?: Prevalidated): Promise<ParsedFile<T>> {
  const id = basename(file, extname(file));
  try {
    const read = await readSourceText(file, { maxBytes: MAX_FILE_BYTES, what: 'corpus files', within: root });
    if ('message' in read) return { problems: [{ file, kind, id, line: read.line, message: read.message }] };
    return parseOrRecall(prevalidated, kind, file, read.text, () => parseText(file, kind, read.text, parse));
  } catch (error) {
    return { problems: [{ file, kind, id, message: `cannot read file: ${(error as Error).message}` }] };
  }
}

/** A paper, challenge or evidence file's text parsed and checked: what it defines and what is wrong with it. */
export function parseCorpusText(kind: 'paper' | 'challenge' | 'evidence', file: string, text: string): ParsedFile<unknown> {
  const parse = { paper: parsePaper, challenge: parseChallenge, evidence: parseEvidenceFile }[kind];
  return parseText<unknown>(file, kind, text, parse);
}

function parseText<T>(file: string, kind: Kind, text: string, parse: (text: string, file: string) => T): ParsedFile<T> {
  const id = basename(file, extname(file));
  try {
    return { value: parse(text, file), problems: [] };
  } catch (error) {
    const toProblem = (e: SourceError): CorpusProblem => ({ file, kind, id, line: e.line, field: e.field, message: e.message });
    if (error instanceof Partial) return { value: error.value as T, problems: error.errors.map(toProblem) };
    if (error instanceof SourceError) return { problems: [toProblem(error)] };
    return { problems: [{ file, kind, id, message: `cannot read file: ${(error as Error).message}` }] };
  }
}

/** An error located in a file, turned into a CorpusProblem by parseFile. */
class SourceError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

function located<T>(source: YamlSource, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FieldError) throw new SourceError(error.message, source.lineOf(error.path), formatPath(error.path));
    throw error;
  }
}

function parseYaml(text: string, lineOffset: number): YamlSource {
  const source = YamlSource.parse(text, lineOffset);
  if (!(source instanceof YamlSource)) throw new SourceError(source.message, source.line);
  return source;
}

function parseMarkdownWithFrontMatter(text: string): { source: YamlSource; body: string } {
  const split = splitFrontMatter(text);
  if ('message' in split) throw new SourceError(split.message, split.line);
  return { source: parseYaml(split.yaml, split.yamlLineOffset), body: split.body };
}

function expectIdMatchesFileName(fields: Fields, file: string): string {
  const id = fields.string('id');
  const expected = basename(file, extname(file));
  if (id !== expected) throw new FieldError(fields.at('id'), `id "${id}" does not match the file name; rename the file to ${id}${extname(file)} or fix the id`);
  return id;
}

const PAPER_KEYS = ['id', 'title', 'authors', 'year', 'venue', 'version', 'pdfUrl', 'bibtexKey', 'sha256'];

function parsePaper(text: string, file: string): Paper {
  const { source, body } = parseMarkdownWithFrontMatter(text);
  const paper = located(source, () => {
    const fields = new Fields(source.data);
    fields.onlyKeys(PAPER_KEYS);
    const version = fields.string('version');
    if (!/^v\d+$/.test(version)) throw new FieldError(fields.at('version'), `"version" must look like v1, v2…, found "${version}"`);
    const pdfUrl = fields.string('pdfUrl');
    if (!/^https:\/\//.test(pdfUrl)) throw new FieldError(fields.at('pdfUrl'), '"pdfUrl" must be an https:// address');
    const sha256 = fields.optionalString('sha256')?.toLowerCase();
    if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) throw new FieldError(fields.at('sha256'), '"sha256" must be 64 hexadecimal digits');
    if (!body) throw new SourceError('the summary (the Markdown after the front matter) is empty');
    return {
      id: expectIdMatchesFileName(fields, file),
      title: fields.string('title'),
      authors: fields.stringList('authors'),
      year: fields.integer('year', 1900, 2100),
      venue: fields.string('venue'),
      version,
      pdfUrl,
      bibtexKey: fields.string('bibtexKey'),
      sha256,
      summary: body,
      file,
    };
  });
  // A key that citations cannot hold is reported, and the paper still loads: export and Insert Citation
  // both use the cleaned key (citationKey in core/citations/export.ts).
  if (!CITATION_KEY.test(paper.bibtexKey)) {
    const message = `"bibtexKey" may hold only letters, digits and _ : . + - /, starting with a letter, digit or _ (e.g. casper2023open); citations will use a cleaned copy of it until it is fixed`;
    throw new Partial(paper, [new SourceError(message, source.lineOf(['bibtexKey']), 'bibtexKey')]);
  }
  return paper;
}

function parseChallenge(text: string, file: string): Challenge {
  const { source, body } = parseMarkdownWithFrontMatter(text);
  return located(source, () => {
    const fields = new Fields(source.data);
    fields.onlyKeys(['id', 'title', 'parent', 'problems']);
    const items = fields.list('problems', { optional: true });
    const problems: ChallengeProblem[] = items.map((_, index) => {
      const problem = fields.item('problems', items, index);
      problem.onlyKeys(['title', 'kind']);
      return { title: problem.string('title'), kind: problem.oneOf('kind', ['tractable', 'fundamental'] as const) };
    });
    if (!body) throw new SourceError('the description (the Markdown after the front matter) is empty');
    return {
      id: expectIdMatchesFileName(fields, file),
      title: fields.string('title'),
      parent: fields.optionalString('parent'),
      problems,
      description: body,
      file,
    };
  });
}

/** One bad link is reported on its own; the file's other links still load. */
function parseEvidenceFile(text: string, file: string): EvidenceLink[] {
  const source = parseYaml(text, 0);
  const { paper, items } = located(source, () => {
    const fields = new Fields(source.data);
    fields.onlyKeys(['paper', 'links']);
    const paper = fields.string('paper');
    if (paper !== basename(file, extname(file))) throw new FieldError(fields.at('paper'), `paper "${paper}" does not match the file name`);
    return { paper, items: fields.list('links') };
  });
  const links: EvidenceLink[] = [];
  const errors: SourceError[] = [];
  items.forEach((_, index) => {
    try {
      links.push(located(source, () => parseLink(new Fields(source.data), items, index, paper, file, source)));
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      errors.push(error);
    }
  });
  if (errors.length > 0) throw new Partial(links, errors);
  return links;
}

/** Raised when part of a file is bad: what could be read (an evidence file's good links, a paper) still loads. */
class Partial extends SourceError {
  constructor(
    readonly value: unknown,
    readonly errors: SourceError[],
  ) {
    super(errors[0]!.message, errors[0]!.line, errors[0]!.field);
  }
}

function parseLink(root: Fields, items: unknown[], index: number, paper: string, file: string, source: YamlSource): EvidenceLink {
  const link = root.item('links', items, index);
  link.onlyKeys(['challenge', 'rationale', 'evidence']);
  const quotes = link.list('evidence');
  if (quotes.length === 0) throw new FieldError(link.at('evidence'), 'a link needs at least one quote with its page');
  const evidence: Evidence[] = quotes.map((_, quoteIndex) => {
    const item = link.item('evidence', quotes, quoteIndex);
    item.onlyKeys(['page', 'quote', 'source']);
    return quoteFields(item);
  });
  return {
    paper,
    challenge: link.string('challenge'),
    rationale: link.string('rationale'),
    evidence,
    file,
    line: source.lineOf(['links', index]),
  };
}


/** Two papers with one key would make `[@key]` ambiguous: the second is reported (it still loads). */
function checkCitationKeys(papers: ReadonlyMap<string, Paper>): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const owners = new Map<string, Paper>();
  for (const paper of papers.values()) {
    const first = owners.get(paper.bibtexKey);
    if (first) problems.push({ file: paper.file, kind: 'paper', id: paper.id, field: 'bibtexKey', message: `bibtexKey "${paper.bibtexKey}" is already used by paper ${first.id} (${first.file}); citation keys must be unique` });
    else owners.set(paper.bibtexKey, paper);
  }
  return problems;
}

function addUnique<T extends { id: string; file: string }>(map: Map<string, T>, value: T, kind: Kind, problems: CorpusProblem[]): void {
  const existing = map.get(value.id);
  if (existing) {
    problems.push({ file: value.file, kind, id: value.id, field: 'id', message: `duplicate id "${value.id}", already defined in ${existing.file}` });
    return;
  }
  map.set(value.id, value);
}

/** Parents must exist and the taxonomy must be a tree: a cycle would make the tree view loop forever. */
function checkTaxonomy(challenges: Map<string, Challenge>): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  for (const challenge of [...challenges.values()]) {
    if (challenge.parent !== undefined && !challenges.has(challenge.parent)) {
      problems.push({ file: challenge.file, kind: 'challenge', id: challenge.id, field: 'parent', message: `parent "${challenge.parent}" does not exist; the challenge is shown at the top level` });
      challenges.set(challenge.id, { ...challenge, parent: undefined });
    }
  }
  // Chains already walked to the top need no second walk: without this a deep taxonomy costs n² steps.
  const reachesTop = new Set<string>();
  for (const challenge of [...challenges.values()]) {
    const seen = new Set<string>([challenge.id]);
    for (let parent = challenge.parent; parent !== undefined && !reachesTop.has(parent); parent = challenges.get(parent)?.parent) {
      if (seen.has(parent)) {
        problems.push({ file: challenge.file, kind: 'challenge', id: challenge.id, field: 'parent', message: `parent chain ${[...seen, parent].join(' → ')} is a cycle; the challenge is shown at the top level` });
        challenges.set(challenge.id, { ...challenge, parent: undefined });
        break;
      }
      seen.add(parent);
    }
    if (challenges.get(challenge.id)!.parent === challenge.parent) for (const id of seen) reachesTop.add(id);
  }
  problems.push(...capTaxonomyDepth(challenges));
  return problems;
}

/** Casper et al.'s taxonomy is 3 levels deep; views and `corpus --json` recurse once a level. */
export const MAX_TAXONOMY_DEPTH = 32;

/** A challenge deeper than the cap starts a new top-level branch (its own sub-challenges follow it). */
function capTaxonomyDepth(challenges: Map<string, Challenge>): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const depth = new Map<string, number>();
  for (const start of [...challenges.values()]) {
    // Walk up to the first challenge whose depth is known (the chains are cycle-free by now) …
    const chain: Challenge[] = [];
    for (let at: Challenge | undefined = start; at && !depth.has(at.id); at = at.parent === undefined ? undefined : challenges.get(at.parent)) chain.push(at);
    // … then assign depths on the way back down, cutting where the cap is passed.
    for (const challenge of chain.reverse()) {
      const parentDepth = challenge.parent === undefined ? -1 : depth.get(challenge.parent)!;
      if (parentDepth + 1 >= MAX_TAXONOMY_DEPTH) {
        problems.push({ file: challenge.file, kind: 'challenge', id: challenge.id, field: 'parent', message: `the taxonomy is nested more than ${MAX_TAXONOMY_DEPTH} levels deep here; the challenge is shown at the top level` });
        challenges.set(challenge.id, { ...challenge, parent: undefined });
        depth.set(challenge.id, 0);
      } else {
        depth.set(challenge.id, parentDepth + 1);
      }
    }
  }
  return problems;
}

/**
 * The fields every stored quote has, read the same way in evidence files and claim files: the page, the
 * quote with its whitespace runs made single spaces (YAML folding and PDF line breaks differ), and where
 * it was copied from.
 */
export function quoteFields(item: Fields): Evidence {
  return {
    page: item.integer('page', 1, 100000),
    quote: item.string('quote').replace(/\s+/g, ' '),
    source: item.oneOf('source', ['pdf', 'transcription'] as const, 'pdf'),
  };
}
