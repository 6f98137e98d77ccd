// The corpus snapshot (dist/corpus-snapshot.json, built with the extension): the first tree reads the
// bundled corpus from it instead of parsing its YAML; a file changed since the build is parsed as usual.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCorpus, type Prevalidated } from '../../src/core/corpus/load';
import type { Corpus } from '../../src/core/corpus/model';
import { buildCorpusSnapshot, KeptCorpusCache, prevalidatedFrom, readCorpusSnapshot } from '../../src/core/corpus/snapshot';

const bundled = join(__dirname, '..', '..', 'sources');

/** A copy of the bundled corpus in a fresh folder (the extension is installed elsewhere than it was built). */
function copyOfBundled(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'litcomp-snapshot-')), 'sources');
  cpSync(bundled, root, { recursive: true });
  return root;
}

/** What the views show of a corpus, as plain data (Maps as entry lists). */
function shown(corpus: Corpus): unknown {
  return JSON.parse(JSON.stringify({ ...corpus, papers: [...corpus.papers], challenges: [...corpus.challenges] }));
}

/** The snapshot with a count of the files it answered. */
function counting(prevalidated: Prevalidated): Prevalidated & { hits: number } {
  const counted = {
    hits: 0,
    lookup: (...args: Parameters<Prevalidated['lookup']>) => {
      const found = prevalidated.lookup(...args);
      if (found) counted.hits++;
      return found;
    },
  };
  return counted;
}

describe('the corpus snapshot', () => {
  it('gives the same corpus as parsing, with every file taken from it and paths where the corpus is now', async () => {
    const builtAt = copyOfBundled();
    const snapshot = counting(prevalidatedFrom(await buildCorpusSnapshot(builtAt)));
    const installedAt = copyOfBundled();
    const parsed = await loadCorpus(installedAt);
    const fromSnapshot = await loadCorpus(installedAt, { prevalidated: snapshot });
    assert.deepEqual(shown(fromSnapshot), shown(parsed));
    assert.equal(snapshot.hits, 27, '6 papers, 14 challenges, 6 evidence files and the lexicon come from the snapshot');
    assert.ok([...fromSnapshot.papers.values()].every((paper) => paper.file.startsWith(installedAt)), 'paper files point into the installed folder');
    assert.ok(fromSnapshot.lexicon!.every((entry) => entry.file?.startsWith(installedAt)), 'lexicon entries point into the installed folder');
  });

  it('keeps problems of a broken file with its line and its path now', async () => {
    const builtAt = copyOfBundled();
    const evidence = (root: string) => join(root, 'evidence', '2009.01325.yaml');
    const broken = readFileSync(evidence(builtAt), 'utf8').replace(/page: \d+/, 'page: zero');
    writeFileSync(evidence(builtAt), broken);
    const snapshot = counting(prevalidatedFrom(await buildCorpusSnapshot(builtAt)));
    const installedAt = copyOfBundled();
    writeFileSync(evidence(installedAt), broken);
    const parsed = await loadCorpus(installedAt);
    const fromSnapshot = await loadCorpus(installedAt, { prevalidated: snapshot });
    assert.equal(fromSnapshot.problems.length, 1);
    assert.deepEqual(fromSnapshot.problems, parsed.problems);
    assert.equal(fromSnapshot.problems[0]!.file, evidence(installedAt));
    assert.equal(snapshot.hits, 27);
  });

  it('is not trusted for a file changed since it was built: the change shows', async () => {
    const root = copyOfBundled();
    const snapshot = counting(prevalidatedFrom(await buildCorpusSnapshot(root)));
    const paper = join(root, 'papers', '2009.01325.md');
    writeFileSync(paper, readFileSync(paper, 'utf8').replace(/^title: .*$/m, 'title: A title edited after the build'));
    const challenge = join(root, 'taxonomy', '3.4.md');
    writeFileSync(challenge, readFileSync(challenge, 'utf8').replace(/^title: .*$/m, 'title: [not, text]'));
    const corpus = await loadCorpus(root, { prevalidated: snapshot });
    assert.equal(corpus.papers.get('2009.01325')!.title, 'A title edited after the build');
    assert.equal(corpus.challenges.has('3.4'), false, 'the broken challenge is not loaded from the snapshot');
    assert.match(corpus.problems.map((problem) => `${problem.file}: ${problem.message}`).join('\n'), /3\.4\.md: "title" must be text/);
    assert.equal(snapshot.hits, 25, 'the two changed files were parsed');
  });

  it('a snapshot file that is corrupt or of another format is not used', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'litcomp-snapshot-file-'));
    const file = join(folder, 'corpus-snapshot.json');
    writeFileSync(file, '{"format": 1, "files": {');
    assert.equal(await readCorpusSnapshot(file), undefined);
    writeFileSync(file, JSON.stringify({ format: 999, files: {} }));
    assert.equal(await readCorpusSnapshot(file), undefined);
    assert.equal(await readCorpusSnapshot(join(folder, 'missing.json')), undefined);
    writeFileSync(file, JSON.stringify(await buildCorpusSnapshot(bundled)));
    assert.ok(await readCorpusSnapshot(file), 'a good snapshot is read');
  });
});

