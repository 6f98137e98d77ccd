import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import { matchPdfsToPapers, pdfFilesIn } from '../../src/core/download';
import { PdfTextExtractor } from '../../src/core/pdf';
import { paperFile, writeCorpus } from '../support/corpusFixture';
import { buildPdf, column, writePdf } from '../support/pdfFixtures';

const pdfWith = (lines: string[]) => buildPdf([{ texts: column(lines, 72, 700) }]);
const BY_HASH = pdfWith(['Some printing whose hash the corpus pins.']);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function papers() {
  const corpus = await loadCorpus(
    writeCorpus({
      'papers/2009.01325.md': paperFile('2009.01325', { title: 'Learning to summarize from human feedback' }),
      'papers/2212.08073.md': paperFile('2212.08073', { title: 'Constitutional AI', sha256: `"${sha(BY_HASH)}"` }),
      'papers/2309.00267.md': paperFile('2309.00267', { title: '"RLAIF: Scaling Reinforcement Learning from Human Feedback with AI Feedback"' }),
      'papers/2307.15217.md': paperFile('2307.15217', { title: 'Open Problems and Fundamental Limitations of RLHF' }),
    }),
  );
  return [...corpus.papers.values()];
}

const extractor = new PdfTextExtractor({ workerScript: join(__dirname, '..', '..', 'dist', 'pdfWorker.js') });

describe('Attach a folder of PDFs: which file is which paper', () => {
  after(() => extractor.dispose());

  it('matches by the id in the file name, the pinned sha256, or the title on the first page', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'litcomp-match-'));
    writePdf(folder, 'stiennon-2009.01325v3.pdf', pdfWith(['Anything at all.']));
    writePdf(folder, 'download (1).pdf', BY_HASH);
    // The title broken over two lines and hyphenated, as on a real first page.
    writePdf(folder, 'scan.pdf', pdfWith(['RLAIF: Scaling Reinforcement Learning from Hu-', 'man Feedback with AI Feedback', 'Harrison Lee et al.']));
    writePdf(folder, 'holiday.pdf', pdfWith(['Not a paper of the corpus.']));
    writePdf(folder, 'notes.pdf', 'these are notes, not a PDF');
    writePdf(folder, 'readme.txt', 'ignored');
    writePdf(folder, '12009.013251.pdf', pdfWith(['An id inside a longer number is not the id.']));

    const files = await pdfFilesIn(folder);
    assert.ok(!files.some((file) => file.endsWith('.txt')));
    const result = await matchPdfsToPapers(files, await papers(), { firstPageText: async (file) => (await extractor.extract(file, { cacheDir: null })).pages[0]?.text ?? '' });
    const found = Object.fromEntries(result.matches.map((match) => [match.paper, `${basename(match.file)} by ${match.by}`]));
    assert.deepEqual(found, {
      '2009.01325': 'stiennon-2009.01325v3.pdf by id',
      '2212.08073': 'download (1).pdf by sha256',
      '2309.00267': 'scan.pdf by title',
    });
    assert.deepEqual(result.unmatched.map((file) => basename(file)).sort(), ['12009.013251.pdf', 'holiday.pdf']);
    assert.deepEqual(result.problems.map((problem) => basename(problem.file)), ['notes.pdf']);
    assert.match(result.problems[0]!.message, /not a PDF/);
  });

  it('gives each paper one file: a second copy of the same paper stays unmatched', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'litcomp-match-'));
    writePdf(folder, '2009.01325.pdf', pdfWith(['First copy.']));
    writePdf(folder, '2009.01325v2.pdf', pdfWith(['Second copy.']));
    const result = await matchPdfsToPapers(await pdfFilesIn(folder), await papers());
    assert.deepEqual(result.matches.map((match) => basename(match.file)), ['2009.01325.pdf']);
    assert.deepEqual(result.unmatched.map((file) => basename(file)), ['2009.01325v2.pdf']);
  });
});
