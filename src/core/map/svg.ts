/**
 * The evidence map as a self-contained SVG for slides: 16:9 (1920×1080 by default), generic font families
 * only (no web font, no external reference, no script), all text escaped. The webview rasterises the same
 * SVG for the PNG export.
 */
import type { Verdict } from '../claims/model';
import { VERDICTS } from '../claims/model';
import { revealInvisible } from '../report/escape';
import type { EvidenceMap } from './model';
import { VERDICT_PRINT_COLOURS } from '../claims/verdictStyle';
import { say, sayCount } from '../l10n/displayText';
import { MAP_TEXT, type MapTexts } from './mapText';

export interface MapPalette {
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  /** The colour of a full cell; lighter counts are shaded by opacity. */
  readonly cell: string;
  /** Text on a strongly shaded cell. */
  readonly cellText: string;
  readonly verdicts: Readonly<Record<Verdict, string>>;
}

/** Light and printable: dark text on white, blue cells, verdict colours that survive greyscale by shape order. */
export const PRINT_PALETTE: MapPalette = {
  background: '#ffffff',
  foreground: '#1f2328',
  muted: '#57606a',
  grid: '#d0d7de',
  cell: '#0969da',
  cellText: '#ffffff',
  verdicts: VERDICT_PRINT_COLOURS,
};

const COLOR = /^(#[0-9a-f]{3,8}|rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(,\s*[\d.]+%?\s*)?\)|[a-z]{3,20})$/i;

/** Colours come from the webview's theme: anything that is not a plain colour falls back to the print one. */
export function sanitizePalette(palette: Partial<MapPalette> | undefined): MapPalette {
  const pick = (value: unknown, fallback: string) => (typeof value === 'string' && COLOR.test(value.trim()) ? value.trim() : fallback);
  const verdicts = Object.fromEntries(VERDICTS.map((verdict) => [verdict, pick(palette?.verdicts?.[verdict], PRINT_PALETTE.verdicts[verdict])])) as Record<Verdict, string>;
  return {
    background: pick(palette?.background, PRINT_PALETTE.background),
    foreground: pick(palette?.foreground, PRINT_PALETTE.foreground),
    muted: pick(palette?.muted, PRINT_PALETTE.muted),
    grid: pick(palette?.grid, PRINT_PALETTE.grid),
    cell: pick(palette?.cell, PRINT_PALETTE.cell),
    cellText: pick(palette?.cellText, PRINT_PALETTE.cellText),
    verdicts,
  };
}

const xml = (text: string) => revealInvisible(text).replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text);
const round = (value: number) => Math.round(value * 10) / 10;

/** The shade of a cell: 0 is empty (a gap), the largest count is full. */
export function cellOpacity(count: number, maxCount: number): number {
  if (count <= 0 || maxCount <= 0) return 0;
  return round(0.18 + 0.82 * Math.min(1, count / maxCount));
}

