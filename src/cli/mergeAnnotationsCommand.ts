import { readFile, stat } from 'node:fs/promises';
import { AnnotationFileError, MAX_ANNOTATION_FILE_BYTES, mergeAnnotationFiles, writeFileAtomic } from '../core/annotations';
import type { Io } from './pdfCommands';

/**
 * `merge-annotations BASE OURS THEIRS`: git's merge driver for `.literature/annotations.json`
 * (`.gitattributes`: `.literature/annotations.json merge=literature-companion`; git config
 * `merge.literature-companion.driver = literature-companion merge-annotations %O %A %B`).
 * Writes the merge into OURS, as git expects; exits 0 when clean, 1 when a claim was edited on both sides
 * (both versions kept, marked) or a side cannot be read (OURS left as it is), 2 on wrong arguments.
 */
export async function mergeAnnotationsCommand(args: string[], io: Io): Promise<number> {
  if (args.length !== 3 || args.some((arg) => arg.startsWith('--'))) {
    io.err('literature-companion: merge-annotations needs three files, as git passes them: merge-annotations %O %A %B (ancestor, ours, theirs); the result is written to the second');
    return 2;
  }
  const [base, ours, theirs] = args as [string, string, string];
  const texts: string[] = [];
  for (const file of [base, ours, theirs]) {
    try {
      const size = (await stat(file)).size;
      if (size > MAX_ANNOTATION_FILE_BYTES) throw new Error(`it is ${size} bytes, more than an annotation file may have`);
      texts.push(await readFile(file, 'utf8'));
    } catch (error) {
      io.err(`literature-companion: merge-annotations: cannot read ${file} (${(error as Error).message})`);
      return 2;
    }
  }
  let merged;
  try {
    merged = mergeAnnotationFiles(texts[0], texts[1]!, texts[2]!, { base, ours, theirs });
  } catch (error) {
    if (!(error instanceof AnnotationFileError)) throw error;
    io.err(`literature-companion: merge-annotations: ${error.message}. Nothing was merged: ${ours} is left as your branch's version; merge the file by hand`);
    return 1;
  }
  await writeFileAtomic(ours, merged.text);
  if (merged.conflicts.length > 0) {
    io.err(
      `literature-companion: merge-annotations: ${merged.conflicts.length} claim(s) were edited on both branches: ${merged.conflicts.join(', ')}. Both versions are kept (the other branch's marked "conflictsWith") and shown as conflicted in the Claims view: keep one, delete the other, then mark the file resolved (git add).`,
    );
    return 1;
  }
  return 0;
}
