import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findInTalk, formatClaimProblem, loadClaims, stripLineMarkup } from '../../src/core/claims';
import { loadCorpus } from '../../src/core/corpus/load';
import { paperFile, writeCorpus } from '../support/corpusFixture';

function writeClaims(yaml: string, talk?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'litcomp-claims-'));
  if (talk !== undefined) writeFileSync(join(dir, 'talk.md'), talk);
  const file = join(dir, 'claims.yaml');
  writeFileSync(file, yaml);
  return file;
}

const claim = (id: string, extra = '') => `  - id: ${id}
    text: "RLAIF wins"
    gloss: RLAIF wins.
    verdict: supports
    rationale: Because.
    evidence:
      - paper: "1"
        version: v1
        page: 2
        quote: "A quote."${extra}
`;

describe('claims loader', () => {
  it('loads claims with their evidence; source defaults to pdf', async () => {
    const { claims, problems } = await loadClaims(writeClaims(`claims:\n${claim('one')}`));
    assert.deepEqual(problems, []);
    assert.equal(claims.length, 1);
    assert.deepEqual(claims[0]!.evidence, [{ paper: '1', version: 'v1', page: 2, quote: 'A quote.', source: 'pdf' }]);
    assert.equal(claims[0]!.line, 2);
  });

  it('reports a malformed claim with file, line and field, and still loads the others', async () => {
    const file = writeClaims(`claims:\n${claim('good')}${claim('bad').replace('page: 2', 'page: two')}`);
    const { claims, problems } = await loadClaims(file);
    assert.deepEqual(claims.map((c) => c.id), ['good']);
    assert.equal(problems.length, 1);
    assert.deepEqual({ ...problems[0] }, { file, line: 20, field: 'claims[1].evidence[0].page', message: '"page" must be a whole number from 1 to 100000, found text "two"', id: 'bad' });
    assert.equal(formatClaimProblem(problems[0]!), `${file}:20 (claims[1].evidence[0].page): "page" must be a whole number from 1 to 100000, found text "two"`);
  });

  it('rejects an unknown verdict, an unknown field and a duplicate id', async () => {
    const yaml = `claims:\n${claim('a').replace('verdict: supports', 'verdict: refutes')}${claim('b', '\n        pages: 3')}${claim('c')}${claim('c')}`;
    const { claims, problems } = await loadClaims(writeClaims(yaml));
    assert.deepEqual(claims.map((c) => c.id), ['c']);
    assert.deepEqual(problems.map((p) => p.field), ['claims[0].verdict', 'claims[1].evidence[0].pages', 'claims[3].id']);
    assert.match(problems[0]!.message, /one of supports, partially-supports, contradicts, not-addressed/);
    assert.match(problems[2]!.message, /duplicate id "c"/);
  });

  it('reads each of the four verdicts as written, and nothing else', async () => {
    const verdicts = ['supports', 'partially-supports', 'contradicts', 'not-addressed'];
    const yaml = `claims:\n${verdicts.map((verdict) => claim(verdict).replace('verdict: supports', `verdict: ${verdict}`)).join('')}`;
    const { claims, problems } = await loadClaims(writeClaims(yaml));
    assert.deepEqual(problems, []);
    assert.deepEqual(claims.map((c) => [c.id, c.verdict]), verdicts.map((verdict) => [verdict, verdict]));
    for (const wrong of ['Supports', 'partially supports', 'refuted', '']) {
      const { claims: none, problems: bad } = await loadClaims(writeClaims(`claims:\n${claim('x').replace('verdict: supports', `verdict: "${wrong}"`)}`));
      assert.deepEqual(none, [], wrong);
      assert.deepEqual(bad.map((p) => [p.field, p.line]), [['claims[0].verdict', 5]], wrong);
    }
  });

  it('requires evidence unless the verdict is not-addressed', async () => {
    const base = `claims:\n  - id: x\n    text: t\n    gloss: g\n    rationale: r\n    evidence: []\n`;
    assert.deepEqual((await loadClaims(writeClaims(`${base}    verdict: not-addressed\n`))).problems, []);
    const { problems } = await loadClaims(writeClaims(`${base}    verdict: contradicts\n`));
    assert.equal(problems[0]!.field, 'claims[0].evidence');
  });

  it('reports invalid YAML with its line, and a missing file', async () => {
    const file = writeClaims('claims:\n  - id: a\n    text: "unclosed\n');
    const { claims, problems } = await loadClaims(file);
    assert.deepEqual(claims, []);
    assert.equal(problems[0]!.file, file);
    // The quote opens on line 3 and runs to the end of the file, where its closing quote was expected.
    assert.equal(problems[0]!.line, 4);
    assert.match(problems[0]!.message, /invalid YAML/);
    assert.match((await loadClaims(join(tmpdir(), 'no-such-claims.yaml'))).problems[0]!.message, /the file does not exist/);
  });

  it('with a corpus, reports evidence of an unknown paper or an unpinned version and leaves it out', async () => {
    const corpus = await loadCorpus(writeCorpus({ 'papers/1.md': paperFile('1') }));
    const yaml = `claims:\n${claim('known')}${claim('unknown').replace('paper: "1"', 'paper: "9999.00001"')}${claim('old').replace('version: v1', 'version: v2')}`;
    const file = writeClaims(yaml);
    const { claims, problems } = await loadClaims(file, corpus);
    assert.deepEqual(claims.map((c) => [c.id, c.evidence.length]), [['known', 1], ['unknown', 0], ['old', 0]]);
    assert.deepEqual(problems.map((p) => [p.id, p.line, p.field]), [['unknown', 18, 'claims[1].evidence[0].paper'], ['old', 29, 'claims[2].evidence[0].version']]);
    assert.match(problems[0]!.message, /unknown paper "9999\.00001"/);
    assert.match(problems[1]!.message, /not the pinned version of 1 \(v1\)/);
  });

  it('checks that each claim is a verbatim span of one line of its talk', async () => {
    const talk = '# Talk\n\n- \\+ RLAIF wins\n- RLHF\n  wins\n';
    const ok = await loadClaims(writeClaims(`talk: talk.md\nclaims:\n${claim('a')}`, talk));
    assert.deepEqual(ok.problems, []);
    const spansLines = await loadClaims(writeClaims(`talk: talk.md\nclaims:\n${claim('a').replace('RLAIF wins', 'RLHF wins')}`, talk));
    assert.deepEqual(spansLines.problems.map((p) => [p.field, p.line]), [['claims[0].text', 4]]);
    const noTalk = await loadClaims(writeClaims(`talk: missing.md\nclaims:\n${claim('a')}`));
    assert.deepEqual(noTalk.problems.map((p) => [p.field, p.line]), [['talk', 1]]);
    assert.deepEqual(findInTalk(talk, 'RLAIF wins'), { line: 3, column: 5 });
  });
});