describe('a person\'s own corpus kept parsed between sessions', () => {
  const key = Buffer.alloc(32, 7);
  const session = async (cacheFile: string, root: string, options: { key?: Buffer; build?: string } = {}) => {
    const cache = await KeptCorpusCache.open(cacheFile, options.key ?? key, options.build ?? 'build 1');
    cache.startLoad();
    const corpus = await loadCorpus(root, { prevalidated: cache });
    return { cache, corpus };
  };

  it('the next session takes unchanged files from it, and an edited file is parsed again', async () => {
    const root = copyOfBundled();
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'litcomp-kept-')), 'corpus-cache.json');
    const first = await session(cacheFile, root);
    assert.equal(first.cache.parsedInLatestLoad, 27, 'the first session parsed every file');
    assert.equal(first.cache.worthSaving, true);
    await first.cache.save();
    const second = await session(cacheFile, root);
    assert.equal(second.cache.parsedInLatestLoad, 0, 'the second session parsed nothing');
    assert.equal(second.cache.worthSaving, false);
    assert.deepEqual(shown(second.corpus), shown(first.corpus));
    const paper = join(root, 'papers', '2212.08073.md');
    writeFileSync(paper, readFileSync(paper, 'utf8').replace(/^title: .*$/m, 'title: Edited between sessions'));
    const third = await session(cacheFile, root);
    assert.equal(third.corpus.papers.get('2212.08073')!.title, 'Edited between sessions');
    assert.equal(third.cache.parsedInLatestLoad, 1);
    assert.equal(third.cache.worthSaving, false, 'one edited file is not worth 5 MB of writing');
  });

  it('is not believed when someone else wrote it, or another build did', async () => {
    const root = copyOfBundled();
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'litcomp-kept-')), 'corpus-cache.json');
    const first = await session(cacheFile, root);
    await first.cache.save();
    const real = first.corpus.papers.get('2009.01325')!.title;
    // Same signature line, a title changed in the body: the signature no longer matches.
    writeFileSync(cacheFile, readFileSync(cacheFile, 'utf8').split(JSON.stringify(real)).join('"A title nobody wrote"'));
    const tampered = await session(cacheFile, root);
    assert.equal(tampered.corpus.papers.get('2009.01325')!.title, real);
    assert.equal(tampered.cache.parsedInLatestLoad, 27, 'every file was parsed again');
    await tampered.cache.save();
    assert.equal((await session(cacheFile, root, { key: Buffer.alloc(32, 8) })).cache.parsedInLatestLoad, 27, 'another key: parsed again');
    assert.equal((await session(cacheFile, root, { build: 'build 2' })).cache.parsedInLatestLoad, 27, 'another build: parsed again');
    assert.equal((await session(cacheFile, root)).cache.parsedInLatestLoad, 0, 'its own build and key: used');
  });

  it('a temporary file left by a quit in mid-write is removed by the next write; another window\'s write in progress is not', async () => {
    const root = copyOfBundled();
    const cacheFile = join(mkdtempSync(join(tmpdir(), 'litcomp-kept-')), 'corpus-cache.json');
    const leftover = `${cacheFile}.0123456789ab.tmp`;
    const inProgress = `${cacheFile}.ba9876543210.tmp`;
    writeFileSync(leftover, 'half a cache');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(leftover, hourAgo, hourAgo);
    writeFileSync(inProgress, 'being written right now');
    await (await session(cacheFile, root)).cache.save();
    assert.equal(existsSync(leftover), false, 'the leftover is gone');
    assert.equal(existsSync(inProgress), true, 'a fresh temporary file may be another window\'s save');
    assert.equal(existsSync(join(dirname(cacheFile), 'corpus-cache.json')), true);
    assert.equal((await session(cacheFile, root)).cache.parsedInLatestLoad, 0, 'what was written in slices reads back, signature and all');
  });
});
