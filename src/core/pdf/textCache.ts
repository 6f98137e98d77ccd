import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultTextCacheDir } from './locations';
import type { PageItem, PageLayout } from './textModel';

/**
 * The on-disk text cache: one file a PDF, named by the PDF's sha256, so a second open parses no PDF and a
 * re-downloaded or re-attached identical file hits the same entry. An entry is a line of JSON (the pages'
 * text and sizes) followed by every page's item positions as raw float32 bytes (6 numbers an item): no
 * JSON numbers and no base64 to decode on a warm open. Entries are machine-local (little-endian floats,
 * like every platform VS Code runs on).
 *
 * The cache decides whether a quote is "found", so an entry must be one this user's reader wrote, for
 * this very PDF, with this extractor: each entry is `HMAC\n{json}\n<floats>`, the HMAC keyed by a per-user
 * secret kept outside the cache folder, over everything after the first line (the JSON names the PDF's
 * sha256 and the extractor version). A file planted in the folder (or one written by an older reader)
 * fails the check and the PDF is read again.
 */
const FORMAT = 4;
const NUMBERS_PER_ITEM = 6;
/** The first line of an entry: the HMAC-SHA256 in hex and its newline. */
const MAC_LINE_BYTES = 65;

/** Changes whenever the text a PDF yields may change: the engine's version or our layout and reading order. */
export const EXTRACTOR_VERSION = '@embedpdf/pdfium 2.15.1 (pdfiumText.ts words 1); layout 1';

/** A page as the worker posts it back: the numbers travel as a transferable array. */
export interface EncodedPage {
  readonly view: readonly [number, number, number, number];
  readonly text: string;
  readonly columnsReordered: boolean;
  /** start, end, x, y, width, height for each item. */
  readonly items: Float32Array;
}

/** A page as stored in the JSON line: its item numbers are in the binary part, `items` of them. */
interface StoredPage extends Omit<EncodedPage, 'items'> {
  readonly items: number;
}

interface CacheHeader {
  readonly format: number;
  readonly sha256: string;
  readonly extractor: string;
  readonly pages: readonly StoredPage[];
}

export function encodePage(page: PageLayout): EncodedPage {
  const items = new Float32Array(page.items.length * NUMBERS_PER_ITEM);
  page.items.forEach((item, index) => items.set([item.start, item.end, item.x, item.y, item.width, item.height], index * NUMBERS_PER_ITEM));
  return { view: page.view, text: page.text, columnsReordered: page.columnsReordered, items };
}

/**
 * The page with its items decoded on first use: opening a document touches the items of the few pages a
 * quote is anchored on, so a warm open does not build every item object of every page up front.
 */
export function decodePage(encoded: EncodedPage, pageNumber: number): PageLayout {
  let items: PageItem[] | undefined;
  const { text, items: numbers } = encoded;
  return {
    page: pageNumber,
    view: encoded.view,
    text,
    columnsReordered: encoded.columnsReordered,
    get items() {
      return (items ??= decodeItems(text, numbers));
    },
  };
}

function decodeItems(text: string, numbers: Float32Array): PageItem[] {
  const items: PageItem[] = [];
  for (let offset = 0; offset < numbers.length; offset += NUMBERS_PER_ITEM) {
    const start = numbers[offset]!;
    const end = numbers[offset + 1]!;
    items.push({ str: text.slice(start, end), start, end, x: numbers[offset + 2]!, y: numbers[offset + 3]!, width: numbers[offset + 4]!, height: numbers[offset + 5]! });
  }
  return items;
}

/** Still named .json (its first lines are): an entry of an older format is then replaced, not left beside it. */
export function cacheFile(cacheDir: string, sha256: string): string {
  return join(cacheDir, `${sha256}.json`);
}

