import { relative, isAbsolute } from 'node:path';
import { platformFiles, type FileSystem } from '../platform/fileSystem';

/**
 * Reads a text file a person wrote (a corpus file, a claims file, a talk) without trusting it: a symlink
 * may not lead out of the folder it belongs to, only regular files are read (a FIFO would hang, /dev/zero
 * would never end), the size is checked before a byte is read, and the bytes must be UTF-8. Errors never
 * quote the file's content, so a link to a private file cannot leak it.
 */
export type SourceText = { readonly text: string } | { readonly message: string; readonly line?: number };

export interface SourceFileOptions {
  /** Refused when larger, before reading. */
  readonly maxBytes: number;
  /** What a person calls this file, for messages: "corpus files", "a claims file". */
  readonly what: string;
  /** When given, the file (after following links) must lie inside this folder. */
  readonly within?: string;
}

export async function readSourceText(file: string, options: SourceFileOptions, files?: FileSystem): Promise<SourceText> {
  const fs = platformFiles(files);
  try {
    // Links are checked where the file system can resolve them (on the web, each look is a round trip to
    // the workspace's file system, and there is no link to resolve through it).
    if (options.within !== undefined && fs.capabilities.realPaths) {
      const info = await fs.stat(file);
      if (!info) return { message: 'the file does not exist' };
      // Every link on the way counts (the file's own and its folders'), hence the real paths.
      const [target, folder] = await Promise.all([fs.realPath(file), fs.realPath(options.within)]);
      if (!isInside(folder, target)) {
        return { message: `the file ${info.symbolicLink ? 'is a link' : 'leads'} to a file outside ${options.within}; it is not read; put the file itself in the folder` };
      }
    }
    const read = await fs.readRegularFile(file, options.maxBytes);
    switch (read.kind) {
      case 'missing': return { message: 'the file does not exist' };
      case 'not-regular': return read.what === 'a folder' ? { message: 'this is a folder, not a file' } : { message: `not a regular file (${read.what}); only regular files are read` };
      case 'too-large':
        return !read.grew
          ? { message: `file is ${(read.size / 1048576).toFixed(1)} MB; ${options.what} are limited to ${formatLimit(options.maxBytes)}` }
          : { message: `file grew past ${formatLimit(options.maxBytes)} while being read; ${options.what} are limited to ${formatLimit(options.maxBytes)}` };
      case 'read': return decodeSourceText(read.bytes);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'FileNotFound') return { message: 'the file does not exist' };
    if (code === 'EACCES' || code === 'EPERM' || code === 'NoPermissions') return { message: 'the file cannot be read (permission denied)' };
    if (code === 'EISDIR' || code === 'FileIsADirectory') return { message: 'this is a folder, not a file' };
    if (code === 'ELOOP') return { message: 'the file is a link that loops' };
    return { message: `cannot read file (${code ?? (error as Error).message})` };
  }
}

export function isInside(folder: string, file: string): boolean {
  const path = relative(folder, file);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

function formatLimit(bytes: number): string {
  return bytes >= 1048576 ? `${bytes / 1048576} MB` : `${Math.round(bytes / 1024)} kB`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 text with line endings the parsers understand, or what is wrong: a UTF-16 file, bytes that are not
 * UTF-8 (with the line of the first one), or old Mac line endings (CR only), which would otherwise read as
 * one long line and give a misleading "must start with front matter".
 */
export function decodeSourceText(bytes: Uint8Array): SourceText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { line: 1, message: 'the file is UTF-16 encoded; save it as UTF-8' };
  }
  const zero = bytes.indexOf(0);
  if (zero >= 0) return { line: lineAt(bytes, zero), message: 'the file holds NUL bytes: it is binary or UTF-16 without a byte order mark; save it as UTF-8 text' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return { line: lineAt(bytes, offset), message: `byte ${offset + 1} is not UTF-8 (the file may be Latin-1 or Windows-1252); save the file as UTF-8` };
  }
  if (text.includes('\r') && !text.includes('\n')) {
    return { line: 1, message: 'the lines end with CR only (old Mac line endings); save the file with LF or CRLF line endings' };
  }
  return { text };
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return bytes.length;
}

function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index]!;
  const expected = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (expected === 0) return 0;
  for (let k = 1; k < expected; k++) if (((bytes[index + k] ?? 0) & 0xc0) !== 0x80) return 0;
  // Let the decoder judge overlong forms and surrogates: recheck the one sequence strictly.
  try {
    utf8.decode(bytes.subarray(index, index + expected));
  } catch {
    return 0;
  }
  return expected;
}