describe('where a claim sits in its talk', () => {
  // Each case: the talk line, and the column of "RLAIF wins" in it (markup is skipped, never matched).
  const cases: [string, string, number][] = [
    ['a heading', '## RLAIF wins', 3],
    ['a six-level heading', '###### RLAIF wins', 7],
    ['a bullet', '- RLAIF wins', 2],
    ['a star bullet, indented', '   *  RLAIF wins', 6],
    ['a pro marker', '- \\+ RLAIF wins', 5],
    ['a numbered item', '12. RLAIF wins', 4],
    ['plain text with words before', 'We think RLAIF wins', 9],
  ];
  for (const [name, line, column] of cases) {
    it(`finds it in ${name} at column ${column}`, () => {
      assert.deepEqual(findInTalk(`Intro\n${line}\n`, 'RLAIF wins'), { line: 2, column });
    });
  }

  it('strips only the markup at the start of a line', () => {
    assert.equal(stripLineMarkup('  - \\+ a - b'), 'a - b');
    assert.equal(stripLineMarkup('## Heading'), 'Heading');
    assert.equal(stripLineMarkup('###### Six'), 'Six');
    assert.equal(stripLineMarkup('3. Third'), 'Third');
    assert.equal(stripLineMarkup('####### seven is not a heading'), '####### seven is not a heading');
    assert.equal(stripLineMarkup('#hashtag'), '#hashtag');
    assert.equal(stripLineMarkup('-dash'), '-dash');
    assert.equal(stripLineMarkup('1.5 times'), '1.5 times');
    assert.equal(stripLineMarkup('text ## not markup'), 'text ## not markup');
  });

  it('does not take markup as part of the claim: "- x" is not found as "-  x"', () => {
    assert.equal(findInTalk('- RLAIF wins\n', '- RLAIF wins'), undefined);
    assert.equal(findInTalk('12. RLAIF wins\n', '2. RLAIF wins'), undefined);
  });
});