export interface SvgOptions {
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  /** The legend's and totals' words (English by default). */
  readonly texts?: MapTexts;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** A text's width in ems, estimated (no text metrics without a browser): Cyrillic and other letters run wider than Latin. */
function textEms(content: string): number {
  return [...content].reduce((width, char) => width + (char.charCodeAt(0) < 0x250 ? 0.56 : 0.64), 0);
}

export function renderMapSvg(map: EvidenceMap, palette: MapPalette, options: SvgOptions = {}): string {
  const width = options.width ?? 1920;
  const height = options.height ?? 1080;
  const margin = Math.round(width / 40);
  const titleSize = Math.round(height / 30);
  const legendHeight = Math.round(height / 18);
  const headerHeight = Math.round(height / 5);
  const rows = map.rows.length;
  const columns = map.columns.length;
  const labelWidth = Math.round(width * 0.26);
  const markerWidth = Math.round(width / 48);
  const totalWidth = Math.round(width / 24);
  const gridTop = margin + titleSize * 1.6 + headerHeight;
  const gridBottom = height - margin - legendHeight;
  const rowHeight = Math.min(height / 14, (gridBottom - gridTop) / (rows + 1));
  const gridLeft = margin + labelWidth + markerWidth;
  const cellWidth = Math.min(width / 10, (width - margin - totalWidth - gridLeft) / Math.max(1, columns));
  const fontSize = Math.max(9, Math.min(26, Math.round(rowHeight * 0.42)));
  const cellFont = Math.max(8, Math.min(fontSize, Math.round(cellWidth * 0.45)));
  const maxLabel = Math.max(12, Math.floor((labelWidth - fontSize * 2) / (fontSize * 0.58)));
  const texts = options.texts ?? MAP_TEXT;
  const title = options.title ?? say(texts, 'title');
  const out: string[] = [];
  const text = (x: number, y: number, content: string, attributes = '') => out.push(`<text x="${round(x)}" y="${round(y)}"${attributes}>${xml(content)}</text>`);

  out.push(`<rect width="${width}" height="${height}" fill="${palette.background}"/>`);
  text(margin, margin + titleSize, title, ` font-size="${titleSize}" font-weight="600" fill="${palette.foreground}"`);
  const totals = [sayCount(texts, 'quotes', map.totalQuotes), sayCount(texts, 'papers', columns), sayCount(texts, 'challenges', rows), ...(map.claims > 0 ? [sayCount(texts, 'claims', map.claims)] : [])];
  text(width - margin, margin + titleSize, totals.join(' · '), ` font-size="${Math.round(titleSize * 0.55)}" text-anchor="end" fill="${palette.muted}"`);

  // Column headers: paper labels, slanted so long names fit above narrow columns.
  map.columns.forEach((column, index) => {
    const x = gridLeft + index * cellWidth + cellWidth / 2;
    const y = gridTop - 8;
    const size = Math.max(8, Math.min(fontSize, Math.round(cellWidth * 0.5)));
    const weight = column.cited ? ' font-weight="600"' : '';
    out.push(`<text x="${round(x)}" y="${round(y)}" font-size="${size}"${weight} fill="${palette.foreground}" transform="rotate(-40 ${round(x)} ${round(y)})"><title>${xml(column.title)}</title>${xml(clip(column.label, 28))}</text>`);
  });
  text(gridLeft + columns * cellWidth + totalWidth / 2, gridTop - 8, 'Σ', ` font-size="${fontSize}" text-anchor="middle" font-weight="600" fill="${palette.foreground}"`);

  map.rows.forEach((row, rowIndex) => {
    const y = gridTop + rowIndex * rowHeight;
    const baseline = y + rowHeight / 2 + fontSize * 0.35;
    const indent = row.depth * fontSize * 1.2;
    const label = `${row.hasChildren ? (row.collapsed ? '▸ ' : '▾ ') : ''}§${row.id} ${row.title}`;
    text(margin + indent, baseline, clip(label, maxLabel - Math.round(indent / (fontSize * 0.52))), ` font-size="${fontSize}"${row.depth === 0 ? ' font-weight="600"' : ''} fill="${row.total === 0 ? palette.muted : palette.foreground}"`);
    row.verdicts.forEach((verdict, index) => {
      out.push(`<circle cx="${round(margin + labelWidth + 6 + index * (fontSize * 0.55))}" cy="${round(y + rowHeight / 2)}" r="${round(fontSize * 0.25)}" fill="${palette.verdicts[verdict]}"><title>${xml(say(texts, verdict))}</title></circle>`);
    });
    const subtotal = row.hasChildren && !row.collapsed;
    row.cells.forEach((count, column) => {
      const x = gridLeft + column * cellWidth;
      const opacity = subtotal ? 0 : cellOpacity(count, map.maxCount);
      out.push(`<rect x="${round(x + 1)}" y="${round(y + 1)}" width="${round(cellWidth - 2)}" height="${round(rowHeight - 2)}" fill="${palette.cell}" fill-opacity="${opacity}" stroke="${palette.grid}" stroke-width="1"/>`);
      if (count > 0 && cellWidth >= 14) {
        text(x + cellWidth / 2, y + rowHeight / 2 + cellFont * 0.35, String(count), ` font-size="${cellFont}" text-anchor="middle"${subtotal ? ' font-style="italic"' : ''} fill="${opacity > 0.55 ? palette.cellText : palette.foreground}"`);
      }
    });
    for (const touch of row.touches) {
      const verdicts = VERDICTS.filter((verdict) => touch.claims.some((claim) => claim.verdict === verdict));
      verdicts.forEach((verdict, index) => {
        const radius = Math.max(2, Math.min(rowHeight, cellWidth) * 0.12);
        out.push(`<circle cx="${round(gridLeft + (touch.column + 1) * cellWidth - radius * 1.8 - index * radius * 2.4)}" cy="${round(y + radius * 1.8)}" r="${round(radius)}" fill="${palette.verdicts[verdict]}" stroke="${palette.background}" stroke-width="1"/>`);
      });
    }
    text(gridLeft + columns * cellWidth + totalWidth / 2, baseline, String(row.total), ` font-size="${fontSize}" text-anchor="middle" fill="${row.total === 0 ? palette.muted : palette.foreground}"`);
  });
  const totalsY = gridTop + rows * rowHeight;
  text(margin, totalsY + rowHeight / 2 + fontSize * 0.35, say(texts, 'quotesTotal'), ` font-size="${fontSize}" font-weight="600" fill="${palette.foreground}"`);
  map.columns.forEach((column, index) => {
    if (cellWidth >= 14) text(gridLeft + index * cellWidth + cellWidth / 2, totalsY + rowHeight / 2 + cellFont * 0.35, String(column.total), ` font-size="${cellFont}" text-anchor="middle" fill="${column.total === 0 ? palette.muted : palette.foreground}"`);
  });
  text(gridLeft + columns * cellWidth + totalWidth / 2, totalsY + rowHeight / 2 + fontSize * 0.35, String(map.totalQuotes), ` font-size="${fontSize}" text-anchor="middle" font-weight="600" fill="${palette.foreground}"`);

  // Legend: what the shade and the dots mean, on one line: smaller type when its words are long (Russian).
  const legendY = height - margin - legendHeight / 3;
  const shadeLabel = say(texts, 'legendShade');
  const claimLabel = say(texts, 'legendClaims');
  const verdictLabels = VERDICTS.map((verdict) => say(texts, verdict));
  const legendEms = textEms(shadeLabel) + 1 + 3 * 4.2 + 1.5 + textEms(claimLabel) + 1.4 + verdictLabels.reduce((sum, label) => sum + textEms(label) + 2.2, 0);
  const legendFont = Math.min(Math.round(legendHeight * 0.33), Math.floor(((width - 2 * margin) / legendEms) * 10) / 10);
  let x = margin;
  const advance = (content: string) => legendFont * textEms(content) + legendFont;
  text(x, legendY, shadeLabel, ` font-size="${legendFont}" fill="${palette.muted}"`);
  x += advance(shadeLabel);
  for (const step of [1, 0.5, 0.25]) {
    const count = Math.max(1, Math.round(map.maxCount * step));
    out.push(`<rect x="${round(x)}" y="${round(legendY - legendFont)}" width="${legendFont * 1.6}" height="${round(legendFont * 1.3)}" fill="${palette.cell}" fill-opacity="${cellOpacity(count, Math.max(1, map.maxCount))}" stroke="${palette.grid}"/>`);
    text(x + legendFont * 2, legendY, String(count), ` font-size="${legendFont}" fill="${palette.muted}"`);
    x += legendFont * 4.2;
  }
  x += legendFont * 1.5;
  text(x, legendY, claimLabel, ` font-size="${legendFont}" fill="${palette.muted}"`);
  x += advance(claimLabel) + legendFont * 0.4;
  VERDICTS.forEach((verdict, index) => {
    out.push(`<circle cx="${round(x)}" cy="${round(legendY - legendFont * 0.35)}" r="${round(legendFont * 0.4)}" fill="${palette.verdicts[verdict]}"/>`);
    const label = verdictLabels[index]!;
    text(x + legendFont * 0.8, legendY, label, ` font-size="${legendFont}" fill="${palette.muted}"`);
    x += advance(label) + legendFont * 1.2;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" role="img" aria-label="${xml(title)}">
${out.join('\n')}
</svg>
`;
}
