import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';

/** A quote to add to a paper's evidence file (evidence/<paper>.yaml). */
export interface NewEvidence {
  readonly paper: string;
  readonly challenge: string;
  readonly page: number;
  readonly quote: string;
  /** Needed only when the paper has no link to this challenge yet: why the paper bears on it. */
  readonly rationale?: string;
}

export type EvidenceEdit =
  | { readonly ok: true; readonly text: string; readonly change: 'added-to-link' | 'new-link' | 'new-file' }
  | { readonly ok: false; readonly reason: 'duplicate' | 'needs-rationale' | 'invalid-file'; readonly message: string; readonly line?: number };

function quoted(text: string): Scalar {
  const scalar = new Scalar(text);
  scalar.type = Scalar.QUOTE_DOUBLE; // as the corpus writes quotes: every character kept, nothing folded
  return scalar;
}

function evidenceItem(document: Document, page: number, quote: string): YAMLMap {
  const item = document.createNode({ page }) as YAMLMap;
  item.set('quote', quoted(quote));
  return item;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * Adds a quote to the text of an evidence file, keeping everything else in it as written (comments, order,
 * quoting style): to the paper's link to the challenge if there is one, else as a new link. Refuses, and
 * says why, when the file does not parse, when the quote is already there, or when a new link would have
 * no rationale. Never drops or rewrites what the file already holds.
 */
export function addEvidenceToYaml(existing: string | undefined, evidence: NewEvidence): EvidenceEdit {
  if (existing === undefined || existing.trim() === '') {
    if (!evidence.rationale?.trim()) return { ok: false, reason: 'needs-rationale', message: 'A new link needs a rationale: one sentence on why the paper bears on the challenge.' };
    const document = parseDocument(`paper: "${evidence.paper}"\nlinks: []\n`);
    const links = document.get('links') as YAMLSeq;
    links.flow = false;
    links.add(newLink(document, evidence));
    return { ok: true, text: document.toString({ lineWidth: 0 }), change: 'new-file' };
  }
  const document = parseDocument(existing, { keepSourceTokens: false });
  const error = document.errors[0];
  if (error) return { ok: false, reason: 'invalid-file', message: `invalid YAML: ${error.message.split('\n')[0]}; fix the file first, nothing was written`, line: lineOf(existing, error.pos[0]) };
  const root = document.contents;
  const links = isMap(root) ? root.get('links', true) : undefined;
  if (!isMap(root) || !isSeq(links)) return { ok: false, reason: 'invalid-file', message: 'expected "paper:" and a "links:" list; fix the file first, nothing was written', line: 1 };
  const link = links.items.find((item) => isMap(item) && String(item.get('challenge')) === evidence.challenge);
  if (link && isMap(link)) {
    const quotes = link.get('evidence', true);
    if (!isSeq(quotes)) return { ok: false, reason: 'invalid-file', message: `the link to challenge ${evidence.challenge} has no "evidence:" list; fix the file first, nothing was written` };
    const duplicate = quotes.items.some((item) => isMap(item) && stringOf(item.get('quote', true)) === evidence.quote && Number(item.get('page')) === evidence.page);
    if (duplicate) return { ok: false, reason: 'duplicate', message: `This quote is already evidence for challenge ${evidence.challenge} (page ${evidence.page}).` };
    quotes.add(evidenceItem(document, evidence.page, evidence.quote));
    return { ok: true, text: document.toString({ lineWidth: 0 }), change: 'added-to-link' };
  }
  if (!evidence.rationale?.trim()) return { ok: false, reason: 'needs-rationale', message: 'A new link needs a rationale: one sentence on why the paper bears on the challenge.' };
  links.flow = false; // "links: []" becomes a block list, as every other evidence file writes it
  links.add(newLink(document, evidence));
  return { ok: true, text: document.toString({ lineWidth: 0 }), change: 'new-link' };
}

function newLink(document: Document, evidence: NewEvidence): YAMLMap {
  const link = new YAMLMap();
  link.set('challenge', quoted(evidence.challenge));
  link.set('rationale', evidence.rationale!.trim().replace(/\s+/g, ' '));
  const quotes = new YAMLSeq();
  quotes.add(evidenceItem(document, evidence.page, evidence.quote));
  link.set('evidence', quotes);
  return link;
}

function stringOf(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}
