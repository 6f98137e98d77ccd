import type { Corpus } from '../core/corpus/model';
import { PdfTextExtractor, poolSize } from '../core/pdf/extractor';
import { buildSearchIndex, describeMatches, readCorpusDocuments, type MatchedTerm } from '../core/search';
import type { Io, PdfFlags } from './pdfCommands';

/** `search --json` prints exactly this array; other tools rely on it. `matched` only with --explain. */
export interface SearchHitJson {
  paper: string;
  page: number;
  text: string;
  score: number;
  matched?: MatchedTerm[];
}

/** `text`: the query (the words that are neither flags nor their values); `topArg`: --top as given. */
export async function searchCommand(corpus: Corpus, text: string, topArg: string | undefined, flags: PdfFlags, output: { json: boolean; explain: boolean }, io: Io): Promise<number> {
  const { json, explain } = output;
  if (!text) {
    io.err('literature-companion: search needs the text to look for, e.g. literature-companion search "RLAIF is preferred to RLHF for summarization"');
    return 2;
  }
  const top = topArg === undefined ? 10 : Number(topArg);
  if (!(Number.isInteger(top) && top >= 1)) {
    io.err(`literature-companion: --top must be a whole number of results (1 or more), not "${topArg}"`);
    return 2;
  }
  const extractor = new PdfTextExtractor({ workers: poolSize(0) });
  try {
    const { documents, missing, unreadable } = await readCorpusDocuments(corpus, { pdfDir: flags.pdfDir, cacheDir: flags.cacheDir, extractor });
    for (const { message } of unreadable) io.err(`literature-companion: ${message} (searching its stored quotes only)`);
    const index = buildSearchIndex(corpus, documents);
    const hits = index.search(text, { top, explain });
    if (json) {
      const out: SearchHitJson[] = hits.map(({ paper, page, text: passage, score, matched }) => ({ paper, page, text: passage, score, ...(explain ? { matched: [...(matched ?? [])] } : {}) }));
      io.out(JSON.stringify(out, null, 2));
      return 0;
    }
    if (explain) io.out(`query terms: ${index.queryTerms(text).map((term) => (term.from === term.stem ? term.stem : `${term.from}→${term.stem}`) + (term.weight === 1 ? '' : `×${term.weight.toFixed(2)}`)).join(' ')}\n`);
    if (hits.length === 0) io.out('no passage matches');
    hits.forEach((hit, rank) => {
      const version = corpus.papers.get(hit.paper)?.version ?? '';
      const matched = explain ? `\n   matched: ${describeMatches(hit.matched ?? [])}` : '';
      io.out(`${rank + 1}. ${hit.paper}${version} p.${hit.page}  score ${hit.score.toFixed(2)}${hit.source === 'quote' ? '  (stored quote)' : ''}\n   ${hit.text}${matched}\n`);
    });
    if (missing.length > 0) io.out(`No PDF in ${flags.pdfDir} for ${missing.join(', ')}: only their stored quotes were searched; pass --pdfs DIR to use another folder.`);
    return 0;
  } finally {
    await extractor.dispose();
  }
}

