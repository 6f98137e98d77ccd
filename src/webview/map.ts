/// <reference lib="dom" />
// The evidence map webview: draws the matrix the host built (src/core/map), nothing more. Cells and headers
// are keyboard-navigable (arrows, Home/End, Enter), every cell has a screen-reader label, colours come from
// the theme's --vscode-* variables, and filters/folds/the open cell persist with setState.
import type { EvidenceMap, HostToMap, MapFilters, MapPalette, MapQuote, MapState } from '../protocol/map';
import { MAP_WEBVIEW_TEXT } from '../protocol/webviewText';
import { el, pageTexts, vsCodeApi } from './dom';
import type { Verdict } from '../core/claims/model';
import { VERDICT_STYLE } from '../core/claims/verdictStyle';

const VERDICTS = Object.keys(VERDICT_STYLE) as Verdict[];
const t = pageTexts(MAP_WEBVIEW_TEXT);
const verdictLabel = (verdict: string): string => (VERDICTS.includes(verdict as Verdict) ? t(verdict as Verdict) : verdict);

const vscode = vsCodeApi<MapState>();
const root = document.getElementById('root')!;
let state: MapState = vscode.getState() ?? { filters: {} };
let current: EvidenceMap | undefined;
/** Focus position in the grid: row -1 is the header row, column -1 the row headers. */
let focus = { row: 0, column: 0 };
let paperQuery = '';
let printColours = false;

function save(next: Partial<MapState>): void {
  state = { ...state, ...next };
  vscode.setState(state);
}

function sendFilters(filters: MapFilters): void {
  save({ filters });
  vscode.postMessage({ type: 'mapFilters', filters });
}

function verdictDots(verdicts: readonly Verdict[], className: string): HTMLElement {
  const dots = el('span', { class: className, 'aria-hidden': 'true' });
  for (const verdict of verdicts) dots.append(el('span', { class: `dot verdict-${verdict}`, title: verdictLabel(verdict) }));
  return dots;
}

function shade(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(10, Math.round((0.18 + 0.82 * Math.min(1, count / max)) * 10)));
}

function toolbar(map: EvidenceMap): HTMLElement {
  const verdicts = el('fieldset', { class: 'verdicts' }, el('legend', {}, t('claimsFilter')));
  for (const verdict of VERDICTS) {
    const checked = map.filters.verdicts.length === 0 || map.filters.verdicts.includes(verdict);
    const box = el('input', { type: 'checkbox', 'data-verdict': verdict, id: `verdict-${verdict}` });
    box.checked = checked;
    verdicts.append(el('label', { for: `verdict-${verdict}` }, box, el('span', { class: `dot verdict-${verdict}`, 'aria-hidden': 'true' }), verdictLabel(verdict)));
  }
  const only = el('input', { type: 'checkbox', id: 'only-cited', 'data-action': 'only-cited' });
  only.checked = map.filters.onlyCited;
  const search = el('input', { type: 'search', id: 'paper-filter', placeholder: t('filterPapers'), 'aria-label': t('filterPapersLabel'), value: paperQuery });
  const colours = el('select', { id: 'export-colours', 'aria-label': t('exportColours') }, el('option', { value: 'theme' }, t('themeColours')), el('option', { value: 'print' }, t('printColours')));
  colours.value = printColours ? 'print' : 'theme';
  return el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('toolbar') },
    verdicts,
    el('label', { class: 'only-cited', for: 'only-cited' }, only, t('onlyCited')),
    search,
    el('button', { type: 'button', 'data-action': 'expand-all' }, t('expandAll')),
    el('button', { type: 'button', 'data-action': 'collapse-all' }, t('collapseAll')),
    el('span', { class: 'spacer' }),
    colours,
    el('button', { type: 'button', 'data-export': 'svg', title: t('exportSvgTitle') }, t('exportSvg')),
    el('button', { type: 'button', 'data-export': 'png', title: t('exportPngTitle') }, t('exportPng')),
  );
}

