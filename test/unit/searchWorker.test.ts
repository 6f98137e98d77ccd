import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import type { Corpus } from '../../src/core/corpus/model';
import { PdfTextExtractor } from '../../src/core/pdf/extractor';
import { buildSearchIndex, quotePassages, quotesKeyOf, SearchWorkerClient, stalePapers, type IndexedPaper, type PaperNow } from '../../src/core/search';
import type { IndexablePages, IndexReply, IndexRequest } from '../../src/core/search/indexProtocol';
import { SearchWorkerState } from '../../src/core/search/indexWorker';
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

const WORKER = join(__dirname, '..', '..', 'dist', 'searchWorker.js');

/** A paper as the extension sends it: its PDF text, its quotes and their key, a stamp standing for its file. */
function paperRequest(corpus: Corpus, documents: ReadonlyMap<string, IndexablePages>, paper: string, id = 1): Extract<IndexRequest, { type: 'paper' }> {
  const quotes = quotePassages(corpus, paper);
  const document = documents.get(paper);
  return { type: 'paper', id, paper, document, quotes, quotesKey: quotesKeyOf(quotes), pdfStamp: document && `stamp-${document.sha256}` };
}

function nowOf(corpus: Corpus, documents: ReadonlyMap<string, IndexablePages>): PaperNow[] {
  return [...corpus.papers.keys()].map((paper) => {
    const { quotes, quotesKey, pdfStamp } = paperRequest(corpus, documents, paper);
    return { paper, quotes, quotesKey, pdfStamp };
  });
}

function hitsOf(reply: IndexReply | undefined) {
  assert.ok(reply?.type === 'hits', JSON.stringify(reply));
  return reply.hits;
}

describe('search worker', () => {
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

  it('answers queries as buildSearchIndex would, from papers sent one by one', () => {
    const state = new SearchWorkerState();
    for (const paper of corpus.papers.keys()) assert.equal(state.handle(paperRequest(corpus, documents, paper))?.type, 'indexed');
    const direct = buildSearchIndex(corpus, documents);
    assert.ok(direct.size > 0);
    for (const query of QUERIES) assert.deepEqual(hitsOf(state.handle({ type: 'search', id: 2, text: query, options: { top: 5 } })), direct.search(query, { top: 5 }), query);
  });

  it('re-indexes a changed paper in place and does not re-tokenise one sent again unchanged', async () => {
    const state = new SearchWorkerState();
    for (const paper of corpus.papers.keys()) state.handle(paperRequest(corpus, documents, paper));
    const again = state.handle(paperRequest(corpus, documents, '2101.00002'));
    assert.ok(again?.type === 'indexed' && !again.tokenised, 'same PDF (sha256) and quotes: nothing tokenised');
    const changed = new Map(documents).set('2101.00001', await pdfText(folder, 'replaced', [['Constitutional principles replace the reward model entirely.']]));
    const replaced = state.handle(paperRequest(corpus, changed, '2101.00001'));
    assert.ok(replaced?.type === 'indexed' && replaced.tokenised);
    assert.equal(replaced.paper.pdfSha256, changed.get('2101.00001')!.sha256);
    const fresh = buildSearchIndex(corpus, changed);
    for (const query of [...QUERIES, 'constitutional principles']) assert.deepEqual(hitsOf(state.handle({ type: 'search', id: 3, text: query, options: { top: 5 } })), fresh.search(query, { top: 5 }), query);
    const removed = state.handle({ type: 'remove', id: 4, papers: ['2101.00001'] });
    assert.ok(removed?.type === 'removed');
    assert.deepEqual(removed.papers.map((paper) => paper.id).sort(), ['2101.00002', '2101.00003']);
    assert.ok(hitsOf(state.handle({ type: 'search', id: 5, text: 'constitutional principles', options: {} })).every((hit) => hit.paper !== '2101.00001'));
  });

  it('answers a failure as data, with the request\'s id', () => {
    const reply = new SearchWorkerState().handle({ type: 'paper', id: 7, paper: 'x', document: { pages: 5 } as unknown as IndexablePages, quotes: [], quotesKey: '' });
    assert.equal(reply?.type, 'failed');
    assert.equal(reply.id, 7);
  });

  it('owns the index in one bundled worker: adding and removing a paper sends only that paper, never the index', async () => {
    const messages: { direction: string; size: number; keys: string[] }[] = [];
    const client = new SearchWorkerClient(WORKER, (direction, message) => messages.push({ direction, size: JSON.stringify(message).length, keys: Object.keys(message) }));
    try {
      await client.open();
      const papers = [...corpus.papers.keys()];
      for (const paper of papers.slice(0, 2)) await client.setPaper(paper, paperRequest(corpus, documents, paper));
      assert.ok((await client.search('Human annotators chose between two responses every week', { top: 5 })).every((hit) => hit.paper !== '2101.00003'), 'not indexed yet');
      messages.length = 0;
      const added = paperRequest(corpus, documents, '2101.00003');
      const reply = await client.setPaper('2101.00003', added);
      assert.equal(reply.paper.id, '2101.00003');
      assert.equal((await client.search('Human annotators chose between two responses every week', { top: 1 }))[0]?.paper, '2101.00003', 'the added paper is searched');
      await client.remove(['2101.00003']);
      assert.ok((await client.search('Human annotators chose between two responses every week', { top: 5 })).every((hit) => hit.paper !== '2101.00003'), 'the removed paper is not');
      const paperMessage = JSON.stringify({ ...added, id: 99 }).length;
      const whole = JSON.stringify(buildSearchIndex(corpus, new Map([...documents].slice(0, 2))).serialize()).length;
      const largest = Math.max(...messages.map((message) => message.size));
      assert.ok(largest <= paperMessage + 1000, `the largest message (${largest} chars) is about one paper (${paperMessage}), not the index (${whole})`);
      assert.ok(messages.every((message) => !message.keys.some((key) => ['index', 'base', 'postings', 'vocabulary'].includes(key))), JSON.stringify(messages.map((message) => message.keys)));
    } finally {
      await client.dispose();
    }
  });

  it('keeps the index in a file: a restart loads it, re-indexes nothing unchanged, and answers as before', async () => {
    const file = join(fixtureDir(), 'store', 'index.lcsi');
    const first = new SearchWorkerClient(WORKER);
    const answers: unknown[] = [];
    try {
      assert.deepEqual((await first.open(file)).papers, [], 'no file yet: an empty index');
      for (const paper of corpus.papers.keys()) await first.setPaper(paper, paperRequest(corpus, documents, paper));
      const saved = await first.save();
      assert.ok(saved.bytes > 0 && saved.bytes === readFileSync(file).length);
      for (const query of QUERIES) answers.push(await first.search(query, { top: 5 }));
    } finally {
      await first.dispose();
    }
    const restarted = new SearchWorkerClient(WORKER);
    try {
      const opened = await restarted.open(file);
      assert.equal(opened.problem, undefined);
      assert.deepEqual(stalePapers(opened.papers, nowOf(corpus, documents)), { remove: [], index: [] }, 'nothing to rebuild after a restart');
      for (const [n, query] of QUERIES.entries()) assert.deepEqual(await restarted.search(query, { top: 5 }), answers[n], query);
      assert.equal((await restarted.save()).bytes, 0, 'an index loaded and not changed is not written again');
    } finally {
      await restarted.dispose();
    }
  });

  for (const [what, spoil, problem] of [
    ['a damaged index file (one byte changed)', (bytes: Buffer) => void bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0x20, bytes.length >> 1), /damaged/],
    ['a truncated index file', (bytes: Buffer) => bytes.subarray(0, bytes.length - 100), /damaged/],
    ['an index file of another version', (bytes: Buffer) => void bytes.writeUInt32LE(bytes.readUInt32LE(8) + 1, 8), /another version/],
  ] as const) {
    it(`rebuilds ${what} instead of trusting it`, async () => {
      const file = join(fixtureDir(), 'index.lcsi');
      const writer = new SearchWorkerClient(WORKER);
      try {
        await writer.open(file);
        for (const paper of corpus.papers.keys()) await writer.setPaper(paper, paperRequest(corpus, documents, paper));
        await writer.save();
      } finally {
        await writer.dispose();
      }
      const bytes = readFileSync(file);
      writeFileSync(file, (spoil as (bytes: Buffer) => Buffer | void)(bytes) ?? bytes);
      const reader = new SearchWorkerClient(WORKER);
      try {
        const opened = await reader.open(file);
        assert.match(opened.problem ?? '', problem);
        assert.deepEqual(opened.papers, [], 'nothing of the file is used');
        const plan = stalePapers(opened.papers, nowOf(corpus, documents));
        assert.deepEqual(plan.index.sort(), [...corpus.papers.keys()].sort(), 'every paper is indexed again');
        for (const paper of plan.index) await reader.setPaper(paper, paperRequest(corpus, documents, paper));
        assert.ok((await reader.save()).bytes > 0, 'the bad file is replaced');
      } finally {
        await reader.dispose();
      }
      const again = new SearchWorkerClient(WORKER);
      try {
        const opened = await again.open(file);
        assert.equal(opened.problem, undefined);
        assert.equal(opened.papers.length, corpus.papers.size);
      } finally {
        await again.dispose();
      }
    });
  }
});

