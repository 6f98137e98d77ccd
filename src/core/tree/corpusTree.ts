import type { Challenge, Corpus, CorpusProblem, EvidenceLink, Paper } from '../corpus/model';

/**
 * The two sidebar trees as plain data, so they can be tested without VS Code:
 *  challenges view: challenge → sub-challenges → papers → evidence
 *  papers view:     paper → challenges it informs → evidence
 * Broken corpus files appear as `problem` nodes where the item would have been.
 */
export type TreeNode = ChallengeNode | PaperNode | EvidenceNode | ProblemNode | NoMatchNode;

interface BaseNode {
  /** Unique within its view; stable across reloads so expansion state survives. */
  readonly key: string;
  /** True when this node or an ancestor matched the filter: its subtree is then shown whole. */
  readonly matched: boolean;
}

export interface ChallengeNode extends BaseNode {
  readonly kind: 'challenge';
  readonly challenge: Challenge;
  /** Set when the node sits under a paper (papers view). */
  readonly paper?: Paper;
  readonly subChallengeCount: number;
  /** Distinct papers linked to this challenge or any descendant (challenges view), or quotes (papers view). */
  readonly paperCount: number;
  readonly quoteCount: number;
}

export interface PaperNode extends BaseNode {
  readonly kind: 'paper';
  readonly paper: Paper;
  /** Set when the node sits under a challenge (challenges view). */
  readonly challenge?: Challenge;
  readonly challengeCount: number;
  readonly quoteCount: number;
}

export interface EvidenceNode extends BaseNode {
  readonly kind: 'evidence';
  readonly link: EvidenceLink;
  readonly index: number;
}

export interface ProblemNode extends BaseNode {
  readonly kind: 'problem';
  readonly problem: CorpusProblem;
}

/** The one row of a view whose filter matches nothing: says so and offers to clear it. */
export interface NoMatchNode extends BaseNode {
  readonly kind: 'no-match';
  readonly filter: string;
}

export type ViewKind = 'challenges' | 'papers';

export function compareSectionIds(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0 && !Number.isNaN(difference)) return difference;
  }
  return a.localeCompare(b);
}

export class CorpusTree {
  private readonly needle: string;
  private readonly childrenOf = new Map<string | undefined, Challenge[]>();
  private readonly linksByChallenge = new Map<string, EvidenceLink[]>();
  private readonly linksByPaper = new Map<string, EvidenceLink[]>();

  constructor(
    private readonly corpus: Corpus,
    readonly view: ViewKind,
    private readonly filter = '',
  ) {
    this.needle = filter.trim().toLowerCase();
    const sorted = [...corpus.challenges.values()].sort((a, b) => compareSectionIds(a.id, b.id));
    for (const challenge of sorted) push(this.childrenOf, challenge.parent, challenge);
    for (const link of corpus.links) {
      push(this.linksByChallenge, link.challenge, link);
      push(this.linksByPaper, link.paper, link);
    }
  }

  get filtered(): boolean {
    return this.needle !== '';
  }

  roots(): TreeNode[] {
    const nodes = this.keep(this.view === 'challenges' ? this.challengeRoots() : this.paperRoots());
    // An empty view would show the "no papers loaded yet" welcome, which is not what happened. (Broken
    // files are listed whatever the filter, so they do not count as a match.)
    if (this.filtered && nodes.every((node) => node.kind === 'problem')) return [{ kind: 'no-match', key: '/no-match', matched: true, filter: this.filter.trim() }, ...nodes];
    return nodes;
  }

  children(node: TreeNode): TreeNode[] {
    const nodes = this.rawChildren(node);
    return node.matched ? nodes : this.keep(nodes);
  }

  private rawChildren(node: TreeNode): TreeNode[] {
    switch (node.kind) {
      case 'challenge':
        return node.paper ? this.evidenceNodes(node.key, this.linkOf(node.paper.id, node.challenge.id), node.matched) : this.challengeChildren(node);
      case 'paper':
        return node.challenge ? this.evidenceNodes(node.key, this.linkOf(node.paper.id, node.challenge.id), node.matched) : this.paperChildren(node);
      default:
        return [];
    }
  }

  /** Keeps nodes that match the filter or have a descendant that does. */
  private keep(nodes: TreeNode[]): TreeNode[] {
    if (!this.filtered) return nodes;
    return nodes.filter((node) => node.matched || this.children(node).length > 0);
  }

  private matches(...texts: (string | undefined)[]): boolean {
    if (!this.filtered) return false;
    return texts.some((text) => text !== undefined && text.toLowerCase().includes(this.needle));
  }

  private challengeRoots(): TreeNode[] {
    const challenges = (this.childrenOf.get(undefined) ?? []).map((challenge) => this.challengeNode(challenge, '', false));
    const broken = this.problemsOf('challenge').filter((problem) => !problem.id || !this.corpus.challenges.has(parentIdOf(problem.id) ?? ''));
    return [...challenges, ...broken.map((problem) => this.problemNode(problem, '', false))];
  }

