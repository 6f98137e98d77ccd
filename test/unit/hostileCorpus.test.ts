// Issue 9, "hostile workspaces": corpus and claims files that are links, pipes, devices, bombs or in the
// wrong encoding. Each case names the file and says what is wrong; the rest of the corpus still loads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpusToJson } from '../../src/cli/main';
import { loadClaims } from '../../src/core/claims';
import { loadCorpus, MAX_TAXONOMY_DEPTH } from '../../src/core/corpus/load';
import { cliBin as bin } from '../support/cli';
import { challengeFile, evidenceFile, paperFile, writeCorpus } from '../support/corpusFixture';

const posix = process.platform !== 'win32';

function problemOf(corpus: Awaited<ReturnType<typeof loadCorpus>>, file: string) {
  const problem = corpus.problems.find((candidate) => candidate.file === file);
  assert.ok(problem, `a problem for ${file}; got ${JSON.stringify(corpus.problems)}`);
  return problem;
}

describe('corpus files that are not plain files inside the corpus', { skip: posix ? false : 'symlinks and FIFOs need a POSIX system' }, () => {
  it('refuses a link to a file outside the corpus without quoting a byte of it', async () => {
    const secret = join(mkdtempSync(join(tmpdir(), 'litcomp-secret-')), 'secret.md');
    writeFileSync(secret, '---\nid: "2"\ntitle: TOP-SECRET-TITLE\n---\nTOP-SECRET-BODY\n');
    const root = writeCorpus({ 'papers/1.md': paperFile('1') });
    symlinkSync(secret, join(root, 'papers', '2.md'));
    const corpus = await loadCorpus(root);
    const problem = problemOf(corpus, join(root, 'papers', '2.md'));
    assert.match(problem.message, /is a link to a file outside .*; it is not read/);
    assert.doesNotMatch(JSON.stringify(corpus.problems), /TOP-SECRET/);
    assert.deepEqual([...corpus.papers.keys()], ['1'], 'the other paper still loads');
  });

  it('follows a link that stays inside the corpus', async () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1') });
    mkdirSync(join(root, 'drafts'));
    writeFileSync(join(root, 'drafts', '2.md'), paperFile('2'));
    symlinkSync(join(root, 'drafts', '2.md'), join(root, 'papers', '2.md'));
    const corpus = await loadCorpus(root);
    assert.deepEqual(corpus.problems, []);
    assert.deepEqual([...corpus.papers.keys()].sort(), ['1', '2']);
  });

  it('refuses a link to /dev/zero at once, as a device (it is never read)', async () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1') });
    mkdirSync(join(root, 'dev'));
    // The link stays inside the corpus, so only the "regular file" check can stop it.
    symlinkSync('/dev/zero', join(root, 'dev', 'zero'));
    symlinkSync(join(root, 'dev', 'zero'), join(root, 'papers', '2.md'));
    const outside = await loadCorpus(root);
    assert.match(problemOf(outside, join(root, 'papers', '2.md')).message, /outside|not a regular file/);
  });

  it('refuses a named pipe without waiting for a writer', async () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1') });
    const made = spawnSync('mkfifo', [join(root, 'papers', '2.md')]);
    if (made.status !== 0) return; // no mkfifo here: nothing to test
    const corpus = await loadCorpus(root);
    assert.match(problemOf(corpus, join(root, 'papers', '2.md')).message, /not a regular file \(a named pipe\)/);
    assert.deepEqual([...corpus.papers.keys()], ['1']);
  });
});

describe('corpus files in the wrong encoding', () => {
  it('says a file is UTF-16, not that it lacks front matter', async () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1') });
    writeFileSync(join(root, 'papers', '2.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(paperFile('2'), 'utf16le')]));
    const problem = problemOf(await loadCorpus(root), join(root, 'papers', '2.md'));
    assert.match(problem.message, /UTF-16 encoded; save it as UTF-8/);
  });

  it('names the line of the first byte that is not UTF-8 instead of turning it into U+FFFD', async () => {
    const root = writeCorpus({});
    const latin1 = Buffer.from(paperFile('1', {}, 'Caf\u00e9 au lait.'), 'latin1');
    writeFileSync(join(root, 'papers', '1.md'), latin1);
    const problem = problemOf(await loadCorpus(root), join(root, 'papers', '1.md'));
    assert.match(problem.message, /is not UTF-8 .*save the file as UTF-8/);
    assert.equal(problem.line, 11, 'the summary line after the 10 lines of front matter');
  });

  it('says the lines end with CR only', async () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1').replace(/\n/g, '\r') });
    const problem = problemOf(await loadCorpus(root), join(root, 'papers', '1.md'));
    assert.match(problem.message, /CR only .*LF or CRLF/);
  });

  it('still reads CRLF files and a UTF-8 byte order mark', async () => {
    const root = writeCorpus({ 'papers/1.md': `\uFEFF${paperFile('1').replace(/\n/g, '\r\n')}` });
    const corpus = await loadCorpus(root);
    assert.deepEqual(corpus.problems, []);
    assert.equal(corpus.papers.get('1')!.title, 'Paper 1');
  });
});

