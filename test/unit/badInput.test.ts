// Issue 5, "Bad input matrix": the cases the other suites do not cover yet. Each expects a clear message
// naming the file, and the rest still working. No timing is asserted here (figures live in `npm run bench`).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { AnnotationStore, annotationFileFor, createAnnotation, reanchor } from '../../src/core/annotations';
import { splitFrontMatter } from '../../src/core/corpus/frontMatter';
import { loadCorpus } from '../../src/core/corpus/load';
import { formatProblem } from '../../src/core/corpus/model';
import { anchorQuote } from '../../src/core/pdf/anchor';
import { collapseWhitespaceMapped } from '../../src/core/pdf/normalize';
import { PdfTextExtractor } from '../../src/core/pdf/extractor';
import type { PdfReadError } from '../../src/core/pdf/pdfErrors';
import type { PageLayout } from '../../src/core/pdf/textModel';
import { challengeFile, evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';
import { buildPdf, column, fixtureDir, writePdf, type FixtureText } from '../support/pdfFixtures';

describe('bad corpus input: a clear message naming the file, and the rest still loads', () => {
  it('refuses a paper with a 5 MB summary and still loads the other papers, challenges and links', async () => {
    const root = writeCorpus({
      'papers/1.md': paperFile('1'),
      'papers/2.md': paperFile('2', {}, 'A long summary. '.repeat(5 * 1024 * 1024 / 16)),
      'taxonomy/1.md': challengeFile('1', 'One'),
      'evidence/1.yaml': evidenceFile('1', [{ challenge: '1' }]),
    });
    const corpus = await loadCorpus(root);
    assert.deepEqual([...corpus.papers.keys()], ['1']);
    assert.equal(corpus.challenges.size, 1);
    assert.equal(corpus.links.length, 1);
    const big = corpus.problems.find((problem) => problem.file === join(root, 'papers', '2.md'));
    assert.ok(big, JSON.stringify(corpus.problems));
    assert.equal(big.id, '2');
    assert.match(big.message, /file is 5\.0 MB; corpus files are limited to 1 MB/);
    assert.ok(formatProblem(big).startsWith(join(root, 'papers', '2.md')));
  });

  it('reports a duplicate id across two files, naming both, and keeps the first', async () => {
    // An id must match its file name, so two files can only share one through the extension's case.
    const root = writeCorpus({
      'papers/1.md': paperFile('1'),
      'papers/1.MD': paperFile('1', { title: 'Impostor' }),
      'papers/2.md': paperFile('2'),
      'taxonomy/3.1.md': challengeFile('3.1', 'First'),
      'taxonomy/3.1.MD': challengeFile('3.1', 'Second'),
    });
    const corpus = await loadCorpus(root);
    assert.deepEqual([...corpus.papers.keys()].sort(), ['1', '2']);
    // Files load in name order ("1.MD" before "1.md"): the first one wins, the second is reported.
    assert.equal(corpus.papers.get('1')!.title, 'Impostor');
    assert.equal(corpus.challenges.get('3.1')!.title, 'Second');
    const duplicates = corpus.problems.filter((problem) => /duplicate id/.test(problem.message));
    assert.equal(duplicates.length, 2, JSON.stringify(corpus.problems));
    for (const [kind, id, reported, kept] of [['paper', '1', 'papers/1.md', 'papers/1.MD'], ['challenge', '3.1', 'taxonomy/3.1.md', 'taxonomy/3.1.MD']] as const) {
      const problem = duplicates.find((p) => p.kind === kind)!;
      assert.equal(problem.id, id);
      assert.equal(problem.field, 'id');
      assert.equal(problem.file, join(root, reported));
      assert.ok(problem.message.includes(`already defined in ${join(root, kept)}`), problem.message);
    }
  });

  it('drops only the link to an unknown challenge, reporting its file and line; the others still show', async () => {
    const root = writeCorpus({
      'papers/1.md': paperFile('1'),
      'taxonomy/3.1.md': challengeFile('3.1', 'Known'),
      'taxonomy/3.2.md': challengeFile('3.2', 'Also known'),
      'evidence/1.yaml': evidenceFile('1', [{ challenge: '3.1', quote: 'first' }, { challenge: '9.9', quote: 'second' }, { challenge: '3.2', page: 2, quote: 'third' }]),
    });
    const corpus = await loadCorpus(root);
    assert.deepEqual(corpus.links.map((link) => link.evidence[0]!.quote), ['first', 'third']);
    assert.equal(corpus.problems.length, 1);
    const [problem] = corpus.problems;
    assert.equal(problem!.file, join(root, 'evidence', '1.yaml'));
    assert.equal(problem!.kind, 'evidence');
    assert.equal(problem!.line, 8); // the second item of `links:`
    assert.match(problem!.message, /links to unknown challenge "9\.9"; the link is not shown until it exists/);
  });
});

describe('an annotation whose document was deleted', () => {
  it('is reported by missingDocuments, kept through a save, and the other documents are unaffected', async () => {
    const root = mkdtempSync(join(tmpdir(), 'litcomp-bad-annotations-'));
    const text = 'RLHF is costly. RLAIF matches RLHF on summarization.';
    writeFileSync(join(root, 'kept.md'), text);
    writeFileSync(join(root, 'gone.md'), text);
    const file = annotationFileFor(root);
    const store = await AnnotationStore.open(file);
    for (const document of ['kept.md', 'gone.md']) store.upsert(createAnnotation({ document, text, start: 0, end: 15, verdict: 'supports' }));
    await store.save();
    assert.deepEqual(store.missingDocuments(), []);

    unlinkSync(join(root, 'gone.md'));
    const reopened = await AnnotationStore.open(file);
    assert.deepEqual(reopened.missingDocuments(), ['gone.md']);
    assert.equal(reopened.list('kept.md').length, 1);
    reopened.upsert(createAnnotation({ document: 'kept.md', text, start: 16, end: text.length, verdict: 'partially-supports' }));
    await reopened.save();
    const again = await AnnotationStore.open(file);
    assert.equal(again.list('gone.md').length, 1, 'an annotation of a deleted document is never dropped');
    assert.equal(again.list('kept.md').length, 2);
    assert.deepEqual(again.missingDocuments(), ['gone.md']);
  });
});

describe('a PDF page with 100,000 text items', () => {
  const extractor = new PdfTextExtractor({ workerScript: join(__dirname, '..', '..', 'dist', 'pdfWorker.js') });
  after(() => extractor.dispose());

  it('is read or refused with a message naming the file, within the worker timeout, and the process stays responsive', async () => {
    const folder = fixtureDir();
    const texts: FixtureText[] = [];
    // 100,000 tiny runs: 50 a line, 70 lines, so the grid is drawn about 29 times over.
    for (let n = 0; n < 100_000; n++) texts.push({ x: 20 + (n % 50) * 11, y: 780 - (Math.floor(n / 50) % 70) * 11, text: `w${n}`, size: 4 });
    const file = writePdf(folder, 'dense.pdf', buildPdf([{ texts }, { texts: column(['The second page still reads.'], 72, 700) }]));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      const outcome = await extractor.extract(file, { cacheDir: null }).then(
        (document) => ({ document }),
        (error: PdfReadError) => ({ error }),
      );
      if ('error' in outcome) {
        assert.equal(outcome.error.name, 'PdfReadError', String(outcome.error));
        assert.ok(outcome.error.message.startsWith(`${file}: `), outcome.error.message);
      } else {
        const [dense, second] = outcome.document.pages;
        assert.equal(outcome.document.pageCount, 2);
        // Items drawn over each other may run together in the text; every one of them is still there.
        // (Runs that touch read as one word, so there are fewer items than runs, but still thousands.)
        const missing = Array.from({ length: 100 }, (_, k) => `w${k * 1000 + 999}`).filter((run) => !dense!.text.includes(run));
        assert.deepEqual(missing, [], 'sampled runs are in the page text');
        assert.ok(dense!.items.length > 1_000, `${dense!.items.length} items`);
        assert.match(second!.text, /The second page still reads\./);
      }
      // The parse ran in the worker, never on this thread: pdf.js was not even loaded here. (How long it
      // took is a figure for `npm run bench`, not a test.)
      assert.deepEqual(Object.keys(require.cache).filter((module) => /pdfjs|pdf\.mjs|pdfWorker/.test(module)), []);
    } finally {
      clearInterval(ticker);
    }
    const small = writePdf(folder, 'small.pdf', buildPdf([{ texts: column(['Still readable after the dense page.'], 72, 700) }]));
    assert.match((await extractor.extract(small, { cacheDir: null })).pages[0]!.text, /Still readable after the dense page\./);
    rmSync(folder, { recursive: true, force: true });
  });
});

