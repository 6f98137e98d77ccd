import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import { challengeFile, evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';

const bundled = join(__dirname, '..', '..', 'sources');

describe('the bundled corpus', () => {
  it('loads without a single problem', async () => {
    const corpus = await loadCorpus(bundled);
    assert.deepEqual(corpus.problems, []);
  });

  it('has the six papers with pinned versions and PDF URLs of that version', async () => {
    const corpus = await loadCorpus(bundled);
    assert.deepEqual([...corpus.papers.keys()].sort(), ['2009.01325', '2212.08073', '2305.10403', '2307.09288', '2307.15217', '2309.00267']);
    for (const paper of corpus.papers.values()) {
      assert.equal(paper.pdfUrl, `https://arxiv.org/pdf/${paper.id}${paper.version}`, paper.id);
    }
  });

  it('has the 14 nodes of Casper et al. §3 and every leaf challenge is backed by a quote', async () => {
    const corpus = await loadCorpus(bundled);
    const ids = [...corpus.challenges.keys()].sort();
    assert.deepEqual(ids, ['3.1', '3.1.1', '3.1.2', '3.1.3', '3.1.4', '3.2', '3.2.1', '3.2.2', '3.2.3', '3.3', '3.3.1', '3.3.2', '3.3.3', '3.4']);
    const leaves = ids.filter((id) => ![...corpus.challenges.values()].some((c) => c.parent === id));
    assert.equal(leaves.length, 11);
    for (const leaf of leaves) {
      assert.ok(corpus.links.some((link) => link.challenge === leaf && link.evidence.length > 0), `challenge ${leaf} has evidence`);
    }
  });

  it('summaries are 250–500 words', async () => {
    const corpus = await loadCorpus(bundled);
    for (const paper of corpus.papers.values()) {
      const words = paper.summary.replace(/^#+ .*$/gm, '').split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 250 && words <= 520, `${paper.id}: ${words} words`);
    }
  });

  it('marks Llama 2 quotes as coming from a transcription (unverified)', async () => {
    const corpus = await loadCorpus(bundled);
    const llama = corpus.links.filter((link) => link.paper === '2307.09288').flatMap((link) => link.evidence);
    assert.ok(llama.length > 0);
    assert.ok(llama.every((evidence) => evidence.source === 'transcription'));
  });
});

describe('corpus errors name the file, line and field, and the rest still loads', () => {
  it('reports a wrong type with its line and keeps the good paper', async () => {
    const root = writeCorpus({
      'papers/1.md': paperFile('1'),
      'papers/2.md': paperFile('2', { year: 'soon' }),
    });
    const corpus = await loadCorpus(root);
    assert.deepEqual([...corpus.papers.keys()], ['1']);
    assert.equal(corpus.problems.length, 1);
    const [problem] = corpus.problems;
    assert.equal(problem!.file, join(root, 'papers', '2.md'));
    assert.equal(problem!.line, 5, 'front matter line 5 holds "year: soon"');
    assert.equal(problem!.field, 'year');
    assert.match(problem!.message, /whole number/);
    assert.equal(problem!.id, '2');
  });

  it('reports a missing field', async () => {
    const corpus = await loadCorpus(writeCorpus({ 'papers/1.md': paperFile('1', { bibtexKey: '' }) }));
    assert.match(corpus.problems[0]!.message, /required field "bibtexKey" is missing/);
  });

  it('explains an unquoted arXiv id that YAML read as a number', async () => {
    const corpus = await loadCorpus(writeCorpus({ 'papers/2009.01325.md': paperFile('2009.01325', { id: '2009.01325' }) }));
    assert.match(corpus.problems[0]!.message, /quoted string/);
    assert.equal(corpus.problems[0]!.line, 2);
  });

  it('reports invalid YAML with the file line', async () => {
    const corpus = await loadCorpus(writeCorpus({ 'papers/1.md': '---\nid: "1"\ntitle: [unclosed\n---\nBody\n' }));
    assert.match(corpus.problems[0]!.message, /invalid YAML/);
    assert.equal(corpus.problems[0]!.line, 3, 'the line of "title: [unclosed"');
  });

  it('reports a file without front matter, a misspelt field and an empty summary', async () => {
    const corpus = await loadCorpus(
      writeCorpus({
        'papers/a.md': 'Just text',
        'papers/b.md': paperFile('b', { titel: 'typo' }),
        'papers/c.md': paperFile('c', {}, ''),
      }),
    );
    const messages = corpus.problems.map((p) => p.message).join('\n');
    assert.match(messages, /must start with a YAML front matter/);
    assert.match(messages, /unknown field "titel"/);
    assert.match(messages, /summary .* is empty/);
    assert.equal(corpus.papers.size, 0);
  });

  it('keeps the good links of an evidence file when one link is broken, and reports the bad one by line', async () => {
    const root = writeCorpus({
      'papers/1.md': paperFile('1'),
      'taxonomy/1.md': challengeFile('1', 'One'),
      'taxonomy/1.1.md': challengeFile('1.1', 'One one', '1'),
      'evidence/1.yaml': 'paper: "1"\nlinks:\n  - challenge: "1.1"\n    rationale: ok\n    evidence:\n      - page: 3\n        quote: "fine"\n  - challenge: "1"\n    rationale: bad page\n    evidence:\n      - page: -2\n        quote: "x"\n',
    });
    const corpus = await loadCorpus(root);
    assert.equal(corpus.links.length, 1);
    assert.equal(corpus.problems.length, 1);
    assert.equal(corpus.problems[0]!.field, 'links[1].evidence[0].page');
    assert.equal(corpus.problems[0]!.line, 11);
  });

  it('reports links to unknown papers or challenges, duplicate ids and taxonomy cycles', async () => {
    const root = writeCorpus({
      'papers/1.md': paperFile('1'),
      'taxonomy/1.md': challengeFile('1', 'One', '2'),
      'taxonomy/2.md': challengeFile('2', 'Two', '1'),
      'evidence/1.yaml': evidenceFile('1', [{ challenge: '9' }]),
      'evidence/7.yaml': evidenceFile('7', [{ challenge: '1' }]),
    });
    const corpus = await loadCorpus(root);
    const messages = corpus.problems.map((p) => p.message).join('\n');
    assert.match(messages, /unknown challenge "9"/);
    assert.match(messages, /unknown paper "7"/);
    assert.match(messages, /cycle/);
    assert.equal(corpus.links.length, 0);
    // Both challenges still load, lifted to the top level so the tree cannot loop.
    assert.equal(corpus.challenges.size, 2);
    assert.ok([...corpus.challenges.values()].some((c) => c.parent === undefined));
  });

  it('refuses an oversized file instead of rendering it', async () => {
    const corpus = await loadCorpus(writeCorpus({ 'papers/1.md': paperFile('1', {}, 'word '.repeat(300_000)) }));
    assert.match(corpus.problems[0]!.message, /limited to 1 MB/);
  });

  it('says so when the folder holds no corpus at all', async () => {
    const corpus = await loadCorpus(join(bundled, 'does-not-exist'));
    assert.match(corpus.problems[0]!.message, /no corpus files found/);
  });
});

describe('evidence fields that must be written out', () => {
  it('reports a quote without its page as a missing required field, on the quote\'s line (never page 1)', async () => {
    const root = writeCorpus({
      'papers/1.md': paperFile('1'),
      'taxonomy/3.md': challengeFile('3', 'Challenges'),
      'taxonomy/4.md': challengeFile('4', 'More challenges'),
      'evidence/1.yaml': evidenceFile('1', [{ challenge: '3', quote: 'kept' }, { challenge: '4', quote: 'no page' }]).replace(/ {6}- page: 1\n {8}quote: "no page"/, '      - quote: "no page"'),
    });
    const corpus = await loadCorpus(root);
    assert.deepEqual(corpus.problems.map((p) => [p.line, p.field, p.message]), [[11, 'links[1].evidence[0].page', 'required field "page" is missing']]);
    assert.deepEqual(corpus.links.flatMap((link) => link.evidence.map((e) => [e.quote, e.page])), [['kept', 1]]);
  });
});
