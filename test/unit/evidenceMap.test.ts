// The evidence map's model (issue 13): counts, totals, gaps, claim markers, filters, and the SVG export.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadClaims } from '../../src/core/claims';
import { loadCorpus } from '../../src/core/corpus/load';
import type { Corpus } from '../../src/core/corpus/model';
import { buildEvidenceMap, cellQuotes, mapClaimsFrom, quotesOverlap, type EvidenceMap, type MapClaim } from '../../src/core/map/evidenceMap';
import { cellOpacity, PRINT_PALETTE, renderMapSvg, sanitizePalette } from '../../src/core/map/svg';
import { challengeFile, evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';

const sources = join(__dirname, '..', '..', 'sources');
let corpus: Corpus;
let claims: MapClaim[];

const cell = (map: EvidenceMap, challenge: string, paper: string) => {
  const row = map.rows.find((candidate) => candidate.id === challenge)!;
  return row.cells[map.columns.findIndex((column) => column.id === paper)]!;
};
const quotesOf = (challenge: string, paper: string) => corpus.links.filter((link) => link.challenge === challenge && link.paper === paper).reduce((n, link) => n + link.evidence.length, 0);

describe('evidence map of the bundled corpus and talk', () => {
  before(async () => {
    corpus = await loadCorpus(sources);
    claims = mapClaimsFrom((await loadClaims(join(sources, 'claims', 'talk-ru.yaml'), corpus)).claims, []);
  });

  it('has a row per challenge in taxonomy order and a column per paper', () => {
    const map = buildEvidenceMap(corpus, claims);
    assert.deepEqual(map.rows.map((row) => row.id), ['3.1', '3.1.1', '3.1.2', '3.1.3', '3.1.4', '3.2', '3.2.1', '3.2.2', '3.2.3', '3.3', '3.3.1', '3.3.2', '3.3.3', '3.4']);
    assert.deepEqual(map.rows.filter((row) => row.depth === 0).map((row) => row.id), ['3.1', '3.2', '3.3', '3.4']);
    assert.equal(map.columns.length, corpus.papers.size);
  });

  it('counts in each cell the quotes linking that paper to that challenge', () => {
    const map = buildEvidenceMap(corpus, claims);
    for (const row of map.rows.filter((candidate) => !candidate.hasChildren)) {
      for (const column of map.columns) assert.equal(cell(map, row.id, column.id), quotesOf(row.id, column.id), `${row.id} × ${column.id}`);
    }
    assert.equal(cell(map, '3.2.2', '2009.01325'), 2);
  });

  it('totals rows (a section sums its sub-challenges) and columns, and keeps empty ones as gaps', () => {
    const map = buildEvidenceMap(corpus, claims);
    const section = map.rows.find((row) => row.id === '3.1')!;
    const subs = map.rows.filter((row) => ['3.1.1', '3.1.2', '3.1.3', '3.1.4'].includes(row.id));
    assert.deepEqual(section.cells, section.cells.map((_, column) => subs.reduce((n, row) => n + row.cells[column]!, 0)));
    assert.equal(section.total, subs.reduce((n, row) => n + row.total, 0));
    for (const column of map.columns) assert.equal(column.total, corpus.links.filter((link) => link.paper === column.id).reduce((n, link) => n + link.evidence.length, 0));
    const palm = map.columns.find((column) => column.id === '2305.10403')!;
    assert.equal(palm.total, 0, 'PaLM 2 has no quote (its report is not available): an empty column, still shown');
    assert.equal(map.totalQuotes, corpus.links.reduce((n, link) => n + link.evidence.length, 0));
  });

  it('marks where the talk\'s claims quote a passage linked to a challenge, with their verdicts', () => {
    const map = buildEvidenceMap(corpus, claims);
    const row = map.rows.find((candidate) => candidate.id === '3.2.3')!;
    const lee = map.columns.findIndex((column) => column.id === '2309.00267');
    const touch = row.touches.find((candidate) => candidate.column === lee);
    assert.ok(touch, 'palm2-ai-detects-toxicity quotes RLAIF\'s passage linked to §3.2.3');
    assert.deepEqual(touch.claims, [{ key: 'bundled:palm2-ai-detects-toxicity', verdict: 'contradicts' }]);
    assert.deepEqual(map.rows.find((candidate) => candidate.id === '3.1.2')!.verdicts, ['supports', 'partially-supports', 'contradicts', 'not-addressed']);
    assert.deepEqual(map.rows.find((candidate) => candidate.id === '3.3.1')!.verdicts, [], 'no claim of the talk touches §3.3.1');
  });

  it('filters markers by verdict, columns by paper, and to what the talk cites', () => {
    const contradicts = buildEvidenceMap(corpus, claims, { verdicts: ['contradicts'] });
    assert.deepEqual(contradicts.rows.find((row) => row.id === '3.1.2')!.verdicts, ['contradicts']);
    const two = buildEvidenceMap(corpus, claims, { papers: ['2009.01325', '2309.00267'] });
    assert.deepEqual(two.columns.map((column) => column.id), ['2009.01325', '2309.00267']);
    const cited = buildEvidenceMap(corpus, claims, { onlyCited: true });
    assert.ok(!cited.columns.some((column) => column.id === '2305.10403'), 'no claim quotes PaLM 2');
    assert.equal(cited.columns.length, corpus.papers.size - 1);
    const citedByContradictions = buildEvidenceMap(corpus, claims, { onlyCited: true, verdicts: ['contradicts'] });
    assert.ok(citedByContradictions.columns.every((column) => claims.some((claim) => claim.verdict === 'contradicts' && claim.evidence.some((e) => e.paper === column.id))));
  });

  it('folds a collapsed section into one row of subtotals', () => {
    const map = buildEvidenceMap(corpus, claims, { collapsed: ['3.1'] });
    assert.ok(!map.rows.some((row) => row.id.startsWith('3.1.')));
    const section = map.rows.find((row) => row.id === '3.1')!;
    assert.equal(section.collapsed, true);
    assert.equal(map.maxCount, Math.max(...section.cells, ...map.rows.filter((row) => !row.hasChildren).flatMap((row) => row.cells)));
  });

  it('lists the quotes behind a cell (a section\'s cell: its sub-challenges\' quotes too) with the claims quoting them', () => {
    const quotes = cellQuotes(corpus, claims, '3.2.2', '2009.01325');
    assert.deepEqual(quotes.map((quote) => quote.page), [8, 7]);
    assert.match(quotes[0]!.quote, /^Under light optimization/);
    const section = cellQuotes(corpus, claims, '3.2', '2309.00267');
    assert.equal(section.length, cell(buildEvidenceMap(corpus, claims), '3.2', '2309.00267'));
    const touched = section.find((quote) => quote.claims.length > 0)!;
    assert.equal(touched.challenge, '3.2.3');
    assert.equal(touched.claims[0]!.verdict, 'contradicts');
  });
});

describe('evidence map of a person\'s own corpus', () => {
  it('shows a challenge no paper addresses and a paper linked to nothing', async () => {
    const root = writeCorpus({
      'papers/2101.00001.md': paperFile('2101.00001'),
      'papers/2101.00002.md': paperFile('2101.00002'),
      'taxonomy/1.md': challengeFile('1', 'Linked'),
      'taxonomy/2.md': challengeFile('2', 'Nobody'),
      'evidence/2101.00001.yaml': evidenceFile('2101.00001', [{ challenge: '1', quote: 'One quote here.' }]),
    });
    const own = await loadCorpus(root);
    assert.deepEqual(own.problems, []);
    const map = buildEvidenceMap(own, [{ key: 'annotation:x', text: 't', verdict: 'supports', evidence: [{ paper: '2101.00001', page: 1, quote: 'One quote here.' }] }]);
    assert.deepEqual(map.rows.map((row) => [row.id, row.total]), [['1', 1], ['2', 0]]);
    assert.deepEqual(map.columns.map((column) => [column.id, column.total]), [['2101.00001', 1], ['2101.00002', 0]]);
    assert.deepEqual(map.rows[0]!.verdicts, ['supports'], 'a short quote overlaps when it is the whole passage');
  });

  it('tells overlapping passages from others of the same paper', () => {
    assert.ok(quotesOverlap('However, as we optimize further, true preferences fall off compared to the prediction', 'as we optimize further, true preferences fall off'));
    assert.ok(quotesOverlap('“Quoted” — with   odd\nspacing and marks here', '"quoted" - with odd spacing and marks'));
    assert.ok(!quotesOverlap('We train a reward model on human comparisons', 'We train a policy with PPO against the reward model'));
  });
});

describe('evidence map SVG export', () => {
  const hostile = '<script>alert(1)</script> & "x" \u202E';
  const map = (): EvidenceMap => ({
    columns: [{ id: 'p', label: `Eve ${hostile}`, title: `Title ${hostile}`, total: 3, cited: true }],
    rows: [{ id: '1', title: `Row ${hostile}`, depth: 0, hasChildren: false, collapsed: false, cells: [3], total: 3, verdicts: ['contradicts'], touches: [{ column: 0, claims: [{ key: 'k', verdict: 'contradicts' }] }] }],
    maxCount: 3,
    totalQuotes: 3,
    allPapers: [],
    filters: { verdicts: [], papers: [], onlyCited: false, collapsed: [] },
    claims: 1,
  });

  it('is self-contained at 16:9: no script, no external reference, no embedded document', () => {
    const svg = renderMapSvg(map(), PRINT_PALETTE, { title: `Talk ${hostile}` });
    assert.match(svg, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1920" height="1080" viewBox="0 0 1920 1080"/);
    assert.doesNotMatch(svg, /<script|href=|url\(|@import|<image|<foreignObject|<use\b/i);
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; [U+202E]'));
    assert.ok(!svg.includes('\u202E'));
  });

  it('draws the shade by count and the verdict marker in the verdict\'s colour', () => {
    const svg = renderMapSvg(map(), PRINT_PALETTE);
    assert.match(svg, new RegExp(`fill="${PRINT_PALETTE.cell}" fill-opacity="1"`));
    assert.ok(svg.includes(`fill="${PRINT_PALETTE.verdicts.contradicts}"`));
    assert.equal(cellOpacity(0, 5), 0, 'an empty cell is a gap');
    assert.ok(cellOpacity(1, 5) < cellOpacity(5, 5));
  });

  it('takes theme colours but nothing that could break out of an attribute', () => {
    const palette = sanitizePalette({ background: '#1e1e1e', foreground: 'rgb(204, 204, 204)', cell: 'red" onload="alert(1)', grid: 'url(http://x/)' });
    assert.equal(palette.background, '#1e1e1e');
    assert.equal(palette.foreground, 'rgb(204, 204, 204)');
    assert.equal(palette.cell, PRINT_PALETTE.cell);
    assert.equal(palette.grid, PRINT_PALETTE.grid);
  });
});
