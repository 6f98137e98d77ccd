import type { Annotation } from './model';

/** What is known of one id: the annotation, or the time it was deleted (a tombstone). */
export type Entry = { readonly annotation: Annotation; readonly deleted?: undefined } | { readonly annotation?: undefined; readonly deleted: string };

export const timeOf = (entry: Entry) => Date.parse(entry.annotation ? entry.annotation.modified : entry.deleted);

/**
 * The entry to keep when two writers know different things of one id: the later change wins. On a tie
 * the deletion wins (it was an explicit act), then the larger text, so that every writer picks the same.
 */
export function latest(a: Entry | undefined, b: Entry | undefined): Entry | undefined {
  if (!a || !b) return a ?? b;
  const difference = timeOf(a) - timeOf(b);
  if (difference !== 0) return difference > 0 ? a : b;
  if (a.deleted !== undefined || b.deleted !== undefined) return a.deleted !== undefined ? a : b;
  return JSON.stringify(a.annotation) >= JSON.stringify(b.annotation) ? a : b;
}

export const sameEntry = (a: Entry | undefined, b: Entry | undefined) => a === b || (!!a && !!b && timeOf(a) === timeOf(b) && JSON.stringify(a) === JSON.stringify(b));