  private challengeChildren(node: ChallengeNode): TreeNode[] {
    const id = node.challenge.id;
    const subChallenges = (this.childrenOf.get(id) ?? []).map((child) => this.challengeNode(child, node.key, node.matched));
    const broken = this.problemsOf('challenge')
      .filter((problem) => problem.id !== undefined && parentIdOf(problem.id) === id && !this.corpus.challenges.has(problem.id))
      .map((problem) => this.problemNode(problem, node.key, node.matched));
    const papers = (this.linksByChallenge.get(id) ?? [])
      .map((link) => this.corpus.papers.get(link.paper)!)
      .sort(byYearThenId)
      .map((paper) => this.paperNode(paper, node.key, node.matched, node.challenge));
    return [...subChallenges, ...broken, ...papers];
  }

  private paperRoots(): TreeNode[] {
    const papers = [...this.corpus.papers.values()].sort(byYearThenId).map((paper) => this.paperNode(paper, '', false));
    const broken = this.problemsOf('paper').filter((problem) => !problem.id || !this.corpus.papers.has(problem.id));
    const orphanEvidence = this.problemsOf('evidence').filter((problem) => !problem.id || !this.corpus.papers.has(problem.id));
    return [...papers, ...[...broken, ...orphanEvidence].map((problem) => this.problemNode(problem, '', false))];
  }

  private paperChildren(node: PaperNode): TreeNode[] {
    const challenges = (this.linksByPaper.get(node.paper.id) ?? [])
      .map((link) => this.corpus.challenges.get(link.challenge)!)
      .sort((a, b) => compareSectionIds(a.id, b.id))
      .map((challenge) => this.challengeNode(challenge, node.key, node.matched, node.paper));
    const broken = this.problemsOf('evidence')
      .filter((problem) => problem.id === node.paper.id)
      .map((problem) => this.problemNode(problem, node.key, node.matched));
    return [...challenges, ...broken];
  }

  private challengeNode(challenge: Challenge, parentKey: string, inherited: boolean, paper?: Paper): ChallengeNode {
    const links = paper ? [this.linkOf(paper.id, challenge.id)].filter(isDefined) : this.linksUnder(challenge.id);
    return {
      kind: 'challenge',
      key: `${parentKey}/c:${challenge.id}`,
      matched: inherited || this.matches(challenge.id, challenge.title),
      challenge,
      paper,
      subChallengeCount: (this.childrenOf.get(challenge.id) ?? []).length,
      paperCount: new Set(links.map((link) => link.paper)).size,
      quoteCount: links.reduce((sum, link) => sum + link.evidence.length, 0),
    };
  }

  private paperNode(paper: Paper, parentKey: string, inherited: boolean, challenge?: Challenge): PaperNode {
    const links = challenge ? [this.linkOf(paper.id, challenge.id)].filter(isDefined) : this.linksByPaper.get(paper.id) ?? [];
    return {
      kind: 'paper',
      key: `${parentKey}/p:${paper.id}`,
      matched: inherited || this.matches(paper.id, paper.title, paper.bibtexKey, paper.authors.join(', '), String(paper.year)),
      paper,
      challenge,
      challengeCount: new Set(links.map((link) => link.challenge)).size,
      quoteCount: links.reduce((sum, link) => sum + link.evidence.length, 0),
    };
  }

  private evidenceNodes(parentKey: string, link: EvidenceLink | undefined, inherited: boolean): EvidenceNode[] {
    if (!link) return [];
    return link.evidence.map((evidence, index) => ({
      kind: 'evidence' as const,
      key: `${parentKey}/e:${index}`,
      matched: inherited || this.matches(evidence.quote, link.rationale),
      link,
      index,
    }));
  }

  private problemNode(problem: CorpusProblem, parentKey: string, inherited: boolean): ProblemNode {
    return {
      kind: 'problem',
      key: `${parentKey}/x:${problem.file}:${problem.line ?? 0}:${problem.field ?? ''}`,
      // A broken file is always shown: hiding it behind a filter would hide the error.
      matched: true || inherited,
      problem,
    };
  }

  private problemsOf(kind: CorpusProblem['kind']): CorpusProblem[] {
    return this.corpus.problems.filter((problem) => problem.kind === kind);
  }

  private linkOf(paperId: string, challengeId: string): EvidenceLink | undefined {
    return (this.linksByPaper.get(paperId) ?? []).find((link) => link.challenge === challengeId);
  }

  /** Links of a challenge and all its descendants. */
  private linksUnder(challengeId: string): EvidenceLink[] {
    const own = this.linksByChallenge.get(challengeId) ?? [];
    const below = (this.childrenOf.get(challengeId) ?? []).flatMap((child) => this.linksUnder(child.id));
    return [...own, ...below];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function byYearThenId(a: Paper, b: Paper): number {
  return a.year - b.year || a.id.localeCompare(b.id);
}

function parentIdOf(id: string): string | undefined {
  const cut = id.lastIndexOf('.');
  return cut > 0 && id.slice(0, cut).includes('.') ? id.slice(0, cut) : undefined;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