describe('YAML bombs under the size limit', () => {
  it('refuses 200,000 nested brackets with the file and line, before parsing', async () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1') });
    writeFileSync(join(root, 'evidence', '1.yaml'), `paper: "1"\nlinks: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`);
    const corpus = await loadCorpus(root);
    const problem = problemOf(corpus, join(root, 'evidence', '1.yaml'));
    assert.equal(problem.line, 2);
    assert.match(problem.message, /brackets nest deeper than 64 levels/);
  });

  it('refuses a list of 160,000 tiny items (1 MB, seconds and ~600 MB to parse) before parsing, naming the line', async () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1') });
    writeFileSync(join(root, 'evidence', '1.yaml'), `paper: "1"\nlinks:\n${'  - x\n'.repeat(160_000)}`);
    const problem = problemOf(await loadCorpus(root), join(root, 'evidence', '1.yaml'));
    assert.match(problem.message, /more than 10,000 entries \(lines and list items\); a corpus or claims file holds a few hundred; split it/);
    assert.equal(problem.line, 10_001);
  });

  it('refuses block nesting deeper than 256 columns of indentation', async () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1') });
    const deep = Array.from({ length: 400 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n');
    writeFileSync(join(root, 'evidence', '1.yaml'), `paper: "1"\nlinks:\n${deep}\n`);
    const problem = problemOf(await loadCorpus(root), join(root, 'evidence', '1.yaml'));
    assert.match(problem.message, /nesting is deeper than 256 columns/);
    assert.equal(problem.line, 3 + 257);
  });

  it('does not count brackets inside quotes or comments', async () => {
    const quote = `${'['.repeat(100)} a bracketed quote`;
    const root = writeCorpus({
      'papers/1.md': paperFile('1'),
      'taxonomy/3.md': challengeFile('3', 'Challenges'),
      'evidence/1.yaml': `# ${'{'.repeat(100)}\n${evidenceFile('1', [{ challenge: '3', quote }])}`,
    });
    const corpus = await loadCorpus(root);
    assert.deepEqual(corpus.problems, []);
    assert.equal(corpus.links[0]!.evidence[0]!.quote, quote);
  });

  it('reports a claims file with an alias bomb in one line, and the CLI exits 1 without a stack trace', async () => {
    let yaml = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (const name of 'bcdefghi') {
      yaml += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = name;
    }
    const dir = mkdtempSync(join(tmpdir(), 'litcomp-alias-'));
    const file = join(dir, 'claims.yaml');
    writeFileSync(file, yaml);
    const { problems } = await loadClaims(file);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /aliases \(\*name\) expand to too many values/);
    const cli = spawnSync(process.execPath, [bin, 'claims', '--claims', file], { encoding: 'utf8' });
    assert.equal(cli.status, 1);
    assert.match(cli.stderr, /claims\.yaml:1: invalid YAML: its aliases/);
    assert.doesNotMatch(cli.stderr, /\n\s+at /, 'no stack trace');
  });
});

