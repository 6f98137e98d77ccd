import * as vscode from 'vscode';
import type { DocumentText } from '../../core/pdf';
import { buildSearchIndex, type SearchHit, type SearchIndex } from '../../core/search';
import type { CorpusService } from '../corpus';
import type { PdfLibrary } from '../pdfs/library';

/**
 * Passages that may back a piece of text: BM25 over the PDFs present (from the text cache, read in the
 * worker) and the corpus's stored quotes. Built on first use, rebuilt when the corpus or a PDF changes.
 */
export class EvidenceSuggestions implements vscode.Disposable {
  private index?: Promise<SearchIndex>;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly corpus: CorpusService,
    private readonly library: PdfLibrary,
  ) {
    const reset = () => (this.index = undefined);
    this.disposables = [corpus.onDidChange(reset), library.onDidChange(reset)];
  }

  async suggest(text: string, top = 8): Promise<SearchHit[]> {
    this.index ??= this.build();
    return (await this.index).search(text, { top });
  }

  private async build(): Promise<SearchIndex> {
    const corpus = await this.corpus.get();
    const documents = new Map<string, DocumentText>();
    for (const paper of corpus.papers.keys()) {
      const file = this.library.find(paper);
      // An unreadable PDF only loses its own passages; its stored quotes stay searchable.
      if (file) await this.library.read(file).then((document) => documents.set(paper, document), () => undefined);
    }
    return buildSearchIndex(corpus, documents);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
