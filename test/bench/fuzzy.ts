// Fuzzy search benchmark (issues 9 and 11): scripts/bench/fuzzy.mjs bundles this file and runs it under
// Node 24; it prints one JSON object. Figures only; nothing here is asserted by a test.
//   searchers  the hand-written Sellers search the PDF core used before (test/bench/sellersSearch.ts) against
//              approx-string-match (Myers' bit-parallel algorithm) on the same text and quotes: a real
//              paper's text when its PDF is there (Stiennon et al.), generated prose otherwise; quotes of
//              60–2,000 characters with 3% of their letters changed, the edit budget the anchor allows (15%)
//   anchor     anchorQuote with the issue's example (3 slips in 120 letters), with and without a page, and
//              a 120 KB quote (was 7.6 s)
//   reanchor   one keystroke's re-anchoring: a 20k-character orphan in a 199k-character document (was
//              4.9 s), 200 orphans sharing one budget (goal: ≤ 50 ms on the host), cells spent
import { join } from 'node:path';
import search from 'approx-string-match';
import { createAnnotation, editBudget, reanchor } from '../../src/core/annotations';
import { annotatedClaimsIn } from '../../src/core/claims/documentClaims';
import { anchorQuote } from '../../src/core/pdf/anchor';
import { PdfTextExtractor } from '../../src/core/pdf/extractor';
import { fuzzyBudget } from '../../src/core/pdf/fuzzySearch';
import { matchKey } from '../../src/core/pdf/normalize';
import type { PageLayout } from '../../src/core/pdf/textModel';
import { sellersFind } from './sellersSearch';
import { median, ms } from './stats';


function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 4294967296;
}

function prose(length: number, seed: number): string {
  const rand = random(seed);
  const words = 'reward model policy human feedback labelers prefer summaries trained comparisons annotators disagree accuracy oversight alignment language baseline critique revision principle scaling bias sycophancy hacking distribution shift robustness'.split(' ');
  let text = '';
  while (text.length < length) text += `${words[Math.floor(rand() * words.length)]}${rand() < 0.08 ? '.\n' : ' '}`;
  return text.slice(0, length);
}

function withSlips(text: string, rate: number, seed: number): string {
  const rand = random(seed);
  const chars = [...text];
  const count = Math.max(1, Math.round(text.length * rate));
  for (let n = 0; n < count; n++) {
    const at = Math.floor(rand() * chars.length);
    chars[at] = chars[at] === 'x' ? 'y' : 'x';
  }
  return chars.join('');
}

/**
 * Median and max wall time of `runs` calls (after one warm-up call), and the median CPU time: on a shared,
 * loaded machine the wall time includes waiting for a core, the CPU time does not.
 */
function timed(runs: number, run: () => unknown): { medianMs: number; maxMs: number; medianCpuMs: number } {
  run();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    run();
    const used = process.cpuUsage(cpuStart);
    times.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { medianMs: ms(median(times)), maxMs: ms(Math.max(...times)), medianCpuMs: ms(median(cpu)) };
}

async function paperPages(papersDir: string | undefined, workerScript: string | undefined): Promise<PageLayout[] | undefined> {
  if (!papersDir || !workerScript) return undefined;
  const extractor = new PdfTextExtractor({ workerScript, workers: 1 });
  try {
    return [...(await extractor.extract(join(papersDir, '2009.01325.pdf'), { cacheDir: null })).pages];
  } catch {
    return undefined;
  } finally {
    await extractor.dispose();
  }
}

