import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import type { PaperId } from '../corpus/model';

/**
 * The search index's file: compact and checked. Layout (little-endian):
 *   "LCSI" · u32 file format · u32 index version · u32 header bytes · header JSON (papers, counts, caller's
 *   extra) · padding to 4 · i32 page[P] · i32 length[P] · i32 text length[P] · u8 source[P] · padding ·
 *   UTF-8 passage texts (one block) · UTF-8 vocabulary ("\n"-joined) · postings · u32 checksum of all before.
 * Postings, per term in vocabulary order: count, then (id − previous id, tf) pairs, all as unsigned varints
 * (most ids are a few passages apart, so most numbers take one byte). JSON of objects was 228 MB at 500 papers.
 */
const MAGIC = 0x4953434c; // "LCSI"
const FILE_FORMAT = 1;
const FIXED = 16;

export interface IndexFilePaper {
  readonly id: PaperId;
  /** How many passages follow for this paper (passages are stored paper by paper). */
  readonly passages: number;
  readonly pdfSha256?: string;
  readonly pdfStamp?: string;
  readonly quotesKey?: string;
}

/** Why a file was not used: `damaged` (checksum, bounds) or `stale` (another format or index version, not ours). */
export class IndexFileError extends Error {
  constructor(
    message: string,
    readonly kind: 'damaged' | 'stale',
  ) {
    super(message);
  }
}

interface Header {
  papers: IndexFilePaper[];
  passages: number;
  terms: number;
  textBytes: number;
  vocabularyBytes: number;
  postingBytes: number;
  extra: Record<string, unknown>;
}

export interface IndexFileContent {
  readonly version: number;
  readonly papers: IndexFilePaper[];
  readonly pages: readonly number[];
  readonly lengths: readonly number[];
  readonly sources: readonly number[];
  readonly texts: readonly string[];
  readonly vocabulary: readonly string[];
  readonly postings: readonly { length: number; id(k: number): number; tf(k: number): number }[];
  readonly extra: Record<string, unknown>;
}

/** A checksum that is fast on 100 MB (zlib's crc32 where this Node has it, else the first 4 bytes of sha256). */
function checksum(bytes: Uint8Array): number {
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (crc32) return crc32(bytes) >>> 0;
  return createHash('sha256').update(bytes).digest().readUInt32LE(0);
}

/** A growable byte buffer of unsigned varints. */
class VarintWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  write(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.bytes[this.length++] = value;
  }
}

const pad4 = (n: number) => (n + 3) & ~3;

export function encodeIndexFile(content: IndexFileContent): Uint8Array {
  const passages = content.texts.length;
  const text = Buffer.from(content.texts.join(''), 'utf8');
  const vocabulary = Buffer.from(content.vocabulary.join('\n'), 'utf8');
  const postings = new VarintWriter();
  for (const list of content.postings) {
    postings.write(list.length);
    let previous = 0;
    for (let k = 0; k < list.length; k++) {
      const id = list.id(k);
      postings.write(id - previous);
      postings.write(list.tf(k));
      previous = id;
    }
  }
  const header: Header = { papers: content.papers, passages, terms: content.vocabulary.length, textBytes: text.length, vocabularyBytes: vocabulary.length, postingBytes: postings.length, extra: content.extra };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const numbersAt = pad4(FIXED + headerBytes.length);
  const textAt = pad4(numbersAt + passages * 12 + passages);
  const end = textAt + text.length + vocabulary.length + postings.length;
  const out = Buffer.alloc(end + 4);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(FILE_FORMAT, 4);
  out.writeUInt32LE(content.version, 8);
  out.writeUInt32LE(headerBytes.length, 12);
  out.set(headerBytes, FIXED);
  const numbers = new Int32Array(out.buffer, out.byteOffset + numbersAt, passages * 3);
  for (let id = 0; id < passages; id++) {
    numbers[id] = content.pages[id]!;
    numbers[passages + id] = content.lengths[id]!;
    numbers[2 * passages + id] = content.texts[id]!.length;
    out[numbersAt + passages * 12 + id] = content.sources[id]!;
  }
  out.set(text, textAt);
  out.set(vocabulary, textAt + text.length);
  out.set(postings.bytes.subarray(0, postings.length), textAt + text.length + vocabulary.length);
  out.writeUInt32LE(checksum(out.subarray(0, end)), end);
  return out;
}

