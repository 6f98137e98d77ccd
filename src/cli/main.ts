import { resolve } from 'node:path';
import { loadCorpus } from '../core/corpus/load';
import { formatProblem, type Corpus } from '../core/corpus/model';
import { compareSectionIds } from '../core/tree/corpusTree';

const USAGE = `Usage: literature-companion <command> [options]

Commands:
  corpus [--json] [--corpus DIR]   print the corpus (papers and the challenge taxonomy with evidence)

Options:
  --corpus DIR   corpus folder (default: the bundled sources/)
  --help         show this help`;

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

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

export async function main(args: string[], bundledCorpus: string, io: Io): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'corpus') {
    io.err(`literature-companion: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const root = resolve(option(rest, '--corpus') ?? bundledCorpus);
  const corpus = await loadCorpus(root);
  if (corpus.problems.length > 0) {
    io.err(`literature-companion: the corpus in ${root} has ${corpus.problems.length} problem(s):`);
    for (const problem of corpus.problems) io.err(`  ${formatProblem(problem)}`);
    io.err('Fix the files named above (see sources/README.md for the format) and run again.');
    return 1;
  }
  if (rest.includes('--json')) {
    io.out(JSON.stringify(corpusToJson(corpus), null, 2));
  } else {
    for (const paper of corpus.papers.values()) io.out(`${paper.id}${paper.version}  ${paper.year}  ${paper.title}`);
    io.out(`${corpus.papers.size} papers, ${corpus.challenges.size} challenges, ${corpus.links.length} links, ${corpus.links.reduce((n, l) => n + l.evidence.length, 0)} quotes`);
  }
  return 0;
}
