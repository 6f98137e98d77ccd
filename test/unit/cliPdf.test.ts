import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';
import { buildPdf, column, fixtureDir, writePdf } from '../support/pdfFixtures';
import { runCli } from '../support/cli';

const run = runCli;

/** A corpus of two papers: "1" whose PDF is present (quotes found, misplaced, missing) and "2" without a PDF. */
function setUp(quoteOnPageOne = 'Reward models are trained on comparisons.') {
  const root = writeCorpus({
    'papers/1.md': paperFile('1'),
    'papers/2.md': paperFile('2'),
    'taxonomy/3.md': '---\nid: "3"\ntitle: Challenges\nproblems: []\n---\nThe challenges.\n',
    'evidence/1.yaml': evidenceFile('1', [{ challenge: '3', page: 1, quote: quoteOnPageOne }]),
    'evidence/2.yaml': 'paper: "2"\nlinks:\n  - challenge: "3"\n    rationale: Because.\n    evidence:\n      - page: 4\n        quote: "Transcribed words."\n        source: transcription\n',
  });
  const pdfs = fixtureDir();
  writePdf(pdfs, '1.pdf', buildPdf([{ texts: column(['Reward models are trained on comparisons.', 'They are then used as the reward for RL.'], 72, 700) }, { texts: column(['A second page about overoptimization.'], 72, 700) }]));
  return { root, pdfs, cache: join(pdfs, 'cache') };
}

describe('literature-companion verify', () => {
  it('reports each quote, unverified when its PDF is missing, and exits 0 when every present quote is at its page', () => {
    const { root, pdfs, cache } = setUp();
    const result = run('verify', '--corpus', root, '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.deepEqual(json.quotes.map((q: { paper: string; status: string; label: string }) => [q.paper, q.status, q.label]), [
      ['1', 'found', 'found'],
      ['2', 'pdf-missing', 'unverified (PDF missing)'],
    ]);
    assert.deepEqual(json.summary, { total: 2, found: 1, foundElsewhere: 0, notFound: 0, pdfMissing: 1, pdfError: 0, approximate: 0 });
  });

  it('exits 1 and says where a quote is when it is on another page than stated', () => {
    const { root, pdfs, cache } = setUp('A second page about overoptimization.');
    const result = run('verify', '--corpus', root, '--pdfs', pdfs, '--cache', cache);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^paper +challenge +page +result +quote$/m, "an aligned table with a header");
    assert.match(result.stdout, /p\.1 +found elsewhere \(p\.2\) +“A second page/);
    assert.match(result.stdout, /2 quotes: 0 found at their page, 1 found on another page, 0 not found, 1 unverified \(PDF missing\)/);
  });

  it('labels a quote found only approximately with its score, in JSON and in text, and fails: it is not verbatim', () => {
    const { root, pdfs, cache } = setUp('Reward models are trianed on comparisons.');
    const json = run('verify', '--corpus', root, '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(json.status, 1);
    assert.equal(JSON.parse(json.stdout).summary.approximate, 1);
    const [verdict] = JSON.parse(json.stdout).quotes;
    assert.deepEqual([verdict.status, verdict.method], ['found', 'fuzzy']);
    assert.match(verdict.label, /^found approximately \(score 0\.9\d\)$/);
    assert.match(run('verify', '--corpus', root, '--pdfs', pdfs, '--cache', cache).stdout, /p\.1 +found approximately \(score 0\.9\d\) +“Reward models are trianed/);
  });

  it('exits 1 when a quote is not in its PDF', () => {
    const { root, pdfs, cache } = setUp('Words the paper never wrote.');
    const result = run('verify', '--corpus', root, '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(result.status, 1);
    assert.equal(JSON.parse(result.stdout).quotes[0].status, 'not-found');
  });

  it('reports an unreadable PDF, naming it, and exits 1', () => {
    const { root, pdfs, cache } = setUp();
    writePdf(pdfs, '1.pdf', '<html>oops</html>');
    const result = run('verify', '--corpus', root, '--pdfs', pdfs, '--cache', cache);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /1\.pdf: this is not a PDF/);
    assert.match(result.stdout, /PDF unreadable/);
  });
});