function searchers(text: string, source: string) {
  const rows = [];
  for (const length of [60, 120, 250, 500, 1000, 2000]) {
    const at = Math.floor(text.length / 3);
    const quote = withSlips(text.slice(at, at + length), 0.03, length);
    const maxEdits = Math.floor(length * 0.15);
    const runs = length >= 1000 ? 3 : 7;
    const handWritten = timed(runs, () => sellersFind(text, quote, maxEdits));
    const library = timed(runs, () => search(text, quote, maxEdits));
    const agree = sellersFind(text, quote, maxEdits)?.distance === search(text, quote, maxEdits)[0]?.errors;
    rows.push({
      quoteChars: length,
      maxEdits,
      handWrittenMs: handWritten.medianMs,
      approxStringMatchMs: library.medianMs,
      handWrittenCpuMs: handWritten.medianCpuMs,
      approxStringMatchCpuMs: library.medianCpuMs,
      speedupCpu: ms(handWritten.medianCpuMs / Math.max(library.medianCpuMs, 0.01)),
      sameDistance: agree,
    });
  }
  // No match at all (an orphan, a quote not in the paper): the search cannot stop early.
  const missing = prose(250, 77).replace(/e/g, 'q');
  const missingRow = { quoteChars: 250, maxEdits: 37, handWritten: timed(3, () => sellersFind(text, missing, 37)), approxStringMatch: timed(3, () => search(text, missing, 37)) };
  return { text: source, textChars: text.length, quotesWith3PercentSlips: rows, quoteNotInText: missingRow };
}

function anchorFigures(pages: readonly PageLayout[] | undefined) {
  if (!pages) return { skipped: 'no PDF of 2009.01325 (set LITCOMP_PAPERS)' };
  const quote = 'Summaries from our human feedbaxk models are preferred by our labelers to the original humax demonstrations in the datasxt';
  const found = anchorQuote(pages, { exact: quote });
  const huge = prose(120_000, 12);
  const budget = fuzzyBudget(Infinity);
  const hugeResult = anchorQuote(pages, { exact: huge }, { fuzzyBudget: budget });
  return {
    issueExample: { page: found.page, method: found.method, score: ms(found.score), withoutPage: timed(5, () => anchorQuote(pages, { exact: quote })), statedPage2: timed(5, () => anchorQuote(pages, { exact: quote, page: 2 })) },
    quote120KB: { status: hugeResult.status, fuzzyCellsSpent: budget.spent, ...timed(3, () => anchorQuote(pages, { exact: huge })), beforeMs: 7600 },
  };
}

function reanchorFigures() {
  const text = prose(199_000, 1);
  const start = 90_000;
  const orphan = createAnnotation({ document: 'talk.md', text, start, end: start + 20_000, verdict: 'supports' });
  const gone = text.slice(0, start) + prose(20_000, 2) + text.slice(start + 20_000);
  const one = fuzzyBudget(Infinity);
  reanchor(orphan, gone, { fuzzyBudget: one });
  const claims = Array.from({ length: 200 }, (_, n) => createAnnotation({ document: 'talk.md', text, start: 900 * n + 17, end: 900 * n + 317, verdict: 'supports' }));
  const other = prose(199_000, 6);
  const shared = editBudget();
  annotatedClaimsIn(other, claims, undefined, shared);
  return {
    orphan20kIn199k: { ...timed(5, () => reanchor(orphan, gone)), cellsSpent: one.spent, beforeMs: 4900 },
    orphans200In199kOneEdit: { ...timed(5, () => annotatedClaimsIn(other, claims)), cellsSpent: shared.spent, cellsAllowed: shared.spent + shared.remaining, goalMs: 50 },
  };
}

export async function main(papersDir?: string, workerScript?: string): Promise<Record<string, unknown>> {
  const pages = await paperPages(papersDir, workerScript);
  const text = pages ? matchKey(pages.map((page) => page.text).join('\n')) : prose(130_000, 3);
  return {
    node: process.version,
    searchers: searchers(text, pages ? 'Stiennon et al. 2009.01325, all pages in matching form' : 'generated prose'),
    anchor: anchorFigures(pages),
    reanchor: reanchorFigures(),
  };
}

if (require.main === module) {
  main(process.argv[2], process.argv[3]).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: Error) => {
      process.stderr.write(String(error.stack ?? error));
      process.exit(1);
    },
  );
}
