import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import { formatProblem } from '../../src/core/corpus/model';
import { buildSearchIndex, Lexicon } from '../../src/core/search';
import { challengeFile, evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';

const bundled = join(__dirname, '..', '..', 'sources');

/** A one-paper corpus whose only quote is about "calibration"; `lexicon` is its lexicon/terms.yaml, if any. */
function corpusWith(lexicon?: string): string {
  const root = writeCorpus({
    'papers/2101.00001.md': paperFile('2101.00001'),
    'taxonomy/3.1.md': challengeFile('3.1', 'Challenges'),
    'evidence/2101.00001.yaml': evidenceFile('2101.00001', [{ challenge: '3.1', page: 4, quote: 'Soft labels from the feedback model are well calibrated.' }]),
  });
  if (lexicon !== undefined) {
    mkdirSync(join(root, 'lexicon'));
    writeFileSync(join(root, 'lexicon', 'terms.yaml'), lexicon);
  }
  return root;
}

describe('the Russian → English lexicon is corpus data', () => {
  it('the bundled lexicon loads from sources/lexicon with no problem and translates a talk phrase', async () => {
    const corpus = await loadCorpus(bundled);
    assert.deepEqual(corpus.problems.filter((problem) => problem.kind === 'lexicon'), []);
    assert.ok((corpus.lexicon?.length ?? 0) > 150, `only ${corpus.lexicon?.length} terms`);
    const lexicon = new Lexicon(corpus.lexicon!);
    const index = buildSearchIndex(corpus, new Map());
    const terms = index.queryTerms('модель вознаграждения');
    assert.deepEqual(terms.map((term) => term.stem), ['reward', 'model'], 'the phrase, not its words one by one');
    assert.ok(lexicon.size > 150);
  });

  it("a person's corpus carries its own terms: they translate queries, on top of the bundled ones", async () => {
    const root = corpusWith('terms:\n  калиброванный: [calibrated, calibration]\n');
    const query = 'мягкие метки хорошо калиброваны';
    const without = buildSearchIndex(await loadCorpus(corpusWith()), new Map());
    assert.equal(without.search(query, { top: 1 }).length, 0, 'no lexicon: a Russian query finds nothing in English text');
    const corpus = await loadCorpus(root, { baseLexicon: join(bundled, 'lexicon') });
    assert.deepEqual(corpus.problems, []);
    const hits = buildSearchIndex(corpus, new Map()).search(query, { top: 1, explain: true });
    assert.deepEqual([hits[0]?.paper, hits[0]?.page], ['2101.00001', 4]);
    const words = hits[0]!.matched!.map((term) => term.word);
    assert.ok(words.includes('calibrated'), `own term: ${words}`);
    assert.ok(words.includes('labels'), `bundled term (метка → label): ${words}`);
  });

  it("a later file's entry for the same phrase overrides the bundled rendering; in one file they add up", () => {
    const word = [{ stem: 'политик', russian: true, word: 'политика' }];
    const twoFiles = new Lexicon([
      { russian: 'политика', english: ['policy'], file: 'bundled.yaml' },
      { russian: 'политики', english: ['politics'], file: 'mine.yaml' },
    ]);
    assert.deepEqual(twoFiles.translate(word).map((term) => term.stem), ['polit']);
    const oneFile = new Lexicon([
      { russian: 'политика', english: ['policy'], file: 'bundled.yaml' },
      { russian: 'политики', english: ['politics'], file: 'bundled.yaml' },
    ]);
    assert.deepEqual(oneFile.translate(word).map((term) => term.stem), ['polici', 'polit']);
  });

  it('reports each bad entry with its file and line, and keeps the good ones', async () => {
    const root = corpusWith(['terms:', '  награда: reward', '  summary: резюме', '  модель: []', '  и: and', '  оценка: оценивать', '  калибровка: calibration', ''].join('\n'));
    const corpus = await loadCorpus(root);
    const problems = corpus.problems.map(formatProblem);
    const file = join(root, 'lexicon', 'terms.yaml');
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0]!, new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}:3 \\(terms\\.summary\\): "summary" is not Russian`));
    assert.match(problems[1]!, /terms\.yaml:4 \(terms\.модель\): the English side of "модель" must be a word or phrase/);
    assert.match(problems[2]!, /terms\.yaml:5 \(terms\.и\): "и" has only stop words/);
    assert.match(problems[3]!, /terms\.yaml:6 \(terms\.оценка\): the English side of "оценка" contains Cyrillic/);
    assert.ok(corpus.problems.every((problem) => problem.kind === 'lexicon'));
    assert.deepEqual(corpus.lexicon!.map((entry) => [entry.russian, entry.line]), [['награда', 2], ['калибровка', 7]]);
  });

  it('reports invalid YAML and a file without terms by line, and the rest of the corpus still loads', async () => {
    const broken = await loadCorpus(corpusWith('terms:\n  награда: reward\n  награда: prize\n'));
    assert.equal(broken.problems.length, 1);
    assert.match(formatProblem(broken.problems[0]!), /terms\.yaml:3: invalid YAML: Map keys must be unique/);
    assert.equal(broken.papers.size, 1);
    const empty = await loadCorpus(corpusWith('награда: reward\n'));
    assert.match(formatProblem(empty.problems[0]!), /terms\.yaml(:1)? \(terms\): expected "terms:"/);
  });
});
