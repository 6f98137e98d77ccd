/**
 * A document's claims as the CLI sees them, the same way the editor does (ClaimsService): the claims file's
 * claims found verbatim in the document, plus the person's annotations of that document from the nearest
 * `.literature/annotations.json`, re-anchored in its current text.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AnnotationStore, documentKey, findAnnotationFile } from '../annotations';
import { formatClaimProblem, loadClaims } from '../claims';
import { annotatedClaimsIn, bundledClaimsIn, mergeClaims, type DocumentClaims } from '../claims/documentClaims';
import type { Corpus } from '../corpus/model';

export interface DocumentClaimsSource {
  readonly text: string;
  readonly claims: DocumentClaims;
  /** Problems of the claims or annotation file: reported, while the claims that loaded are still used. */
  readonly problems: readonly string[];
}

export interface DocumentClaimsOptions {
  /** A claims file (default: the corpus's claims/talk-ru.yaml when it has one). */
  readonly claimsFile?: string;
  /** An annotation file (default: the nearest .literature/annotations.json at or above the document). */
  readonly annotationFile?: string;
}

export async function loadDocumentClaims(file: string, corpus: Corpus, options: DocumentClaimsOptions = {}): Promise<DocumentClaimsSource> {
  const text = await readFile(file, 'utf8');
  const problems: string[] = [];
  const claimsFile = options.claimsFile ?? join(corpus.root, 'claims', 'talk-ru.yaml');
  let bundled: DocumentClaims = { claims: [], orphans: [] };
  if (existsSync(claimsFile)) {
    const set = await loadClaims(claimsFile, corpus);
    problems.push(...set.problems.map(formatClaimProblem));
    // Only the talk itself can lose one of its claims; another document simply does not contain them.
    const isTheTalk = set.talk !== undefined && basename(set.talk) === basename(file);
    bundled = bundledClaimsIn(text, set.claims, isTheTalk);
  }
  let annotated: DocumentClaims = { claims: [], orphans: [] };
  const annotationFile = options.annotationFile ?? findAnnotationFile(file);
  if (annotationFile && existsSync(annotationFile)) {
    const store = await AnnotationStore.open(annotationFile);
    problems.push(...store.problems);
    annotated = annotatedClaimsIn(text, store.list(documentKey(store.workspaceRoot, file)), corpus);
  }
  return { text, claims: mergeClaims(bundled, annotated), problems };
}