/** Hashes bytes already read, 1 MiB at a time with a turn of the event loop between, so no stall is long. */
export async function sha256OfBytes(data: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  const chunk = 1024 * 1024;
  for (let offset = 0; offset < data.length; offset += chunk) {
    hash.update(data.subarray(offset, offset + chunk));
    if (offset + chunk < data.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return hash.digest('hex');
}

/** The stored page back as an encoded one, or undefined when it does not hold together. */
function validPage(page: unknown, items: Float32Array): EncodedPage | undefined {
  const candidate = page as StoredPage;
  if (typeof candidate?.text !== 'string' || !Array.isArray(candidate.view) || candidate.view.length !== 4) return undefined;
  for (let offset = 0; offset < items.length; offset += NUMBERS_PER_ITEM) {
    if (!(items[offset]! >= 0 && items[offset]! <= items[offset + 1]! && items[offset + 1]! <= candidate.text.length)) return undefined;
  }
  return { view: candidate.view, text: candidate.text, columnsReordered: candidate.columnsReordered === true, items };
}

/** Each page's item numbers, cut from the binary part by the counts the JSON line gives; undefined when they do not add up. */
function pageNumbers(pages: readonly StoredPage[], bytes: Uint8Array): Float32Array[] | undefined {
  if (bytes.length % 4 !== 0) return undefined;
  // The writer aligns the floats to 4 bytes in the file: read as a view, not a copy, when the buffer is too.
  const numbers = bytes.byteOffset % 4 === 0 ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4) : new Float32Array(bytes.slice().buffer);
  const cut: Float32Array[] = [];
  let at = 0;
  for (const page of pages) {
    const count = page?.items;
    if (!Number.isInteger(count) || count < 0 || at + count * NUMBERS_PER_ITEM > numbers.length) return undefined;
    cut.push(numbers.subarray(at, (at += count * NUMBERS_PER_ITEM)));
  }
  return at === numbers.length ? cut : undefined;
}

function mac(key: Uint8Array, body: string | Uint8Array): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/**
 * The cached pages, or undefined when there is no entry, or it is unreadable, or it is not this reader's
 * own entry for this PDF and extractor (it is then rebuilt).
 */
export async function readCachedPages(cacheDir: string, sha256: string, key: Uint8Array): Promise<PageLayout[] | undefined> {
  let header: CacheHeader;
  let numbers: Uint8Array;
  try {
    // The MAC is checked over the bytes as read, before any of them is decoded.
    const bytes = await readFile(cacheFile(cacheDir, sha256));
    const newline = bytes.indexOf(0x0a);
    const body = bytes.subarray(newline + 1);
    const expected = Buffer.from(mac(key, body), 'hex');
    const stated = Buffer.from(bytes.subarray(0, Math.max(newline, 0)).toString('latin1'), 'hex');
    if (newline < 0 || stated.length !== expected.length || !timingSafeEqual(stated, expected)) return undefined;
    const headerEnd = body.indexOf(0x0a);
    if (headerEnd < 0) return undefined;
    header = JSON.parse(body.subarray(0, headerEnd).toString('utf8')) as CacheHeader;
    numbers = body.subarray(headerEnd + 1);
  } catch {
    return undefined;
  }
  if (header?.format !== FORMAT || header.sha256 !== sha256 || header.extractor !== EXTRACTOR_VERSION) return undefined;
  if (!Array.isArray(header.pages)) return undefined;
  const items = pageNumbers(header.pages, numbers);
  if (!items) return undefined;
  const pages = header.pages.map((page, index) => validPage(page, items[index]!));
  if (!pages.every((page) => page !== undefined)) return undefined;
  return pages.map((page, index) => decodePage(page, index + 1));
}

/** Writes to a temporary name and renames, so a crash or a concurrent reader never sees half a file. */
export async function writeCachedPages(cacheDir: string, sha256: string, pages: readonly EncodedPage[], key: Uint8Array): Promise<void> {
  await ensureCacheFolder(cacheDir);
  const header: CacheHeader = { format: FORMAT, sha256, extractor: EXTRACTOR_VERSION, pages: pages.map((page) => ({ ...page, items: page.items.length / NUMBERS_PER_ITEM })) };
  // JSON escapes every newline inside strings: the first raw newline ends the header. Spaces before it
  // put the floats at a multiple of 4 bytes from the file's start (after the MAC line), so a reader can view them in place.
  const json = Buffer.from(JSON.stringify(header));
  const padding = (4 - ((MAC_LINE_BYTES + json.length + 1) % 4)) % 4;
  const body = Buffer.concat([json, Buffer.from(`${' '.repeat(padding)}\n`), ...pages.map((page) => Buffer.from(page.items.buffer, page.items.byteOffset, page.items.byteLength))]);
  const target = cacheFile(cacheDir, sha256);
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, Buffer.concat([Buffer.from(`${mac(key, body)}\n`), body]));
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Where the cache key lives by default: beside the per-user cache folder, never inside a cache folder. */
export function defaultCacheKeyFile(): string {
  return join(dirname(defaultTextCacheDir()), 'text-cache.key');
}

const keys = new Map<string, Promise<Buffer>>();

/** The per-user secret that signs cache entries: read, or made (readable by this user only) on first use. */
export function cacheKey(file = defaultCacheKeyFile()): Promise<Buffer> {
  let key = keys.get(file);
  if (!key) {
    key = loadOrCreateKey(file);
    keys.set(file, key);
    key.catch(() => keys.delete(file));
  }
  return key;
}

async function loadOrCreateKey(file: string): Promise<Buffer> {
  const existing = await readFile(file).catch(() => undefined);
  if (existing && existing.length === 32) return existing;
  await ensureCacheFolder(dirname(file));
  const fresh = randomBytes(32);
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, fresh, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
  // Two processes may race to make the key: whichever rename landed last is the key from now on.
  const settled = await readFile(file);
  return settled.length === 32 ? settled : fresh;
}

/** A cache folder that cannot be used: said once, clearly, instead of failing (or spinning) per PDF. */
export class CacheFolderError extends Error {
  override readonly name = 'CacheFolderError';
}

/**
 * Makes `folder` (and missing parents) one level at a time. Node's recursive mkdir spins forever on some
 * paths (e.g. under /proc); this fails at once with a message naming the folder.
 */
export async function ensureCacheFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  let at = folder;
  for (;;) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
    if (info instanceof Error) throw new CacheFolderError(`the cache folder ${folder} cannot be used: ${at} cannot be read (${info.code ?? info.message}); choose another folder`);
    if (info) {
      if (!info.isDirectory()) throw new CacheFolderError(`the cache folder ${folder} cannot be used: ${at} is not a folder; choose another folder`);
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const path of missing) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw new CacheFolderError(`the cache folder ${folder} cannot be created (${error.code ?? error.message} at ${path}); choose a folder you can write`);
    });
  }
}
