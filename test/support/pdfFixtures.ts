/**
 * Builds small PDFs at test time, so no paper's PDF is ever committed. A hand-written writer rather than
 * pdf-lib: the tests need things a high-level library will not write (a font whose encoding maps a byte to
 * the ﬁ ligature glyph, an /Encrypt dictionary, content streams that interleave two columns, truncation).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One run of text. In `text`, "ﬁ" and "ﬂ" are written as the font's ligature glyphs (bytes 1 and 2). */
export interface FixtureText {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly size?: number;
}

export interface FixturePage {
  readonly texts?: readonly FixtureText[];
  /** Draw a grey picture instead of (or besides) text: a page of a scanned, image-only PDF. */
  readonly image?: boolean;
}

export interface FixtureOptions {
  /** Adds an /Encrypt dictionary whose user password is not empty: readers must ask for it. */
  readonly encrypted?: boolean;
}

export const PAGE_WIDTH = 612;
export const PAGE_HEIGHT = 792;

function pdfString(text: string): string {
  const bytes = text.replace(/ﬁ/g, '\x01').replace(/ﬂ/g, '\x02').replace(/[\\()]/g, (char) => `\\${char}`);
  return `(${bytes})`;
}

function contentStream(page: FixturePage): string {
  const parts: string[] = [];
  if (page.image) parts.push('q 400 0 0 300 100 400 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x40\xc0\xc0\x40 EI Q');
  for (const run of page.texts ?? []) parts.push(`BT /F1 ${run.size ?? 10} Tf ${run.x} ${run.y} Td ${pdfString(run.text)} Tj ET`);
  return parts.join('\n');
}

/** The bytes of a PDF with the given pages, Helvetica text, and a correct cross-reference table. */
export function buildPdf(pages: readonly FixturePage[], options: FixtureOptions = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const pageIds = pages.map((_, index) => 4 + index * 2);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >> >>');
  for (const [index, page] of pages.entries()) {
    const stream = contentStream(page);
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[index]! + 1} 0 R >>`);
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  }
  if (options.encrypted) add(`<< /Filter /Standard /V 1 /R 2 /O <${'4f'.repeat(32)}> /U <${'55'.repeat(32)}> /P -44 >>`);
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets = objects.map((body, index) => {
    const offset = Buffer.byteLength(pdf, 'latin1');
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  const encrypt = options.encrypted ? ` /Encrypt ${objects.length} 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]` : '';
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Lines of one column, top down, `leading` points apart. */
export function column(lines: readonly string[], x: number, top: number, leading = 14, size = 10): FixtureText[] {
  return lines.map((text, index) => ({ x, y: top - index * leading, text, size }));
}

/** A fresh temporary folder for one test's PDFs and cache. */
export function fixtureDir(): string {
  return mkdtempSync(join(tmpdir(), 'litcomp-pdf-'));
}

export function writePdf(folder: string, name: string, bytes: Buffer | string): string {
  const file = join(folder, name);
  writeFileSync(file, bytes);
  return file;
}

/** A two-column page whose content stream alternates left and right lines, as some generators write it. */
export function interleavedTwoColumnPage(left: readonly string[], right: readonly string[]): FixturePage {
  const leftRuns = column(left, 56, 700);
  const rightRuns = column(right, 320, 700);
  const texts: FixtureText[] = [{ x: 150, y: 750, text: 'A Title That Spans Both Columns Of The Page', size: 14 }];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    if (leftRuns[index]) texts.push(leftRuns[index]!);
    if (rightRuns[index]) texts.push(rightRuns[index]!);
  }
  return { texts };
}

/**
 * A compressed "bomb": a small PDF whose one content stream inflates to `decodedMb` MiB (a bytes of `fill`
 * each, NUL by default, which PDF reads as whitespace). Built from one compressed MiB repeated, so making
 * it costs a few kB of memory, not the decoded size.
 */
export function bombPdf(decodedMb: number, fill = 0): Buffer {
  const mib = 1024 * 1024;
  // A raw deflate of one MiB, ended by a sync flush: byte-aligned and not final, so copies can follow.
  const block = deflateRawSync(Buffer.alloc(mib, fill), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const finalBlock = Buffer.from([0x03, 0x00]);
  const decoded = decodedMb * mib;
  // zlib wrapper: header, blocks, Adler-32 of the decoded bytes (computed, not by decoding them).
  // For n bytes all equal to f: a = 1 + n·f, b = n + f·n(n+1)/2 (mod 65521), in BigInt for large n.
  const n = BigInt(decoded);
  const f = BigInt(fill);
  const a = Number((1n + n * f) % 65521n);
  const b = Number((n + (f * n * (n + 1n)) / 2n) % 65521n);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  const body = Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: decodedMb }, () => block), finalBlock, adler]);
  const head = '%PDF-1.4\n';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Contents 4 0 R >>`,
  ];
  const parts: Buffer[] = [Buffer.from(head, 'latin1')];
  const offsets: number[] = [];
  let length = head.length;
  const push = (chunk: Buffer) => {
    parts.push(chunk);
    length += chunk.length;
  };
  objects.forEach((object, index) => {
    offsets.push(length);
    push(Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`, 'latin1'));
  });
  offsets.push(length);
  push(Buffer.from(`4 0 obj\n<< /Length ${body.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'));
  push(body);
  push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const xref = length;
  push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
