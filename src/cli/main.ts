import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from './args';
import { ensureCacheFolder } from '../core/pdf/textCache';
import { loadCorpus } from '../core/corpus/load';
import { formatProblem, type Corpus } from '../core/corpus/model';
import { defaultPdfDir, defaultTextCacheDir } from '../core/pdf/locations';
import { compareSectionIds } from '../core/tree/corpusTree';
import { neutraliseBidi } from '../core/render/untrustedText';
import { excerptCommand, pdfFlags, verifyCommand, type Io } from './pdfCommands';
import { claimsCommand } from './claimsCommand';
import { searchCommand } from './searchCommand';
import { exportCommand } from './exportCommand';
import { lintCommand } from './lintCommand';
import { mergeAnnotationsCommand } from './mergeAnnotationsCommand';
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
                                   print the talks' claims with verdicts and evidence (default: every
                                   <corpus>/claims/*.yaml; --claims: one file); --json: [{id, text, gloss, verdict,
                                   rationale, evidence: [{paper, version, page, quote, verified}]}], where
                                   verified is true only for quotes copied from the PDF's text; exits 1 on
                                   a malformed claims file
  search TEXT [--top K] [--explain] [--pdfs DIR] [--cache DIR] [--json] [--corpus DIR]
                                   passages of the papers (PDF text where the PDF is in --pdfs, stored
                                   quotes for the rest) that best match TEXT, English or Russian, best
                                   first (default 10); --json: [{paper, page, text, score}]; --explain:
                                   the query's terms (Russian ones as the lexicon translates them) and
                                   each passage's matched words (--json: a "matched" field per hit)
  export --format bibtex|csl-json [--corpus DIR]
                                   print the corpus's papers as BibTeX or CSL-JSON
  lint FILE [--annotations FILE] [--pdfs DIR] [--cache DIR] [--json] [--corpus DIR]
                                   check FILE's claim annotations (from the nearest
                                   .literature/annotations.json in FILE's folder or above): orphans after
                                   re-anchoring, verdicts, quotes re-checked in the PDFs present; exits 1
                                   on an orphaned, conflicted (two versions kept by merge-annotations),
                                   contradicted or unsupported claim or a quote not found
  merge-annotations BASE OURS THEIRS
                                   git's merge driver for .literature/annotations.json (%O %A %B): merges
                                   per annotation into OURS; a claim edited on both branches keeps both
                                   versions, marked conflicted; exits 0 when clean, 1 on such conflicts
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

Exit codes: 0 all good, 1 a check failed or a file or folder is missing or unreadable, 2 a usage
error (unknown command or option, an option without its value).`;

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

/** The loader caps the taxonomy's depth (MAX_TAXONOMY_DEPTH), so this recursion stays shallow. */
export function corpusToJson(corpus: Corpus): CorpusJson {
  const challenges = [...corpus.challenges.values()].sort((a, b) => compareSectionIds(a.id, b.id));
  const childrenOf = new Map<string | undefined, string[]>();
  for (const challenge of challenges) childrenOf.set(challenge.parent, [...(childrenOf.get(challenge.parent) ?? []), challenge.id]);
  const node = (id: string): TaxonomyJson => ({
    id,
    title: corpus.challenges.get(id)!.title,
    children: (childrenOf.get(id) ?? []).map(node),
    papers: corpus.links
      .filter((link) => link.challenge === id)
      .map((link) => ({ id: link.paper, rationale: link.rationale, evidence: link.evidence.map(({ page, quote }) => ({ page, quote })) })),
  });
  return {
    papers: [...corpus.papers.values()].map(({ id, title, authors, year, version, bibtexKey }) => ({ id, title, authors: [...authors], year, version, bibtexKey })),
    taxonomy: (childrenOf.get(undefined) ?? []).map(node),
  };
}

