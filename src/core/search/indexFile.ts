import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import type { PaperId } from '../corpus/model';

/**
 * The search index's file: compact and checked. Layout (little-endian):
 *   "LCSI" · u32 file format · u32 index version · u32 header bytes · header JSON (papers, counts, caller's
 *   extra) · padding to 4 · i32 page[P] · i32 length[P] · i32 text end[P] (byte offsets, uncompressed) ·
 *   i32 postings end[T] · i32 first passage of each text chunk[C+1] · i32 chunk end[C] · u8 source[P] ·
 *   padding · UTF-8 passage texts in C raw-deflated chunks of about 64 kB · UTF-8 vocabulary ("\n"-joined) ·
 *   postings · u32 checksum of all before.
 * Postings, per term in vocabulary order: count, then (id − previous id, tf) pairs, all as unsigned varints
 * (most ids are a few passages apart, so most numbers take one byte). JSON of objects was 228 MB at 500 papers.
 * Loading decodes neither the texts nor the postings: a passage's text and a term's postings are decoded
 * when first used (the offsets say where), so search is ready as soon as the file is read and checked.
 */
const MAGIC = 0x4953434c; // "LCSI"
const FILE_FORMAT = 3;
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
  /** Compressed bytes of the text block, and how many chunks it is in. */
  textBytes: number;
  textChunks: number;
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
  // Texts in chunks of whole passages, each deflated alone: a hit's text inflates one chunk, not the block.
  const chunkFirst = [0];
  const chunks: Buffer[] = [];
  for (let id = 0, size = 0; id < passages; id++) {
    size += textParts[id]!.length;
    if (size < TEXT_CHUNK_BYTES && id < passages - 1) continue;
    chunks.push(zlib.deflateRawSync(Buffer.concat(textParts.slice(chunkFirst.at(-1), id + 1)), { level: 1 }));
    chunkFirst.push(id + 1);
    size = 0;
  }
  const textBytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const header: Header = { papers: content.papers, passages, terms, textBytes, textChunks: chunks.length, vocabularyBytes: vocabulary.length, postingBytes: postings.length, extra: content.extra };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const numbersAt = pad4(FIXED + headerBytes.length);
  const numberCount = passages * 3 + terms + chunks.length * 2 + 1;
  const sourcesAt = numbersAt + numberCount * 4;
  const textAt = pad4(sourcesAt + passages);
  const end = textAt + textBytes + vocabulary.length + postings.length;
  const out = Buffer.alloc(end + 4);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(FILE_FORMAT, 4);
  out.writeUInt32LE(content.version, 8);
  out.writeUInt32LE(headerBytes.length, 12);
  out.set(headerBytes, FIXED);
  const numbers = new Int32Array(out.buffer, out.byteOffset + numbersAt, numberCount);
  let textEnd = 0;
  for (let id = 0; id < passages; id++) {
    numbers[id] = content.pages[id]!;
    numbers[passages + id] = content.lengths[id]!;
    numbers[2 * passages + id] = textEnd += textParts[id]!.length;
    out[sourcesAt + id] = content.sources[id]!;
  }
  numbers.set(postingEnds, 3 * passages);
  numbers.set(chunkFirst, 3 * passages + terms);
  let chunkEnd = 0;
  chunks.forEach((chunk, c) => {
    out.set(chunk, textAt + chunkEnd);
    numbers[3 * passages + terms + chunks.length + 1 + c] = chunkEnd += chunk.length;
  });
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

/** Uncompressed size of a text chunk (whole passages): small enough that inflating one for a hit is cheap. */
const TEXT_CHUNK_BYTES = 64 * 1024;
/** Inflated chunks kept: a page of hits touches about ten. */
const CHUNKS_KEPT = 32;

/** Passage texts read from deflated chunks, a few inflated chunks kept (the most recently used). */
class ChunkedTexts implements PackedTexts {
  private readonly inflated = new Map<number, Buffer>();
  constructor(
    private readonly data: Buffer,
    private readonly textAt: number,
    private readonly textEnds: Int32Array,
    private readonly chunkFirst: Int32Array,
    private readonly chunkEnds: Int32Array,
  ) {}

  text(id: number): string {
    let low = 0;
    let high = this.chunkFirst.length - 2;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.chunkFirst[mid]! <= id) low = mid;
      else high = mid - 1;
    }
    const chunk = this.chunk(low);
    const base = this.chunkFirst[low] === 0 ? 0 : this.textEnds[this.chunkFirst[low]! - 1]!;
    return chunk.toString('utf8', (id === 0 ? 0 : this.textEnds[id - 1]!) - base, this.textEnds[id]! - base);
  }

  private chunk(c: number): Buffer {
    let chunk = this.inflated.get(c);
    if (chunk) {
      this.inflated.delete(c);
    } else {
      try {
        chunk = zlib.inflateRawSync(this.data.subarray(this.textAt + (c === 0 ? 0 : this.chunkEnds[c - 1]!), this.textAt + this.chunkEnds[c]!));
      } catch {
        throw damaged('passage texts');
      }
      if (this.inflated.size >= CHUNKS_KEPT) this.inflated.delete(this.inflated.keys().next().value!);
    }
    this.inflated.set(c, chunk);
    return chunk;
  }
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
  const { passages, terms, textChunks } = header;
  if (!Number.isInteger(passages) || passages < 0 || !Number.isInteger(terms) || terms < 0 || !Number.isInteger(textChunks) || textChunks < 0 || !Array.isArray(header.papers) || header.papers.reduce((sum, paper) => sum + paper.passages, 0) !== passages) throw damaged('counts');
  const numbersAt = pad4(FIXED + headerLength);
  const sourcesAt = numbersAt + (passages * 3 + terms + textChunks * 2 + 1) * 4;
  const textAt = pad4(sourcesAt + passages);
  const vocabularyAt = textAt + header.textBytes;
  const postingsAt = vocabularyAt + header.vocabularyBytes;
  if (postingsAt + header.postingBytes !== end) throw damaged('section sizes');
  // A copy, so the numbers are aligned whatever the file's buffer offset.
  const numbers = new Int32Array(data.buffer.slice(data.byteOffset + numbersAt, data.byteOffset + sourcesAt));
  const textEnds = numbers.subarray(2 * passages, 3 * passages);
  const postingEnds = numbers.subarray(3 * passages, 3 * passages + terms);
  const chunkFirst = numbers.subarray(3 * passages + terms, 3 * passages + terms + textChunks + 1);
  const chunkEnds = numbers.subarray(3 * passages + terms + textChunks + 1);
  if ((terms > 0 && postingEnds[terms - 1] !== header.postingBytes) || chunkFirst[textChunks] !== passages || (textChunks > 0 && chunkEnds[textChunks - 1] !== header.textBytes)) throw damaged('offsets');
  const texts = new ChunkedTexts(data, textAt, textEnds, chunkFirst, chunkEnds);
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