function columnHeader(map: EvidenceMap, index: number): HTMLElement {
  const column = map.columns[index]!;
  const label = t(column.cited ? 'columnLabelCited' : 'columnLabel', column.label, column.title, t.count('quotes', column.total));
  return el('th', { scope: 'col', class: `col-header${column.cited ? ' cited' : ''}${column.total === 0 ? ' empty' : ''}`, 'data-row': '-1', 'data-column': String(index), 'data-open-kind': 'paper', 'data-open-id': column.id, tabindex: '-1', 'aria-label': label, title: column.title },
    el('span', { class: 'col-label' }, column.label));
}

function rowHeader(row: EvidenceMap['rows'][number], index: number): HTMLElement {
  const twistie = row.hasChildren
    ? el('button', { type: 'button', class: 'twistie', 'data-toggle': row.id, 'aria-expanded': String(!row.collapsed), 'aria-label': t(row.collapsed ? 'expandRow' : 'collapseRow', row.id), tabindex: '-1' }, row.collapsed ? '▸' : '▾')
    : el('span', { class: 'twistie-space' });
  const quotes = t.count('quotes', row.total);
  const label = row.verdicts.length > 0 ? t('rowLabelClaims', row.id, row.title, quotes, row.verdicts.map(verdictLabel).join(', ')) : t('rowLabel', row.id, row.title, quotes);
  return el('th', { scope: 'row', class: `row-header depth-${Math.min(row.depth, 3)}${row.total === 0 ? ' empty' : ''}`, 'data-row': String(index), 'data-column': '-1', 'data-open-kind': 'challenge', 'data-open-id': row.id, tabindex: '-1', 'aria-label': label, title: `§${row.id} ${row.title}` },
    twistie, el('span', { class: 'row-label' }, `§${row.id} ${row.title}`), verdictDots(row.verdicts as Verdict[], 'row-dots'));
}

function cell(map: EvidenceMap, rowIndex: number, columnIndex: number): HTMLElement {
  const row = map.rows[rowIndex]!;
  const column = map.columns[columnIndex]!;
  const count = row.cells[columnIndex]!;
  const subtotal = row.hasChildren && !row.collapsed;
  const touch = row.touches.find((candidate) => candidate.column === columnIndex);
  const verdicts = VERDICTS.filter((verdict) => touch?.claims.some((claim) => claim.verdict === verdict));
  const claims = touch ? t.count('cellClaims', touch.claims.length, verdicts.map(verdictLabel).join(', ')) : '';
  const selected = state.selected?.challenge === row.id && state.selected.paper === column.id;
  const td = el('td', {
    class: `cell shade-${subtotal ? 0 : shade(count, map.maxCount)}${subtotal ? ' subtotal' : ''}${count === 0 ? ' empty' : ''}${selected ? ' selected' : ''}`,
    'data-row': String(rowIndex), 'data-column': String(columnIndex), 'data-challenge': row.id, 'data-paper': column.id, tabindex: '-1', role: 'gridcell',
    'aria-label': `${t.count('cellLabel', count, column.label, row.id, row.title)}${claims}`,
    'aria-selected': String(selected),
  }, count > 0 ? String(count) : '');
  if (verdicts.length > 0) td.append(verdictDots(verdicts, 'cell-dots'));
  return td;
}

function grid(map: EvidenceMap): HTMLElement {
  const table = el('table', { class: 'grid', role: 'grid', 'aria-label': t('gridLabel', t.count('challenges', map.rows.length), t.count('papers', map.columns.length)), 'aria-rowcount': String(map.rows.length + 2), 'aria-colcount': String(map.columns.length + 2) });
  const head = el('tr', {}, el('th', { class: 'corner', scope: 'col' }, el('span', {}, `${t.count('quotes', map.totalQuotes)} · ${t.count('claims', map.claims)}`)));
  map.columns.forEach((_, index) => head.append(columnHeader(map, index)));
  head.append(el('th', { class: 'total', scope: 'col', title: t('quotesPerChallenge') }, 'Σ'));
  const body = el('tbody');
  map.rows.forEach((row, rowIndex) => {
    const tr = el('tr', { class: row.depth === 0 ? 'section' : 'sub' }, rowHeader(row, rowIndex));
    map.columns.forEach((_, columnIndex) => tr.append(cell(map, rowIndex, columnIndex)));
    tr.append(el('td', { class: `total${row.total === 0 ? ' empty' : ''}` }, String(row.total)));
    body.append(tr);
  });
  const totals = el('tr', { class: 'totals' }, el('th', { scope: 'row' }, t('quotesTotal')));
  for (const column of map.columns) totals.append(el('td', { class: `total${column.total === 0 ? ' empty' : ''}` }, String(column.total)));
  totals.append(el('td', { class: 'total grand' }, String(map.totalQuotes)));
  table.append(el('thead', {}, head), body, el('tfoot', {}, totals));
  return table;
}

