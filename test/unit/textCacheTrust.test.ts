// Issue 9: the text cache decides whether a quote is "found", so a planted entry must never be believed,
// and a cache folder that cannot be used must fail at once with a clear message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { anchorQuote } from '../../src/core/pdf/anchor';
import { PdfTextExtractor } from '../../src/core/pdf/extractor';
import { cacheFile, CacheFolderError, ensureCacheFolder, EXTRACTOR_VERSION } from '../../src/core/pdf/textCache';
import { buildPdf, column, fixtureDir, writePdf } from '../support/pdfFixtures';
import { paperFile, evidenceFile, writeCorpus } from '../support/corpusFixture';

const workerScript = join(__dirname, '..', '..', 'dist', 'pdfWorker.js');
const bin = join(__dirname, '..', '..', 'bin', 'literature-companion.cjs');
const keyFile = join(mkdtempSync(join(tmpdir(), 'litcomp-key-')), 'text-cache.key');
const extractor = new PdfTextExtractor({ workerScript, cacheKeyFile: keyFile });
after(() => extractor.dispose());

const INVENTED = 'RLHF was proven optimal in every setting.';

/** A cache entry as an attacker would write it: right format, sha256 and extractor, invented text. */
function plantedEntry(sha256: string, extractorVersion = EXTRACTOR_VERSION): string {
  const page = { view: [0, 0, 612, 792], text: INVENTED, columnsReordered: false, items: [0, INVENTED.length, 72, 700, 300, 10] };
  return JSON.stringify({ format: 2, sha256, extractor: extractorVersion, pages: [page] });
}

describe('the text cache', () => {
  it('does not believe a planted entry: an invented quote stays not found', async () => {
    const folder = fixtureDir();
    const file = writePdf(folder, 'paper.pdf', buildPdf([{ texts: column(['Reward models are trained on comparisons.'], 72, 700) }]));
    const cacheDir = join(folder, 'cache');
    const first = await extractor.extract(file, { cacheDir });
    assert.equal((await extractor.extract(file, { cacheDir })).fromCache, true, 'the reader trusts its own entry');
    for (const forged of [plantedEntry(first.sha256), `${'0'.repeat(64)}\n${plantedEntry(first.sha256)}`]) {
      writeFileSync(cacheFile(cacheDir, first.sha256), forged);
      const again = await extractor.extract(file, { cacheDir });
      assert.equal(again.fromCache, false, 'the planted entry was not used');
      assert.equal(anchorQuote(again.pages, { exact: INVENTED, page: 1 }).status, 'not-found');
      assert.equal(anchorQuote(again.pages, { exact: 'Reward models are trained on comparisons.', page: 1 }).status, 'found');
    }
  });

  it('does not use an entry of another extractor version, even one this user signed', async () => {
    const folder = fixtureDir();
    const file = writePdf(folder, 'paper.pdf', buildPdf([{ texts: column(['Words of the real paper.'], 72, 700) }]));
    const cacheDir = join(folder, 'cache');
    const first = await extractor.extract(file, { cacheDir });
    const { createHmac } = await import('node:crypto');
    const body = plantedEntry(first.sha256, 'pdfjs-dist 1.0.0; layout 0');
    writeFileSync(cacheFile(cacheDir, first.sha256), `${createHmac('sha256', readFileSync(keyFile)).update(body).digest('hex')}\n${body}`);
    const again = await extractor.extract(file, { cacheDir });
    assert.equal(again.fromCache, false);
    assert.match(again.pages[0]!.text, /Words of the real paper\./);
  });

  it('names the text engine and its version it was built with', () => {
    const pinned = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).dependencies['@embedpdf/pdfium'];
    assert.ok(EXTRACTOR_VERSION.startsWith(`@embedpdf/pdfium ${pinned} `), `${EXTRACTOR_VERSION} vs @embedpdf/pdfium ${pinned}: bump EXTRACTOR_VERSION with PDFium`);
  });

  it('fails at once, naming the folder, when the cache folder cannot be made', { skip: existsSync('/proc/self') ? false : 'needs /proc' }, async () => {
    await assert.rejects(ensureCacheFolder('/proc/nope/text'), (error: Error) => {
      assert.ok(error instanceof CacheFolderError);
      assert.match(error.message, /the cache folder \/proc\/nope\/text cannot be created \(\w+ at \/proc\/nope\); choose a folder you can write/);
      return true;
    });
    const file = writePdf(fixtureDir(), 'paper.pdf', buildPdf([{ texts: column(['Text.'], 72, 700) }]));
    await assert.rejects(extractor.extract(file, { cacheDir: '/proc/nope' }), CacheFolderError);
  });

  it('makes the CLI exit 1 with one clear line for excerpt … --cache /proc/nope (it used to spin forever)', { skip: existsSync('/proc/self') ? false : 'needs /proc' }, () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1'), 'taxonomy/3.md': '---\nid: "3"\ntitle: T\n---\nT.\n', 'evidence/1.yaml': evidenceFile('1', [{ challenge: '3' }]) });
    const pdfs = fixtureDir();
    writePdf(pdfs, '1.pdf', buildPdf([{ texts: column(['A quote.'], 72, 700) }]));
    const result = spawnSync(process.execPath, [bin, 'excerpt', '--paper', '1', '--quote', 'A quote.', '--corpus', root, '--pdfs', pdfs, '--cache', '/proc/nope'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 1, `status ${result.status} signal ${result.signal}: ${result.stderr}`);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /--cache: the cache folder \/proc\/nope cannot be created/);
  });

  it('keeps its key outside the cache folder, readable by this user only', () => {
    assert.ok(existsSync(keyFile));
    if (process.platform !== 'win32') assert.equal(spawnSync('stat', ['-c', '%a', keyFile], { encoding: 'utf8' }).stdout.trim(), '600');
  });
});