export interface DecodedIndexFile {
  readonly papers: IndexFilePaper[];
  readonly pages: Int32Array;
  readonly lengths: Int32Array;
  readonly sources: Uint8Array;
  readonly texts: string[];
  readonly vocabulary: string[];
  readonly extra: Record<string, unknown>;
  /** Calls `each` with every term's postings (ids ascending; the first `count` entries), decoded into fresh typed arrays. */
  forEachPostings(each: (term: number, ids: Int32Array, tfs: Uint16Array, count: number) => void): void;
}

const damaged = (what: string) => new IndexFileError(`the search index file is damaged (${what}); it is rebuilt`, 'damaged');

export function decodeIndexFile(bytes: Uint8Array, version: number): DecodedIndexFile {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < FIXED + 4 || data.readUInt32LE(0) !== MAGIC) throw damaged('not a search index file');
  if (data.readUInt32LE(4) !== FILE_FORMAT || data.readUInt32LE(8) !== version) throw new IndexFileError('the search index file is from another version of the extension; it is rebuilt', 'stale');
  const end = data.length - 4;
  if (checksum(data.subarray(0, end)) !== data.readUInt32LE(end)) throw damaged('checksum');
  const headerLength = data.readUInt32LE(12);
  let header: Header;
  try {
    header = JSON.parse(data.toString('utf8', FIXED, FIXED + headerLength)) as Header;
  } catch {
    throw damaged('header');
  }
  const passages = header.passages;
  if (!Number.isInteger(passages) || passages < 0 || !Array.isArray(header.papers) || header.papers.reduce((sum, paper) => sum + paper.passages, 0) !== passages) throw damaged('passage count');
  const numbersAt = pad4(FIXED + headerLength);
  const textAt = pad4(numbersAt + passages * 12 + passages);
  const vocabularyAt = textAt + header.textBytes;
  const postingsAt = vocabularyAt + header.vocabularyBytes;
  if (postingsAt + header.postingBytes !== end) throw damaged('section sizes');
  // Copies, so the typed arrays are aligned and the file's buffer can go.
  const numbers = new Int32Array(data.buffer.slice(data.byteOffset + numbersAt, data.byteOffset + numbersAt + passages * 12));
  const pages = numbers.subarray(0, passages);
  const lengths = numbers.subarray(passages, 2 * passages);
  const textLengths = numbers.subarray(2 * passages, 3 * passages);
  const sources = data.subarray(numbersAt + passages * 12, numbersAt + passages * 13);
  const allText = data.toString('utf8', textAt, vocabularyAt);
  const texts: string[] = new Array(passages);
  let at = 0;
  for (let id = 0; id < passages; id++) {
    texts[id] = allText.slice(at, (at += textLengths[id]!));
  }
  if (at !== allText.length) throw damaged('passage texts');
  const vocabulary = header.terms === 0 ? [] : data.toString('utf8', vocabularyAt, postingsAt).split('\n');
  if (vocabulary.length !== header.terms) throw damaged('vocabulary');
  const forEachPostings = (each: (term: number, ids: Int32Array, tfs: Uint16Array, count: number) => void) => {
    let p = postingsAt;
    const read = () => {
      let value = 0;
      let shift = 0;
      for (;;) {
        if (p >= end) throw damaged('postings');
        const byte = data[p++]!;
        value += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return value;
        shift += 7;
      }
    };
    for (let term = 0; term < header.terms; term++) {
      const count = read();
      if (count > passages) throw damaged('postings');
      const ids = new Int32Array(Math.max(count, 4));
      const tfs = new Uint16Array(Math.max(count, 4));
      let id = 0;
      for (let k = 0; k < count; k++) {
        id += read();
        if (id >= passages) throw damaged('postings');
        ids[k] = id;
        tfs[k] = read();
      }
      each(term, ids, tfs, count);
    }
    if (p !== end) throw damaged('postings length');
  };
  return { papers: header.papers, pages, lengths, sources, texts, vocabulary, extra: header.extra ?? {}, forEachPostings };
}
