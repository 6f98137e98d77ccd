import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DownloadError, downloadPaperPdf, inspectLocalPdf, installLocalPdf, isAllowedRedirect, pinnedDownloadUrl, type DownloadOptions } from '../../src/core/download';
import { buildPdf, column, fixtureDir } from '../support/pdfFixtures';
import { startPdfServer, type PdfServer } from '../support/pdfServer';

const PDF = buildPdf([{ texts: column(['A small paper about reward models.', 'It has a second line of text.'], 72, 700) }, { texts: column(['Page two.'], 72, 700) }]);
const PDF_SHA = createHash('sha256').update(PDF).digest('hex');
const BIG = Buffer.concat([PDF, Buffer.alloc(200_000, 0x20)]);

const paper = (id: string, version = 'v1') => ({ id, version, pdfUrl: `https://arxiv.org/pdf/${id}${version}` });

async function rejectsWith(promise: Promise<unknown>, kind: DownloadError['kind'], message?: RegExp): Promise<DownloadError> {
  const error = await promise.then(
    () => assert.fail(`expected a ${kind} error, the download succeeded`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof DownloadError, `expected a DownloadError, got ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
  if (message) assert.match(error.message, message);
  return error;
}

/** The folder holds exactly these names: no `<id>.pdf` from a failed download, no `.part` file. */
function assertFolder(dir: string, names: string[]): void {
  assert.deepEqual(readdirSync(dir).sort(), names.sort());
}

describe('pinned download URLs', () => {
  it('accepts exactly https://arxiv.org/pdf/<id><version> for the paper it belongs to', () => {
    assert.equal(pinnedDownloadUrl(paper('2009.01325', 'v3')).href, 'https://arxiv.org/pdf/2009.01325v3');
  });

  it('refuses other schemes, hosts, paths, queries, ids and versions', () => {
    const bad = [
      'http://arxiv.org/pdf/2009.01325v3',
      'https://evil.example/pdf/2009.01325v3',
      'https://arxiv.org.evil.example/pdf/2009.01325v3',
      'https://arxiv.org/pdf/2009.01325v3?x=1',
      'https://arxiv.org/pdf/2009.01325v3#frag',
      'https://arxiv.org/pdf/2009.01325',
      'https://arxiv.org/pdf/2009.01325v2',
      'https://arxiv.org/pdf/2009.01326v3',
      'https://user@arxiv.org/pdf/2009.01325v3',
      'https://arxiv.org:8443/pdf/2009.01325v3',
      'https://arxiv.org/abs/2009.01325v3',
      'file:///etc/passwd',
    ];
    for (const pdfUrl of bad) {
      assert.throws(() => pinnedDownloadUrl({ id: '2009.01325', version: 'v3', pdfUrl }), (error: unknown) => error instanceof DownloadError && error.kind === 'not-allowed' && /only the pinned arXiv address https:\/\/arxiv\.org\/pdf\/2009\.01325v3/.test(error.message), pdfUrl);
    }
  });

  it('maps to a test origin only when it is http://127.0.0.1:PORT', () => {
    assert.equal(pinnedDownloadUrl(paper('1111.00001'), { testOrigin: 'http://127.0.0.1:4321' }).href, 'http://127.0.0.1:4321/pdf/1111.00001v1');
    for (const testOrigin of ['http://example.com:80', 'https://127.0.0.1:4321', 'http://127.0.0.1:4321/x', 'http://localhost:4321', 'http://127.0.0.2:1']) {
      assert.throws(() => pinnedDownloadUrl(paper('1111.00001'), { testOrigin }), /not http:\/\/127\.0\.0\.1:PORT/, testOrigin);
    }
  });

  it('follows redirects only to the same file over https on arXiv', () => {
    const from = new URL('https://arxiv.org/pdf/2009.01325v3');
    assert.ok(isAllowedRedirect(from, new URL('https://export.arxiv.org/pdf/2009.01325v3')));
    assert.ok(isAllowedRedirect(from, new URL('https://arxiv.org/pdf/2009.01325v3.pdf')));
    assert.ok(!isAllowedRedirect(from, new URL('http://arxiv.org/pdf/2009.01325v3')));
    assert.ok(!isAllowedRedirect(from, new URL('https://evil.example/pdf/2009.01325v3')));
    assert.ok(!isAllowedRedirect(from, new URL('https://arxiv.org/pdf/2009.01325v2')));
  });
});

describe('downloadPaperPdf against a local server', () => {
  let server: PdfServer;
  const options = (extra: Partial<DownloadOptions> = {}): DownloadOptions => ({ targetDir: fixtureDir(), testOrigin: server.origin, ...extra });

  before(async () => {
    server = await startPdfServer({
      '/pdf/1111.00001v1': { kind: 'file', body: PDF },
      '/pdf/1111.00002v1': { kind: 'file', body: PDF, contentLength: false },
      '/pdf/1111.00003v1': { kind: 'drop', body: BIG, after: 50_000 },
      '/pdf/1111.00004v1': { kind: 'file', body: BIG },
      '/pdf/1111.00005v1': { kind: 'file', body: BIG, contentLength: false },
      '/pdf/1111.00006v1': { kind: 'stall', body: BIG, after: 2_000 },
      '/pdf/1111.00007v1': { kind: 'file', body: Buffer.from('<!DOCTYPE html><html><body>Please wait…</body></html>') },
      '/pdf/1111.00008v1': { kind: 'redirect', location: '/pdf/1111.00008v1.pdf' },
      '/pdf/1111.00008v1.pdf': { kind: 'file', body: PDF },
      '/pdf/1111.00009v1': { kind: 'redirect', location: 'http://127.0.0.1:1/pdf/1111.00009v1' },
      '/pdf/1111.00010v1': { kind: 'status', status: 503 },
    });
  });
  after(() => server.close());

  it('streams the PDF to <id>.pdf with the right bytes, reports progress, and checks the sha256', async () => {
    const progress: number[] = [];
    const dir = fixtureDir();
    const result = await downloadPaperPdf(paper('1111.00001'), { ...options(), targetDir: dir, sha256: PDF_SHA.toUpperCase(), onProgress: (p) => progress.push(p.receivedBytes) });
    assert.equal(result.file, join(dir, '1111.00001.pdf'));
    assert.equal(result.sha256, PDF_SHA);
    assert.equal(result.bytes, PDF.length);
    assert.ok(readFileSync(result.file).equals(PDF));
    assert.equal(progress.at(-1), PDF.length);
    assertFolder(dir, ['1111.00001.pdf']);
  });

  it('downloads without Content-Length and without a known hash', async () => {
    const dir = fixtureDir();
    const result = await downloadPaperPdf(paper('1111.00002'), { ...options(), targetDir: dir });
    assert.ok(readFileSync(result.file).equals(PDF));
  });

  it('follows a redirect to the same file on the same origin', async () => {
    const result = await downloadPaperPdf(paper('1111.00008'), options());
    assert.ok(readFileSync(result.file).equals(PDF));
  });

  it('discards a file whose sha256 differs from the pinned one', async () => {
    const dir = fixtureDir();
    const error = await rejectsWith(downloadPaperPdf(paper('1111.00001'), { ...options(), targetDir: dir, sha256: 'ab'.repeat(32) }), 'hash-mismatch', /not the pinned abab.*discarded/);
    assert.equal(error.details.actualSha256, PDF_SHA);
    assertFolder(dir, []);
  });

  it('reports HTTP 404 and 503 with advice, leaving nothing', async () => {
    const dir = fixtureDir();
    const missing = await rejectsWith(downloadPaperPdf(paper('1111.09999'), { ...options(), targetDir: dir }), 'http', /HTTP 404.*pinned version may not exist/);
    assert.equal(missing.details.status, 404);
    await rejectsWith(downloadPaperPdf(paper('1111.00010'), { ...options(), targetDir: dir }), 'http', /HTTP 503.*try again later/);
    assertFolder(dir, []);
  });

  it('reports a connection dropped mid-body, leaving no partial file', async () => {
    const dir = fixtureDir();
    const error = await rejectsWith(downloadPaperPdf(paper('1111.00003'), { ...options(), targetDir: dir }), 'connection-dropped', /dropped.*nothing was saved/);
    assert.ok(error.details.receivedBytes! > 0 && error.details.receivedBytes! < BIG.length, error.message);
    assert.match(error.message, /dropped after .* of 196\./);
    assertFolder(dir, []);
  });

  it('refuses a file over the size cap from its Content-Length, before writing anything', async () => {
    const dir = fixtureDir();
    await rejectsWith(downloadPaperPdf(paper('1111.00004'), { ...options(), targetDir: dir, maxBytes: 100_000 }), 'too-large', /larger than the 97\.7 kB limit/);
    assertFolder(dir, []);
  });

  it('stops a body without Content-Length once it passes the size cap', async () => {
    const dir = fixtureDir();
    await rejectsWith(downloadPaperPdf(paper('1111.00005'), { ...options(), targetDir: dir, maxBytes: 100_000 }), 'too-large');
    assertFolder(dir, []);
  });

  it('times out when the server stops sending, leaving no partial file', async () => {
    const dir = fixtureDir();
    const error = await rejectsWith(downloadPaperPdf(paper('1111.00006'), { ...options(), targetDir: dir, idleTimeoutMs: 300 }), 'timeout', /No data from 127\.0\.0\.1:\d+ for 300 ms/);
    assert.equal(error.details.timeoutMs, 300);
    assertFolder(dir, []);
  });

  it('applies the total timeout too', async () => {
    const dir = fixtureDir();
    await rejectsWith(downloadPaperPdf(paper('1111.00006'), { ...options(), targetDir: dir, totalTimeoutMs: 300 }), 'timeout', /took longer than 300 ms/);
    assertFolder(dir, []);
  });

  it('cancels through an AbortSignal mid-body, leaving no partial file', async () => {
    const dir = fixtureDir();
    const controller = new AbortController();
    const download = downloadPaperPdf(paper('1111.00006'), { ...options(), targetDir: dir, signal: controller.signal, onProgress: () => controller.abort() });
    await rejectsWith(download, 'cancelled', /cancelled; nothing was saved/);
    assertFolder(dir, []);
  });

  it('does not start when the signal is already aborted', async () => {
    const before = server.requests.length;
    await rejectsWith(downloadPaperPdf(paper('1111.00001'), { ...options(), signal: AbortSignal.abort() }), 'cancelled');
    assert.equal(server.requests.length, before);
  });

  it('refuses an HTML page served in place of the PDF', async () => {
    const dir = fixtureDir();
    await rejectsWith(downloadPaperPdf(paper('1111.00007'), { ...options(), targetDir: dir }), 'not-pdf', /did not send a PDF.*began with "<!DOCTYPE html>/);
    assertFolder(dir, []);
  });

  it('refuses a redirect to another origin', async () => {
    const dir = fixtureDir();
    await rejectsWith(downloadPaperPdf(paper('1111.00009'), { ...options(), targetDir: dir }), 'not-allowed', /not the pinned arXiv PDF/);
    assertFolder(dir, []);
  });

  it('reports a server that cannot be reached as offline', async () => {
    const dir = fixtureDir();
    const error = await rejectsWith(downloadPaperPdf(paper('1111.00001'), { targetDir: dir, testOrigin: 'http://127.0.0.1:1' }), 'offline', /Could not reach 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    assert.equal(error.details.code, 'ECONNREFUSED');
    assertFolder(dir, []);
  });

  it('never fetches a URL outside the allow-list', async () => {
    const before = server.requests.length;
    await rejectsWith(downloadPaperPdf({ id: '1111.00001', version: 'v1', pdfUrl: `${server.origin}/pdf/1111.00001v1` }, { targetDir: fixtureDir() }), 'not-allowed');
    assert.equal(server.requests.length, before);
  });

  it('leaves an existing <id>.pdf alone unless asked to overwrite', async () => {
    const dir = fixtureDir();
    writeFileSync(join(dir, '1111.00001.pdf'), 'mine');
    await rejectsWith(downloadPaperPdf(paper('1111.00001'), { ...options(), targetDir: dir }), 'exists');
    assert.equal(readFileSync(join(dir, '1111.00001.pdf'), 'utf8'), 'mine');
    assertFolder(dir, ['1111.00001.pdf']);
    await downloadPaperPdf(paper('1111.00001'), { ...options(), targetDir: dir, overwrite: true });
    assert.ok(readFileSync(join(dir, '1111.00001.pdf')).equals(PDF));
  });

  it('creates the target folder when it is missing', async () => {
    const dir = join(fixtureDir(), 'nested', 'pdf');
    const result = await downloadPaperPdf(paper('1111.00001'), { ...options(), targetDir: dir });
    assert.ok(existsSync(result.file));
  });
});

describe('attaching a local PDF', () => {
  it('checks the header and hashes the file', async () => {
    const dir = fixtureDir();
    const file = join(dir, 'paper.pdf');
    writeFileSync(file, PDF);
    assert.deepEqual(await inspectLocalPdf(file), { file, sha256: PDF_SHA, bytes: PDF.length });
  });

  it('refuses a file that is not a PDF, or is empty, naming it', async () => {
    const dir = fixtureDir();
    writeFileSync(join(dir, 'notes.txt'), 'just some notes');
    writeFileSync(join(dir, 'empty.pdf'), '');
    await rejectsWith(inspectLocalPdf(join(dir, 'notes.txt')), 'not-pdf', /notes\.txt is not a PDF \(no %PDF- header/);
    await rejectsWith(inspectLocalPdf(join(dir, 'empty.pdf')), 'not-pdf', /empty\.pdf is not a PDF \(the file is empty\)/);
    await rejectsWith(inspectLocalPdf(join(dir, 'missing.pdf')), 'write-failed', /Could not read .*missing\.pdf \(ENOENT\)/);
  });

  it('copies to <id>.pdf through a temporary file, never replacing a different file unless asked', async () => {
    const source = join(fixtureDir(), 'paper.pdf');
    writeFileSync(source, PDF);
    const target = fixtureDir();
    const installed = await installLocalPdf(source, target, '1111.00001', { sha256: PDF_SHA });
    assert.ok(readFileSync(installed.file).equals(PDF));
    assertFolder(target, ['1111.00001.pdf']);
    writeFileSync(installed.file, 'older');
    await rejectsWith(installLocalPdf(source, target, '1111.00001'), 'exists');
    assert.equal(readFileSync(installed.file, 'utf8'), 'older');
    await installLocalPdf(source, target, '1111.00001', { overwrite: true });
    assert.ok(readFileSync(installed.file).equals(PDF));
    assertFolder(target, ['1111.00001.pdf']);
  });

  it('refuses a file that changed since it was inspected, and ids that are paths', async () => {
    const source = join(fixtureDir(), 'paper.pdf');
    writeFileSync(source, PDF);
    const target = fixtureDir();
    await rejectsWith(installLocalPdf(source, target, '1111.00001', { sha256: 'cd'.repeat(32) }), 'hash-mismatch', /changed while it was being copied/);
    await rejectsWith(installLocalPdf(source, target, '../escape'), 'not-allowed');
    assertFolder(target, []);
  });
});
