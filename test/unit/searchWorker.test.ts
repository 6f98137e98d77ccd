import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { loadCorpus } from '../../src/core/corpus/load';
import type { Corpus } from '../../src/core/corpus/model';
import { PdfTextExtractor } from '../../src/core/pdf/extractor';
import { buildSearchIndex, deserializeSearchIndex, quotePassages, type SearchIndex, type SerializedSearchIndex } from '../../src/core/search';
import type { IndexablePages, IndexReply, IndexRequest } from '../../src/core/search/indexProtocol';
import { IndexJob } from '../../src/core/search/indexWorker';
import { challengeFile, evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';
import { buildPdf, column, fixtureDir, writePdf } from '../support/pdfFixtures';

const extractor = new PdfTextExtractor({ workerScript: join(__dirname, '..', '..', 'dist', 'pdfWorker.js') });
after(() => extractor.dispose());

const PAGES: Record<string, string[][]> = {
  '2101.00001': [['Reinforcement learning from AI feedback trains the reward model.', 'Preferences come from an off-the-shelf LLM.'], ['RLAIF achieves a harmless rate of 88%, outperforming RLHF at 76%.']],
  '2101.00002': [['We train a harmless but non-evasive assistant through self-improvement.'], ['Chain-of-thought reasoning makes decisions more legible.']],
  '2101.00003': [['Human annotators chose between two responses every week.', 'Binary comparisons train the safety reward model.']],
};
const QUERIES = ['RLAIF outperforms RLHF on harmless dialogue', 'binary comparisons for the safety reward model', 'non-evasive assistant', 'chain-of-thought legible decisions', 'В задачах безвредности RLAIF превосходит RLHF'];

/** A PDF's text as the extension sends it to the worker: sha256 and page texts only. */
async function pdfText(folder: string, name: string, pages: string[][]): Promise<IndexablePages> {
  const file = writePdf(folder, `${name}.pdf`, buildPdf(pages.map((lines) => ({ texts: column(lines, 72, 700) }))));
  const document = await extractor.extract(file, { cacheDir: null });
  return { sha256: document.sha256, pages: document.pages.map(({ page, text }) => ({ page, text })) };
}

/** Runs a job through IndexJob as the worker would, returning every reply. */
function runJob(requests: IndexRequest[]): IndexReply[] {
  const job = new IndexJob();
  return requests.flatMap((request) => job.handle(request) ?? []);
}

function requests(corpus: Corpus, documents: ReadonlyMap<string, IndexablePages>, papers: string[], base?: SerializedSearchIndex): IndexRequest[] {
  return [
    { type: 'start', base, remove: [], total: papers.length },
    ...papers.map((paper): IndexRequest => ({ type: 'paper', paper, document: documents.get(paper), quotes: quotePassages(corpus, paper) })),
    { type: 'finish' },
  ];
}

function finishedIndex(replies: IndexReply[]): SearchIndex {
  const done = replies.find((reply) => reply.type === 'done');
  assert.ok(done?.type === 'done', JSON.stringify(replies.filter((reply) => reply.type === 'failed')));
  return deserializeSearchIndex(done.index)!;
}

/** Each paper's passages (page, source, text), to compare papers across indexes. */
function passagesOf(index: SearchIndex, paper: string): string[] {
  const data = index.serialize();
  const at = data.papers.findIndex((entry) => entry.id === paper);
  return data.passages.filter(([owner]) => owner === at).map(([, page, source, text]) => `${page} ${source} ${text}`);
}

describe('search index worker', () => {
  let corpus: Corpus;
  let documents: Map<string, IndexablePages>;
  let folder: string;

  before(async () => {
    const ids = Object.keys(PAGES);
    corpus = await loadCorpus(
      writeCorpus({
        ...Object.fromEntries(ids.map((id) => [`papers/${id}.md`, paperFile(id)])),
        'taxonomy/3.md': challengeFile('3', 'Alignment'),
        'evidence/2101.00003.yaml': evidenceFile('2101.00003', [{ challenge: '3', page: 1, quote: 'Binary comparisons train the safety reward model.' }]),
        'evidence/2101.00002.yaml': evidenceFile('2101.00002', [{ challenge: '3', page: 1, quote: 'a harmless but non-evasive assistant' }]),
      }),
    );
    assert.equal(corpus.papers.size, 3, JSON.stringify(corpus.problems));
    folder = fixtureDir();
    documents = new Map();
    for (const id of ids) documents.set(id, await pdfText(folder, id, PAGES[id]!));
  });

  it('builds the same index and search results as buildSearchIndex', () => {
    const papers = [...corpus.papers.keys()];
    const fromWorker = finishedIndex(runJob(requests(corpus, documents, papers)));
    const direct = buildSearchIndex(corpus, documents);
    assert.ok(direct.size > 0);
    assert.deepEqual(fromWorker.serialize(), direct.serialize());
    for (const query of QUERIES) assert.deepEqual(fromWorker.search(query, { top: 5 }), direct.search(query, { top: 5 }), query);
    assert.deepEqual(fromWorker.papers(), direct.papers());
  });

  it('reports progress once per paper, in order', () => {
    const papers = [...corpus.papers.keys()];
    const progress = runJob(requests(corpus, documents, papers)).filter((reply) => reply.type === 'progress');
    assert.deepEqual(progress, papers.map((paper, index) => ({ type: 'progress', paper, done: index + 1, total: papers.length })));
  });

  it('re-indexes one changed paper on top of the previous index and leaves the others as they were', async () => {
    const papers = [...corpus.papers.keys()];
    const before = finishedIndex(runJob(requests(corpus, documents, papers)));
    const changed = new Map(documents).set('2101.00001', await pdfText(folder, 'replaced', [['Constitutional principles replace the reward model entirely.']]));
    const replies = runJob(requests(corpus, changed, ['2101.00001'], before.serialize()));
    assert.equal(replies.filter((reply) => reply.type === 'progress').length, 1, 'only the changed paper was indexed');
    const after = finishedIndex(replies);
    for (const paper of ['2101.00002', '2101.00003']) assert.deepEqual(passagesOf(after, paper), passagesOf(before, paper), paper);
    assert.notDeepEqual(passagesOf(after, '2101.00001'), passagesOf(before, '2101.00001'));
    assert.equal(after.papers().find((paper) => paper.id === '2101.00001')?.pdfSha256, changed.get('2101.00001')!.sha256);
    assert.equal(after.search('constitutional principles', { top: 1 })[0]?.paper, '2101.00001');
    assert.ok(!after.search('harmless rate of 88%', { top: 5 }).some((hit) => hit.paper === '2101.00001'), 'the old text is gone');
    // Same answers as an index built from scratch over the new texts (passage ids differ; results do not).
    const fresh = buildSearchIndex(corpus, changed);
    for (const query of [...QUERIES, 'constitutional principles']) assert.deepEqual(after.search(query, { top: 5 }), fresh.search(query, { top: 5 }), query);
  });

  it('answers a failure as data, not a crash', () => {
    const [reply] = runJob([{ type: 'finish' }]);
    assert.equal(reply?.type, 'failed');
  });

  it('runs as the bundled worker (dist/searchWorker.js) and sends back the index', async () => {
    const worker = new Worker(join(__dirname, '..', '..', 'dist', 'searchWorker.js'));
    try {
      const replies: IndexReply[] = [];
      const done = new Promise<void>((resolve, reject) => {
        worker.on('message', (reply: IndexReply) => {
          replies.push(reply);
          if (reply.type !== 'progress') resolve();
        });
        worker.on('error', reject);
      });
      const papers = [...corpus.papers.keys()];
      for (const request of requests(corpus, documents, papers)) worker.postMessage(request);
      await done;
      assert.equal(replies.filter((reply) => reply.type === 'progress').length, papers.length);
      assert.deepEqual(finishedIndex(replies).serialize(), buildSearchIndex(corpus, documents).serialize());
    } finally {
      await worker.terminate();
    }
  });
});
