import type { Corpus } from '../core/corpus/model';
import { join } from 'node:path';
import { formatClaimProblem, isVerifiedSource, loadClaims, loadClaimsFolder, type Claim, type Verdict } from '../core/claims';
import type { Io } from './pdfCommands';
import type { PinnedQuote } from '../core/common/pinnedQuote';

/**
 * `claims --json` prints exactly this; other tools (a talk's CI) rely on it, keep it stable. `verified` is
 * true only for a quote copied from the PDF's text (checked against the PDF by the project's tests); a
 * quote taken from a transcription (Llama 2) is false until someone checks it against the real PDF.
 */
export type ClaimsJson = {
  id: string;
  text: string;
  gloss: string;
  verdict: Verdict;
  rationale: string;
  evidence: (PinnedQuote & { verified: boolean })[];
}[];

export function claimsToJson(claims: readonly Claim[]): ClaimsJson {
  return claims.map(({ id, text, gloss, verdict, rationale, evidence }) => ({
    id,
    text,
    gloss,
    verdict,
    rationale,
    evidence: evidence.map((item) => ({ paper: item.paper, version: item.version, page: item.page, quote: item.quote, verified: isVerifiedSource(item) })),
  }));
}

/**
 * Prints the claims of `file`, or of every file in the corpus's `claims/` folder; exits 1 (printing
 * file:line (field): message) when a file has problems.
 */
export async function claimsCommand(corpus: Corpus, file: string | undefined, json: boolean, io: Io, talkWithin?: readonly string[]): Promise<number> {
  const folder = join(corpus.root, 'claims');
  const { claims, problems } = file ? await loadClaims(file, corpus, { talkWithin }) : await loadClaimsFolder(folder, corpus, { talkWithin });
  const where = file ? `the claims file ${file}` : `the claims in ${folder}`;
  if (problems.length > 0) {
    io.err(`literature-companion: ${where} has ${problems.length} problem(s):`);
    for (const problem of problems) io.err(`  ${formatClaimProblem(problem)}`);
    io.err('Fix the claims named above (see sources/README.md, "claims/<talk>.yaml") and run again.');
    return 1;
  }
  if (json) {
    io.out(JSON.stringify(claimsToJson(claims), null, 2));
    return 0;
  }
  if (claims.length === 0) {
    io.out(`No claims in ${file ?? `${folder} (no .yaml files)`}. Add claims/<talk>.yaml to the corpus; the format is in sources/README.md.`);
    return 0;
  }
  const idWidth = Math.max(...claims.map((claim) => claim.id.length), 2);
  const verdictWidth = Math.max(...claims.map((claim) => claim.verdict.length));
  io.out(`${'id'.padEnd(idWidth)}  ${'verdict'.padEnd(verdictWidth)}  sources  claim`);
  for (const claim of claims) {
    const papers = new Set(claim.evidence.map((item) => item.paper));
    const unverified = claim.evidence.filter((item) => !isVerifiedSource(item)).length;
    const sources = `${claim.evidence.length}q/${papers.size}p${unverified > 0 ? '*' : ''}`;
    io.out(`${claim.id.padEnd(idWidth)}  ${claim.verdict.padEnd(verdictWidth)}  ${sources.padEnd(7)}  ${claim.gloss}`);
  }
  const counts = new Map<Verdict, number>();
  for (const claim of claims) counts.set(claim.verdict, (counts.get(claim.verdict) ?? 0) + 1);
  io.out(`${claims.length} claims: ${[...counts].map(([verdict, count]) => `${count} ${verdict}`).join(', ')}`);
  io.out('sources: quotes/papers; * = some quotes are from a transcription, unverified until checked against the PDF');
  return 0;
}
