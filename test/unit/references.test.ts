import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import type { Paper } from '../../src/core/corpus/model';
import { describeReferenceHint, matchReferences, parseReferenceList } from '../../src/core/references';

const root = join(__dirname, '..', '..');
const talk = readFileSync(join(root, 'example', 'talk-ru.md'), 'utf8');

function paper(id: string, title: string, version = 'v2'): Paper {
  return { id, title, authors: ['A. Author'], year: 2023, venue: 'arXiv', version, pdfUrl: `https://arxiv.org/pdf/${id}${version}`, bibtexKey: `k${id}`, summary: '', file: `${id}.md` };
}
const corpus = { papers: new Map([['2307.15217', paper('2307.15217', 'Open Problems and Fundamental Limitations of RLHF')], ['2305.10403', paper('2305.10403', 'PaLM 2 Technical Report', 'v3')]]) };

describe('the talk\'s reference list', () => {
  it('finds the six numbered lines under "Приложение: источники", with their titles and addresses', () => {
    const references = parseReferenceList(talk);
    assert.equal(references.length, 6);
    assert.deepEqual(references.map((reference) => talk.slice(reference.titleStart, reference.titleEnd)), references.map((reference) => reference.title));
    assert.equal(references[2]!.title, 'RLAIIF: Scaling Reinforcement Learning from Human Feedback with AI Feedback');
    assert.deepEqual(references[4]!.addresses.map((address) => [address.url, talk.slice(address.start, address.end)]), [['https://ai.google/static/documents/palm2techreport.pdf', '<https://ai.google/static/documents/palm2techreport.pdf>']]);
  });

  it('links each reference of the bundled talk to its corpus paper and flags "RLAIIF" and the PaLM 2 address as hints', async () => {
    const bundled = await loadCorpus(join(root, 'sources'));
    const matches = matchReferences(parseReferenceList(talk), bundled);
    assert.deepEqual(matches.map((match) => [match.paper?.id, match.by]), [
      ['2009.01325', 'arxiv-id'], ['2212.08073', 'arxiv-id'], ['2309.00267', 'arxiv-id'], ['2307.15217', 'arxiv-id'], ['2305.10403', 'title'], ['2307.09288', 'arxiv-id'],
    ]);
    const rlaif = matches[2]!.hints.find((hint) => hint.kind === 'title-differs');
    assert.ok(rlaif && rlaif.kind === 'title-differs');
    assert.deepEqual(rlaif.onlyHere, ['RLAIIF']);
    assert.deepEqual(rlaif.onlyInPaper, ['RLAIF', 'vs.', 'RLHF']);
    assert.deepEqual(matches.map((match) => match.hints.filter((hint) => hint.kind === 'title-differs').length), [0, 0, 1, 0, 0, 0]);
    assert.deepEqual(matches[4]!.hints.map((hint) => hint.kind), ['other-place']);
    assert.match(describeReferenceHint(matches[4]!.hints[0]!), /palm2techreport\.pdf is not the pinned version; the corpus pins 2305\.10403v3 \(https:\/\/arxiv\.org\/pdf\/2305\.10403v3\)/);
    // The talk's arXiv addresses name no version: each is a hint, not a mismatch.
    assert.deepEqual(matches.map((match) => match.hints.filter((hint) => hint.kind === 'unversioned').length), [1, 1, 1, 1, 0, 1]);
  });

  it('says nothing about an address of the pinned version, and names another version', () => {
    const text = '# Talk\n\n## References\n\n- Open Problems and Fundamental Limitations of RLHF – https://arxiv.org/pdf/2307.15217v2\n- Open Problems and Fundamental Limitations of RLHF – https://arxiv.org/abs/2307.15217v1\n';
    const [pinned, older] = matchReferences(parseReferenceList(text), corpus);
    assert.deepEqual(pinned!.hints, []);
    assert.deepEqual(older!.hints.map((hint) => hint.kind === 'other-version' && [hint.cited, hint.pinned]), [['v1', '2307.15217v2']]);
  });

  it('recognises a title with a typo or a link, leaves an unknown work unmatched, and stops at the next heading', () => {
    const text = [
      '## Sources', '',
      '1. [PaLM 2 Technical Report](https://example.org/palm2.pdf)',
      '2. *Open Problems and Fundamental Limitatons of RLHF*. arXiv, 2023.',
      '3. A Book Nobody Indexed, 1999.',
      '## Next section', '',
      '- PaLM 2 Technical Report – not a reference any more',
    ].join('\n');
    const matches = matchReferences(parseReferenceList(text), corpus);
    assert.deepEqual(matches.map((match) => [match.reference.title, match.paper?.id, match.by]), [
      ['PaLM 2 Technical Report', '2305.10403', 'title'],
      ['Open Problems and Fundamental Limitatons of RLHF', '2307.15217', 'title'],
      ['A Book Nobody Indexed, 1999', undefined, undefined],
    ]);
    assert.deepEqual(matches[1]!.hints.map((hint) => hint.kind), ['title-differs']);
    assert.deepEqual(matches[0]!.hints.map((hint) => hint.kind), ['other-place']);
    assert.equal(text.slice(matches[0]!.reference.titleStart, matches[0]!.reference.titleEnd), 'PaLM 2 Technical Report');
  });

  it('finds no references in a document without a references heading', () => {
    assert.deepEqual(parseReferenceList('# Talk\n\n1. PaLM 2 Technical Report – https://arxiv.org/pdf/2305.10403v3\n'), []);
  });
});
