import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AnnotationStore, documentKey, evidenceOf, findAnnotationFile, quoteSelector, verdictOf, type Verdict } from '../core/annotations';
import { annotatedClaimsIn, needsAttention } from '../core/claims/documentClaims';
import type { Corpus } from '../core/corpus/model';
import { anchorQuote, extractDocument, matchQuality, pdfPathFor, PdfTextExtractor, type DocumentText } from '../core/pdf';
import { describeReferenceHint, matchReferences, parseReferenceList, type ReferenceHint } from '../core/references';
import type { Io, PdfFlags } from './pdfCommands';
import type { PinnedQuote } from '../core/common/pinnedQuote';

/**
 * `lint FILE`: checks the annotations of one document, for the CI of a talk's repository.
 *
 * Where the annotations are: the nearest `.literature/annotations.json` in FILE's folder or a folder above
 * it (as git finds `.git`), or the file given with `--annotations`. The document's annotations are the ones
 * listed under FILE's path relative to the folder holding `.literature/`.
 *
 * Errors (exit 1): a claim that no longer anchors in FILE (orphan), a claim with two versions kept by
 * merge-annotations (conflicted), a contradicted claim, an unsupported
 * one (verdict not-addressed, or no evidence), a quote not found in its paper's PDF, evidence citing a
 * paper the corpus does not have. Warnings: a quote found on another page than stated, evidence of another
 * version than the corpus pins. Quotes whose PDF is not in --pdfs are reported as unverified.
 *
 * The document's own reference list (list items under a "Sources"/"References"/"Источники" heading) is
 * linked to the corpus papers it names; a title or address that differs from the pinned paper is a hint,
 * which never changes the exit code.
 */
export type QuoteCheck = 'found' | 'found-elsewhere' | 'not-found' | 'pdf-missing' | 'pdf-error' | 'unknown-paper' | 'version-mismatch';

export interface LintFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

/** `lint --json` prints exactly this; CI scripts rely on it. */
export interface LintJson {
  file: string;
  annotations: string;
  document: string;
  claims: {
    id: string;
    text: string;
    status: 'anchored' | 'orphan';
    line: number | null;
    verdict: Verdict;
    evidence: (PinnedQuote & { check: QuoteCheck; foundPage?: number })[];
    findings: LintFinding[];
  }[];
  problems: string[];
  /** The document's reference lines, each with the corpus paper it names (null when none) and its hints. */
  references: {
    line: number;
    title: string;
    paper: string | null;
    version: string | null;
    hints: { kind: ReferenceHint['kind']; message: string }[];
  }[];
  summary: { claims: number; errors: number; warnings: number; hints: number };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const short = (text: string, max = 70) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/\s+/g, ' ');

/** Why `file` cannot be linted or read as annotations, in one line; undefined when it is a file. */
async function whyNotAFile(file: string): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return `${file} does not exist`;
  if (info.isDirectory()) return `${file} is a folder; lint checks one document (lint FILE) against one annotations file (--annotations FILE)`;
  if (!info.isFile()) return `${file} is not a regular file`;
  return undefined;
}

