import { toBibtex, toCslJson } from '../core/citations/export';
import type { Corpus } from '../core/corpus/model';
import type { Io } from './pdfCommands';

export const EXPORT_FORMATS = ['bibtex', 'csl-json'] as const;

/** `export --format bibtex|csl-json`: the corpus's papers, to stdout. */
export function exportCommand(corpus: Corpus, format: string | undefined, io: Io): number {
  if (format !== 'bibtex' && format !== 'csl-json') {
    io.err(`literature-companion: export needs --format ${EXPORT_FORMATS.join('|')}${format === undefined ? '' : `, not "${format}"`}`);
    return 2;
  }
  const papers = [...corpus.papers.values()].sort((a, b) => a.bibtexKey.localeCompare(b.bibtexKey));
  io.out((format === 'bibtex' ? toBibtex(papers) : toCslJson(papers)).trimEnd());
  return 0;
}
