import { existsSync } from 'node:fs';
import type { Corpus, PaperId } from '../corpus/model';
import { extractDocument } from '../pdf/extractor';
import type { DocumentText, PdfTextEngine } from '../pdf/textModel';
import { pdfPathFor } from '../pdf/verifyQuotes';

export interface CorpusDocuments {
  /** The PDF text of every paper whose PDF is in the folder and could be read. */
  readonly documents: Map<PaperId, DocumentText>;
  /** Papers with no PDF in the folder: searched through their stored quotes only. */
  readonly missing: PaperId[];
  /** PDFs that are there but could not be read, with the reason. */
  readonly unreadable: { paper: PaperId; message: string }[];
}

/** Reads the PDFs of the corpus's papers present in `pdfDir` (through the text cache). Never throws for one bad file. */
export async function readCorpusDocuments(
  corpus: Pick<Corpus, 'papers'>,
  options: { pdfDir: string; cacheDir?: string | null; extractor?: PdfTextEngine },
): Promise<CorpusDocuments> {
  const result: CorpusDocuments = { documents: new Map(), missing: [], unreadable: [] };
  await Promise.all(
    [...corpus.papers.keys()].map(async (paper) => {
      const file = pdfPathFor(options.pdfDir, paper);
      if (!existsSync(file)) {
        result.missing.push(paper);
        return;
      }
      try {
        result.documents.set(paper, await extractDocument(file, { cacheDir: options.cacheDir, extractor: options.extractor }));
      } catch (error) {
        result.unreadable.push({ paper, message: (error as Error).message });
      }
    }),
  );
  result.missing.sort();
  return result;
}