function legend(): HTMLElement {
  const items = el('div', { class: 'legend', 'aria-hidden': 'true' }, el('span', {}, t('legendQuotes')));
  for (const level of [3, 6, 10]) items.append(el('span', { class: `swatch shade-${level}` }));
  items.append(el('span', {}, t('legendScale')));
  for (const verdict of VERDICTS) items.append(el('span', { class: `dot verdict-${verdict}` }), el('span', {}, verdictLabel(verdict)));
  return items;
}

function render(map: EvidenceMap, title: string): void {
  const started = performance.now();
  current = map;
  const scroller = el('div', { class: 'scroller' }, grid(map));
  const details = el('aside', { id: 'details', class: 'details', 'aria-live': 'polite' });
  if (!state.selected) details.append(el('p', { class: 'hint' }, t('selectCell')));
  const oldScroller = root.querySelector<HTMLElement>('.scroller');
  const scroll = oldScroller ? { left: oldScroller.scrollLeft, top: oldScroller.scrollTop } : undefined;
  const oldDetails = root.querySelector('#details');
  root.replaceChildren(el('h1', {}, title), toolbar(map), legend(), scroller, oldDetails && state.selected ? oldDetails : details);
  if (scroll) scroller.scrollTo(scroll.left, scroll.top);
  focus = { row: Math.min(focus.row, map.rows.length - 1), column: Math.min(focus.column, map.columns.length - 1) };
  setRovingFocus(false);
  save({ filters: map.filters });
  requestAnimationFrame(() => vscode.postMessage({ type: 'mapRendered', cells: map.rows.length * map.columns.length, ms: performance.now() - started }));
}

function focusable(row: number, column: number): HTMLElement | null {
  return root.querySelector<HTMLElement>(`[data-row="${row}"][data-column="${column}"]`);
}

function setRovingFocus(moveFocus: boolean): void {
  root.querySelectorAll<HTMLElement>('[data-row][tabindex="0"]').forEach((element) => element.setAttribute('tabindex', '-1'));
  const target = focusable(focus.row, focus.column) ?? focusable(0, 0);
  if (!target) return;
  target.setAttribute('tabindex', '0');
  if (moveFocus) target.focus();
}

function renderQuotes(challenge: string, paper: string, quotes: readonly MapQuote[]): void {
  const details = root.querySelector<HTMLElement>('#details');
  if (!details || !current) return;
  const row = current.rows.find((candidate) => candidate.id === challenge);
  const column = current.columns.find((candidate) => candidate.id === paper) ?? current.allPapers.find((candidate) => candidate.id === paper);
  const heading = `§${challenge} ${row?.title ?? ''} × ${column?.label ?? paper}`;
  const list = el('ol', { class: 'quotes' });
  for (const quote of quotes) {
    const meta = el('div', { class: 'quote-meta' }, t('quoteMeta', quote.challenge, quote.page));
    if (quote.source === 'transcription') meta.append(el('span', { class: 'badge unverified', title: t('unverifiedTitle') }, t('unverified')));
    meta.append(el('button', { type: 'button', class: 'secondary', 'data-excerpt': JSON.stringify({ paper: quote.paper, quote: quote.quote, page: quote.page, challenge: quote.challenge, source: quote.source }), title: t('showInPdfTitle') }, t('showInPdf')));
    const item = el('li', { class: 'quote' }, el('blockquote', {}, el('p', {}, quote.quote), meta), el('p', { class: 'rationale' }, quote.rationale));
    for (const claim of quote.claims) item.append(el('p', { class: 'claim' }, el('span', { class: `badge verdict-${claim.verdict}` }, verdictLabel(claim.verdict)), ' ', claim.text));
    list.append(item);
  }
  details.replaceChildren(
    el('h2', {}, heading),
    el('div', { class: 'detail-links' },
      el('button', { type: 'button', class: 'secondary', 'data-open-kind': 'challenge', 'data-open-id': challenge }, t('openChallenge', challenge)),
      el('button', { type: 'button', class: 'secondary', 'data-open-kind': 'paper', 'data-open-id': paper }, t('openPaper'))),
    quotes.length > 0 ? list : el('p', { class: 'hint' }, t('gap')),
  );
}

