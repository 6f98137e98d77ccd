/**
 * The checkable half of the verdict rules in sources/README.md ("How a verdict is decided"): what a
 * rationale must say for its verdict, so that a verdict and its rationale cannot pull in different
 * directions unnoticed. Whether the quotes really decide the claim is still a reader's judgement.
 */
import { citedPages } from '../corpus/pageCitations';
import type { Claim, Verdict } from './model';

/** Opens the sentence that says what no source here shows. */
export const MISSING_MARK = 'Missing:';
/** Opens the sentence that says what a source here reports against the claim. */
export const OPPOSED_MARK = 'Opposed:';

interface RationaleRule {
  readonly needsPage: boolean;
  /** At least one of these marks must be there (none required when empty). */
  readonly needsOneOf: readonly string[];
  readonly forbids: readonly string[];
}

const RULES: Record<Verdict, RationaleRule> = {
  supports: { needsPage: true, needsOneOf: [], forbids: [MISSING_MARK, OPPOSED_MARK] },
  'partially-supports': { needsPage: true, needsOneOf: [MISSING_MARK, OPPOSED_MARK], forbids: [] },
  contradicts: { needsPage: true, needsOneOf: [OPPOSED_MARK], forbids: [] },
  'not-addressed': { needsPage: false, needsOneOf: [MISSING_MARK], forbids: [OPPOSED_MARK] },
};

/** What is wrong with a claim's rationale under the verdict rules; empty when nothing is. */
export function rationaleProblems(claim: Pick<Claim, 'verdict' | 'rationale' | 'evidence'>): string[] {
  const rule = RULES[claim.verdict];
  const problems: string[] = [];
  const pages = citedPages(claim.rationale);
  if (rule.needsPage && claim.evidence.length > 0 && pages.length === 0) {
    problems.push(`a "${claim.verdict}" rationale names its deciding quote by page, e.g. "(p. 6)"`);
  }
  if (rule.needsOneOf.length > 0 && !rule.needsOneOf.some((mark) => claim.rationale.includes(mark))) {
    problems.push(`a "${claim.verdict}" rationale says what is missing or opposed, in a sentence opening with ${rule.needsOneOf.map((mark) => `"${mark}"`).join(' or ')}`);
  }
  for (const mark of rule.forbids.filter((forbidden) => claim.rationale.includes(forbidden))) {
    problems.push(`a "${claim.verdict}" rationale cannot have a "${mark}" sentence: the verdict and the rationale would pull in different directions`);
  }
  const quotedPages = new Set(claim.evidence.map((item) => item.page));
  for (const page of new Set(pages.filter((cited) => !quotedPages.has(cited)))) {
    problems.push(`the rationale cites p. ${page}, but none of the claim's quotes is on that page`);
  }
  return problems;
}
