/**
 * Links a talk's reference lines to the corpus papers they name, and notes where a reference and the
 * pinned paper part ways: another title (the talk's "RLAIIF" for RLAIF), another version, another place.
 * These are hints, never errors: a reference may rightly cite an earlier title or the publisher's copy,
 * but the quotes' pages are those of the pinned version.
 */
import type { Corpus, Paper } from '../corpus/model';
import type { ReferenceLine } from './referenceList';

const ARXIV_URL = /arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})(v\d+)?/i;

export type ReferenceHint =
  /** The reference's title is not the paper's; the words on each side that differ. */
  | { readonly kind: 'title-differs'; readonly paperTitle: string; readonly onlyHere: readonly string[]; readonly onlyInPaper: readonly string[] }
  /** An arXiv address without a version: it resolves to whatever is latest, not the pinned version. */
  | { readonly kind: 'unversioned'; readonly url: string; readonly pinned: string; readonly pinnedUrl: string }
  /** An arXiv address of another version than the pinned one. */
  | { readonly kind: 'other-version'; readonly url: string; readonly cited: string; readonly pinned: string; readonly pinnedUrl: string }
  /** An address that is not the pinned arXiv version at all (a publisher's or company's copy). */
  | { readonly kind: 'other-place'; readonly url: string; readonly pinned: string; readonly pinnedUrl: string };

export interface ReferenceMatch {
  readonly reference: ReferenceLine;
  /** The corpus paper the reference names; undefined when the corpus has no such paper. */
  readonly paper?: Paper;
  /** How it was recognised: by the arXiv id in its address, or by its title. */
  readonly by?: 'arxiv-id' | 'title';
  readonly hints: readonly ReferenceHint[];
}

/** Each reference with its corpus paper (by arXiv id first, then by title) and the hints it earns. */
export function matchReferences(references: readonly ReferenceLine[], corpus: Pick<Corpus, 'papers'>): ReferenceMatch[] {
  const papers = [...corpus.papers.values()];
  return references.map((reference) => {
    const byId = reference.addresses.map((address) => ARXIV_URL.exec(address.url)?.[1]).find((id) => id !== undefined && corpus.papers.has(id));
    const paper = byId ? corpus.papers.get(byId) : papers.find((candidate) => sameTitle(candidate.title, reference.title));
    if (!paper) return { reference, hints: [] };
    return { reference, paper, by: byId ? 'arxiv-id' : 'title', hints: hintsFor(reference, paper) };
  });
}

function hintsFor(reference: ReferenceLine, paper: Paper): ReferenceHint[] {
  const hints: ReferenceHint[] = [];
  if (normalizedTitle(reference.title) !== normalizedTitle(paper.title)) {
    const here = titleWords(reference.title);
    const there = titleWords(paper.title);
    const lower = (words: string[]) => new Set(words.map((word) => word.toLowerCase()));
    const hereSet = lower(here);
    const thereSet = lower(there);
    hints.push({
      kind: 'title-differs',
      paperTitle: paper.title,
      onlyHere: here.filter((word) => !thereSet.has(word.toLowerCase())),
      onlyInPaper: there.filter((word) => !hereSet.has(word.toLowerCase())),
    });
  }
  const pinned = `${paper.id}${paper.version}`;
  for (const { url } of reference.addresses) {
    const arxiv = ARXIV_URL.exec(url);
    if (arxiv && arxiv[1] === paper.id) {
      if (!arxiv[2]) hints.push({ kind: 'unversioned', url, pinned, pinnedUrl: paper.pdfUrl });
      else if (arxiv[2] !== paper.version) hints.push({ kind: 'other-version', url, cited: arxiv[2], pinned, pinnedUrl: paper.pdfUrl });
    } else if (url !== paper.pdfUrl) {
      hints.push({ kind: 'other-place', url, pinned, pinnedUrl: paper.pdfUrl });
    }
  }
  return hints;
}

/** Titles compared without case, punctuation or spacing differences ("–" and "-", curly and straight quotes). */
function normalizedTitle(title: string): string {
  return title.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The title's words, punctuation at their ends dropped ("RLHF:" → "RLHF", "vs." stays "vs."). */
function titleWords(title: string): string[] {
  return title.split(/\s+/).map((word) => word.replace(/^[^\p{L}\p{N}]+|[,:;!?"”»)]+$/gu, '')).filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/** Whether a reference's title names the paper: the same words, or nearly (a typo, a subtitle left out). */
function sameTitle(paperTitle: string, referenceTitle: string): boolean {
  const a = normalizedTitle(paperTitle).split(' ');
  const b = normalizedTitle(referenceTitle).split(' ');
  if (a.join(' ') === b.join(' ')) return true;
  const shared = a.filter((word) => b.includes(word)).length;
  // Dice coefficient over words: 0.8 keeps "RLAIIF: Scaling …" and drops two papers that share a topic.
  return (2 * shared) / (a.length + b.length) >= 0.8;
}

/** One line of English for a hint (the CLI; the editor words its own, localized). */
export function describeReferenceHint(hint: ReferenceHint): string {
  switch (hint.kind) {
    case 'title-differs': {
      const words = hint.onlyHere.length > 0 || hint.onlyInPaper.length > 0 ? ` ("${hint.onlyHere.join(' ')}" here, "${hint.onlyInPaper.join(' ')}" in the paper)` : '';
      return `the title differs from the paper's "${hint.paperTitle}"${words}`;
    }
    case 'unversioned':
      return `${hint.url} names no version, so it opens whatever arXiv has last; the corpus pins ${hint.pinned} (${hint.pinnedUrl}), whose pages the quotes cite`;
    case 'other-version':
      return `${hint.url} cites ${hint.cited}; the corpus pins ${hint.pinned} (${hint.pinnedUrl}), whose pages the quotes cite`;
    case 'other-place':
      return `${hint.url} is not the pinned version; the corpus pins ${hint.pinned} (${hint.pinnedUrl}), whose pages the quotes cite`;
  }
}