function selectCell(target: HTMLElement): void {
  const { challenge, paper, row, column } = target.dataset;
  if (!challenge || !paper) return;
  root.querySelectorAll('.cell.selected').forEach((element) => {
    element.classList.remove('selected');
    element.setAttribute('aria-selected', 'false');
  });
  target.classList.add('selected');
  target.setAttribute('aria-selected', 'true');
  focus = { row: Number(row), column: Number(column) };
  setRovingFocus(false);
  save({ selected: { challenge, paper } });
  vscode.postMessage({ type: 'mapCell', challenge, paper });
}

function toggle(id: string): void {
  const collapsed = new Set(state.filters.collapsed ?? []);
  if (collapsed.has(id)) collapsed.delete(id);
  else collapsed.add(id);
  sendFilters({ ...state.filters, collapsed: [...collapsed] });
}

/** The theme's colours, read from the --vscode-* variables, for an export "in theme colours". */
function themePalette(): Partial<MapPalette> {
  const style = getComputedStyle(document.body);
  const read = (...names: string[]) => names.map((name) => style.getPropertyValue(name).trim()).find((value) => value.length > 0) ?? '';
  return {
    background: read('--vscode-editor-background'),
    foreground: read('--vscode-editor-foreground', '--vscode-foreground'),
    muted: read('--vscode-descriptionForeground'),
    grid: read('--vscode-editorWidget-border', '--vscode-panel-border', '--vscode-widget-border'),
    cell: read('--vscode-charts-blue', '--vscode-focusBorder'),
    cellText: read('--vscode-editor-background'),
    verdicts: { supports: read('--vscode-charts-green'), 'partially-supports': read('--vscode-charts-yellow'), contradicts: read('--vscode-charts-red'), 'not-addressed': read('--vscode-disabledForeground', '--vscode-descriptionForeground') },
  };
}

async function rasterize(svg: string, width: number, height: number): Promise<void> {
  try {
    const image = new Image(width, height);
    image.src = `data:image/svg+xml;base64,${btoa(String.fromCharCode(...new TextEncoder().encode(svg)))}`;
    await image.decode();
    const canvas = el('canvas', { width: String(width), height: String(height) });
    canvas.getContext('2d')!.drawImage(image, 0, 0, width, height);
    const data = canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    vscode.postMessage({ type: 'mapPng', data });
  } catch (error) {
    vscode.postMessage({ type: 'mapPng', error: String((error as Error).message ?? error) });
  }
}

window.addEventListener('message', (event: MessageEvent<HostToMap>) => {
  const message = event.data;
  if (message?.type === 'map') {
    render(message.map, message.title);
    const selected = state.selected;
    if (selected && message.map.rows.some((row) => row.id === selected.challenge)) vscode.postMessage({ type: 'mapCell', challenge: selected.challenge, paper: selected.paper });
  } else if (message?.type === 'mapQuotes') renderQuotes(message.challenge, message.paper, message.quotes);
  else if (message?.type === 'rasterize') void rasterize(message.svg, message.width, message.height);
});

