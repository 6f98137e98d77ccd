import { parse as parseBib, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument, stringify, isMap, isSeq, type Node as YamlNode } from 'yaml';
import type { CitablePaper } from './export';
import { formatLocated } from '../common/location';

/**
 * Import of papers from a BibTeX file or a CSL-JSON file (both as Zotero's Better BibTeX exports them)
 * into corpus paper files, `papers/<id>.md` (see sources/README.md). The good entries are imported; each
 * bad one is reported with its line and the reason, and never stops the others.
 *
 * Ids: an entry with an arXiv id (eprint + archivePrefix/eprinttype arXiv, an arxiv.org URL, or the arXiv
 * DOI 10.48550/arXiv.<id>) gets it as its id, its version (default v1) and the pinned arXiv PDF URL; any
 * other entry gets a slug of its citation key as id, version v1 and its https URL or DOI link as pdfUrl.
 */
export interface ImportedPaper extends CitablePaper {
  /** 1-based line of the entry in the imported file. */
  readonly line: number;
}

export interface ImportProblem {
  readonly file: string;
  readonly line: number;
  /** The entry's citation key or id, when it could be read. */
  readonly key?: string;
  readonly message: string;
}

export interface ImportResult {
  readonly papers: ImportedPaper[];
  readonly problems: ImportProblem[];
}

export function formatImportProblem(problem: ImportProblem): string {
  return formatLocated({ ...problem, field: problem.key });
}

const ARXIV_NEW = /(\d{4}\.\d{4,5})(v\d+)?/;

function arxivFrom(candidates: (string | undefined)[]): { id: string; version: string } | undefined {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const match = /(?:arxiv\.org\/(?:abs|pdf)\/|arxiv[.:]\s*|^)(\d{4}\.\d{4,5})(v\d+)?(?:\.pdf)?$/i.exec(candidate.trim()) ?? /arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})(v\d+)?/i.exec(candidate);
    if (match) return { id: match[1]!, version: match[2] ?? 'v1' };
  }
  return undefined;
}