describe('property: the corpus front-matter parser', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    // Text shaped like front matter, so the YAML and field checks get exercised too.
    fc.tuple(fc.array(fc.tuple(fc.constantFrom('id', 'title', 'authors', 'year', 'version', 'pdfUrl', 'parent', 'problems', 'paper', 'links', 'x'), fc.oneof(fc.string({ maxLength: 30 }), fc.json({ maxDepth: 2 }))), { maxLength: 8 }), fc.string({ maxLength: 60 }), fc.boolean())
      .map(([fields, body, close]) => `---\n${fields.map(([key, value]) => `${key}: ${value}`).join('\n')}\n${close ? '---\n' : ''}${body}`),
  );

  it('splitFrontMatter never throws and keeps line numbers positive', () => {
    fc.assert(
      fc.property(text, (input) => {
        const split = splitFrontMatter(input);
        const lines = input.replace(/^\uFEFF/, '').split(/\r?\n/);
        if ('message' in split) {
          assert.ok(split.line >= 1);
          return;
        }
        // Opened by "---" on line 1, the YAML is exactly the lines up to the first closing "---".
        assert.equal(lines[0]!.trim(), '---');
        const close = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
        assert.ok(close > 0, 'a split is only returned for a closed block');
        assert.equal(split.yaml, lines.slice(1, close).join('\n'));
        assert.equal(split.yamlLineOffset, 1);
        assert.equal(split.body, lines.slice(close + 1).join('\n').trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('loadCorpus never throws on arbitrary files, and every problem names its file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'litcomp-corpus-property-'));
    for (const folder of ['papers', 'taxonomy', 'evidence']) mkdirSync(join(root, folder));
    try {
      await fc.assert(
        fc.asyncProperty(text, text, text, async (paper, challenge, evidence) => {
          const files = { paper: join(root, 'papers', '1.md'), challenge: join(root, 'taxonomy', '3.1.md'), evidence: join(root, 'evidence', '1.yaml') };
          writeFileSync(files.paper, paper);
          writeFileSync(files.challenge, challenge);
          writeFileSync(files.evidence, evidence);
          const corpus = await loadCorpus(root);
          const known = new Set(Object.values(files));
          for (const problem of corpus.problems) {
            assert.ok(known.has(problem.file), `problem without its file: ${JSON.stringify(problem)}`);
            assert.ok(problem.message.length > 0);
            assert.ok(formatProblem(problem).startsWith(problem.file));
            if (problem.line !== undefined) assert.ok(Number.isInteger(problem.line) && problem.line >= 1, JSON.stringify(problem));
          }
          // Whatever is not loaded is reported.
          if (corpus.papers.size === 0) assert.ok(corpus.problems.some((problem) => problem.file === files.paper));
          if (corpus.challenges.size === 0) assert.ok(corpus.problems.some((problem) => problem.file === files.challenge));
        }),
        { numRuns: 300 },
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('property: quote anchoring', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzRLHF0123456789'.split('')), minLength: 1, maxLength: 9 });
  const pageText = fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', '\n', ', ', '. ')), { minLength: 1, maxLength: 120 }).map((parts) => parts.map(([w, gap]) => w + gap).join('').trimEnd());
  const layout = (text: string, page: number): PageLayout => ({
    page,
    view: [0, 0, 612, 792],
    text,
    items: [{ str: text, start: 0, end: text.length, x: 72, y: 700, width: 400, height: 10 }],
    columnsReordered: false,
  });
  const collapse = (text: string) => collapseWhitespaceMapped(text).text.trim();

  it('a quote cut from a random page text is always found on that page', () => {
    fc.assert(
      fc.property(fc.array(pageText, { minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), fc.nat(), (texts, pageSeed, a, b) => {
        const index = pageSeed % texts.length;
        const text = texts[index]!;
        const start = a % text.length;
        const end = start + 1 + (b % (text.length - start));
        const exact = text.slice(start, end);
        fc.pre(exact.trim().length > 0);
        const pages = texts.map((t, i) => layout(t, i + 1));
        const anchor = anchorQuote(pages, { exact, page: index + 1 });
        assert.equal(anchor.status, 'found', JSON.stringify({ exact, text }));
        assert.equal(anchor.page, index + 1);
        assert.ok(anchor.start >= 0 && anchor.end <= text.length && anchor.start < anchor.end);
        assert.equal(collapse(text.slice(anchor.start, anchor.end)), collapse(exact), JSON.stringify({ exact, text, anchor }));
      }),
      { numRuns: 1000 },
    );
  });

  it('with its prefix and suffix, a quote is found at the very place it was cut from', () => {
    fc.assert(
      fc.property(pageText, fc.nat(), fc.nat(), (text, a, b) => {
        const start = a % text.length;
        const end = start + 1 + (b % (text.length - start));
        const exact = text.slice(start, end);
        // Cut at word edges with a word of context on each side, as the corpus stores quotes.
        fc.pre(/^\S/.test(exact) && /\S$/.test(exact) && (start === 0 || /\s/.test(text[start - 1]!)) && (end === text.length || /\s/.test(text[end]!)));
        const prefix = text.slice(Math.max(0, start - 32), start).trim();
        const suffix = text.slice(end, end + 32).trim();
        const anchor = anchorQuote([layout(text, 1)], { exact, prefix, suffix, page: 1 });
        assert.equal(anchor.status, 'found');
        // Among repeats the context decides; a quote that occurs once must come back at its very place.
        if (text.indexOf(exact) === text.lastIndexOf(exact)) {
          assert.equal(anchor.start, start, JSON.stringify({ exact, prefix, suffix, text, anchor }));
          assert.equal(anchor.end, end);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('property: the re-anchoring shift hint (used for 2,000-claim documents) never changes the result', () => {
  it('reanchor with any expectedShift equals reanchor without it, repeats and edits included', () => {
    const sentence = fc.constantFrom('RLHF is costly. ', 'RLAIF matches RLHF. ', 'Reward models drift. ', 'RLHF is costly. ', 'x ');
    const doc = fc.array(sentence, { minLength: 1, maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(doc, fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), fc.nat(), fc.integer({ min: -40, max: 40 }), (text, a, b, inserted, c, noise) => {
        const start = a % text.length;
        const end = Math.min(text.length, start + 1 + (b % 30));
        const annotation = createAnnotation({ document: 'd.md', text, start, end, verdict: 'supports' });
        const at = c % (text.length + 1);
        const edited = text.slice(0, at) + inserted + text.slice(at);
        const plain = reanchor(annotation, edited);
        for (const expectedShift of [inserted.length, -inserted.length, noise, 0]) assert.deepEqual(reanchor(annotation, edited, { expectedShift }), plain, JSON.stringify({ text, start, end, at, inserted, expectedShift }));
      }),
      { numRuns: 3000 },
    );
  });
});
