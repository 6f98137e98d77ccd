/**
 * Where a problem a person must fix is: the file, the line (1-based) and the field when known. Every
 * problem list (corpus, claims, imports, evidence edits) is written the same way, so an editor or terminal
 * turns `file:line` into a link.
 */
export interface LocatedProblem {
  readonly file: string;
  readonly line?: number;
  /** The field (e.g. `links[0].evidence[1].page`) or the entry's key. */
  readonly field?: string;
  readonly message: string;
}

/** `file:line`, or `file` when the line is unknown. */
export function fileLine(file: string, line?: number): string {
  return line ? `${file}:${line}` : file;
}

/** `file:line (field): message`. */
export function formatLocated(problem: LocatedProblem): string {
  return `${fileLine(problem.file, problem.line)}${problem.field ? ` (${problem.field})` : ''}: ${problem.message}`;
}
