import assert from 'node:assert/strict';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PdfTextExtractor } from '../../src/core/pdf/extractor';
import type { PdfReadError } from '../../src/core/pdf/pdfErrors';
import { cacheFile } from '../../src/core/pdf/textCache';
import { bombPdf, buildPdf, column, fixtureDir, writePdf, type FixturePage } from '../support/pdfFixtures';

const workerScript = join(__dirname, '..', '..', 'dist', 'pdfWorker.js');
const extractor = new PdfTextExtractor({ workerScript });
after(() => extractor.dispose());

const textPage = (line: string): FixturePage => ({ texts: column([line], 72, 700) });

/** Asserts that extraction fails with a PdfReadError of `kind` whose message names the file and matches `advice`. */
async function assertFails(file: string, kind: string, advice: RegExp, options: Parameters<PdfTextExtractor['extract']>[1] = {}, reader = extractor): Promise<void> {
  await assert.rejects(reader.extract(file, { cacheDir: null, ...options }), (error: PdfReadError) => {
    assert.equal(error.name, 'PdfReadError');
    assert.equal(error.kind, kind, error.message);
    assert.ok(error.message.startsWith(`${file}: `), error.message);
    assert.match(error.message, advice);
    return true;
  });
}

describe('PDF text through the worker, with the sha256 cache', () => {
  it('extracts in a worker and a second open comes from the cache without parsing', async () => {
    const folder = fixtureDir();
    const file = writePdf(folder, 'paper.pdf', buildPdf([textPage('Cached words on page one.'), textPage('And page two.')]));
    const cacheDir = join(folder, 'cache');
    const cold = await extractor.extract(file, { cacheDir });
    assert.equal(cold.fromCache, false);
    assert.equal(cold.pageCount, 2);
    assert.match(cold.sha256, /^[0-9a-f]{64}$/);
    // A reader whose worker cannot even start proves the warm path parses nothing.
    const noWorker = new PdfTextExtractor({ workerScript: join(folder, 'no-such-worker.js') });
    const warm = await noWorker.extract(file, { cacheDir });
    assert.equal(warm.fromCache, true);
    assert.deepEqual(warm.pages, cold.pages);
    await noWorker.dispose();
  });

  it('ignores a corrupt cache entry and rebuilds it', async () => {
    const folder = fixtureDir();
    const file = writePdf(folder, 'paper.pdf', buildPdf([textPage('Words worth caching.')]));
    const cacheDir = join(folder, 'cache');
    const first = await extractor.extract(file, { cacheDir });
    for (const junk of ['{"format":1,"sha256":"x","pages":[', JSON.stringify({ format: 1, sha256: first.sha256, pages: [{ view: [0, 0, 1, 1], text: 'ab', columnsReordered: false, items: [0, 9, 0, 0, 1, 1] }] })]) {
      writeFileSync(cacheFile(cacheDir, first.sha256), junk);
      const again = await extractor.extract(file, { cacheDir });
      assert.equal(again.fromCache, false);
      assert.deepEqual(again.pages, first.pages);
      assert.equal((await extractor.extract(file, { cacheDir })).fromCache, true);
    }
  });

  it('reads a 1,000-page file (the default cap is 2,000 pages)', async () => {
    const folder = fixtureDir();
    const pages = Array.from({ length: 1000 }, (_, index) => textPage(`This is page ${index + 1}.`));
    const document = await extractor.extract(writePdf(folder, 'long.pdf', buildPdf(pages)), { cacheDir: null });
    assert.equal(document.pageCount, 1000);
    assert.match(document.pages[999]!.text, /This is page 1000\./);
  });
});

describe('bad PDFs give clear errors naming the file, and the reader keeps working', () => {
  const folder = fixtureDir();
  const good = writePdf(folder, 'good.pdf', buildPdf([textPage('Still readable.')]));

  it('a missing file', () => assertFails(join(folder, 'absent.pdf'), 'missing', /does not exist; download the paper or attach its PDF/));
  it('a zero-byte file', () => assertFails(writePdf(folder, 'empty.pdf', ''), 'empty', /empty \(0 bytes\)/));
  it('a file that is not a PDF', () => assertFails(writePdf(folder, 'page.pdf', '<!DOCTYPE html><html>Not found</html>'), 'not-pdf', /not a PDF/));

  it('a truncated download', async () => {
    const file = writePdf(folder, 'truncated.pdf', buildPdf([textPage('One.'), textPage('Two.')]));
    truncateSync(file, Math.floor(readFileSync(file).length * 0.6));
    await assertFails(file, 'corrupt', /truncated.*download or attach it again/);
  });

  it('a corrupt file (garbage after the header)', () => assertFails(writePdf(folder, 'corrupt.pdf', `%PDF-1.7\n${'\u0000garbage '.repeat(200)}\n%%EOF\n`), 'corrupt', /cannot be read.*corrupt/));
  it('an encrypted file', () => assertFails(writePdf(folder, 'locked.pdf', buildPdf([textPage('Secret.')], { encrypted: true })), 'encrypted', /encrypted with a password; attach an unencrypted copy/));
  it('an image-only file (no text layer)', () => assertFails(writePdf(folder, 'scan.pdf', buildPdf([{ image: true }, { image: true }])), 'no-text', /no text layer.*OCR/));

  it('a file with more pages than the cap', async () => {
    const file = writePdf(folder, 'volume.pdf', buildPdf(Array.from({ length: 30 }, (_, index) => textPage(`Page ${index}.`))));
    await assertFails(file, 'too-many-pages', /has 30 pages, more than the 20 this extension reads/, { limits: { maxPages: 20 } });
  });

  it('a file larger than the size cap', () => assertFails(good, 'too-large', /too large/, { limits: { maxBytes: 100 } }));

  it('a file that takes longer than the timeout: the worker is killed and the next file still reads', async () => {
    const impatient = new PdfTextExtractor({ workerScript, timeoutMs: 1 });
    await assertFails(good, 'timeout', /took longer than .* and was stopped/, {}, impatient);
    await impatient.dispose();
    assert.match((await extractor.extract(good, { cacheDir: null })).pages[0]!.text, /Still readable\./);
  });
});

describe('a 2 MB compressed "bomb" PDF (one stream that inflates to 2,000 MiB)', () => {
  // A low cap keeps the test quick and light; the default (1,536 MB) stops it the same way.
  const bounded = new PdfTextExtractor({ workerScript, maxMemoryMb: 384 });
  after(() => bounded.dispose());

  it('is stopped at the memory cap and reported as a bad PDF naming the file, and the reader goes on', async () => {
    const folder = fixtureDir();
    const bomb = writePdf(folder, 'bomb.pdf', bombPdf(2000));
    assert.ok(readFileSync(bomb).length < 2.5 * 1024 * 1024, 'the file itself is small');
    await assertFails(bomb, 'memory', /needed more than 384 MB of memory and was stopped; it may be a compressed "bomb"/, {}, bounded);
    const after = writePdf(folder, 'fine.pdf', buildPdf([textPage('Read after the bomb.')]));
    assert.match((await bounded.extract(after, { cacheDir: null })).pages[0]!.text, /Read after the bomb\./);
  });

  it('costs this process nothing: the decoding happened in the reader process', () => {
    assert.ok(process.memoryUsage.rss() < 1024 * 1024 * 1024, `${Math.round(process.memoryUsage.rss() / 1048576)} MB resident here`);
  });
});
