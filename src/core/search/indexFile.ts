import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import type { PaperId } from '../corpus/model';

/**
 * The search index's file: compact and checked. Layout (little-endian):
 *   "LCSI" · u32 file format · u32 index version · u32 header bytes · header JSON (papers, counts, caller's
 *   extra) · padding to 4 · i32 page[P] · i32 length[P] · i32 text end[P] (byte offsets) · i32 postings
 *   end[T] (byte offsets) · u8 source[P] · padding · UTF-8 passage texts (one block) · UTF-8 vocabulary
 *   ("\n"-joined) · postings · u32 checksum of all before.
 * Postings, per term in vocabulary order: count, then (id − previous id, tf) pairs, all as unsigned varints
 * (most ids are a few passages apart, so most numbers take one byte). JSON of objects was 228 MB at 500 papers.
 * Loading decodes neither the texts nor the postings: a passage's text and a term's postings are decoded
 * when first used (the offsets say where), so search is ready as soon as the file is read and checked.
 */
const MAGIC = 0x4953434c; // "LCSI"
const FILE_FORMAT = 2;
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
  const terms = content.vocabulary.length;
  const textParts = content.texts.map((text) => Buffer.from(text, 'utf8'));
  const vocabulary = Buffer.from(content.vocabulary.join('\n'), 'utf8');
  const postings = new VarintWriter();
  const postingEnds = new Int32Array(terms);
  content.postings.forEach((list, term) => {
    postings.write(list.length);
    let previous = 0;
    for (let k = 0; k < list.length; k++) {
      const id = list.id(k);
      postings.write(id - previous);
      postings.write(list.tf(k));
      previous = id;
    }
    postingEnds[term] = postings.length;
  });
  const textBytes = textParts.reduce((sum, part) => sum + part.length, 0);
  const header: Header = { papers: content.papers, passages, terms, textBytes, vocabularyBytes: vocabulary.length, postingBytes: postings.length, extra: content.extra };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const numbersAt = pad4(FIXED + headerBytes.length);
  const sourcesAt = numbersAt + (passages * 3 + terms) * 4;
  const textAt = pad4(sourcesAt + passages);
  const end = textAt + textBytes + vocabulary.length + postings.length;
  const out = Buffer.alloc(end + 4);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(FILE_FORMAT, 4);
  out.writeUInt32LE(content.version, 8);
  out.writeUInt32LE(headerBytes.length, 12);
  out.set(headerBytes, FIXED);
  const numbers = new Int32Array(out.buffer, out.byteOffset + numbersAt, passages * 3 + terms);
  let textEnd = 0;
  for (let id = 0; id < passages; id++) {
    numbers[id] = content.pages[id]!;
    numbers[passages + id] = content.lengths[id]!;
    out.set(textParts[id]!, textAt + textEnd);
    numbers[2 * passages + id] = textEnd += textParts[id]!.length;
    out[sourcesAt + id] = content.sources[id]!;
  }
  numbers.set(postingEnds, 3 * passages);
  out.set(vocabulary, textAt + textBytes);
  out.set(postings.bytes.subarray(0, postings.length), textAt + textBytes + vocabulary.length);
  out.writeUInt32LE(checksum(out.subarray(0, end)), end);
  return out;
}

/** The passage texts of a file, decoded one at a time. */
export interface PackedTexts {
  text(passage: number): string;
}

/** The postings of a file, decoded one term at a time (ids ascending; the first `count` entries are set). */
export interface PackedPostings {
  readonly terms: number;
  decode(term: number, into: (ids: Int32Array, tfs: Uint16Array, count: number) => void): void;
}

export interface DecodedIndexFile {
  readonly papers: IndexFilePaper[];
  readonly pages: Int32Array;
  readonly lengths: Int32Array;
  readonly sources: Uint8Array;
  readonly texts: PackedTexts;
  readonly vocabulary: string[];
  readonly postings: PackedPostings;
  readonly extra: Record<string, unknown>;
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
  const { passages, terms } = header;
  if (!Number.isInteger(passages) || passages < 0 || !Number.isInteger(terms) || terms < 0 || !Array.isArray(header.papers) || header.papers.reduce((sum, paper) => sum + paper.passages, 0) !== passages) throw damaged('counts');
  const numbersAt = pad4(FIXED + headerLength);
  const sourcesAt = numbersAt + (passages * 3 + terms) * 4;
  const textAt = pad4(sourcesAt + passages);
  const vocabularyAt = textAt + header.textBytes;
  const postingsAt = vocabularyAt + header.vocabularyBytes;
  if (postingsAt + header.postingBytes !== end) throw damaged('section sizes');
  // A copy, so the numbers are aligned whatever the file's buffer offset.
  const numbers = new Int32Array(data.buffer.slice(data.byteOffset + numbersAt, data.byteOffset + sourcesAt));
  const textEnds = numbers.subarray(2 * passages, 3 * passages);
  const postingEnds = numbers.subarray(3 * passages);
  if ((passages > 0 && textEnds[passages - 1] !== header.textBytes) || (terms > 0 && postingEnds[terms - 1] !== header.postingBytes)) throw damaged('offsets');
  const texts: PackedTexts = { text: (id) => data.toString('utf8', textAt + (id === 0 ? 0 : textEnds[id - 1]!), textAt + textEnds[id]!) };
  const vocabulary = terms === 0 ? [] : data.toString('utf8', vocabularyAt, postingsAt).split('\n');
  if (vocabulary.length !== terms) throw damaged('vocabulary');
  const postings: PackedPostings = {
    terms,
    decode(term, into) {
      let p = postingsAt + (term === 0 ? 0 : postingEnds[term - 1]!);
      const stop = postingsAt + postingEnds[term]!;
      const read = () => {
        let value = 0;
        let shift = 0;
        for (;;) {
          if (p >= stop) throw damaged('postings');
          const byte = data[p++]!;
          value += (byte & 0x7f) * 2 ** shift;
          if (byte < 0x80) return value;
          shift += 7;
        }
      };
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
      into(ids, tfs, count);
    },
  };
  return { papers: header.papers, pages: numbers.subarray(0, passages), lengths: numbers.subarray(passages, 2 * passages), sources: data.subarray(sourcesAt, sourcesAt + passages), texts, vocabulary, postings, extra: header.extra ?? {} };
}
