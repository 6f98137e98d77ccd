import { platformFiles } from '../platform/fileSystem';
import { dirname, join, resolve } from 'node:path';
import { isInside, readSourceText } from '../corpus/sourceFile';
import { quoteFields } from '../corpus/load';
import type { Corpus } from '../corpus/model';
import { FieldError, Fields, YamlSource } from '../corpus/yamlSource';
import { VERDICTS, type Claim, type ClaimEvidence, type ClaimFolder, type ClaimProblem, type ClaimSet } from './model';
import { findInTalk } from './talkText';
import { fileLine } from '../common/location';

/** A claims file is a few dozen kB; anything far larger is not one. */
const MAX_FILE_BYTES = 1024 * 1024;

const FILE_KEYS = ['talk', 'claims'];
const CLAIM_KEYS = ['id', 'text', 'gloss', 'verdict', 'rationale', 'evidence'];
const EVIDENCE_KEYS = ['paper', 'version', 'page', 'quote', 'source'];

/** A claim's id: lower-case words joined by hyphens, so it reads well in URIs and annotation files. */
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ClaimsOptions {
  /**
   * Folders the talk named by `talk:` may lie in (after following links). Default: the corpus root and
   * the claims file's folder. A talk outside them is not read: which claims "are missing from the talk"
   * would otherwise reveal another file's content.
   */
  readonly talkWithin?: readonly string[];
}

/**
 * Loads a claims file (format in sources/README.md). Never throws for bad content: a broken file is one
 * problem, a broken claim is reported on its own while the others load. With `corpus`, evidence naming an
 * unknown paper or a version other than the pinned one is reported and left out. When the file names its
 * `talk`, every claim's text must be a verbatim span of one line of it.
 */
export async function loadClaims(file: string, corpus?: Corpus, options: ClaimsOptions = {}): Promise<ClaimSet> {
  const read = await readSourceText(file, { maxBytes: MAX_FILE_BYTES, what: 'claims files' });
  if ('message' in read) return failed(file, read.message, read.line);
  const text = read.text;

  const source = YamlSource.parse(text);
  if (!(source instanceof YamlSource)) return failed(file, source.message, source.line);
  const locate = (error: FieldError, id?: string): ClaimProblem => ({ file, ...source.locate(error.path), message: error.message, id });

  let root: Fields;
  let items: unknown[];
  let talkField: string | undefined;
  try {
    root = new Fields(source.data);
    root.onlyKeys(FILE_KEYS);
    talkField = root.optionalString('talk');
    items = root.list('claims');
  } catch (error) {
    if (error instanceof FieldError) return { claims: [], problems: [locate(error)] };
    throw error;
  }

  const problems: ClaimProblem[] = [];
  const parsed: { claim: Claim; index: number }[] = [];
  const seen = new Map<string, number | undefined>();
  items.forEach((item, index) => {
    try {
      const fields = root.item('claims', items, index);
      const claim = parseClaim(fields, file, source.lineOf(['claims', index]));
      if (seen.has(claim.id)) {
        throw new FieldError(fields.at('id'), `duplicate id "${claim.id}", already used by the claim on line ${seen.get(claim.id) ?? '?'}; ids must be unique`);
      }
      seen.set(claim.id, claim.line);
      parsed.push({ claim, index });
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      problems.push(locate(error, idOf(item)));
    }
  });

  const claims = parsed.map(({ claim, index }) => (corpus ? checkAgainstCorpus(claim, index, corpus, source, problems) : claim));

  let talk: string | undefined;
  if (talkField !== undefined) {
    talk = resolve(dirname(file), talkField);
    const within = options.talkWithin ?? [dirname(file), ...(corpus ? [corpus.root] : [])];
    problems.push(...(await checkTalkSpans(parsed, talk, within, file, source)));
  }
  return { claims, problems, talk };
}