export function slugId(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

interface Candidate {
  key?: string;
  title?: string;
  authors: string[];
  year?: string | number;
  venue?: string;
  eprint?: string;
  eprintIsArxiv: boolean;
  urls: string[];
  doi?: string;
}

/** Validates a candidate entry and turns it into a paper, or says what is wrong with it. */
function toPaper(candidate: Candidate, line: number): ImportedPaper | string {
  const title = candidate.title?.replace(/\s+/g, ' ').trim();
  if (!title) return 'has no title';
  if (candidate.authors.length === 0) return 'has no authors';
  const year = Number(String(candidate.year ?? '').trim().slice(0, 4));
  if (!Number.isInteger(year) || year < 1900 || year > 2100) return candidate.year === undefined ? 'has no year' : `has year "${candidate.year}", not a year between 1900 and 2100`;
  const arxivDoi = /^10\.48550\/arxiv\.(.+)$/i.exec(candidate.doi ?? '')?.[1];
  const arxiv = arxivFrom([candidate.eprintIsArxiv ? candidate.eprint : undefined, ...candidate.urls, arxivDoi]);
  const key = candidate.key?.trim() || slugId(`${candidate.authors[0]!.split(/[ ,]/)[0]}${year}${title.split(/\s+/)[0]}`);
  if (arxiv) {
    return { id: arxiv.id, title, authors: candidate.authors, year, venue: candidate.venue?.trim() || 'arXiv preprint', version: arxiv.version, pdfUrl: `https://arxiv.org/pdf/${arxiv.id}${arxiv.version}`, bibtexKey: key, line };
  }
  const url = candidate.urls.find((u) => /^https:\/\//.test(u)) ?? (candidate.doi ? `https://doi.org/${candidate.doi.replace(/^https?:\/\/(dx\.)?doi\.org\//, '')}` : undefined);
  if (!url) return 'has neither an arXiv id nor an https URL or DOI, so the paper would have no PDF address; add a url or doi field';
  const id = slugId(key);
  if (!id) return 'has no citation key or title to make an id from';
  return { id, title, authors: candidate.authors, year, venue: candidate.venue?.trim() || '', version: 'v1', pdfUrl: url, bibtexKey: key, line };
}

function creatorName(creator: Creator): string {
  if (creator.name) return creator.name;
  return [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' ');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * BibTeX: the file is cut into entries at each line starting with `@` and each entry is parsed on its own
 * by @retorquere/bibtex-parser (the parser of Zotero's Better BibTeX), so one unclosed brace spoils one
 * entry, not the rest of the file, and every problem has the line of its entry. @string definitions carry
 * over to the entries after them.
 */
export function parseBibtexPapers(text: string, file: string): ImportResult {
  const papers: ImportedPaper[] = [];
  const problems: ImportProblem[] = [];
  const starts = [...text.matchAll(/^[ \t]*@/gm)].map((match) => match.index!);
  let strings: Record<string, string> = {};
  starts.forEach((start, index) => {
    const chunk = text.slice(start, starts[index + 1] ?? text.length);
    const line = lineAt(text, start);
    const type = /^\s*@\s*([A-Za-z]+)/.exec(chunk)?.[1]?.toLowerCase();
    const key = /^\s*@\s*[A-Za-z]+\s*[{(]\s*([^,\s]+)\s*,/.exec(chunk)?.[1];
    if (type === 'comment' || type === 'preamble') return;
    let library;
    try {
      library = parseBib(chunk, { english: false, sentenceCase: false, caseProtection: false, unsupported: 'ignore', strings });
    } catch (error) {
      problems.push({ file, line, key, message: `cannot be parsed: ${(error as Error).message}` });
      return;
    }
    strings = { ...strings, ...library.strings };
    if (type === 'string') return;
    if (library.errors.length > 0) {
      const message = library.errors[0]!.error.replace(/ at line (\d+), column (\d+)/, (_, l: string, c: string) => ` at line ${line + Number(l) - 1}, column ${c}`);
      problems.push({ file, line, key, message: `is malformed: ${message}` });
      return;
    }
    const entry: Entry | undefined = library.entries[0];
    if (!entry) {
      problems.push({ file, line, key, message: 'is not a BibTeX entry (expected @type{key, field = {value}, …})' });
      return;
    }
    const fields = entry.fields as Record<string, unknown>;
    const str = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : Array.isArray(fields[name]) ? (fields[name] as string[]).join(', ') : undefined);
    const archive = (str('archiveprefix') ?? str('eprinttype') ?? '').toLowerCase();
    const paper = toPaper(
      {
        key: entry.key,
        title: str('title'),
        authors: ((fields.author as Creator[] | undefined) ?? []).map(creatorName).filter(Boolean),
        year: str('year') ?? str('date'),
        venue: str('booktitle') ?? str('journal') ?? str('journaltitle') ?? str('howpublished'),
        eprint: str('eprint'),
        eprintIsArxiv: archive === 'arxiv' || (!archive && !!str('eprint') && ARXIV_NEW.test(str('eprint')!)),
        urls: [str('url'), str('pdf')].filter((x): x is string => !!x),
        doi: str('doi'),
      },
      line,
    );
    if (typeof paper === 'string') problems.push({ file, line, key: entry.key, message: paper });
    else papers.push(paper);
  });
  if (starts.length === 0 && text.trim()) problems.push({ file, line: 1, message: 'has no BibTeX entries (lines starting with @type{key, …})' });
  return dedupe({ papers, problems }, file);
}

/**
 * CSL-JSON: an array of items. Read through the `yaml` parser (JSON is YAML) for the line of each item;
 * a file that is not JSON at all is one problem at the line where it breaks.
 */
export function parseCslJsonPapers(text: string, file: string): ImportResult {
  let jsonError: string | undefined;
  try {
    JSON.parse(text);
  } catch (error) {
    jsonError = (error as Error).message;
  }
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (jsonError !== undefined || document.errors.length > 0) {
    // JSON.parse says what is wrong; the YAML reader (JSON is YAML) says where.
    const at = document.errors[0]?.pos[0];
    return { papers: [], problems: [{ file, line: at === undefined ? 1 : counter.linePos(at).line, message: `is not valid JSON: ${jsonError ?? document.errors[0]!.message.split('\n')[0]}` }] };
  }
  const root = document.contents;
  if (!isSeq(root)) return { papers: [], problems: [{ file, line: 1, message: 'must be a JSON array of CSL items' }] };
  const papers: ImportedPaper[] = [];
  const problems: ImportProblem[] = [];
  root.items.forEach((node, index) => {
    const line = counter.linePos((node as YamlNode).range?.[0] ?? 0).line;
    const item = (node as YamlNode).toJSON?.() as Record<string, unknown> | undefined;
    if (!isMap(node) || typeof item !== 'object' || item === null) {
      problems.push({ file, line, message: `item ${index + 1} is not an object` });
      return;
    }
    const str = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : typeof item[name] === 'number' ? String(item[name]) : undefined);
    const authors = Array.isArray(item.author)
      ? (item.author as Record<string, unknown>[]).map((a) => (typeof a?.literal === 'string' ? a.literal : [a?.given, a?.['non-dropping-particle'], a?.family].filter((x) => typeof x === 'string' && x).join(' '))).filter(Boolean)
      : [];
    const issued = (item.issued as { 'date-parts'?: unknown[][]; raw?: string } | undefined) ?? undefined;
    const year = issued?.['date-parts']?.[0]?.[0] ?? issued?.raw;
    const number = str('number') ?? '';
    const paper = toPaper(
      {
        key: str('id') ?? str('citation-key'),
        title: str('title'),
        authors,
        year: year as string | number | undefined,
        venue: str('container-title') ?? str('event-title') ?? (str('publisher') === 'arXiv' ? 'arXiv preprint' : undefined),
        eprint: /arxiv/i.test(number) || str('publisher') === 'arXiv' ? number.replace(/^arxiv:\s*/i, '') : undefined,
        eprintIsArxiv: /arxiv/i.test(number) || str('publisher') === 'arXiv',
        urls: [str('URL')].filter((x): x is string => !!x),
        doi: str('DOI'),
      },
      line,
    );
    if (typeof paper === 'string') problems.push({ file, line, key: str('id'), message: paper });
    else papers.push(paper);
  });
  return dedupe({ papers, problems }, file);
}

/** A second entry with the same id is a problem, not a silent overwrite of the first. */
function dedupe(result: ImportResult, file: string): ImportResult {
  const seen = new Map<string, ImportedPaper>();
  const papers: ImportedPaper[] = [];
  const problems = [...result.problems];
  for (const paper of result.papers) {
    const first = seen.get(paper.id);
    if (first) problems.push({ file, line: paper.line, key: paper.bibtexKey, message: `has the same id "${paper.id}" as the entry on line ${first.line}; only the first is imported` });
    else {
      seen.set(paper.id, paper);
      papers.push(paper);
    }
  }
  return { papers, problems: problems.sort((a, b) => a.line - b.line) };
}

/** BibTeX or CSL-JSON, told by the content (a JSON file starts with `[` or `{`). */
export function parseBibliography(text: string, file: string): ImportResult {
  return /^\s*[[{]/.test(text) && !/^\s*@/.test(text) ? parseCslJsonPapers(text, file) : parseBibtexPapers(text, file);
}

/** The text of `papers/<id>.md` for an imported paper, front matter as in sources/README.md. */
export function paperFileText(paper: CitablePaper, from: string): string {
  const front = { id: paper.id, title: paper.title, authors: [...paper.authors], year: paper.year, venue: paper.venue || 'unknown', version: paper.version, pdfUrl: paper.pdfUrl, bibtexKey: paper.bibtexKey };
  // The id is always a quoted string: unquoted, an arXiv id reads as a number.
  const yaml = stringify(front, { defaultStringType: 'PLAIN', lineWidth: 0 }).replace(/^id: .*$/m, `id: ${JSON.stringify(paper.id)}`);
  return `---\n${yaml}---\nImported from ${from}. No summary yet: write one in your own words (250–500 words).\n`;
}

/**
 * Writes `papers/<id>.md` under `corpusRoot` for each paper. An existing file is never overwritten: it is
 * reported instead, so re-importing an updated bibliography only adds what is new.
 */
export async function writeImportedPapers(corpusRoot: string, papers: readonly ImportedPaper[], from: string): Promise<{ written: string[]; problems: ImportProblem[] }> {
  await mkdir(join(corpusRoot, 'papers'), { recursive: true });
  const written: string[] = [];
  const problems: ImportProblem[] = [];
  for (const paper of papers) {
    const target = join(corpusRoot, 'papers', `${paper.id}.md`);
    if (existsSync(target)) {
      problems.push({ file: from, line: paper.line, key: paper.bibtexKey, message: `${target} already exists; it was left as it is` });
      continue;
    }
    await writeFile(target, paperFileText(paper, from), { flag: 'wx' });
    written.push(target);
  }
  return { written, problems };
}