export async function lintCommand(target: string | undefined, annotationsFlag: string | undefined, corpus: Corpus, flags: PdfFlags, json: boolean, io: Io): Promise<number> {
  if (!target) {
    io.err('literature-companion: lint needs the document to check: lint FILE');
    return 2;
  }
  const file = resolve(target);
  const notAFile = (await whyNotAFile(file)) ?? (annotationsFlag ? await whyNotAFile(resolve(annotationsFlag)) : undefined);
  if (notAFile) {
    io.err(`literature-companion: ${notAFile}`);
    return 1;
  }
  const annotationFile = annotationsFlag ? resolve(annotationsFlag) : findAnnotationFile(file);
  if (!annotationFile) {
    io.err(`literature-companion: no annotations for ${file}: there is no .literature/annotations.json in its folder or any folder above it (pass --annotations FILE to name one)`);
    return 2;
  }
  // lint only reads: no backup of a broken file, nothing written into the repository it checks.
  const store = await AnnotationStore.open(annotationFile, { backups: false });
  for (const problem of store.problems) io.err(`literature-companion: ${problem}`);
  if (store.unreadableError) return 1;
  const document = documentKey(store.workspaceRoot, file);
  const text = await readFile(file, 'utf8');
  const extractor = new PdfTextExtractor({ workers: 1 });
  const pdfs = new Map<string, Promise<DocumentText | Error>>();
  const pdfText = (paper: string) => {
    let pending = pdfs.get(paper);
    if (!pending) {
      pending = extractDocument(pdfPathFor(flags.pdfDir, paper), { cacheDir: flags.cacheDir, extractor }).catch((error: Error) => error);
      pdfs.set(paper, pending);
    }
    return pending;
  };
  const report: LintJson = { file, annotations: annotationFile, document, claims: [], problems: store.problems, references: referencesOf(text, corpus), summary: { claims: 0, errors: 0, warnings: 0, hints: 0 } };
  // The same claim list the editor builds (re-anchoring included), so lint and the editor never disagree.
  const annotations = store.list(document);
  const located = annotatedClaimsIn(text, annotations, corpus);
  const anchoredAt = new Map(located.claims.map((claim) => [claim.annotation!.id, claim.start]));
  const ids = new Set(annotations.map((annotation) => annotation.id));
  // Pairs merge-annotations kept from two git branches (conflictsWith): unresolved until one is removed.
  const conflicted = new Set(annotations.flatMap((annotation) => (annotation.conflictsWith && ids.has(annotation.conflictsWith) ? [annotation.id, annotation.conflictsWith] : [])));
  try {
    for (const annotation of annotations) {
      const findings: LintFinding[] = [];
      const start = anchoredAt.get(annotation.id);
      const verdict = verdictOf(annotation);
      if (start === undefined) findings.push({ severity: 'error', message: 'orphan: the claim is no longer in the document; re-attach or delete the annotation' });
      if (conflicted.has(annotation.id)) findings.push({ severity: 'error', message: 'conflicted: edited on two git branches and both versions were kept; keep one and remove the other annotation' });
      const attention = needsAttention({ verdict, evidence: evidenceOf(annotation) });
      if (attention === 'contradicted') findings.push({ severity: 'error', message: 'contradicted by its evidence' });
      if (attention === 'unsupported') findings.push({ severity: 'error', message: verdict === 'not-addressed' ? 'unsupported: the evidence does not address the claim' : 'unsupported: no evidence' });
      const evidence: LintJson['claims'][number]['evidence'] = [];
      for (const link of evidenceOf(annotation)) {
        const paper = corpus.papers.get(link.paper);
        const base = { paper: link.paper, version: link.version, page: link.page, quote: link.quote };
        const where = `${link.paper}${link.version} p.${link.page} "${short(link.quote, 50)}"`;
        if (!paper) {
          evidence.push({ ...base, check: 'unknown-paper' });
          findings.push({ severity: 'error', message: `evidence cites paper ${link.paper}, which is not in the corpus ${corpus.root}` });
          continue;
        }
        if (paper.version !== link.version) {
          evidence.push({ ...base, check: 'version-mismatch' });
          findings.push({ severity: 'warning', message: `${where}: the corpus pins ${paper.version}, so the quote cannot be checked against its PDF` });
          continue;
        }
        if (!existsSync(pdfPathFor(flags.pdfDir, link.paper))) {
          evidence.push({ ...base, check: 'pdf-missing' });
          findings.push({ severity: 'info', message: `${where}: unverified, no PDF in ${flags.pdfDir}` });
          continue;
        }
        const pages = await pdfText(link.paper);
        if (pages instanceof Error) {
          evidence.push({ ...base, check: 'pdf-error' });
          findings.push({ severity: 'warning', message: `${where}: the PDF cannot be read (${pages.message})` });
          continue;
        }
        const found = anchorQuote(pages.pages, { exact: link.quote, page: link.page });
        evidence.push({ ...base, check: found.status, ...(found.page !== null && found.status !== 'not-found' ? { foundPage: found.page } : {}) });
        if (found.status === 'not-found') findings.push({ severity: 'error', message: `${where}: the quote no longer verifies, it is not in the PDF` });
        if (found.status === 'found-elsewhere') findings.push({ severity: 'warning', message: `${where}: found on page ${found.page}, not ${link.page}` });
        if (found.method === 'fuzzy') findings.push({ severity: 'warning', message: `${where}: ${matchQuality(found)}: the quote differs from the PDF's words in a few places; copy it from the PDF` });
      }
      report.claims.push({
        id: annotation.id,
        text: quoteSelector(annotation).exact,
        status: start === undefined ? 'orphan' : 'anchored',
        line: start === undefined ? null : lineOf(text, start),
        verdict,
        evidence,
        findings,
      });
    }
  } finally {
    await extractor.dispose();
  }
  const all = report.claims.flatMap((claim) => claim.findings);
  report.summary = {
    claims: report.claims.length,
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    hints: report.references.reduce((count, reference) => count + reference.hints.length, 0),
  };
  if (json) {
    io.out(JSON.stringify(report, null, 2));
  } else {
    for (const claim of report.claims) {
      const place = claim.line === null ? `${target}: orphan` : `${target}:${claim.line}`;
      io.out(`${place}  ${claim.verdict}  ${claim.evidence.length} source(s)  "${short(claim.text)}"`);
      for (const finding of claim.findings) io.out(`    ${finding.severity}: ${finding.message}`);
    }
    for (const reference of report.references) {
      const paper = reference.paper ? `→ ${reference.paper}${reference.version}` : '→ not in the corpus';
      io.out(`${target}:${reference.line}  reference ${paper}  "${short(reference.title)}"`);
      for (const hint of reference.hints) io.out(`    hint: ${hint.message}`);
    }
    io.out(`${report.summary.claims} claim(s), ${report.summary.errors} error(s), ${report.summary.warnings} warning(s), ${report.summary.hints} hint(s) — annotations from ${annotationFile}`);
  }
  return report.summary.errors > 0 ? 1 : 0;
}

/** The document's reference list, linked to the corpus (1-based lines, as the rest of the report). */
function referencesOf(text: string, corpus: Corpus): LintJson['references'] {
  return matchReferences(parseReferenceList(text), corpus).map((match) => ({
    line: match.reference.line + 1,
    title: match.reference.title,
    paper: match.paper?.id ?? null,
    version: match.paper?.version ?? null,
    hints: match.hints.map((hint) => ({ kind: hint.kind, message: describeReferenceHint(hint) })),
  }));
}
