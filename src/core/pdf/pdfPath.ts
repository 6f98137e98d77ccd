import { join } from 'node:path';
import type { PaperId } from '../corpus/model';

/** Where a paper's PDF is expected: `<pdfDir>/<arXiv id>.pdf`. */
export function pdfPathFor(pdfDir: string, paper: PaperId): string {
  return join(pdfDir, `${paper}.pdf`);
}
