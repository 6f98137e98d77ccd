import { createHash } from 'node:crypto';
import { type Entry } from './entries';
import { parseAnnotationFile, serializeAnnotationFile, type ParsedAnnotationFile } from './fileFormat';
import type { Annotation } from './model';

/**
 * The three-way merge of two versions of an annotation file with their common ancestor, per annotation,
 * for git (`literature-companion merge-annotations %O %A %B`):
 * - added on one side, or on both → kept (all of them);
 * - changed on one side only (edited or deleted) → that change;
 * - edited on both sides → if only the anchoring moved (position, context) on one or both, the later;
 *   otherwise BOTH versions are kept: ours under its id, theirs as a copy whose `conflictsWith` names
 *   the original, so the Claims view can show the pair and the person chooses; nothing is dropped;
 * - edited on one side and deleted on the other → the edit is kept (deleting again is easy, retyping
 *   a lost note is not);
 * - entries that are not valid annotations → kept from both sides.
 */
export interface AnnotationMergeResult {
  readonly text: string;
  /** Ids edited differently on both sides (both versions kept). */
  readonly conflicts: string[];
}

function entriesOf(parsed: ParsedAnnotationFile | undefined): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  if (!parsed) return entries;
  for (const annotation of parsed.annotations) entries.set(annotation.id, { annotation });
  for (const [id, deleted] of parsed.deleted) if (!entries.has(id) || Date.parse(deleted) >= Date.parse(entries.get(id)!.annotation!.modified)) entries.set(id, { deleted });
  return entries;
}

/** The same content, whatever the key order inside the objects. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const same = (a: Entry | undefined, b: Entry | undefined) => (a === undefined || b === undefined ? a === b : canonical(a) === canonical(b));

/** What a person wrote: the verdict, evidence and note (and the claim's text); not where it is anchored now. */
const substance = (annotation: Annotation) => canonical({ body: annotation.body, exact: annotation.target.selector[0].exact, source: annotation.target.source });

const later = (a: Annotation, b: Annotation) => (Date.parse(b.modified) > Date.parse(a.modified) ? b : a);

function parse(name: string, text: string | undefined): ParsedAnnotationFile | undefined {
  // git passes an empty file as the ancestor when both sides added the file.
  if (text === undefined || text.trim() === '') return undefined;
  return parseAnnotationFile(name, text);
}

/** Merges `ours` and `theirs` given their `base`; throws AnnotationFileError (fileFormat.ts) when a side cannot be read. */
export function mergeAnnotationFiles(base: string | undefined, ours: string, theirs: string, names = { base: 'base', ours: 'ours', theirs: 'theirs' }): AnnotationMergeResult {
  const [o, a, b] = [parse(names.base, base), parse(names.ours, ours), parse(names.theirs, theirs)];
  const [baseEntries, ourEntries, theirEntries] = [entriesOf(o), entriesOf(a), entriesOf(b)];
  const result = new Map<string, Entry>();
  const conflicts: string[] = [];
  const copies: Annotation[] = [];
  for (const id of new Set([...ourEntries.keys(), ...theirEntries.keys()])) {
    const [original, mine, other] = [baseEntries.get(id), ourEntries.get(id), theirEntries.get(id)];
    let chosen: Entry | undefined;
    if (same(mine, other) || same(original, other)) chosen = mine;
    else if (same(original, mine)) chosen = other;
    else if (mine?.annotation && other?.annotation) {
      if (substance(mine.annotation) === substance(other.annotation)) chosen = { annotation: later(mine.annotation, other.annotation) };
      else {
        chosen = mine;
        conflicts.push(id);
        copies.push(conflictCopy(other.annotation, id));
      }
    } else if (mine?.annotation || other?.annotation) chosen = mine?.annotation ? mine : other;
    else if (mine && other) chosen = Date.parse(mine.deleted!) >= Date.parse(other.deleted!) ? mine : other;
    else chosen = mine ?? other;
    if (chosen) result.set(id, chosen);
  }
  const annotations = [...[...result.values()].flatMap((entry) => (entry.annotation ? [entry.annotation] : [])), ...copies.filter((copy) => !result.has(copy.id))];
  const deleted = new Map([...result].flatMap(([id, entry]) => (entry.deleted !== undefined ? [[id, entry.deleted] as const] : [])));
  const invalid = [...(a?.invalid ?? [])];
  const seen = new Set(invalid.map((entry) => canonical(entry.value)));
  for (const entry of b?.invalid ?? []) if (!seen.has(canonical(entry.value))) invalid.push(entry);
  return { text: serializeAnnotationFile(annotations, invalid, deleted), conflicts };
}

/** Their version of a claim both sides edited, under an id of its own that names the one it conflicts with. */
function conflictCopy(theirs: Annotation, id: string): Annotation {
  const hash = createHash('sha256').update(canonical(theirs)).digest('hex').slice(0, 8);
  return { ...theirs, id: `${id}~theirs-${hash}`, conflictsWith: id };
}
