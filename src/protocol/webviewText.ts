/**
 * The words of each webview, in English as declared here. The host translates a webview's whole table with
 * vscode.l10n.t (l10n/bundle.l10n.*.json) and puts it, with the locale, in the page's `data-texts`
 * (see services/webviewPage.ts); the webview reads it once with `receivedTexts`, falling back to these
 * English messages for anything missing or malformed. `{0}`… are filled in by the webview; a message with
 * `|` has plural forms ("{0} quote|{0} quotes"; Russian lists one|few|many).
 */
import { englishTexts } from '../core/l10n/displayText';
import { MAP_TEXT } from '../core/map/mapText';

export type { DisplayTexts, TextArgument } from '../core/l10n/displayText';
/** How a webview reads and fills in the texts this protocol carries (the same code the host's core uses). */
export { receivedTexts, say, sayCount } from '../core/l10n/displayText';

/** The `data-` attribute of the page's body that carries its texts (JSON of a DisplayTexts). */
export const TEXTS_DATA_KEY = 'texts';

/** What the paper, challenge and claim panels show around the corpus's own text. */
export const PANEL_TEXT = englishTexts({
  page: 'p. {0}',
  unverified: 'unverified',
  unverifiedTitle: 'Copied from a transcription; unverified until checked against the PDF.',
  showInPdf: 'Show in PDF',
  showInPdfTitle: 'Show the passage in the PDF',
  copy: 'Copy',
  copyTitle: 'Copy quote',
  paper: 'Paper',
  authors: 'Authors',
  venue: 'Venue',
  pinned: ' (pinned version; pages refer to it)',
  citationKey: 'Citation key',
  pdfHash: 'PDF sha256',
  challengesItInforms: 'Challenges it informs ({0})',
  noChallenges: 'No linked challenges yet.',
  summary: 'Summary',
  challenge: 'Challenge',
  tractable: 'tractable',
  fundamental: 'fundamental',
  subChallenges: 'Sub-challenges',
  subChallengePapers: ' — {0} paper| — {0} papers',
  papersThatDiscussIt: 'Papers that discuss it ({0})',
  noPapers: 'No paper is linked to this challenge yet.',
  notAvailable: 'Not available',
  claim: 'Claim',
  noEvidence: 'No evidence linked yet.',
  note: 'Note: {0}',
  evidence: 'Evidence ({0})',
  editCorpusFile: 'Edit the corpus file',
});

/** The excerpt panel: one quote found in its PDF. */
export const EXCERPT_TEXT = englishTexts({
  excerpt: 'Excerpt',
  downloadPdfs: 'Download paper PDFs…',
  attachPdf: 'Attach PDF…',
  attachPdfFolder: 'Attach a folder of PDFs…',
  storedQuote: 'Stored quote (page {0})',
  storedTranscribedQuote: 'Stored quote (page {0}, from a transcription, unverified)',
  previousPageTitle: 'Previous page',
  previousPage: '‹ Prev',
  nextPageTitle: 'Next page',
  nextPage: 'Next ›',
  quotePageTitle: 'Back to the quote',
  quotePage: 'Quote page',
  zoomOut: 'Zoom out',
  zoomIn: 'Zoom in',
  openPdfTitle: 'Open the whole PDF at this page',
  openPdf: 'Open PDF',
  otherVersion: 'This PDF is not the pinned version: page numbers may differ; the quote was found by its text.',
  paragraph: 'The paragraph around the quote',
  storedAsQuoted: 'The quote as stored',
  rendering: 'Rendering the page…',
  pages: 'Pages {0}–{1} of {2}',
  pageOf: 'Page {0} of {1}',
  renderFailed: 'The page could not be rendered: {0}',
});

/** The evidence map: the words it shares with the slide export, and its own controls. */
export const MAP_WEBVIEW_TEXT = englishTexts({
  ...MAP_TEXT.messages,
  claimsFilter: 'Claims',
  filterPapers: 'Filter papers (author, year)…',
  filterPapersLabel: 'Filter the papers shown as columns',
  exportColours: 'Colours of the export',
  themeColours: 'Theme colours',
  printColours: 'Print colours',
  toolbar: 'Evidence map filters and export',
  onlyCited: 'Only what the talk cites',
  expandAll: 'Expand all',
  collapseAll: 'Collapse all',
  exportSvgTitle: 'Export the current map as a 16:9 SVG for slides',
  exportSvg: 'Export SVG',
  exportPngTitle: 'Export the current map as a 1920×1080 PNG',
  exportPng: 'Export PNG',
  columnLabel: '{0}: {1}. {2}. Enter opens the paper.',
  columnLabelCited: '{0}: {1}. {2}, cited by the talk. Enter opens the paper.',
  expandRow: 'Expand §{0}',
  collapseRow: 'Collapse §{0}',
  rowLabel: '§{0} {1}: {2}. Enter opens the challenge.',
  rowLabelClaims: "§{0} {1}: {2}; the talk's claims touch it ({3}). Enter opens the challenge.",
  cellLabel: '{0} quote links {1} to §{2} {3}|{0} quotes link {1} to §{2} {3}',
  cellClaims: '; {0} claim of the talk quotes it ({1})|; {0} claims of the talk quote it ({1})',
  gridLabel: 'Evidence map: {0} by {1}',
  quotesPerChallenge: 'Quotes per challenge',
  legendQuotes: 'Quotes:',
  legendScale: 'fewer → more · dots: claims of the talk quoting that link:',
  selectCell: 'Select a cell (click, or arrows and Enter) to read the quotes behind it.',
  quoteMeta: '§{0} · p. {1}',
  unverified: 'unverified',
  unverifiedTitle: 'Copied from a transcription; unverified until checked against the PDF.',
  showInPdf: 'Show in PDF',
  showInPdfTitle: 'Open the passage in its PDF',
  openChallenge: 'Open §{0}',
  openPaper: 'Open the paper',
  gap: 'No quote links this paper to this challenge: a gap.',
});

/** The PDF viewer (custom editor for *.pdf). */
export const VIEWER_TEXT = englishTexts({
  fitWidth: 'Fit width',
  fitPage: 'Fit page',
  pageNumber: 'Page number',
  zoom: 'Zoom',
  useAsEvidenceTitle: 'Add the selected text as a quote to a paper ↔ challenge link or to a claim',
  useAsEvidence: 'Use as Evidence…',
  findInPdf: 'Find in PDF',
  previousMatch: 'Previous match (Shift+Enter)',
  nextMatch: 'Next match (Enter)',
  closeFind: 'Close (Escape)',
  toolbar: 'PDF viewer',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  zoomOut: 'Zoom out',
  zoomIn: 'Zoom in',
  findTitle: 'Find in PDF (Ctrl+F)',
  find: 'Find',
  ofPages: 'of {0}',
  openFailed: 'The PDF could not be opened: {0}',
  noMatches: 'No matches',
  matchOf: '{0} of {1}',
  selectFirst: 'Select a passage on a page first, then choose "Use as Evidence…".',
  onePage: 'Select text within one page: a quote records the one page it is on.',
  adding: 'Adding the passage from page {0}…',
});

export type PanelTexts = typeof PANEL_TEXT;
export type ExcerptTexts = typeof EXCERPT_TEXT;
export type MapWebviewTexts = typeof MAP_WEBVIEW_TEXT;
export type ViewerTexts = typeof VIEWER_TEXT;