describe('what an index needs to match the corpus (stalePapers)', () => {
  const indexed: IndexedPaper[] = [
    { id: 'a', passages: 3, pdfSha256: 'sha-a', pdfStamp: '100:1', quotesKey: 'qa' },
    { id: 'b', passages: 1, quotesKey: 'qb' },
    { id: 'gone', passages: 2, quotesKey: 'qg' },
  ];
  const now = (changes: Partial<Record<string, Partial<PaperNow>>> = {}): PaperNow[] =>
    [
      { paper: 'a', quotes: [], quotesKey: 'qa', pdfStamp: '100:1' },
      { paper: 'b', quotes: [], quotesKey: 'qb' },
    ].map((paper) => ({ ...paper, ...changes[paper.paper] }));

  it('drops papers gone and re-indexes nothing that did not change', () => {
    assert.deepEqual(stalePapers(indexed, now()), { remove: ['gone'], index: [] });
  });

  it('re-indexes a paper whose PDF was replaced, added or removed, or whose quotes changed', () => {
    assert.deepEqual(stalePapers(indexed, now({ a: { pdfStamp: '100:2' } })).index, ['a'], 'another mtime');
    assert.deepEqual(stalePapers(indexed, now({ a: { pdfStamp: undefined } })).index, ['a'], 'its PDF went');
    assert.deepEqual(stalePapers(indexed, now({ b: { pdfStamp: '5:5' } })).index, ['b'], 'a PDF came');
    assert.deepEqual(stalePapers(indexed, now({ b: { quotesKey: 'other' } })).index, ['b'], 'other quotes');
    assert.deepEqual(stalePapers(indexed, now(), new Set(['a'])).index, ['a'], 'announced as changed');
    assert.deepEqual(stalePapers(indexed, [...now(), { paper: 'new', quotes: [], quotesKey: 'q' }]).index, ['new'], 'a new paper');
  });
});