/** The id a broken claim meant to have, so its problem can be shown in the claim's place. */
function idOf(item: unknown): string | undefined {
  const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

async function isWithinAny(file: string, folders: readonly string[]): Promise<boolean> {
  // A missing talk is judged by its path, so the "cannot read" message can still say what is wrong.
  const files = platformFiles();
  const real = await files.realPath(file).catch(() => resolve(file));
  for (const folder of folders) {
    if (isInside(await files.realPath(folder).catch(() => resolve(folder)), real)) return true;
  }
  return false;
}

function failed(file: string, message: string, line?: number): ClaimSet {
  return { claims: [], problems: [{ file, line, message }] };
}

function parseClaim(fields: Fields, file: string, line: number | undefined): Claim {
  fields.onlyKeys(CLAIM_KEYS);
  const id = fields.string('id');
  if (!ID_PATTERN.test(id)) throw new FieldError(fields.at('id'), `id "${id}" must be lower-case letters and digits joined by hyphens, e.g. "rlaif-harmless"`);
  const verdict = fields.oneOf('verdict', VERDICTS);
  const items = fields.list('evidence', { optional: true });
  if (items.length === 0 && verdict !== 'not-addressed') {
    throw new FieldError(fields.at('evidence'), `a claim with verdict "${verdict}" needs at least one quote; use "not-addressed" when no source bears on it`);
  }
  const evidence = items.map((_, index): ClaimEvidence => {
    const item = fields.item('evidence', items, index);
    item.onlyKeys(EVIDENCE_KEYS);
    const version = item.string('version');
    if (!/^v\d+$/.test(version)) throw new FieldError(item.at('version'), `"version" must look like v1, v2…, found "${version}"`);
    return { paper: item.string('paper'), version, ...quoteFields(item) };
  });
  return {
    id,
    text: fields.string('text'),
    gloss: fields.string('gloss'),
    verdict,
    rationale: fields.string('rationale'),
    evidence,
    file,
    line,
  };
}

/** Evidence must name a paper of the corpus at its pinned version: page numbers differ between versions. */
function checkAgainstCorpus(claim: Claim, itemIndex: number, corpus: Corpus, source: YamlSource, problems: ClaimProblem[]): Claim {
  const evidence = claim.evidence.filter((item, index) => {
    const path = ['claims', itemIndex, 'evidence', index];
    const paper = corpus.papers.get(item.paper);
    const report = (field: string, message: string) =>
      problems.push({ file: claim.file, ...source.locate([...path, field]), message, id: claim.id });
    if (!paper) {
      report('paper', `unknown paper "${item.paper}": no papers/${item.paper}.md in the corpus; the quote is not shown until the paper exists`);
      return false;
    }
    if (paper.version !== item.version) {
      report('version', `version ${item.version} is not the pinned version of ${item.paper} (${paper.version}); re-check the page and quote in ${paper.version}`);
      return false;
    }
    return true;
  });
  return evidence.length === claim.evidence.length ? claim : { ...claim, evidence };
}

/** A talk is a few dozen kB of Markdown. */
const MAX_TALK_BYTES = 4 * 1024 * 1024;

async function checkTalkSpans(parsed: readonly { claim: Claim; index: number }[], talk: string, within: readonly string[], file: string, source: YamlSource): Promise<ClaimProblem[]> {
  const problem = (message: string): ClaimProblem[] => [{ file, line: source.lineOf(['talk']), field: 'talk', message }];
  if (!(await isWithinAny(talk, within))) {
    return problem(`the talk ${talk} is outside ${within.join(' and ')}; it is not read; put the talk beside the claims or in the corpus, and name it relative to this file`);
  }
  const read = await readSourceText(talk, { maxBytes: MAX_TALK_BYTES, what: 'talks' });
  if ('message' in read) return problem(`cannot read the talk ${talk}: ${read.message}; fix the path (relative to this file)`);
  const markdown = read.text;
  return parsed
    .filter(({ claim }) => findInTalk(markdown, claim.text) === undefined)
    .map(({ claim, index }) => ({
      file,
      ...source.locate(['claims', index, 'text']),
      id: claim.id,
      message: `the text is not a verbatim span of one line of ${talk}; copy it from the talk unchanged`,
    }));
}

/** Claims files of a corpus: `<corpus>/claims/*.yaml`, one a talk. */
const CLAIMS_FILE = /\.ya?ml$/i;

/**
 * Loads every claims file of a corpus's `claims/` folder (in name order). A corpus without the folder has
 * no claims, which is not a problem. A claim id used by an earlier file is reported and left out, since
 * annotations and views refer to claims by id.
 */
export async function loadClaimsFolder(folder: string, corpus?: Corpus, options: ClaimsOptions = {}): Promise<ClaimFolder> {
  let names: string[];
  try {
    names = (await platformFiles().readDirectory(folder)).filter((entry) => entry.kind === 'file' && CLAIMS_FILE.test(entry.name)).map((entry) => entry.name).sort();
  } catch (error) {
    return { folder, sets: [], claims: [], problems: [{ file: folder, message: `cannot read the claims folder: ${(error as Error).message}` }] };
  }
  const loaded = await Promise.all(names.map((name) => loadClaims(join(folder, name), corpus, options)));
  const firstFile = new Map<string, Claim>();
  const sets = loaded.map((set): ClaimSet => {
    const duplicates: ClaimProblem[] = [];
    const claims = set.claims.filter((claim) => {
      const earlier = firstFile.get(claim.id);
      if (!earlier) {
        firstFile.set(claim.id, claim);
        return true;
      }
      duplicates.push({ file: claim.file, line: claim.line, field: 'id', id: claim.id, message: `id "${claim.id}" is already used in ${fileLine(earlier.file, earlier.line)}; ids must be unique across the claims/ folder` });
      return false;
    });
    return { ...set, claims, problems: [...set.problems, ...duplicates] };
  });
  return { folder, sets, claims: sets.flatMap((set) => set.claims), problems: sets.flatMap((set) => set.problems) };
}
