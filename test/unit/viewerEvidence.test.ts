// "Use as Evidence…" in the PDF viewer, its pure parts: a selection becomes a quote that verifies, the quote
// is written into an evidence file without touching the rest of it, and the viewer's messages are checked.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addEvidenceToYaml } from '../../src/core/corpus/evidenceWriter';
import { loadCorpus } from '../../src/core/corpus/load';
import { anchorQuote, quoteFromSelection, readableQuote } from '../../src/core/pdf';
import { extractPageTexts } from '../../src/core/pdf/pageText';
import { isHostToViewer, isViewerToHost } from '../../src/protocol/viewer';
import { challengeFile, evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';
import { buildPdf, column, fixtureDir, interleavedTwoColumnPage, writePdf } from '../support/pdfFixtures';

const projectRoot = join(__dirname, '..', '..');

const PAGE_TWO = ['Human labelers disagree on a sizeable fraction', 'of the compari-', 'sons, which bounds the accuracy of any', 'reward model trained on their ﬁnal labels.'];

async function fixturePages() {
  return extractPageTexts(writePdf(fixtureDir(), 'paper.pdf', buildPdf([{ texts: column(['Title'], 72, 720) }, { texts: column(PAGE_TWO, 72, 700) }, { texts: column(['The same words, of the comparisons, again.'], 72, 700) }])));
}

describe('a selection in the text layer becomes a quote that verifies', () => {
  it('takes the page\'s own text: lines joined, line-end hyphenation and ligatures undone, found on that page', async () => {
    const pages = await fixturePages();
    // What a text layer selection gives: the lines with line breaks, the hyphen and the ligature as printed.
    const selected = 'of the compari-\nsons, which bounds the accuracy of any\nreward model trained on their ﬁnal labels.';
    const result = quoteFromSelection(pages, 2, selected);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.quote, 'of the comparisons, which bounds the accuracy of any reward model trained on their final labels.');
    assert.equal(result.page, 2);
    const again = anchorQuote(pages, { exact: result.quote, page: 2 });
    assert.equal(again.status, 'found');
    assert.equal(again.page, 2);
  });

  it('accepts a selection whose lines the text layer ran together (no space at the line end)', async () => {
    const pages = await fixturePages();
    const result = quoteFromSelection(pages, 2, 'Human labelers disagree on a sizeable fractionof the compari-sons');
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(result.quote, /^Human labelers disagree on a sizeable fraction of the comparisons/);
    assert.equal(anchorQuote(pages, { exact: result.quote, page: 2 }).status, 'found');
  });

  it('refuses text that is not on the page it was selected on, and selections too short to mean anything', async () => {
    const pages = await fixturePages();
    const elsewhere = quoteFromSelection(pages, 1, 'which bounds the accuracy of any');
    assert.equal(elsewhere.ok, false);
    assert.equal(!elsewhere.ok && elsewhere.reason, 'not-on-page');
    const short = quoteFromSelection(pages, 2, 'labelers');
    assert.equal(!short.ok && short.reason, 'too-short');
  });

  it('refuses a selection across two columns that the extracted reading order does not join', async () => {
    const left = ['Left one: reward models are trained on human', 'Left two: comparisons between pairs of model', 'Left three: outputs, and the policy is then tuned', 'Left four: against the learned reward with PPO', 'Left five: while a KL penalty keeps it close to', 'Left six: the supervised baseline policy always.'];
    const right = ['Right one: annotators disagree with each other', 'Right two: on a sizeable fraction of the pairs', 'Right three: which bounds the accuracy that any', 'Right four: reward model can reach on held out', 'Right five: data, however large the model is and', 'Right six: however long it is trained for here.'];
    const pages = await extractPageTexts(writePdf(fixtureDir(), 'columns.pdf', buildPdf([{ texts: interleavedTwoColumnPage(left, right).texts }])));
    const result = quoteFromSelection(pages, 1, 'Left one: reward models are trained on human Right one: annotators disagree with each other');
    assert.equal(result.ok, false, `a quote must be a passage that reads in order: ${JSON.stringify(result)}`);
  });

  it('keeps quotes and dashes as printed (only the PDF\'s artefacts are undone)', () => {
    assert.equal(readableQuote('the “ﬁnal” re-\nward – of co\u00ADoperation\n'), 'the “final” reward – of cooperation');
  });
});

