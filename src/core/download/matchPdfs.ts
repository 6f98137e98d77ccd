import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Paper } from '../corpus/model';
import { inspectLocalPdf } from './localPdf';

/** How a file was recognised as a paper's PDF, strongest first. */
export type MatchedBy = 'id' | 'sha256' | 'title';

export interface PdfMatch {
  readonly paper: string;
  readonly file: string;
  readonly sha256: string;
  readonly by: MatchedBy;
}

export interface FolderMatch {
  readonly matches: readonly PdfMatch[];
  /** PDFs that are no paper of the corpus (as far as name, hash and first page tell). */
  readonly unmatched: readonly string[];
  /** Files named .pdf that could not be read as one. */
  readonly problems: readonly { readonly file: string; readonly message: string }[];
}

export interface MatchOptions {
  /** The text of a PDF's first page, for matching by title; without it titles are not compared. */
  readonly firstPageText?: (file: string) => Promise<string>;
}

/** The `.pdf` files directly inside a folder, in name order. */
export async function pdfFilesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && /\.pdf$/i.test(entry.name)).map((entry) => join(folder, entry.name)).sort();
}

/**
 * Which file of a folder is which paper's PDF: the paper's id in the file name (e.g. `2009.01325v3.pdf`,
 * `stiennon-2009.01325.pdf`), else the pinned sha256, else the paper's title on the first page. Each paper
 * and each file is matched at most once; the first-page text is read only for files still unmatched.
 */
export async function matchPdfsToPapers(files: readonly string[], papers: readonly Paper[], options: MatchOptions = {}): Promise<FolderMatch> {
  const matches: PdfMatch[] = [];
  const problems: { file: string; message: string }[] = [];
  const candidates: { file: string; sha256: string }[] = [];
  for (const file of files) {
    try {
      candidates.push({ file, sha256: (await inspectLocalPdf(file)).sha256 });
    } catch (error) {
      problems.push({ file, message: error instanceof Error ? error.message : String(error) });
    }
  }
  const open = new Set(papers.map((paper) => paper.id));
  const take = (paper: Paper, candidate: { file: string; sha256: string }, by: MatchedBy) => {
    matches.push({ paper: paper.id, file: candidate.file, sha256: candidate.sha256, by });
    open.delete(paper.id);
    candidates.splice(candidates.indexOf(candidate), 1);
  };
  const pass = async (by: MatchedBy, test: (paper: Paper, candidate: { file: string; sha256: string }) => boolean | Promise<boolean>) => {
    for (const candidate of [...candidates]) {
      for (const paper of papers) {
        if (open.has(paper.id) && (await test(paper, candidate))) {
          take(paper, candidate, by);
          break;
        }
      }
    }
  };
  await pass('id', (paper, candidate) => nameHasId(basename(candidate.file), paper.id));
  await pass('sha256', (paper, candidate) => paper.sha256 !== undefined && paper.sha256.toLowerCase() === candidate.sha256);
  if (options.firstPageText) {
    const read = options.firstPageText;
    const texts = new Map<string, Promise<string>>();
    const firstPage = (file: string) => {
      if (!texts.has(file)) texts.set(file, read(file).then(comparable, () => ''));
      return texts.get(file)!;
    };
    await pass('title', async (paper, candidate) => {
      const title = comparable(paper.title);
      // A title of a word or two would match too many first pages.
      return title.length >= 12 && (await firstPage(candidate.file)).includes(title);
    });
  }
  return { matches, unmatched: candidates.map((candidate) => candidate.file), problems };
}

/** The id as a whole token of the name, optionally followed by an arXiv version: "2009.01325v3.pdf". */
function nameHasId(name: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^0-9A-Za-z])${escaped}(v\\d+)?([^0-9A-Za-z]|$)`, 'i').test(name);
}

/** Letters and digits only, lower case, single spaces: line breaks, hyphenation at line ends and punctuation do not matter. */
function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/-\s+/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
