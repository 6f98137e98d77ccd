import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PageItem, PageLayout } from './textModel';

/**
 * The on-disk text cache: one JSON file a PDF, named by the PDF's sha256, so a second open parses no PDF
 * and a re-downloaded or re-attached identical file hits the same entry. Item positions are stored as one
 * flat number array a page (6 numbers an item) because JSON of objects is several times larger and slower.
 */
const FORMAT = 1;
const NUMBERS_PER_ITEM = 6;

/** A page as stored (and as the worker posts it back: the numbers travel as a transferable array). */
export interface EncodedPage {
  readonly view: readonly [number, number, number, number];
  readonly text: string;
  readonly columnsReordered: boolean;
  /** start, end, x, y, width, height for each item. */
  readonly items: ArrayLike<number>;
}

interface CacheEntry {
  readonly format: number;
  readonly sha256: string;
  readonly pages: readonly EncodedPage[];
}

const round = (value: number) => Math.round(value * 100) / 100;

export function encodePage(page: PageLayout): EncodedPage {
  const items = new Float64Array(page.items.length * NUMBERS_PER_ITEM);
  page.items.forEach((item, index) => items.set([item.start, item.end, round(item.x), round(item.y), round(item.width), round(item.height)], index * NUMBERS_PER_ITEM));
  return { view: page.view, text: page.text, columnsReordered: page.columnsReordered, items };
}

export function decodePage(encoded: EncodedPage, pageNumber: number): PageLayout {
  const numbers = encoded.items;
  const items: PageItem[] = [];
  for (let offset = 0; offset < numbers.length; offset += NUMBERS_PER_ITEM) {
    const start = numbers[offset]!;
    const end = numbers[offset + 1]!;
    items.push({ str: encoded.text.slice(start, end), start, end, x: numbers[offset + 2]!, y: numbers[offset + 3]!, width: numbers[offset + 4]!, height: numbers[offset + 5]! });
  }
  return { page: pageNumber, view: encoded.view, text: encoded.text, columnsReordered: encoded.columnsReordered, items };
}

export function cacheFile(cacheDir: string, sha256: string): string {
  return join(cacheDir, `${sha256}.json`);
}

/** Hashes in chunks from a stream, so a large file never blocks the event loop for long. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function isValidPage(page: unknown): page is EncodedPage {
  const candidate = page as EncodedPage;
  if (typeof candidate?.text !== 'string' || !Array.isArray(candidate.view) || candidate.view.length !== 4) return false;
  const items = candidate.items as unknown;
  if (!Array.isArray(items) || items.length % NUMBERS_PER_ITEM !== 0) return false;
  for (let offset = 0; offset < items.length; offset += NUMBERS_PER_ITEM) {
    if (!(items[offset] >= 0 && items[offset] <= items[offset + 1] && items[offset + 1] <= candidate.text.length)) return false;
  }
  return true;
}

/** The cached pages, or undefined when there is no entry or it is unreadable (it is then rebuilt). */
export async function readCachedPages(cacheDir: string, sha256: string): Promise<PageLayout[] | undefined> {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(await readFile(cacheFile(cacheDir, sha256), 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
  if (entry?.format !== FORMAT || entry.sha256 !== sha256 || !Array.isArray(entry.pages) || !entry.pages.every(isValidPage)) return undefined;
  return entry.pages.map((page, index) => decodePage(page, index + 1));
}

/** Writes to a temporary name and renames, so a crash or a concurrent reader never sees half a file. */
export async function writeCachedPages(cacheDir: string, sha256: string, pages: readonly EncodedPage[]): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const entry: CacheEntry = { format: FORMAT, sha256, pages: pages.map((page) => ({ ...page, items: Array.from(page.items) })) };
  const target = cacheFile(cacheDir, sha256);
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(entry));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
