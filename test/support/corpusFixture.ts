import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes a small corpus folder: `files` maps relative paths (e.g. "papers/1.md") to content. */
export function writeCorpus(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'litcomp-corpus-'));
  for (const folder of ['papers', 'taxonomy', 'evidence']) mkdirSync(join(root, folder));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true }); // e.g. claims/
    writeFileSync(join(root, path), content);
  }
  return root;
}

export function paperFile(id: string, overrides: Record<string, string> = {}, summary = 'A summary.'): string {
  const fields: Record<string, string> = {
    id: `"${id}"`,
    title: `Paper ${id}`,
    authors: '[Ada Lovelace, Alan Turing]',
    year: '2021',
    venue: 'Test Venue',
    version: 'v1',
    pdfUrl: `https://arxiv.org/pdf/${id}v1`,
    bibtexKey: `key${id.replace(/\W/g, '')}`,
    ...overrides,
  };
  const yaml = Object.entries(fields).filter(([, value]) => value !== '').map(([key, value]) => `${key}: ${value}`).join('\n');
  return `---\n${yaml}\n---\n${summary}\n`;
}

export function challengeFile(id: string, title: string, parent?: string): string {
  return `---\nid: "${id}"\ntitle: ${title}\n${parent ? `parent: "${parent}"\n` : ''}problems:\n  - title: A problem\n    kind: tractable\n---\nDescription of ${title}.\n`;
}

export function evidenceFile(paper: string, links: { challenge: string; page?: number; quote?: string }[]): string {
  const body = links
    .map((link) => `  - challenge: "${link.challenge}"\n    rationale: Because.\n    evidence:\n      - page: ${link.page ?? 1}\n        quote: "${link.quote ?? 'A quote.'}"`)
    .join('\n');
  return `paper: "${paper}"\nlinks:\n${body}\n`;
}

/** A claims file (sources/README.md format): each claim supported by one quote of `paper`, page 1. */
export function claimsFile(talk: string | undefined, claims: { id: string; text: string; paper: string; quote?: string }[]): string {
  const items = claims
    .map((claim) => `  - id: ${claim.id}\n    text: "${claim.text}"\n    gloss: Gloss of ${claim.id}.\n    verdict: supports\n    rationale: Because.\n    evidence:\n      - paper: "${claim.paper}"\n        version: v1\n        page: 1\n        quote: "${claim.quote ?? 'A quote.'}"`)
    .join('\n');
  return `${talk ? `talk: ${talk}\n` : ''}claims:\n${items}\n`;
}
