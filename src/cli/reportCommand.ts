import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Corpus } from '../core/corpus/model';
import { BIBLIOGRAPHY_STYLES, isBibliographyStyle, loadDocumentClaims, makeReport, REPORT_FORMATS, type ReportFormat } from '../core/report';
import type { Io } from './pdfCommands';

export interface ReportFlags {
  readonly format?: string;
  readonly out?: string;
  readonly style?: string;
  readonly claims?: string;
  readonly annotations?: string;
}

/**
 * `report FILE [--format html|md] [--out PATH]`: the evidence report of FILE's claims (the bundled talk's
 * and FILE's annotations). Prints it, or writes it to PATH. Problems of the claims or annotation file are
 * reported on stderr and the claims that loaded are still reported.
 */
export async function reportCommand(target: string | undefined, flags: ReportFlags, corpus: Corpus, io: Io): Promise<number> {
  if (!target) {
    io.err('literature-companion: report needs the document: report FILE [--format html|md] [--out PATH]');
    return 2;
  }
  const format = (flags.format ?? 'html') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    io.err(`literature-companion: unknown report format "${flags.format}"; use --format html or --format md`);
    return 2;
  }
  const style = flags.style ?? 'apa';
  if (!isBibliographyStyle(style)) {
    io.err(`literature-companion: unknown bibliography style "${style}"; use one of ${BIBLIOGRAPHY_STYLES.join(', ')}`);
    return 2;
  }
  const file = resolve(target);
  if (!existsSync(file)) {
    io.err(`literature-companion: ${file} does not exist`);
    return 2;
  }
  const source = await loadDocumentClaims(file, corpus, { claimsFile: flags.claims && resolve(flags.claims), annotationFile: flags.annotations && resolve(flags.annotations) });
  for (const problem of source.problems) io.err(`literature-companion: warning: ${problem}`);
  const output = makeReport({ corpus, documentName: basename(file), text: source.text, claims: source.claims.claims, orphans: source.claims.orphans }, format, style);
  if (flags.out) {
    await writeFile(resolve(flags.out), output);
    io.err(`literature-companion: wrote ${resolve(flags.out)} (${source.claims.claims.length} claims)`);
  } else {
    io.out(output.replace(/\n$/, ''));
  }
  return 0;
}
