import { ANNOTATION_CONTEXT, VERDICTS, type Annotation } from './model';

/**
 * The annotation file: ONE per workspace, `.literature/annotations.json`:
 *
 *   { "schemaVersion": 1, "documents": { "<document path relative to the workspace>": [Annotation, …] } }
 *
 * One file rather than one per document because (a) it is the single place two windows can race on, so
 * the merge on save covers everything at once; (b) annotations of a deleted or renamed document stay in
 * it and are reported, where per-document files beside a deleted document would silently go stale; and
 * (c) a talk's repository gets one file to commit and review. A document with 2,000 claims is ~1 MB of
 * JSON, which reads and writes in milliseconds.
 *
 * Versions: 1 is the current one. Files without `schemaVersion` (version 0: a bare JSON array of Web
 * Annotations, or a W3C AnnotationCollection `{"type": "AnnotationCollection", "items": […]}`, as other
 * tools export) are migrated on load and written back as version 1 on the next save. A file with a
 * NEWER version than this build knows is refused, never rewritten (it would lose what the newer build
 * added). Each migration is a pure function `vN → vN+1` in MIGRATIONS.
 */
export const SCHEMA_VERSION = 1;

export interface AnnotationFile {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly documents: Record<string, unknown[]>;
}

export class AnnotationFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly kind: 'parse' | 'schema' | 'newer-version' | 'conflict' | 'io',
  ) {
    super(`${file}: ${message}`);
    this.name = 'AnnotationFileError';
  }
}

type Migration = (data: unknown) => unknown;

function groupByDocument(items: unknown[]): Record<string, unknown[]> {
  const documents: Record<string, unknown[]> = {};
  for (const item of items) {
    const source = (item as { target?: { source?: unknown } } | null)?.target?.source;
    const key = typeof source === 'string' ? source : '';
    (documents[key] ??= []).push(item);
  }
  return documents;
}

/** MIGRATIONS[n] turns a version-n file into a version-(n+1) one. */
const MIGRATIONS: Record<number, Migration> = {
  0: (data) => {
    const items = Array.isArray(data) ? data : (data as { items?: unknown }).items;
    if (!Array.isArray(items)) throw new Error('has no "schemaVersion" and is neither an array of annotations nor an AnnotationCollection with "items"');
    return { schemaVersion: 1, documents: groupByDocument(items) };
  },
};

function versionOf(data: unknown): number {
  if (Array.isArray(data)) return 0;
  if (typeof data !== 'object' || data === null) throw new Error(`must be a JSON object with "schemaVersion" and "documents", not ${data === null ? 'null' : typeof data}`);
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) return 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new Error(`"schemaVersion" must be a whole number, not ${JSON.stringify(version)}`);
  return version;
}

export interface ParsedAnnotationFile {
  readonly annotations: Annotation[];
  /** Entries that are not valid annotations: kept verbatim and written back, so nothing is lost. */
  readonly invalid: { document: string; index: number; value: unknown; message: string }[];
  /** The version the file had on disk (before migration). */
  readonly version: number;
}

