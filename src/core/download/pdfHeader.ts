/** Readers accept `%PDF-` anywhere in the first 1,024 bytes; anything else (an HTML page, an empty file) is not a PDF. */
export function pdfHeaderProblem(head: Buffer): string | undefined {
  if (head.length === 0) return 'the file is empty';
  if (head.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1') < 0) return 'no %PDF- header in its first bytes';
  return undefined;
}
