import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { papersDir, runCli } from '../support/cli';
import { buildPdf, column, writePdf } from '../support/pdfFixtures';

const havePdfs = existsSync(join(papersDir, '2309.00267.pdf'));
// Without the shared PDFs, a small generated stand-in for the RLAIF paper (2309.00267) is searched, so the
// ranking test below still has a PDF page to find; the other papers have their stored quotes only.
const pdfs = havePdfs ? papersDir : standInPdfs();

function standInPdfs(): string {
  const folder = mkdtempSync(join(tmpdir(), 'litcomp-standin-pdfs-'));
  const filler = ['We describe the data and the models used in this work.', 'Annotators rated summaries on a seven point scale.'];
  writePdf(folder, '2309.00267.pdf', buildPdf([
    { texts: column(filler, 72, 700) },
    { texts: column(['RLAIF achieves a harmless rate of 88%, a higher harmless rate than RLHF at 76%.', ...filler], 72, 700) },
    { texts: column(filler, 72, 700) },
  ]));
  return folder;
}
const cache = mkdtempSync(join(tmpdir(), 'litcomp-search-cache-'));
const run = (...args: string[]) => runCli('search', ...args, '--pdfs', pdfs, '--cache', cache);

interface Hit {
  paper: string;
  page: number;
  text: string;
  score: number;
}

describe('literature-companion search', () => {
  it('--json prints exactly [{paper, page, text, score}], best first, --top long', () => {
    const result = run('RLAIF achieves a higher harmless rate than RLHF', '--top', '3', '--json');
    assert.equal(result.status, 0, result.stderr);
    const hits = JSON.parse(result.stdout) as Hit[];
    assert.equal(hits.length, 3);
    for (const hit of hits) assert.deepEqual(Object.keys(hit).sort(), ['page', 'paper', 'score', 'text']);
    assert.ok(hits.every((hit, i) => i === 0 || hits[i - 1]!.score >= hit.score));
    assert.equal(hits[0]!.paper, '2309.00267');
    // The real paper states it in the abstract, introduction and results; the stand-in on its page 2.
    const expected = havePdfs ? [1, 2, 6] : [2];
    assert.ok(expected.includes(hits[0]!.page), `page ${hits[0]!.page}, expected one of ${expected.join(', ')}`);
  });

  it('answers a Russian query with the English passage', { skip: havePdfs ? false : `no PDFs at ${papersDir}` }, () => {
    const result = run('RLHF превосходит сильнейшие бейзлайны по суммаризации', '--top', '5', '--json');
    assert.equal(result.status, 0, result.stderr);
    const hits = JSON.parse(result.stdout) as Hit[];
    assert.ok(hits.some((hit) => hit.paper === '2009.01325' && [1, 2].includes(hit.page)), JSON.stringify(hits.map((h) => [h.paper, h.page])));
  });

  it('finds the stored quotes of a paper whose PDF is absent (Llama 2)', () => {
    const result = run('Llama 2-Chat reward model safety helpfulness', '--top', '10', '--json');
    assert.equal(result.status, 0, result.stderr);
    assert.ok((JSON.parse(result.stdout) as Hit[]).some((hit) => hit.paper === '2307.09288'));
  });

  it('prints a readable list without --json and says which papers had no PDF', () => {
    const result = run('reward hacking', '--top', '2');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^1\. \S+v\d+ p\.\d+ {2}score \d/m);
    assert.match(result.stdout, /No PDF in .* for .*2307\.09288/);
  });

  it('rejects a missing query and a bad --top with exit code 2', () => {
    assert.equal(run('--json').status, 2);
    const bad = run('reward', '--top', 'many');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--top must be a whole number/);
  });
});

describe('literature-companion search --explain', () => {
  it('prints the query terms (Russian ones as the lexicon translates them) and each hit\'s matched words', () => {
    const result = run('Говоря о безвредности диалога, RLAIF превосходит RLHF', '--top', '2', '--explain');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^query terms: .*безвредности→harmless/m);
    const matchedLines = result.stdout.split('\n').filter((line) => line.startsWith('   matched: '));
    assert.equal(matchedLines.length, 2, result.stdout);
    assert.ok(matchedLines.every((line) => /\brlaif\b|\brlhf\b/.test(line)), matchedLines.join('\n'));
  });

  it('adds "matched" to each JSON hit only with --explain, naming the query word a passage word stands for', () => {
    const plain = JSON.parse(run('RLAIF harmless rate', '--top', '1', '--json').stdout) as Hit[];
    assert.deepEqual(Object.keys(plain[0]!).sort(), ['page', 'paper', 'score', 'text']);
    const explained = JSON.parse(run('безвредность RLAIF', '--top', '3', '--json', '--explain').stdout) as (Hit & { matched: { word: string; query: string }[] })[];
    assert.ok(explained.every((hit) => Array.isArray(hit.matched) && hit.matched.length > 0));
    const all = explained.flatMap((hit) => hit.matched);
    assert.ok(all.some((term) => term.query === 'безвредность' && /^harmless/.test(term.word)), JSON.stringify(all));
    assert.ok(all.some((term) => term.query === 'rlaif' && term.word === 'rlaif'));
  });
});