/** Parses and validates the text of an annotation file; throws AnnotationFileError when the file as a whole is unusable. */
export function parseAnnotationFile(file: string, text: string): ParsedAnnotationFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AnnotationFileError(file, `is not valid JSON (${(error as Error).message})`, 'parse');
  }
  let version: number;
  try {
    version = versionOf(data);
  } catch (error) {
    throw new AnnotationFileError(file, (error as Error).message, 'schema');
  }
  if (version > SCHEMA_VERSION) {
    throw new AnnotationFileError(file, `has schemaVersion ${version}, but this version of Literature Companion reads up to ${SCHEMA_VERSION}; update the extension (the file is left as it is)`, 'newer-version');
  }
  for (let from = version; from < SCHEMA_VERSION; from++) {
    try {
      data = MIGRATIONS[from]!(data);
    } catch (error) {
      throw new AnnotationFileError(file, `cannot be migrated from schemaVersion ${from}: it ${(error as Error).message}`, 'schema');
    }
  }
  const documents = (data as { documents?: unknown }).documents;
  if (typeof documents !== 'object' || documents === null || Array.isArray(documents)) {
    throw new AnnotationFileError(file, '"documents" must be an object mapping document paths to lists of annotations', 'schema');
  }
  const annotations: Annotation[] = [];
  const invalid: ParsedAnnotationFile['invalid'] = [];
  for (const [document, list] of Object.entries(documents as Record<string, unknown>)) {
    if (!Array.isArray(list)) throw new AnnotationFileError(file, `documents[${JSON.stringify(document)}] must be a list of annotations`, 'schema');
    list.forEach((value, index) => {
      const problem = validateAnnotation(value, document);
      if (problem) invalid.push({ document, index, value, message: `documents[${JSON.stringify(document)}][${index}]: ${problem}` });
      else annotations.push(value as Annotation);
    });
  }
  return { annotations, invalid, version };
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isOffset = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Why `value` is not a valid annotation of `document`, or undefined when it is one. */
export function validateAnnotation(value: unknown, document?: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  const a = value as Record<string, unknown>;
  if (a['@context'] !== ANNOTATION_CONTEXT) return `"@context" must be "${ANNOTATION_CONTEXT}"`;
  if (a.type !== 'Annotation') return '"type" must be "Annotation"';
  if (!isString(a.id) || !a.id) return '"id" must be a non-empty string';
  for (const field of ['created', 'modified'] as const) if (!isString(a[field]) || Number.isNaN(Date.parse(a[field] as string))) return `"${field}" must be an ISO date`;
  const target = a.target as Record<string, unknown> | undefined;
  if (typeof target !== 'object' || target === null) return '"target" must be an object';
  if (!isString(target.source)) return '"target.source" must be the document path';
  if (document !== undefined && target.source !== document) return `"target.source" is "${target.source}" but the annotation is listed under "${document}"`;
  const selector = target.selector;
  if (!Array.isArray(selector) || selector.length !== 2) return '"target.selector" must be [TextQuoteSelector, TextPositionSelector]';
  const [quote, position] = selector as Record<string, unknown>[];
  if (quote?.type !== 'TextQuoteSelector' || !isString(quote.exact) || !quote.exact || !isString(quote.prefix) || !isString(quote.suffix)) return '"target.selector[0]" must be a TextQuoteSelector with exact, prefix and suffix';
  if (position?.type !== 'TextPositionSelector' || !isOffset(position.start) || !isOffset(position.end) || position.end < position.start) return '"target.selector[1]" must be a TextPositionSelector with start ≤ end';
  if (!Array.isArray(a.body)) return '"body" must be a list';
  let verdicts = 0;
  for (const [index, body] of (a.body as Record<string, unknown>[]).entries()) {
    const where = `"body[${index}]"`;
    if (typeof body !== 'object' || body === null) return `${where} must be an object`;
    if (body.purpose === 'classifying') {
      verdicts++;
      if (body.type !== 'TextualBody' || !VERDICTS.includes(body.value as never)) return `${where} (the verdict) must have value ${VERDICTS.join(' | ')}`;
    } else if (body.purpose === 'commenting') {
      if (body.type !== 'TextualBody' || !isString(body.value)) return `${where} (the note) must be a TextualBody with a string value`;
    } else if (body.purpose === 'linking') {
      if (body.type !== 'SpecificResource' || !isString(body.source) || !isString(body.paper) || !body.paper || !isString(body.version) || !(Number.isInteger(body.page) && (body.page as number) >= 1) || !isString(body.quote)) {
        return `${where} (evidence) must be a SpecificResource with source, paper, version, page (1 or more) and quote`;
      }
    } else return `${where} has purpose ${JSON.stringify(body.purpose)}; expected linking, classifying or commenting`;
  }
  if (verdicts !== 1) return `"body" must hold exactly one verdict (purpose "classifying"), found ${verdicts}`;
  return undefined;
}

/** The text written to disk: stable order (documents by path, annotations by position) so diffs stay small. */
export function serializeAnnotationFile(annotations: readonly Annotation[], invalid: ParsedAnnotationFile['invalid']): string {
  const documents: Record<string, unknown[]> = {};
  const sorted = [...annotations].sort((a, b) => a.target.source.localeCompare(b.target.source) || a.target.selector[1].start - b.target.selector[1].start || a.id.localeCompare(b.id));
  for (const annotation of sorted) (documents[annotation.target.source] ??= []).push(annotation);
  for (const entry of invalid) (documents[entry.document] ??= []).push(entry.value);
  const ordered: Record<string, unknown[]> = {};
  for (const key of Object.keys(documents).sort()) ordered[key] = documents[key]!;
  const file: AnnotationFile = { schemaVersion: SCHEMA_VERSION, documents: ordered };
  return `${JSON.stringify(file, null, 2)}\n`;
}
