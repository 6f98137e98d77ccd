// A generated corpus for the benchmarks: papers, a 30-challenge taxonomy (5 sections of 5) and links with
// two quotes each, written as the files a person would write. Deterministic (seeded), so runs compare.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 4294967296;
}

/** One seeded stream shared by the benchmarks that use this module (scale.ts draws its claims from it too). */
export const rand = random(11);
const WORDS = 'reward model policy human feedback preference summarization dialogue harmless helpful toxicity labeler annotator evaluation oversight reinforcement learning alignment language training data comparison rate baseline supervised critique revision principle scaling bias sycophancy hacking distribution shift robustness'.split(' ');
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
export function sentence(words = 8 + Math.floor(rand() * 16)): string {
  const text = Array.from({ length: words }, () => pick(WORDS)).join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** 30 challenges: 5 sections with 5 sub-challenges each (ids 3.1 … 3.5.5). */
function taxonomyIds(): { id: string; parent?: string }[] {
  const ids: { id: string; parent?: string }[] = [];
  for (let top = 1; top <= 5; top++) {
    ids.push({ id: `3.${top}` });
    for (let sub = 1; sub <= 5; sub++) ids.push({ id: `3.${top}.${sub}`, parent: `3.${top}` });
  }
  return ids;
}

export function generateCorpus(root: string, paperCount: number, linksPerPaper: number): void {
  for (const folder of ['papers', 'taxonomy', 'evidence']) mkdirSync(join(root, folder), { recursive: true });
  const challenges = taxonomyIds();
  for (const { id, parent } of challenges) {
    writeFileSync(join(root, 'taxonomy', `${id}.md`), `---\nid: "${id}"\ntitle: Challenge ${id}\n${parent ? `parent: "${parent}"\n` : ''}problems:\n  - title: ${sentence(5)}\n    kind: ${rand() < 0.5 ? 'tractable' : 'fundamental'}\n---\n${sentence()} ${sentence()}\n`);
  }
  const leaves = challenges.filter((c) => c.parent !== undefined).map((c) => c.id);
  for (let n = 0; n < paperCount; n++) {
    const id = `25${String(1 + (n % 12)).padStart(2, '0')}.${String(10000 + n).padStart(5, '0')}`;
    const summary = Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => sentence()).join(' ')).join('\n\n');
    writeFileSync(
      join(root, 'papers', `${id}.md`),
      `---\nid: "${id}"\ntitle: "${sentence(6).slice(0, -1)}"\nauthors: [Ada Lovelace, Alan Turing, Grace Hopper]\nyear: ${2015 + (n % 11)}\nvenue: arXiv\nversion: v${1 + (n % 3)}\npdfUrl: https://arxiv.org/pdf/${id}v${1 + (n % 3)}\nbibtexKey: paper${n}\n---\n## Summary\n\n${summary}\n`,
    );
    const links = Array.from({ length: linksPerPaper }, (_, k) => {
      const challenge = leaves[(n + k * 7) % leaves.length]!;
      return `  - challenge: "${challenge}"\n    rationale: "${sentence()}"\n    evidence:\n      - page: ${1 + ((n + k) % 40)}\n        quote: "${sentence()}"\n      - page: ${2 + ((n * 3 + k) % 38)}\n        quote: "${sentence()}"`;
    });
    writeFileSync(join(root, 'evidence', `${id}.yaml`), `paper: "${id}"\nlinks:\n${links.join('\n')}\n`);
  }
}

