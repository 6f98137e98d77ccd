import { resolve } from 'node:path';
import { loadCorpus } from '../core/corpus/load';
import { formatProblem, type Corpus } from '../core/corpus/model';
import { defaultPdfDir, defaultTextCacheDir } from '../core/pdf/locations';
import { compareSectionIds } from '../core/tree/corpusTree';
import { excerptCommand, pdfFlags, verifyCommand, type Io } from './pdfCommands';
import { claimsCommand } from './claimsCommand';
import { searchCommand } from './searchCommand';
import { exportCommand } from './exportCommand';
import { lintCommand } from './lintCommand';
import { reportCommand } from './reportCommand';

const USAGE = `Usage: literature-companion <command> [options]

Commands:
  corpus [--json] [--corpus DIR]   print the corpus (papers and the challenge taxonomy with evidence)
  verify [--pdfs DIR] [--cache DIR] [--json] [--corpus DIR]
                                   check every stored quote against its paper's PDF: found at its page,
                                   found on another page, not found, or PDF missing; exits 1 when a
                                   quote of a PDF that is present is not found at its stated page
  excerpt --paper ID --quote TEXT [--page N] [--pdfs DIR] [--cache DIR] [--json] [--corpus DIR]
                                   find a quote in the paper's PDF and print the paragraph around it
                                   (--json: {paper, page, status, text}); exits 1 when the paper, its
                                   PDF or the quote is not found
  claims [--json] [--claims FILE] [--corpus DIR]
                                   print the talk's claims with verdicts and evidence (default: the bundled
                                   talk, <corpus>/claims/talk-ru.yaml); --json: [{id, text, gloss, verdict,
                                   rationale, evidence: [{paper, version, page, quote, verified}]}], where
                                   verified is true only for quotes copied from the PDF's text; exits 1 on
                                   a malformed claims file
  search TEXT [--top K] [--pdfs DIR] [--cache DIR] [--json] [--corpus DIR]
                                   passages of the papers (PDF text where the PDF is in --pdfs, stored
                                   quotes for the rest) that best match TEXT, English or Russian, best
                                   first (default 10); --json: [{paper, page, text, score}]
  export --format bibtex|csl-json [--corpus DIR]
                                   print the corpus's papers as BibTeX or CSL-JSON
  lint FILE [--annotations FILE] [--pdfs DIR] [--cache DIR] [--json] [--corpus DIR]
                                   check FILE's claim annotations (from the nearest
                                   .literature/annotations.json in FILE's folder or above): orphans after
                                   re-anchoring, verdicts, quotes re-checked in the PDFs present; exits 1
                                   on an orphaned, contradicted or unsupported claim or a quote not found
  report FILE [--format html|md] [--out PATH] [--style apa|vancouver|harvard1] [--claims FILE]
         [--annotations FILE] [--corpus DIR]
                                   the evidence report of FILE's claims (the bundled talk's claims found in
                                   it and its annotations): claims by heading with verdict, rationale and
                                   every quote linked to its PDF page, a summary, a CSL bibliography (APA
                                   by default); self-contained HTML (no script) or Markdown; prints it, or
                                   writes PATH with --out

Options:
  --corpus DIR   corpus folder (default: the bundled sources/)
  --pdfs DIR     folder of PDFs named <arXiv id>.pdf (default: ${defaultPdfDir()},
                 i.e. $XDG_DATA_HOME/literature-companion/pdf)
  --cache DIR    where extracted PDF text is cached, by the PDF's sha256 (default: ${defaultTextCacheDir()},
                 i.e. $XDG_CACHE_HOME/literature-companion/text)
  --help         show this help

Reading PDFs needs Node 22.13 or newer (pdf.js).`;

/** The CLI's `corpus --json` shape; other tools rely on it, keep it stable. */
export interface CorpusJson {
  papers: { id: string; title: string; authors: string[]; year: number; version: string; bibtexKey: string }[];
  taxonomy: TaxonomyJson[];
}
interface TaxonomyJson {
  id: string;
  title: string;
  children: TaxonomyJson[];
  papers: { id: string; rationale: string; evidence: { page: number; quote: string }[] }[];
}

export function corpusToJson(corpus: Corpus): CorpusJson {
  const challenges = [...corpus.challenges.values()].sort((a, b) => compareSectionIds(a.id, b.id));
  const node = (id: string): TaxonomyJson => ({
    id,
    title: corpus.challenges.get(id)!.title,
    children: challenges.filter((child) => child.parent === id).map((child) => node(child.id)),
    papers: corpus.links
      .filter((link) => link.challenge === id)
      .map((link) => ({ id: link.paper, rationale: link.rationale, evidence: link.evidence.map(({ page, quote }) => ({ page, quote })) })),
  });
  return {
    papers: [...corpus.papers.values()].map(({ id, title, authors, year, version, bibtexKey }) => ({ id, title, authors: [...authors], year, version, bibtexKey })),
    taxonomy: challenges.filter((challenge) => challenge.parent === undefined).map((challenge) => node(challenge.id)),
  };
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

const COMMANDS = ['corpus', 'verify', 'excerpt', 'claims', 'search', 'export', 'lint', 'report'];

export async function main(args: string[], bundledCorpus: string, io: Io): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (!COMMANDS.includes(command)) {
    io.err(`literature-companion: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const root = resolve(option(rest, '--corpus') ?? bundledCorpus);
  const corpus = await loadCorpus(root, { baseLexicon: resolve(bundledCorpus, 'lexicon') });
  if (corpus.problems.length > 0) {
    io.err(`literature-companion: the corpus in ${root} has ${corpus.problems.length} problem(s):`);
    for (const problem of corpus.problems) io.err(`  ${formatProblem(problem)}`);
    io.err('Fix the files named above (see sources/README.md for the format) and run again.');
    return 1;
  }
  const json = rest.includes('--json');
  const flag = (name: string) => option(rest, name);
  if (command === 'claims') return claimsCommand(corpus, resolve(flag('--claims') ?? resolve(root, 'claims', 'talk-ru.yaml')), json, io);
  if (command === 'search') return searchCommand(corpus, rest, pdfFlags(flag), json, io);
  if (command === 'export') return exportCommand(corpus, flag('--format'), io);
  if (command === 'lint') return lintCommand(rest[0]?.startsWith('--') ? undefined : rest[0], flag('--annotations'), corpus, pdfFlags(flag), json, io);
  if (command === 'report') {
    const target = rest[0]?.startsWith('--') ? undefined : rest[0];
    return reportCommand(target, { format: flag('--format'), out: flag('--out'), style: flag('--style'), claims: flag('--claims'), annotations: flag('--annotations') }, corpus, io);
  }
  if (command === 'verify') return verifyCommand(corpus, pdfFlags(flag), json, io);
  if (command === 'excerpt') return excerptCommand(corpus, { paper: flag('--paper'), quote: flag('--quote'), page: flag('--page') }, pdfFlags(flag), json, io);
  if (json) {
    io.out(JSON.stringify(corpusToJson(corpus), null, 2));
  } else {
    for (const paper of corpus.papers.values()) io.out(`${paper.id}${paper.version}  ${paper.year}  ${paper.title}`);
    io.out(`${corpus.papers.size} papers, ${corpus.challenges.size} challenges, ${corpus.links.length} links, ${corpus.links.reduce((n, l) => n + l.evidence.length, 0)} quotes`);
  }
  return 0;
}
