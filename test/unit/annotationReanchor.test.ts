import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createAnnotation, moveTo, reanchor, validateAnnotation, type Annotation } from '../../src/core/annotations';

const DOC = [
  'RLHF is the standard way to align language models. ',
  'Human labels are expensive and slow to collect. ',
  'RLAIF matches RLHF on summarization. ',
  'In the conclusion we repeat: Human labels are expensive and slow to collect. ',
  'Llama 2 uses two reward models.',
].join('');
const CLAIM = 'RLAIF matches RLHF on summarization.';

function annotate(text: string, exact: string, occurrence = 0): Annotation {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(exact, start + 1);
  assert.ok(start >= 0, `"${exact}" is in the text`);
  return createAnnotation({ document: 'talk.md', text, start, end: start + exact.length, verdict: 'supports', evidence: [{ paper: '2309.00267', version: 'v3', page: 5, quote: 'q' }] });
}

function slice(text: string, result: ReturnType<typeof reanchor>): string {
  assert.equal(result.status, 'anchored');
  return result.status === 'anchored' ? text.slice(result.start, result.end) : '';
}

describe('annotation model', () => {
  it('creates valid W3C Web Annotations with quote and position selectors and a typed body', () => {
    const annotation = annotate(DOC, CLAIM);
    assert.equal(validateAnnotation(annotation, 'talk.md'), undefined);
    assert.equal(annotation['@context'], 'http://www.w3.org/ns/anno.jsonld');
    const [quote, position] = annotation.target.selector;
    assert.equal(quote.exact, CLAIM);
    assert.ok(DOC.slice(0, position.start).endsWith(quote.prefix) && quote.prefix.length > 0);
    assert.ok(DOC.slice(position.end).startsWith(quote.suffix) && quote.suffix.length > 0);
    assert.deepEqual(annotation.body.map((body) => body.purpose), ['linking', 'classifying']);
    assert.equal((annotation.body[0] as { source: string }).source, 'https://arxiv.org/pdf/2309.00267v3#page=5');
  });
});

describe('reanchor', () => {
  it('keeps the position when nothing moved', () => {
    const result = reanchor(annotate(DOC, CLAIM), DOC);
    assert.equal(result.status === 'anchored' && result.method, 'position');
  });

  it('follows an insertion before the claim', () => {
    const annotation = annotate(DOC, CLAIM);
    const edited = `A new opening paragraph.\n\n${DOC}`;
    const result = reanchor(annotation, edited);
    assert.equal(slice(edited, result), CLAIM);
    assert.equal(result.status === 'anchored' && result.method, 'quote');
  });

  it('is unaffected by an insertion after the claim', () => {
    const annotation = annotate(DOC, CLAIM);
    const edited = `${DOC} And one more sentence at the end.`;
    assert.equal(slice(edited, reanchor(annotation, edited)), CLAIM);
  });

  it('finds the claim after an insertion inside it (fuzzy)', () => {
    const annotation = annotate(DOC, CLAIM);
    const edited = DOC.replace('matches RLHF', 'roughly matches RLHF');
    const result = reanchor(annotation, edited);
    assert.equal(result.status === 'anchored' && result.method, 'fuzzy');
    assert.equal(slice(edited, result), 'RLAIF roughly matches RLHF on summarization.');
  });

  it('makes a deleted claim an orphan', () => {
    const annotation = annotate(DOC, CLAIM);
    assert.deepEqual(reanchor(annotation, DOC.replace(CLAIM, '')), { status: 'orphan' });
  });

  it('makes a rewritten claim an orphan rather than anchoring it somewhere wrong', () => {
    const annotation = annotate(DOC, CLAIM);
    assert.equal(reanchor(annotation, DOC.replace(CLAIM, 'Our own experiments disagree entirely.')).status, 'orphan');
  });

  it('chooses among repeated text by prefix and suffix', () => {
    const repeated = 'Human labels are expensive and slow to collect.';
    const second = annotate(DOC, repeated, 1);
    const first = annotate(DOC, repeated, 0);
    // Shift everything so the stored positions point nowhere useful.
    const edited = `Intro.\n${DOC}`;
    assert.equal(reanchor(second, edited).status === 'anchored' && (reanchor(second, edited) as { start: number }).start, edited.lastIndexOf(repeated));
    assert.equal((reanchor(first, edited) as { start: number }).start, edited.indexOf(repeated));
  });

  it('does not stay on a repeat that slid into the old position when the context says otherwise', () => {
    const text = 'alpha says: X is true. beta says: X is true. gamma.';
    const second = annotate(text, 'X is true.', 1);
    const shift = text.lastIndexOf('X is true.') - text.indexOf('X is true.');
    // Text inserted at the top moves the FIRST copy exactly onto the second copy's old position.
    const edited = `${'-'.repeat(shift - 1)}\n${text}`;
    assert.equal(edited.slice(second.target.selector[1].start, second.target.selector[1].end), 'X is true.');
    const result = reanchor(second, edited);
    assert.equal(result.status === 'anchored' && result.start, edited.lastIndexOf('X is true.'));
  });

  it('moveTo refreshes the selectors for the new text', () => {
    const annotation = annotate(DOC, CLAIM);
    const edited = `Intro. ${DOC}`;
    const result = reanchor(annotation, edited);
    assert.ok(result.status === 'anchored');
    const moved = moveTo(annotation, edited, result.start, result.end, new Date('2030-01-01T00:00:00Z'));
    assert.equal(moved.target.selector[1].start, DOC.indexOf(CLAIM) + 7);
    assert.equal(moved.modified, '2030-01-01T00:00:00.000Z');
    assert.equal(moveTo(moved, edited, result.start, result.end), moved);
  });

  it('property: still anchors to the same text after random edits elsewhere', () => {
    const claimStart = DOC.indexOf(CLAIM);
    const claimEnd = claimStart + CLAIM.length;
    // Edits are made of characters absent from the claim, so they cannot forge a competing copy.
    const filler = fc.string({ unit: fc.constantFrom('q', 'z', 'j', ' ', '\n', 'ß', '7'), maxLength: 40 });
    const edit = fc.record({ where: fc.nat(), remove: fc.nat({ max: 15 }), insert: filler });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), (edits) => {
        let text = DOC;
        let start = claimStart;
        let end = claimEnd;
        for (const { where, remove, insert } of edits) {
          // Pick a spot outside the claim, before or after it, and keep the removal outside it too.
          const outside = text.length - (end - start);
          const spot = where % (outside + 1);
          const at = spot < start ? spot : spot + (end - start);
          const cut = at < start ? Math.min(remove, start - at) : Math.min(remove, text.length - at);
          text = text.slice(0, at) + insert + text.slice(at + cut);
          if (at < start) {
            start += insert.length - cut;
            end += insert.length - cut;
          }
        }
        const annotation = annotate(DOC, CLAIM);
        const result = reanchor(annotation, text);
        return result.status === 'anchored' && result.start === start && result.end === end;
      }),
      { numRuns: 300 },
    );
  });

  it('property: never throws and returns a range inside the text for arbitrary documents', () => {
    const annotation = annotate(DOC, CLAIM);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = reanchor(annotation, text);
        return result.status === 'orphan' || (result.start >= 0 && result.end <= text.length && result.start <= result.end);
      }),
      { numRuns: 200 },
    );
  });
});
