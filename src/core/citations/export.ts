import type { Paper } from '../corpus/model';

/** The metadata export needs; a corpus Paper fits. */
export type CitablePaper = Pick<Paper, 'id' | 'title' | 'authors' | 'year' | 'venue' | 'version' | 'pdfUrl' | 'bibtexKey'>;

const ARXIV_ID = /^\d{4}\.\d{4,5}$/;

/**
 * Escapes text for a braced BibTeX field: LaTeX's special characters become their commands; braces the
 * text brings along are escaped so they cannot close the field early. Non-ASCII letters stay UTF-8 (biber
 * and bibtex8/BibTeX with inputenc read them).
 */
export function escapeBibtex(text: string): string {
  return text
    .replace(/[\\{}$&%#_~^]/g, (char) =>
      ({ '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '%': '\\%', '#': '\\#', _: '\\_', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}' })[char]!,
    )
    .replace(/[\r\n\t]+/g, ' ');
}

/** URLs go into verbatim fields; only characters that would break the braces or the line are encoded. */
function escapeUrl(url: string): string {
  return url.replace(/[{}\\\s]/g, (char) => encodeURIComponent(char));
}

/** A key BibTeX accepts: no spaces, commas, braces, quotes, # or %. */
function safeKey(key: string, fallback: string): string {
  const cleaned = key.replace(/[\s,{}"#%'()=\\]/g, '');
  return cleaned || fallback.replace(/[^A-Za-z0-9:._-]/g, '');
}

/**
 * The key a paper is cited by, everywhere: the exported .bib entry and the text Insert Citation writes must
 * agree, or the inserted citation points at no entry. (The corpus loader already refuses keys that need
 * cleaning; this keeps export and insertion in step for papers that come from elsewhere.)
 */
export function citationKey(paper: Pick<CitablePaper, 'bibtexKey' | 'id'>): string {
  return safeKey(paper.bibtexKey, paper.id);
}

function bibtexName(name: string): string {
  const escaped = escapeBibtex(name.trim());
  // A name with " and " or a comma in it (an organisation) is one name: brace it whole.
  return / and |,/.test(name) ? `{${escaped}}` : escaped;
}

export function toBibtexEntry(paper: CitablePaper): string {
  const arxiv = ARXIV_ID.test(paper.id);
  const preprint = arxiv && (!paper.venue || /arxiv/i.test(paper.venue));
  const fields: [string, string][] = [
    // Double braces keep the title's capitalisation (RLHF, PaLM) in every style.
    ['title', `{${escapeBibtex(paper.title)}}`],
    ['author', paper.authors.map(bibtexName).join(' and ')],
    ['year', String(paper.year)],
  ];
  if (paper.venue && !preprint) fields.push(['booktitle', escapeBibtex(paper.venue)]);
  if (preprint) fields.push(['howpublished', escapeBibtex(paper.venue || 'arXiv preprint')]);
  if (arxiv) fields.push(['eprint', `${paper.id}${paper.version}`], ['archivePrefix', 'arXiv']);
  if (paper.pdfUrl) fields.push(['url', escapeUrl(paper.pdfUrl)]);
  const type = preprint ? 'misc' : 'inproceedings';
  return `@${type}{${citationKey(paper)},\n${fields.map(([name, value]) => `  ${name} = {${value}},`).join('\n')}\n}\n`;
}

export function toBibtex(papers: Iterable<CitablePaper>): string {
  return [...papers].map(toBibtexEntry).join('\n');
}

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), the subset we fill. */
export interface CslItem {
  id: string;
  type: string;
  title: string;
  author: CslName[];
  issued: { 'date-parts': number[][] };
  'container-title'?: string;
  publisher?: string;
  number?: string;
  version?: string;
  URL?: string;
  DOI?: string;
}

/** "Nisan Stiennon" → family Stiennon, given Nisan; a one-word name (an organisation) stays literal. */
export function cslName(name: string): CslName {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { literal: name.trim() };
  return { family: parts.at(-1)!, given: parts.slice(0, -1).join(' ') };
}

export function toCslItem(paper: CitablePaper): CslItem {
  const arxiv = ARXIV_ID.test(paper.id);
  const preprint = arxiv && (!paper.venue || /arxiv/i.test(paper.venue));
  return {
    id: citationKey(paper),
    type: preprint ? 'article' : 'paper-conference',
    title: paper.title,
    author: paper.authors.map(cslName),
    issued: { 'date-parts': [[paper.year]] },
    ...(paper.venue && !preprint ? { 'container-title': paper.venue } : {}),
    ...(arxiv ? { publisher: 'arXiv', number: `arXiv:${paper.id}`, version: paper.version, DOI: `10.48550/arXiv.${paper.id}` } : {}),
    ...(paper.pdfUrl ? { URL: paper.pdfUrl } : {}),
  };
}

export function toCslJson(papers: Iterable<CitablePaper>): string {
  return `${JSON.stringify([...papers].map(toCslItem), null, 2)}\n`;
}
