import { ANNOTATION_CONTEXT, VERDICTS, type Annotation } from './model';

/**
 * The annotation file: ONE per workspace, `.literature/annotations.json`:
 *
 *   { "schemaVersion": 2,
 *     "documents": { "<document path relative to the workspace>": [Annotation, …] },
 *     "deleted": { "<annotation id>": "<ISO time of the deletion>", … } }
 *
 * One file rather than one per document because (a) it is the single place two windows can race on, so
 * the merge on save covers everything at once; (b) annotations of a deleted or renamed document stay in
 * it and are reported, where per-document files beside a deleted document would silently go stale; and
 * (c) a talk's repository gets one file to commit and review. A document with 2,000 claims is ~2.7 MB of
 * JSON: read in ~30 ms, saved in ~70 ms (~260 ms when merging another window's changes).
 *
 * `deleted` holds tombstones: a deletion is written down with its time, so an annotation missing from one
 * writer's copy is never taken for a deletion (it may simply be new to the other). Merges keep, per id, the
 * latest of the annotation's `modified` and its deletion time.
 *
 * Versions: 2 is the current one. Version 1 had no `deleted` (it is read as "nothing deleted"). Files
 * without `schemaVersion` (version 0: a bare JSON array of Web Annotations, or a W3C AnnotationCollection
 * `{"type": "AnnotationCollection", "items": […]}`, as other tools export) are migrated on load and written
 * back as the current version on the next save. A file with a NEWER version than this build knows is
 * refused, never rewritten (it would lose what the newer build added). Each migration is a pure function
 * `vN → vN+1` in MIGRATIONS.
 */
export const SCHEMA_VERSION = 2;

/** More than this and the file is not read (a resource bomb, or not an annotation file at all). */
export const MAX_ANNOTATION_FILE_BYTES = 16 * 1024 * 1024;
/** More entries than this are not written: ~13 MB of JSON (1.35 KB an annotation with one quote), read and written on the host thread. */
export const MAX_ANNOTATIONS = 10_000;
/** The oldest tombstones beyond this are dropped on save (at worst, a long-deleted annotation comes back). */
export const MAX_TOMBSTONES = 20_000;

export interface AnnotationFile {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly documents: Record<string, unknown[]>;
  readonly deleted: Record<string, string>;
}

export class AnnotationFileError extends Error {
  /** The message without the file name in front. */
  readonly detail: string;
  constructor(
    readonly file: string,
    message: string,
    /** refused: a link out of the workspace or not a regular file; too-large: over the size or entry cap; locked: another writer holds the lock. */
    readonly kind: 'parse' | 'schema' | 'newer-version' | 'conflict' | 'io' | 'refused' | 'too-large' | 'locked',
  ) {
    super(`${file}: ${message}`);
    this.name = 'AnnotationFileError';
    this.detail = message;
  }
}

type Migration = (data: unknown) => unknown;

/** A record keyed by document paths or ids: null prototype, so names like `__proto__` are plain keys. */
function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function groupByDocument(items: unknown[]): Record<string, unknown[]> {
  const documents = emptyRecord<unknown[]>();
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
  1: (data) => ({ ...(data as object), schemaVersion: 2, deleted: {} }),
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
  /** Tombstones: annotation id → ISO time of its deletion. */
  readonly deleted: Map<string, string>;
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
  return { annotations, invalid, version, deleted: tombstonesOf(file, (data as { deleted?: unknown }).deleted) };
}

function tombstonesOf(file: string, deleted: unknown): Map<string, string> {
  if (typeof deleted !== 'object' || deleted === null || Array.isArray(deleted)) {
    throw new AnnotationFileError(file, '"deleted" must be an object mapping annotation ids to the ISO time of their deletion', 'schema');
  }
  const tombstones = new Map<string, string>();
  for (const [id, at] of Object.entries(deleted)) {
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new AnnotationFileError(file, `deleted[${JSON.stringify(id)}] must be the ISO time of the deletion, not ${JSON.stringify(at)}`, 'schema');
    tombstones.set(id, at);
  }
  return tombstones;
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

/**
 * The text written to disk: stable order (documents by path, annotations by id, tombstones by id), one
 * block of lines per annotation, nothing that changes unless an annotation does: diffs stay small, and
 * git's own merge joins independent additions and edits (merge-annotations handles the rest).
 */
export function serializeAnnotationFile(annotations: readonly Annotation[], invalid: ParsedAnnotationFile['invalid'], deleted: ReadonlyMap<string, string> = new Map()): string {
  const byDocument = new Map<string, unknown[]>();
  const listOf = (document: string) => byDocument.get(document) ?? byDocument.set(document, []).get(document)!;
  // By id, not by position: a position changes with every edit above the claim, an id never does.
  const sorted = [...annotations].sort((a, b) => compareText(a.target.source, b.target.source) || compareText(a.id, b.id));
  for (const annotation of sorted) listOf(annotation.target.source).push(annotation);
  for (const entry of invalid) listOf(entry.document).push(entry.value);
  const documents = emptyRecord<unknown[]>();
  for (const key of [...byDocument.keys()].sort(compareText)) documents[key] = byDocument.get(key)!;
  const tombstones = emptyRecord<string>();
  for (const id of [...deleted.keys()].sort(compareText)) tombstones[id] = deleted.get(id)!;
  const file: AnnotationFile = { schemaVersion: SCHEMA_VERSION, documents, deleted: tombstones };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Code-unit order: the same on every machine and locale (localeCompare is not), so two writers agree byte for byte. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
