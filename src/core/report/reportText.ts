// The evidence report's words (English by default: the CLI's `report`; the editor's export passes them in
// VS Code's display language). The talk's own text, quotes and the bibliography are never translated.
import { verdictLooks } from '../claims/verdictStyle';
import { englishTexts } from '../l10n/displayText';

export const REPORT_TEXT = englishTexts({
  ...verdictLooks('label'),
  title: 'Evidence report: {0}',
  madeBy: '{0} · {1} · made by Literature Companion',
  summary: 'Summary of the evidence',
  count: 'count',
  claims: 'Claims',
  quotes: 'Quotes',
  papersCited: 'Papers cited',
  unverifiedQuotes: 'Unverified quotes',
  orphaned: 'Orphaned annotations',
  unverifiedHelp: 'Unverified: copied from a transcription and not yet checked against the PDF. Links open the cited page of the pinned arXiv version.',
  beforeFirstHeading: 'Before the first heading',
  noClaims: 'This document has no claims yet.',
  orphanedHelp: 'These annotations no longer match the document’s text; re-attach or delete them in the editor.',
  bibliography: 'Bibliography',
  styleNote: '{0} style, formatted by citeproc-js.',
  notInCorpus: 'Cited but not in the corpus: {0}',
  line: 'line {0}',
  yourAnnotation: 'your annotation',
  quoteCount: '{0} quote|{0} quotes',
  why: 'Why:',
  note: 'Note:',
  noEvidence: 'No evidence quoted.',
  page: 'p. {0}',
  unverified: 'unverified',
  unverifiedTitle: 'Copied from a transcription; unverified until checked against the PDF.',
  transcription: '(transcription)',
  otherVersion: 'other version',
  otherVersionTitle: 'Not the version the corpus pins: the page may differ',
  otherVersionNote: 'than the pinned one',
});
export type ReportTexts = typeof REPORT_TEXT;
