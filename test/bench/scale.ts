// Scale benchmark (issue 5), pure core in plain Node: scripts/bench/scale.mjs bundles this file and runs it
// under Node 24; it prints one JSON object on stdout. Figures only; nothing here is asserted by a test.
//   corpus   a generated corpus of 500 papers, a 30-node taxonomy and 5,000 evidence links: loadCorpus
//   tree     CorpusTree first level of both views and one expansion (target ≤ 200 ms)
//   claims   a 2,000-paragraph Markdown document with 2,000 annotated claims: createAnnotation, then
//            annotatedClaimsIn before and after an edit near the top (target ≤ 50 ms)
//   memory   heap and RSS after building all of the above (with --expose-gc: after a collection)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnnotation, type Annotation } from '../../src/core/annotations';
import { annotatedClaimsIn } from '../../src/core/claims/documentClaims';
import { loadCorpus } from '../../src/core/corpus/load';
import { CorpusTree } from '../../src/core/tree/corpusTree';
import { generateCorpus, rand, sentence } from './generatedCorpus';
import { median, ms } from './stats';

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function time<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

async function corpusAndTree(paperCount: number, linksPerPaper: number) {
  const root = mkdtempSync(join(tmpdir(), 'litcomp-scale-'));
  try {
    const generated = time(() => generateCorpus(root, paperCount, linksPerPaper));
    const loads: number[] = [];
    // The first load in this process: the parser's code is still cold, as in a fresh extension host.
    const first = performance.now();
    let corpus = await loadCorpus(root);
    const firstLoadMs = performance.now() - first;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      corpus = await loadCorpus(root);
      loads.push(performance.now() - started);
    }
    // First level as the tree views ask for it: a fresh model (its indexes are built here) and roots().
    const challengeRoots = time(() => new CorpusTree(corpus, 'challenges').roots());
    const paperRoots = time(() => new CorpusTree(corpus, 'papers').roots());
    const challengeTree = new CorpusTree(corpus, 'challenges');
    const section = challengeTree.roots()[0]!;
    const sectionChildren = time(() => challengeTree.children(section));
    const leaf = sectionChildren.value.find((node) => node.kind === 'challenge')!;
    const leafChildren = time(() => challengeTree.children(leaf));
    const paperTree = new CorpusTree(corpus, 'papers');
    const paper = paperTree.roots()[0]!;
    const paperChildren = time(() => paperTree.children(paper));
    const filtered = time(() => new CorpusTree(corpus, 'challenges', 'sycophancy').roots());
    return {
      corpus: {
        papers: corpus.papers.size,
        challenges: corpus.challenges.size,
        links: corpus.links.length,
        quotes: corpus.links.reduce((sum, link) => sum + link.evidence.length, 0),
        problems: corpus.problems.length,
        generateMs: ms(generated.ms),
        firstLoadMs: ms(firstLoadMs),
        firstLoadGoalMs: 1000,
        loadRuns: loads.length,
        loadMedianMs: ms(median(loads)),
        loadMaxMs: ms(Math.max(...loads)),
      },
      tree: {
        targetMs: 200,
        challengesFirstLevelMs: ms(challengeRoots.ms),
        challengesRoots: challengeRoots.value.length,
        papersFirstLevelMs: ms(paperRoots.ms),
        papersRoots: paperRoots.value.length,
        expandSectionMs: ms(sectionChildren.ms),
        expandSectionChildren: sectionChildren.value.length,
        expandLeafChallengeMs: ms(leafChildren.ms),
        expandLeafChallengeChildren: leafChildren.value.length,
        expandPaperMs: ms(paperChildren.ms),
        expandPaperChildren: paperChildren.value.length,
        filteredFirstLevelMs: ms(filtered.ms),
      },
      keep: corpus,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function claims(paragraphs: number) {
  // Each paragraph has 3–6 sentences; the second sentence is the claim (some sentences repeat across
  // paragraphs, as in real prose, so the quote alone is not always unique).
  const parts: string[] = ['# A long talk', ''];
  const claimTexts: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const claim = `Claim ${p}: ${sentence()}`;
    claimTexts.push(claim);
    const extra = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => sentence());
    parts.push([extra[0], claim, ...extra.slice(1)].join(' '), '');
  }
  const text = parts.join('\n');
  const created = time(() => {
    const annotations: Annotation[] = [];
    let from = 0;
    for (const [index, claim] of claimTexts.entries()) {
      const start = text.indexOf(claim, from);
      from = start + claim.length;
      annotations.push(createAnnotation({ id: `urn:uuid:claim-${index}`, document: 'talk.md', text, start, end: start + claim.length, verdict: index % 4 === 0 ? 'supports' : 'partially-supports', evidence: [{ paper: '2009.01325', version: 'v3', page: 1 + (index % 30), quote: 'a verbatim quote' }], note: index % 3 === 0 ? 'why' : undefined }));
    }
    return annotations;
  });
  const annotations = created.value;
  const runs = (documentText: string) => {
    const times: number[] = [];
    let result = annotatedClaimsIn(documentText, annotations);
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      result = annotatedClaimsIn(documentText, annotations);
      times.push(performance.now() - started);
    }
    const methods: Record<string, number> = {};
    for (const claim of result.claims) methods[claim.method] = (methods[claim.method] ?? 0) + 1;
    return { medianMs: ms(median(times)), maxMs: ms(Math.max(...times)), anchored: result.claims.length, orphans: result.orphans.length, methods };
  };
  const unchanged = runs(text);
  // The edit: a sentence typed into the first paragraph, so every claim after it moves.
  const at = text.indexOf('\n\n', text.indexOf('Claim 0:')) ;
  const edited = `${text.slice(0, at)} ${sentence()}${text.slice(at)}`;
  const afterEdit = runs(edited);
  // An edit in the middle of the document: half the claims move.
  const middle = text.indexOf('\n\n', text.indexOf(`Claim ${Math.floor(paragraphs / 2)}:`));
  const afterMiddleEdit = runs(`${text.slice(0, middle)} ${sentence()}${text.slice(middle)}`);
  // A deleted claim near the top becomes an orphan; the others are still found.
  const gone = claimTexts[1]!;
  const afterDelete = runs(edited.replace(gone, ''));
  return {
    claims: {
      targetMs: 50,
      paragraphs,
      documentChars: text.length,
      annotations: annotations.length,
      createAnnotationsMs: ms(created.ms),
      unchanged,
      afterEditNearTop: afterEdit,
      afterEditInMiddle: afterMiddleEdit,
      afterEditAndDeletedClaim: afterDelete,
    },
    keep: { text, annotations },
  };
}

export async function main(): Promise<Record<string, unknown>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const before = process.memoryUsage();
  const { keep: corpus, ...corpusFigures } = await corpusAndTree(500, 10);
  const { keep: document, ...claimFigures } = claims(2000);
  gc?.();
  const after = process.memoryUsage();
  // Keep both alive until after the measurement.
  const alive = corpus.papers.size + document.annotations.length;
  return {
    node: process.version,
    ...corpusFigures,
    ...claimFigures,
    memory: {
      afterGc: gc !== undefined,
      heapUsedMB: mb(after.heapUsed),
      heapUsedGrowthMB: mb(after.heapUsed - before.heapUsed),
      rssMB: mb(after.rss),
      externalMB: mb(after.external),
      objectsKept: alive,
    },
  };
}

if (require.main === module) {
  main().then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error: Error) => {
      process.stderr.write(String(error.stack ?? error));
      process.exit(1);
    },
  );
}