document.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-toggle], [data-export], [data-action], [data-excerpt], .cell, [data-open-kind]');
  if (!target) return;
  const { toggle: toggleId, export: format, action, excerpt, openKind, openId } = target.dataset;
  if (toggleId) {
    event.stopPropagation();
    toggle(toggleId);
  } else if (format === 'svg' || format === 'png') {
    vscode.postMessage({ type: 'exportMap', format, palette: printColours ? undefined : themePalette() });
  } else if (action === 'expand-all') {
    sendFilters({ ...state.filters, collapsed: [] });
  } else if (action === 'collapse-all' && current) {
    sendFilters({ ...state.filters, collapsed: current.rows.filter((row) => row.hasChildren).map((row) => row.id) });
  } else if (excerpt) {
    vscode.postMessage({ type: 'openExcerpt', target: JSON.parse(excerpt) });
  } else if (target.classList.contains('cell')) {
    selectCell(target);
  } else if ((openKind === 'paper' || openKind === 'challenge') && openId) {
    vscode.postMessage({ type: 'open', target: { kind: openKind, id: openId } });
  }
});

document.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement | HTMLSelectElement;
  if (target.id === 'export-colours') {
    printColours = target.value === 'print';
    return;
  }
  if (!current) return;
  if (target instanceof HTMLInputElement && target.dataset.verdict) {
    const checked = [...root.querySelectorAll<HTMLInputElement>('input[data-verdict]')].filter((box) => box.checked).map((box) => box.dataset.verdict as Verdict);
    // An empty filter means "all verdicts": the last box cannot be unticked.
    if (checked.length === 0) {
      target.checked = true;
      return;
    }
    sendFilters({ ...state.filters, verdicts: checked.length === VERDICTS.length ? [] : checked });
  } else if (target.id === 'only-cited' && target instanceof HTMLInputElement) {
    sendFilters({ ...state.filters, onlyCited: target.checked });
  }
});

let searchTimer: ReturnType<typeof setTimeout> | undefined;
document.addEventListener('input', (event) => {
  const target = event.target as HTMLInputElement;
  if (target.id !== 'paper-filter' || !current) return;
  paperQuery = target.value;
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    const words = paperQuery.toLowerCase().split(/\s+/).filter(Boolean);
    const papers = words.length === 0 || !current ? [] : current.allPapers.filter((paper) => words.every((word) => `${paper.label} ${paper.id}`.toLowerCase().includes(word))).map((paper) => paper.id);
    // Nothing matched: show no column rather than all of them.
    sendFilters({ ...state.filters, papers: words.length > 0 && papers.length === 0 ? ['(none)'] : papers });
    setTimeout(() => root.querySelector<HTMLInputElement>('#paper-filter')?.focus(), 0);
  }, 250);
});

document.addEventListener('keydown', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-row][data-column]');
  if (!target || !current) return;
  const rows = current.rows.length;
  const columns = current.columns.length;
  let { row, column } = { row: Number(target.dataset.row), column: Number(target.dataset.column) };
  switch (event.key) {
    case 'ArrowRight': column = Math.min(columns - 1, column + 1); break;
    case 'ArrowLeft': column = Math.max(-1, column - 1); break;
    case 'ArrowDown': row = Math.min(rows - 1, row + 1); break;
    case 'ArrowUp': row = Math.max(-1, row - 1); break;
    case 'Home': column = -1; break;
    case 'End': column = columns - 1; break;
    case 'Enter':
    case ' ':
      event.preventDefault();
      if (target.classList.contains('cell')) selectCell(target);
      else if (event.key === ' ' && target.querySelector('[data-toggle]')) toggle(target.querySelector<HTMLElement>('[data-toggle]')!.dataset.toggle!);
      else if (target.dataset.openKind && target.dataset.openId) vscode.postMessage({ type: 'open', target: { kind: target.dataset.openKind as 'paper' | 'challenge', id: target.dataset.openId } });
      return;
    default:
      return;
  }
  event.preventDefault();
  if (row === -1 && column === -1) column = 0; // the corner holds nothing to act on
  focus = { row, column };
  setRovingFocus(true);
});

vscode.postMessage({ type: 'ready' });