describe('literature-companion excerpt', () => {
  it('prints {paper, page, status, text} with the paragraph around the quote', () => {
    const { root, pdfs, cache } = setUp();
    const result = run('excerpt', '--corpus', root, '--paper', '1', '--quote', 'trained on comparisons', '--page', '1', '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { paper: '1', page: 1, status: 'found', text: 'Reward models are trained on comparisons. They are then used as the reward for RL.' });
  });

  it('says found-elsewhere when the stated page is wrong', () => {
    const { root, pdfs, cache } = setUp();
    const result = run('excerpt', '--corpus', root, '--paper', '1', '--quote', 'about overoptimization', '--page', '1', '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { paper: '1', page: 2, status: 'found-elsewhere', text: 'A second page about overoptimization.' });
  });

  it('exits 1 with a clear message for an unknown paper or a missing PDF', () => {
    const { root, pdfs, cache } = setUp();
    const unknown = run('excerpt', '--corpus', root, '--paper', '9', '--quote', 'x', '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /unknown paper "9"; known papers: /);
    const missing = run('excerpt', '--corpus', root, '--paper', '2', '--quote', 'x', '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no PDF for paper 2: .*2\.pdf does not exist/);
    assert.equal(missing.stdout, '');
  });

  it('says once, on stderr, that a quote is not found (it used to say it on both streams)', () => {
    const { root, pdfs, cache } = setUp();
    const result = run('excerpt', '--corpus', root, '--paper', '1', '--quote', 'never written', '--page', '1', '--pdfs', pdfs, '--cache', cache);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(`${result.stdout}${result.stderr}`.match(/not found/g)?.length, 1, result.stderr);
    assert.match(result.stderr, /^literature-companion: the quote was not found in .*1\.pdf \(stated page 1\)\n$/);
  });

  it('says "found approximately" with the score for a quote with a slip, in text and in JSON', () => {
    const { root, pdfs, cache } = setUp();
    const quote = 'Reward models are trianed on comparisons.';
    const text = run('excerpt', '--corpus', root, '--paper', '1', '--quote', quote, '--page', '1', '--pdfs', pdfs, '--cache', cache);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^1 p\.1: found approximately \(score 0\.9\d\)\n/);
    const json = JSON.parse(run('excerpt', '--corpus', root, '--paper', '1', '--quote', quote, '--page', '1', '--pdfs', pdfs, '--cache', cache, '--json').stdout);
    assert.equal(json.status, 'found');
    assert.ok(json.score > 0.9 && json.score < 1, String(json.score));
    const exact = JSON.parse(run('excerpt', '--corpus', root, '--paper', '1', '--quote', 'Reward models are trained on comparisons.', '--page', '1', '--pdfs', pdfs, '--cache', cache, '--json').stdout);
    assert.equal('score' in exact, false, 'an exact match has no score to report');
  });

  it('reports a quote across the page break with both pages', () => {
    const { root, pdfs, cache } = setUp();
    const quote = 'used as the reward for RL. A second page about';
    const json = JSON.parse(run('excerpt', '--corpus', root, '--paper', '1', '--quote', quote, '--page', '1', '--pdfs', pdfs, '--cache', cache, '--json').stdout);
    assert.deepEqual([json.status, json.page, json.pages], ['found', 1, [1, 2]]);
    const text = run('excerpt', '--corpus', root, '--paper', '1', '--quote', quote, '--page', '1', '--pdfs', pdfs, '--cache', cache);
    assert.match(text.stdout, /^1 pp\.1–2: found\n/);
  });

  it('exits 1 when the quote is not in the PDF, still printing the JSON', () => {
    const { root, pdfs, cache } = setUp();
    const result = run('excerpt', '--corpus', root, '--paper', '1', '--quote', 'never written', '--pdfs', pdfs, '--cache', cache, '--json');
    assert.equal(result.status, 1);
    assert.deepEqual(JSON.parse(result.stdout), { paper: '1', page: null, status: 'not-found', text: '' });
  });
});