/** A folder named on the command line must exist: checking an empty stand-in would pass for the wrong reason. */
async function missingFolder(flag: string, folder: string | undefined): Promise<string | undefined> {
  if (folder === undefined) return undefined;
  const info = await stat(folder).catch(() => undefined);
  if (!info) return `${flag} ${resolve(folder)}: the folder does not exist`;
  if (!info.isDirectory()) return `${flag} ${resolve(folder)}: not a folder`;
  return undefined;
}

/**
 * Text output: corpus text must not reorder a line (bidi controls). Escape sequences are stripped where the
 * output reaches a terminal (terminal.ts; piped output stays byte-exact). JSON output stays exact: a program
 * reads it.
 */
function bidiSafe(io: Io, json: boolean): Io {
  const clean = (text: string) => neutraliseBidi(text);
  return { out: (text) => io.out(json ? text : clean(text)), err: (text) => io.err(clean(text)) };
}

export async function main(args: string[], bundledCorpus: string, rawIo: Io): Promise<number> {
  const [command, ...rest] = args;
  const io = bidiSafe(rawIo, rest.includes('--json'));
  if (!command || command === '--help' || command === '-h' || rest.includes('--help')) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const parsed = parseArgs(command, rest);
  if ('error' in parsed) {
    io.err(`literature-companion: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  // Needs no corpus: git runs it in any repository.
  if (command === 'merge-annotations') return mergeAnnotationsCommand(rest, io);
  const flag = (name: string) => parsed.values.get(name);
  for (const [name, folder] of [['--corpus', flag('--corpus')], ['--pdfs', flag('--pdfs')]] as const) {
    const missing = await missingFolder(name, folder);
    if (missing) {
      io.err(`literature-companion: ${missing}; pass an existing folder`);
      return 1;
    }
  }
  const root = resolve(flag('--corpus') ?? bundledCorpus);
  const corpus = await loadCorpus(root, { baseLexicon: resolve(bundledCorpus, 'lexicon') });
  if (corpus.problems.length > 0) {
    io.err(`literature-companion: the corpus in ${root} has ${corpus.problems.length} problem(s):`);
    for (const problem of corpus.problems) io.err(`  ${formatProblem(problem)}`);
    io.err('Fix the files named above (see sources/README.md for the format) and run again.');
    return 1;
  }
  const json = parsed.switches.has('--json');
  if (['verify', 'excerpt', 'search', 'lint'].includes(command)) {
    // An unusable cache folder is said once, before any PDF is read (not once a PDF, nor by hanging).
    const unusable = await ensureCacheFolder(pdfFlags(flag).cacheDir).then(
      () => undefined,
      (error: Error) => error.message,
    );
    if (unusable) {
      io.err(`literature-companion: --cache: ${unusable}`);
      return 1;
    }
  }
  if (command === 'claims') {
    // Without --claims: every file of the corpus's claims/ folder (a corpus of your own brings its own).
    const file = flag('--claims') === undefined ? undefined : resolve(flag('--claims')!);
    // The talk a claims file names may sit beside it, in the corpus, in the current folder, or (for the
    // bundled talk) in the package that ships the corpus.
    const talkWithin = [file ? dirname(file) : resolve(root, 'claims'), root, process.cwd(), ...(root === resolve(bundledCorpus) ? [dirname(root)] : [])];
    return claimsCommand(corpus, file, json, io, talkWithin);
  }
  if (command === 'search') return searchCommand(corpus, parsed.positionals.join(' ').trim(), flag('--top'), pdfFlags(flag), { json, explain: parsed.switches.has('--explain') }, io);
  if (command === 'export') return exportCommand(corpus, flag('--format'), io);
  if (command === 'lint') return lintCommand(parsed.positionals[0], flag('--annotations'), corpus, pdfFlags(flag), json, io);
  if (command === 'report') {
    return reportCommand(parsed.positionals[0], { format: flag('--format'), out: flag('--out'), style: flag('--style'), claims: flag('--claims'), annotations: flag('--annotations') }, corpus, io);
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
