import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import { CorpusTree, compareSectionIds, type TreeNode } from '../../src/core/tree/corpusTree';
import { challengeFile, evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';

async function fixture() {
  return loadCorpus(
    writeCorpus({
      'papers/p1.md': paperFile('p1', { year: '2020', title: 'Summaries from feedback' }),
      'papers/p2.md': paperFile('p2', { year: '2022', title: 'Constitutional things' }),
      'papers/bad.md': paperFile('bad', { year: 'x' }),
      'taxonomy/3.md': challengeFile('3', 'Challenges'),
      'taxonomy/3.1.md': challengeFile('3.1', 'Human feedback', '3'),
      'taxonomy/3.10.md': challengeFile('3.10', 'Tenth', '3'),
      'taxonomy/3.2.md': challengeFile('3.2', 'Reward hacking', '3'),
      'evidence/p1.yaml': evidenceFile('p1', [{ challenge: '3.1', page: 4, quote: 'labelers disagree' }, { challenge: '3.2', page: 7 }]),
      'evidence/p2.yaml': evidenceFile('p2', [{ challenge: '3.2', page: 2, quote: 'Goodhart' }]),
    }),
  );
}

const ids = (nodes: TreeNode[]) => nodes.map((node) => (node.kind === 'challenge' ? node.challenge.id : node.kind === 'paper' ? node.paper.id : node.kind));

describe('tree model', () => {
  it('orders sections numerically (3.2 before 3.10)', () => {
    assert.deepEqual(['3.10', '3.2', '3.1.1', '3.1'].sort(compareSectionIds), ['3.1', '3.1.1', '3.2', '3.10']);
  });

  it('challenges view: challenge → sub-challenges → papers (with counts) → evidence', async () => {
    const tree = new CorpusTree(await fixture(), 'challenges');
    const [root] = tree.roots();
    assert.ok(root?.kind === 'challenge');
    assert.equal(root.paperCount, 2, 'distinct papers below §3');
    const subs = tree.children(root);
    assert.deepEqual(ids(subs), ['3.1', '3.2', '3.10']);
    const hacking = subs[1]!;
    assert.deepEqual(ids(tree.children(hacking)), ['p1', 'p2']);
    const [p2] = tree.children(hacking).slice(1);
    const evidence = tree.children(p2!);
    assert.equal(evidence.length, 1);
    const first = evidence[0]!;
    assert.ok(first.kind === 'evidence' && first.link.evidence[0]!.quote === 'Goodhart');
  });

  it('papers view: paper → challenges it informs → evidence, with the broken paper shown in place', async () => {
    const tree = new CorpusTree(await fixture(), 'papers');
    const roots = tree.roots();
    assert.deepEqual(ids(roots), ['p1', 'p2', 'problem']);
    const p1 = roots[0]!;
    assert.ok(p1.kind === 'paper' && p1.challengeCount === 2 && p1.quoteCount === 2);
    assert.deepEqual(ids(tree.children(p1)), ['3.1', '3.2']);
  });

  it('filter keeps matching nodes with their ancestors, and whole subtrees of a match', async () => {
    const corpus = await fixture();
    const byQuote = new CorpusTree(corpus, 'challenges', 'labelers');
    const [root] = byQuote.roots();
    assert.deepEqual(ids(byQuote.children(root!)), ['3.1']);
    const byTitle = new CorpusTree(corpus, 'challenges', 'reward hacking');
    const hacking = byTitle.children(byTitle.roots()[0]!)[0]!;
    assert.deepEqual(ids(byTitle.children(hacking)), ['p1', 'p2'], 'a matched challenge shows all its papers');
    assert.deepEqual(new CorpusTree(corpus, 'papers', 'nothing-matches').roots().map((n) => n.kind), ['no-match', 'problem'], 'broken items stay visible');
  });

  it('a filter that matches nothing gives one "no match" row naming the filter, not an empty view', async () => {
    const corpus = await fixture();
    const [row, ...rest] = new CorpusTree(corpus, 'challenges', '  xyz ').roots();
    assert.deepEqual(row, { kind: 'no-match', key: '/no-match', matched: true, filter: 'xyz' });
    assert.deepEqual(rest, []);
    assert.ok(new CorpusTree(corpus, 'challenges', 'reward').roots().every((node) => node.kind !== 'no-match'), 'only when nothing matches');
    assert.ok(new CorpusTree(corpus, 'papers').roots().every((node) => node.kind !== 'no-match'), 'never without a filter');
  });

  it('node keys are unique within a view', async () => {
    const tree = new CorpusTree(await fixture(), 'challenges');
    const keys: string[] = [];
    const walk = (nodes: TreeNode[]) => nodes.forEach((node) => (keys.push(node.key), walk(tree.children(node))));
    walk(tree.roots());
    assert.equal(new Set(keys).size, keys.length);
  });
});
