// Loaded into a real extension host by `npm run bench`: the evidence map's first paint at 500 papers,
// through the real webview. A generated corpus (500 papers, a 30-challenge taxonomy, 10 links a paper,
// 2 quotes a link) is written into the workspace and named by literatureCompanion.corpusPath; the map is
// opened 5 times. firstPaintMs: from the panel's creation to the webview's report that the map is on
// screen (after the next animation frame); webviewDraw: the webview's own DOM build of the grid;
// webviewReady: panel creation to the webview's page and script loaded; hostModel: building the matrix
// (done while the webview loads, so off the critical path of the first paint).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LiteratureCompanionApi } from '../../src/extension';
import { median } from './stats';

const EXTENSION_ID = 'literature-companion.literature-companion';
const PAPERS = 500;
const WORDS = 'reward model policy human feedback preference summarization dialogue harmless helpful labeler evaluation oversight alignment data comparison baseline'.split(' ');

function sentence(seed: number): string {
  return Array.from({ length: 12 }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]).join(' ');
}

function writeCorpus(root: string): void {
  for (const folder of ['papers', 'taxonomy', 'evidence']) mkdirSync(join(root, folder), { recursive: true });
  const leaves: string[] = [];
  for (let top = 1; top <= 5; top++) {
    writeFileSync(join(root, 'taxonomy', `3.${top}.md`), `---\nid: "3.${top}"\ntitle: Section ${top}\nproblems: []\n---\nSection.\n`);
    for (let sub = 1; sub <= 5; sub++) {
      leaves.push(`3.${top}.${sub}`);
      writeFileSync(join(root, 'taxonomy', `3.${top}.${sub}.md`), `---\nid: "3.${top}.${sub}"\ntitle: Challenge ${top}.${sub}\nparent: "3.${top}"\nproblems: []\n---\nChallenge.\n`);
    }
  }
  for (let n = 0; n < PAPERS; n++) {
    const id = `25${String(1 + (n % 12)).padStart(2, '0')}.${String(10000 + n).padStart(5, '0')}`;
    writeFileSync(join(root, 'papers', `${id}.md`), `---\nid: "${id}"\ntitle: Paper ${n}\nauthors: [Author${n} Smith, Grace Hopper]\nyear: ${2015 + (n % 11)}\nvenue: arXiv\nversion: v1\npdfUrl: https://arxiv.org/pdf/${id}v1\nbibtexKey: paper${n}\n---\nSummary.\n`);
    const links = Array.from({ length: 10 }, (_, k) => `  - challenge: "${leaves[(n + k * 7) % leaves.length]}"\n    rationale: Because.\n    evidence:\n      - page: ${1 + k}\n        quote: "${sentence(n + k)} ${n}-${k}a."\n      - page: ${2 + k}\n        quote: "${sentence(n * 3 + k)} ${n}-${k}b."`);
    writeFileSync(join(root, 'evidence', `${id}.yaml`), `paper: "${id}"\nlinks:\n${links.join('\n')}\n`);
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

export async function run(): Promise<void> {
  const api = await vscode.extensions.getExtension<LiteratureCompanionApi>(EXTENSION_ID)!.activate();
  const workspace = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  writeCorpus(join(workspace, 'bench-corpus'));
  await vscode.workspace.getConfiguration('literatureCompanion').update('corpusPath', 'bench-corpus', vscode.ConfigurationTarget.Workspace);
  let corpus = await api.corpus.get();
  for (let i = 0; i < 100 && corpus.papers.size !== PAPERS; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    corpus = await api.corpus.get();
  }
  const firstPaint: number[] = [];
  const draw: number[] = [];
  const ready: number[] = [];
  const model: number[] = [];
  let cells = 0;
  for (let i = 0; i < 5; i++) {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const opened = api.evidenceMap.open();
    const panel = await opened;
    const rendered = await panel.whenRendered();
    firstPaint.push(panel.firstPaintMs!);
    draw.push(rendered.ms);
    ready.push(panel.readyMs!);
    model.push(panel.lastBuildMs!);
    cells = rendered.cells;
  }
  const result = {
    papers: corpus.papers.size,
    challenges: corpus.challenges.size,
    quotes: corpus.links.reduce((n, link) => n + link.evidence.length, 0),
    cells,
    runs: firstPaint.length,
    firstPaintMedianMs: round(median(firstPaint)),
    firstPaintMaxMs: round(Math.max(...firstPaint)),
    webviewDrawMedianMs: round(median(draw)),
    webviewReadyMedianMs: round(median(ready)),
    hostModelMedianMs: round(median(model)),
    goalMs: 300,
  };
  console.log(`LITCOMP_BENCH ${JSON.stringify(result)}`);
}