describe('a quote written into an evidence file', () => {
  it('keeps every bundled evidence file as written, byte for byte, when a link is added to it', () => {
    const folder = join(projectRoot, 'sources', 'evidence');
    for (const file of readdirSync(folder)) {
      const text = readFileSync(join(folder, file), 'utf8');
      const paper = file.replace(/\.yaml$/, '');
      const edit = addEvidenceToYaml(text, { paper, challenge: 'no-such-challenge', page: 1, quote: 'x', rationale: 'r' });
      assert.ok(edit.ok);
      const kept = text.replace(/links: \[\]\n$/, 'links:\n'); // a paper with no links yet gets a block list
      assert.ok(edit.text.startsWith(kept), `${file}: the existing text is kept as it was, the new link appended`);
      assert.match(edit.text.slice(kept.length), /^ {2}- challenge: "no-such-challenge"\n/);
    }
  });

  it('appends to the paper\'s link to the challenge, keeps comments and the other quotes, and loads back', async () => {
    const existing = `# my notes on this paper\n${evidenceFile('1111.00001', [{ challenge: '1', page: 2, quote: 'First quote.' }])}`;
    const quote = `He said “it’s 72% ± 2%” — and: colons, #hashes, "double" and 'single' quotes stay.`;
    const edit = addEvidenceToYaml(existing, { paper: '1111.00001', challenge: '1', page: 3, quote });
    assert.ok(edit.ok && edit.change === 'added-to-link');
    assert.ok(edit.text.startsWith('# my notes on this paper\n'));
    const root = writeCorpus({ 'papers/1111.00001.md': paperFile('1111.00001'), 'taxonomy/1.md': challengeFile('1', 'One'), 'evidence/1111.00001.yaml': edit.text });
    const corpus = await loadCorpus(root);
    assert.deepEqual(corpus.problems, []);
    assert.deepEqual(corpus.links[0]!.evidence.map((evidence) => [evidence.page, evidence.quote]), [[2, 'First quote.'], [3, quote]]);
  });

  it('adds a new link with its rationale, and refuses one without', async () => {
    const existing = evidenceFile('1111.00001', [{ challenge: '1', page: 2, quote: 'First quote.' }]);
    const refused = addEvidenceToYaml(existing, { paper: '1111.00001', challenge: '2', page: 4, quote: 'Q.' });
    assert.equal(!refused.ok && refused.reason, 'needs-rationale');
    const edit = addEvidenceToYaml(existing, { paper: '1111.00001', challenge: '2', page: 4, quote: 'Another quote.', rationale: 'It is about two.' });
    assert.ok(edit.ok && edit.change === 'new-link');
    const root = writeCorpus({ 'papers/1111.00001.md': paperFile('1111.00001'), 'taxonomy/1.md': challengeFile('1', 'One'), 'taxonomy/2.md': challengeFile('2', 'Two'), 'evidence/1111.00001.yaml': edit.text });
    const corpus = await loadCorpus(root);
    assert.deepEqual(corpus.problems, []);
    assert.deepEqual(corpus.links.map((link) => [link.challenge, link.rationale, link.evidence.length]), [['1', 'Because.', 1], ['2', 'It is about two.', 1]]);
  });

  it('starts a file for a paper that has none', async () => {
    const edit = addEvidenceToYaml(undefined, { paper: '1111.00001', challenge: '1', page: 2, quote: 'A quote.', rationale: 'Why.' });
    assert.ok(edit.ok && edit.change === 'new-file');
    const root = writeCorpus({ 'papers/1111.00001.md': paperFile('1111.00001'), 'taxonomy/1.md': challengeFile('1', 'One'), 'evidence/1111.00001.yaml': edit.text });
    assert.equal((await loadCorpus(root)).links[0]?.evidence[0]?.quote, 'A quote.');
  });

  it('refuses a duplicate, and a file that does not parse (naming the line), writing nothing', () => {
    const existing = evidenceFile('1111.00001', [{ challenge: '1', page: 2, quote: 'First quote.' }]);
    const duplicate = addEvidenceToYaml(existing, { paper: '1111.00001', challenge: '1', page: 2, quote: 'First quote.' });
    assert.equal(!duplicate.ok && duplicate.reason, 'duplicate');
    const broken = `${existing}  - challenge: "2"\n    evidence: [unclosed\n`;
    const invalid = addEvidenceToYaml(broken, { paper: '1111.00001', challenge: '1', page: 3, quote: 'New.' });
    assert.equal(!invalid.ok && invalid.reason, 'invalid-file');
    assert.ok(!invalid.ok && (invalid.line ?? 0) >= 7, JSON.stringify(invalid));
  });
});

describe('the viewer\'s messages are checked on arrival', () => {
  it('accepts the protocol\'s messages and nothing else', () => {
    assert.ok(isViewerToHost({ type: 'useAsEvidence', page: 3, text: 'A passage of text.' }));
    assert.ok(isViewerToHost({ type: 'viewChanged', page: 2, zoom: 'page-width' }));
    assert.ok(isViewerToHost({ type: 'pageRendered', page: 1, pageCount: 3, highlights: 0 }));
    for (const bad of [null, 'ready', { type: 'runCommand', command: 'workbench.action.terminal.new' }, { type: 'useAsEvidence', page: 0, text: 'x'.repeat(20) }, { type: 'useAsEvidence', page: 1.5, text: 'text' }, { type: 'useAsEvidence', page: 1, text: '   ' }, { type: 'useAsEvidence', page: 1, text: 'x'.repeat(20_001) }, { type: 'viewChanged', page: 1, zoom: 'huge' }, { type: 'pdfStarted', mode: 'gpu', ms: 1 }]) {
      assert.equal(isViewerToHost(bad), false, JSON.stringify(bad)?.slice(0, 80));
    }
    assert.ok(isHostToViewer({ type: 'document', data: new Uint8Array([37]), fileName: 'a.pdf', darkPage: 'dim', reveal: { page: 2, rects: [{ x: 1, y: 2, width: 3, height: 4 }] } }));
    assert.equal(isHostToViewer({ type: 'document', data: { 0: 37 }, fileName: 'a.pdf', darkPage: 'dim' }), false, 'bytes must be bytes');
    assert.equal(isHostToViewer({ type: 'reveal', reveal: { page: 2, rects: [{ x: 'left' }] } }), false);
  });
});