describe('links and keys that would confuse the views', () => {
  it('reports a second link from one paper to one challenge, in one file and across .yaml and .yml copies', async () => {
    const root = writeCorpus({
      'papers/1.md': paperFile('1'),
      'papers/2.md': paperFile('2'),
      'taxonomy/3.md': challengeFile('3', 'Challenges'),
      'evidence/1.yaml': evidenceFile('1', [{ challenge: '3', quote: 'first' }, { challenge: '3', quote: 'again' }]),
      'evidence/2.yaml': evidenceFile('2', [{ challenge: '3', quote: 'original' }]),
      'evidence/2.yml': evidenceFile('2', [{ challenge: '3', quote: 'copy' }]),
    });
    const corpus = await loadCorpus(root);
    assert.deepEqual(corpus.links.map((link) => link.evidence[0]!.quote), ['first', 'original']);
    const duplicates = corpus.problems.map((p) => [p.file.slice(root.length + 1), p.line, p.field]);
    assert.deepEqual(duplicates, [
      ['evidence/1.yaml', 8, 'challenge'],
      ['evidence/2.yml', 3, 'challenge'],
    ]);
    assert.match(corpus.problems[0]!.message, /a second link from paper "1" to challenge "3" \(the first is at line 3\)/);
    assert.ok(corpus.problems[1]!.message.includes(`the first is at ${join(root, 'evidence', '2.yaml')}:3`), corpus.problems[1]!.message);
  });

  it('reports a bibtexKey that a citation could not hold, with its line, and still loads the paper', async () => {
    const corpus = await loadCorpus(writeCorpus({ 'papers/1.md': paperFile('1', { bibtexKey: '"smith 2020, {x}"' }) }));
    assert.deepEqual([...corpus.papers.keys()], ['1']);
    assert.deepEqual(corpus.problems.map((p) => [p.line, p.field, p.kind, p.id]), [[9, 'bibtexKey', 'paper', '1']]);
    assert.match(corpus.problems[0]!.message, /"bibtexKey" may hold only letters, digits .*citations will use a cleaned copy/);
  });

  it('reports a bibtexKey used by two papers, naming the first', async () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1', { bibtexKey: 'same2020' }), 'papers/2.md': paperFile('2', { bibtexKey: 'same2020' }) });
    const corpus = await loadCorpus(root);
    assert.equal(corpus.papers.size, 2, 'both papers still load');
    assert.deepEqual(corpus.problems.map((p) => [p.id, p.field]), [['2', 'bibtexKey']]);
    assert.ok(corpus.problems[0]!.message.includes(`already used by paper 1 (${join(root, 'papers', '1.md')})`), corpus.problems[0]!.message);
  });

  it(`caps a 5,000-deep taxonomy at ${MAX_TAXONOMY_DEPTH} levels, reporting each cut, and corpus --json exits 1 in one line a problem`, async () => {
    const files: Record<string, string> = {};
    for (let depth = 0; depth < 5000; depth++) files[`taxonomy/c${depth}.md`] = `---\nid: "c${depth}"\ntitle: Level ${depth}\n${depth > 0 ? `parent: "c${depth - 1}"\n` : ''}---\nLevel ${depth}.\n`;
    const root = writeCorpus(files);
    const corpus = await loadCorpus(root);
    const cuts = corpus.problems.map((p) => p.id);
    assert.equal(cuts.length, Math.floor(4999 / MAX_TAXONOMY_DEPTH));
    assert.equal(cuts[0], `c${MAX_TAXONOMY_DEPTH}`);
    assert.match(corpus.problems[0]!.message, /nested more than 32 levels deep here; the challenge is shown at the top level/);
    const json = corpusToJson(corpus);
    assert.equal(json.taxonomy.length, 1 + cuts.length);
    assert.doesNotThrow(() => JSON.stringify(json));
    const cli = spawnSync(process.execPath, [bin, 'corpus', '--json', '--corpus', root], { encoding: 'utf8' });
    assert.equal(cli.status, 1);
    assert.doesNotMatch(cli.stderr, /RangeError|\n\s+at /);
  });
});

describe('a corpus of many files', { skip: posix ? false : 'ulimit needs a POSIX shell' }, () => {
  it('loads 2,000 papers with only 200 file handles allowed (no "too many open files")', () => {
    const files: Record<string, string> = {};
    for (let n = 0; n < 2000; n++) files[`papers/p${n}.md`] = paperFile(`p${n}`);
    const root = writeCorpus(files);
    const cli = spawnSync('sh', ['-c', `ulimit -n 200 && "${process.execPath}" "${bin}" corpus --corpus "${root}"`], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr.slice(0, 500));
    assert.match(cli.stdout, /^2000 papers, 0 challenges/m);
  });
});

describe('the claims file\'s talk', () => {
  it('is not read when it lies outside the claims folder and the corpus, so no span reveals its content', async () => {
    const secretDir = mkdtempSync(join(tmpdir(), 'litcomp-secret-talk-'));
    writeFileSync(join(secretDir, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    const dir = mkdtempSync(join(tmpdir(), 'litcomp-claims-'));
    const file = join(dir, 'claims.yaml');
    const claim = (id: string, text: string) => `  - id: ${id}\n    text: "${text}"\n    gloss: G.\n    verdict: not-addressed\n    rationale: R.\n`;
    writeFileSync(file, `talk: ${join('..', secretDir.split('/').pop()!, 'passwd')}\nclaims:\n${claim('a', 'root:x:0')}${claim('b', 'daemon:x:1')}`);
    const { claims, problems } = await loadClaims(file);
    assert.equal(claims.length, 2);
    assert.deepEqual(problems.map((p) => [p.field, p.line]), [['talk', 1]], 'one problem for the path; none per claim');
    assert.match(problems[0]!.message, /is outside .*; it is not read/);
    const allowed = await loadClaims(file, undefined, { talkWithin: [secretDir] });
    assert.deepEqual(allowed.problems.map((p) => p.id), ['b'], 'read when its folder is allowed');
  });
});
