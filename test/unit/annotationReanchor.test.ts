import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createAnnotation, EDIT_FUZZY_CELLS, FUZZY_PATTERN_CAP, FUZZY_TEXT_LIMIT, moveTo, reanchor, validateAnnotation, type Annotation } from '../../src/core/annotations';
import { annotatedClaimsIn } from '../../src/core/claims/documentClaims';
import { fuzzyBudget, searchCost } from '../../src/core/pdf/fuzzySearch';

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

describe('fuzzy re-anchoring is bounded (it runs on the extension host after every edit)', () => {
  /** Generated prose of `length` characters: sentences of words, as a talk's text. */
  function prose(length: number, seed: number): string {
    const words = 'reward model policy human feedback labelers prefer summaries trained comparisons annotators disagree accuracy oversight alignment language baseline critique'.split(' ');
    let state = seed >>> 0;
    const rand = () => (state = (state * 1664525 + 1013904223) >>> 0) / 4294967296;
    let text = '';
    while (text.length < length) text += `${words[Math.floor(rand() * words.length)]}${rand() < 0.08 ? '.\n' : ' '}`;
    return text.slice(0, length);
  }
  /** A slip every `every` characters of the claim (letters swapped for 'q'). */
  const slipped = (claim: string, every: number) => [...claim].map((char, index) => (index % every === every / 2 && /[a-z]/.test(char) ? 'q' : char)).join('');

  it('a 20k-character orphan in a 199k-character document: the fuzzy step examines at most two windows of FUZZY_TEXT_LIMIT with a capped pattern', () => {
    const text = prose(199_000, 1);
    const start = 90_000;
    const annotation = annotate(text, text.slice(start, start + 20_000));
    const gone = text.slice(0, start) + prose(20_000, 2) + text.slice(start + 20_000);
    const budget = fuzzyBudget(Infinity);
    assert.deepEqual(reanchor(annotation, gone, { fuzzyBudget: budget }), { status: 'orphan' });
    assert.ok(budget.spent > 0, 'the fuzzy step ran');
    assert.ok(budget.spent <= 2 * searchCost(FUZZY_TEXT_LIMIT, FUZZY_PATTERN_CAP), `${budget.spent} cells`);
  });

  it('a long claim is compared by its head and tail only: edited in its middle beyond 25%, it is still found, as fuzzy', () => {
    const text = prose(60_000, 3);
    const claim = text.slice(30_000, 32_000);
    const annotation = annotate(text, claim);
    const rewritten = claim.slice(0, 200) + prose(1_600, 9) + claim.slice(1_800);
    const edited = text.slice(0, 30_000) + rewritten + text.slice(32_000);
    const result = reanchor(annotation, `Intro. ${edited}`);
    assert.equal(result.status === 'anchored' && result.method, 'fuzzy');
    assert.equal(slice(`Intro. ${edited}`, result), rewritten);
  });

  it('an edited claim moved farther than FUZZY_TEXT_LIMIT from its old place is not searched for there (orphan); nearer, it is found', () => {
    const text = prose(199_000, 4);
    const claim = text.slice(10_000, 10_300);
    const annotation = annotate(text, claim);
    const without = text.slice(0, 10_000) + text.slice(10_300);
    const far = without.slice(0, 180_000) + slipped(claim, 40) + without.slice(180_000);
    assert.deepEqual(reanchor(annotation, far), { status: 'orphan' });
    const near = without.slice(0, 40_000) + slipped(claim, 40) + without.slice(40_000);
    const result = reanchor(annotation, near);
    assert.equal(result.status === 'anchored' && result.method, 'fuzzy');
    assert.equal(slice(near, result), slipped(claim, 40));
  });

  it('all annotations of one pass share one budget: 200 orphans spend no more than EDIT_FUZZY_CELLS, and nothing is dropped', () => {
    const text = prose(150_000, 5);
    const annotations = Array.from({ length: 200 }, (_, n) => annotate(text, text.slice(500 * n + 17, 500 * n + 317)));
    const gone = prose(150_000, 6);
    const budget = fuzzyBudget(EDIT_FUZZY_CELLS);
    const located = annotatedClaimsIn(gone, annotations, undefined, budget);
    assert.ok(budget.spent > 0 && budget.spent <= EDIT_FUZZY_CELLS, `${budget.spent} cells`);
    assert.equal(located.orphans.length + located.claims.length, 200);
  });
});
