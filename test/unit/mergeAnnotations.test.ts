import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { annotatedClaimsIn } from '../../src/core/claims/documentClaims';
import { AnnotationStore, annotationFileFor, bodiesFor, createAnnotation, driverCommand, mergeAnnotationFiles, moveTo, noteOf, parseAnnotationFile, quoteChanged, setUpGitMerge, touch, verdictOf, withMergeAttribute, type Annotation, type ParsedAnnotationFile, type Verdict } from '../../src/core/annotations';

/**
 * Two co-authors annotate the talk on their own branches and merge with real git: with git's own merge
 * (the file's layout must let independent changes merge) and with `literature-companion merge-annotations`.
 */

const bin = join(__dirname, '..', '..', 'bin', 'literature-companion.cjs');
const TALK = 'RLHF is costly. RLAIF matches RLHF on summarization. Llama 2 uses two reward models. Reward models overfit. Humans disagree often.\n';
const SENTENCES = ['RLHF is costly.', 'RLAIF matches RLHF on summarization.', 'Llama 2 uses two reward models.', 'Reward models overfit.'];
/** Ids spread over the sort order, so additions land between existing blocks, as random UUIDs do. */
const id = (digit: number) => `urn:uuid:${String(digit).repeat(8)}-0000-4000-8000-000000000000`;
const EVIDENCE = [{ paper: '2309.00267', version: 'v3', page: 4, quote: 'RLAIF achieves comparable performance to RLHF' }];

function claimOf(sentence: string, identifier: string, verdict: Verdict = 'supports'): Annotation {
  const start = TALK.indexOf(sentence);
  return createAnnotation({ id: identifier, document: 'talk.md', text: TALK, start, end: start + sentence.length, verdict, evidence: EVIDENCE });
}

function git(cwd: string, ...args: string[]): { status: number; out: string } {
  const run = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  return { status: run.status ?? -1, out: run.stdout + run.stderr };
}

const gitAvailable = spawnSync('git', ['--version']).status === 0;

/** A repository whose main branch has the talk and four annotated claims (ids 1, 3, 5, 7). */
async function repository(withDriver: boolean): Promise<{ root: string; file: string }> {
  const root = mkdtempSync(join(tmpdir(), 'litcomp-git-'));
  writeFileSync(join(root, 'talk.md'), TALK);
  const file = annotationFileFor(root);
  const store = await AnnotationStore.open(file);
  SENTENCES.forEach((sentence, index) => store.upsert(claimOf(sentence, id(index * 2 + 1))));
  await store.save();
  git(root, 'init', '-q', '-b', 'main');
  writeFileSync(join(root, '.gitignore'), '.literature/*.lock\n');
  // What "Set Up Git Merge for Annotations" does, with this test's node (PATH may have none).
  if (withDriver) await setUpGitMerge(root, driverCommand(false, bin).replace(/^node /, `"${process.execPath}" `));
  git(root, 'add', '-A');
  assert.equal(git(root, 'commit', '-q', '-m', 'talk and annotations').status, 0);
  return { root, file };
}

/** On a new branch from main: runs `change` on the annotation store, saves, commits. */
async function onBranch(root: string, branch: string, change: (store: AnnotationStore) => void): Promise<void> {
  assert.equal(git(root, 'checkout', '-q', '-b', branch, 'main').status, 0);
  const store = await AnnotationStore.open(annotationFileFor(root));
  change(store);
  await store.save();
  git(root, 'add', '-A');
  assert.equal(git(root, 'commit', '-q', '-m', branch).status, 0);
}

const withVerdict = (annotation: Annotation, verdict: Verdict, note?: string) => touch(annotation, { body: bodiesFor(verdict, EVIDENCE, note) });

/** Alice adds claim 2 and edits 7; Bob adds 6, edits 3 and deletes 5: changes to different claims. */
async function independentChanges(root: string): Promise<void> {
  await onBranch(root, 'alice', (store) => {
    store.upsert(claimOf('Humans disagree often.', id(2), 'not-addressed'));
    store.upsert(withVerdict(store.get(id(7))!, 'contradicts', 'Alice: overfitting is not shown here'));
  });
  await onBranch(root, 'bob', (store) => {
    store.upsert(claimOf('Humans disagree often.', id(6), 'partially-supports'));
    store.upsert(withVerdict(store.get(id(3))!, 'partially-supports', 'Bob: only on summarization'));
    store.remove(id(5));
  });
  git(root, 'checkout', '-q', 'alice');
}

function assertIndependentChangesKept(file: string): void {
  const parsed = parseAnnotationFile(file, readFileSync(file, 'utf8'));
  const byId = new Map(parsed.annotations.map((annotation) => [annotation.id, annotation]));
  assert.deepEqual([...byId.keys()].sort(), [id(1), id(2), id(3), id(6), id(7)].sort());
  assert.equal(verdictOf(byId.get(id(7))!), 'contradicts');
  assert.equal(noteOf(byId.get(id(3))!), 'Bob: only on summarization');
  assert.deepEqual([...parsed.deleted.keys()], [id(5)]);
}

/** Both edit claim 1 differently (a true conflict), and both re-anchor claim 5 (moved, not edited). */
async function conflictingChanges(root: string): Promise<void> {
  // As after each co-author wrote a different line above the claim: same sentence, new offset and context.
  const moved = (annotation: Annotation, above: string) => moveTo(annotation, above + TALK, annotation.target.selector[1].start + above.length, annotation.target.selector[1].end + above.length);
  await onBranch(root, 'alice', (store) => {
    store.upsert(withVerdict(store.get(id(1))!, 'contradicts', 'Alice'));
    store.upsert(moved(store.get(id(5))!, 'Intro by Alice.\n'));
    store.upsert(claimOf('Humans disagree often.', id(2)));
  });
  await onBranch(root, 'bob', (store) => {
    store.upsert(withVerdict(store.get(id(1))!, 'partially-supports', 'Bob'));
    store.upsert(moved(store.get(id(5))!, 'Bob wrote a longer introduction.\n'));
  });
  git(root, 'checkout', '-q', 'alice');
}

describe('annotations that merge in git', { skip: gitAvailable ? false : 'git is not installed' }, () => {
  it("independent changes on two branches merge cleanly with git's own merge (the file's layout)", async () => {
    const { root, file } = await repository(false);
    await independentChanges(root);
    const merge = git(root, 'merge', '--no-edit', 'bob');
    assert.equal(merge.status, 0, merge.out);
    assertIndependentChangesKept(file);
  });

  it("both co-authors annotate the same sentence: git's own merge joins the two additions (the file is ordered by id, not position)", async () => {
    const { root, file } = await repository(false);
    await onBranch(root, 'alice', (store) => void store.upsert(claimOf('Humans disagree often.', id(2))));
    await onBranch(root, 'bob', (store) => void store.upsert(claimOf('Humans disagree often.', id(6), 'contradicts')));
    git(root, 'checkout', '-q', 'alice');
    const merge = git(root, 'merge', '--no-edit', 'bob');
    assert.equal(merge.status, 0, merge.out);
    assert.deepEqual(parseAnnotationFile(file, readFileSync(file, 'utf8')).annotations.map((a) => a.id).sort(), [1, 2, 3, 5, 6, 7].map(id));
  });

  it('independent changes merge cleanly with the merge driver too', async () => {
    const { root, file } = await repository(true);
    await independentChanges(root);
    const merge = git(root, 'merge', '--no-edit', 'bob');
    assert.equal(merge.status, 0, merge.out);
    assertIndependentChangesKept(file);
  });

  it("a claim edited on both branches: git's own merge leaves conflict markers (the file no longer parses)", async () => {
    const { root, file } = await repository(false);
    await conflictingChanges(root);
    assert.notEqual(git(root, 'merge', '--no-edit', 'bob').status, 0);
    assert.match(readFileSync(file, 'utf8'), /^<<<<<<< /m);
    assert.throws(() => parseAnnotationFile(file, readFileSync(file, 'utf8')));
  });

  it('a claim edited on both branches: the driver keeps both versions, marks the conflict, and git stops for the person', async () => {
    const { root, file } = await repository(true);
    await conflictingChanges(root);
    const merge = git(root, 'merge', '--no-edit', 'bob');
    assert.notEqual(merge.status, 0, 'git is told there is a conflict');
    assert.match(merge.out, /1 claim\(s\) were edited on both branches: urn:uuid:11111111.* Both versions are kept/);
    const parsed = parseAnnotationFile(file, readFileSync(file, 'utf8'));
    assert.deepEqual(parsed.invalid, []);
    const versions = parsed.annotations.filter((annotation) => annotation.id === id(1) || annotation.conflictsWith === id(1));
    assert.deepEqual(versions.map((annotation) => [verdictOf(annotation), noteOf(annotation), annotation.conflictsWith]).sort(), [
      ['contradicts', 'Alice', undefined],
      ['partially-supports', 'Bob', id(1)],
    ]);
    // Moved on both sides (re-anchored, not edited): one version, no conflict. Alice's addition is kept.
    assert.equal(parsed.annotations.filter((annotation) => annotation.id === id(5) || annotation.conflictsWith === id(5)).length, 1);
    assert.ok(parsed.annotations.some((annotation) => annotation.id === id(2)));
    assert.equal(parsed.annotations.length, 6, 'claims 1 (twice), 2, 3, 5, 7: nothing lost');
    // The editor shows the pair as conflicted until the person keeps one.
    const store = await AnnotationStore.open(file);
    const conflictedTexts = () => annotatedClaimsIn(TALK, store.list('talk.md')).claims.filter((claim) => claim.conflicted).map((claim) => claim.text);
    assert.deepEqual(conflictedTexts(), ['RLHF is costly.', 'RLHF is costly.']);
    store.remove(versions.find((annotation) => annotation.conflictsWith)!.id);
    assert.deepEqual(conflictedTexts(), []);
  });
});

describe('mergeAnnotationFiles (three-way, per annotation)', () => {
  const file = (annotations: Annotation[], deleted: Record<string, string> = {}) => JSON.stringify({ schemaVersion: 2, documents: { 'talk.md': annotations }, deleted });
  const a = claimOf('RLHF is costly.', id(1));
  const b = claimOf('Reward models overfit.', id(3));

  it('both added → both kept; an edit on one side wins over the untouched other', () => {
    const edited = withVerdict(a, 'contradicts');
    const merged = mergeAnnotationFiles(file([a]), file([edited]), file([a, b]));
    assert.deepEqual(merged.conflicts, []);
    const parsed = parseAnnotationFile('m', merged.text);
    assert.deepEqual(parsed.annotations.map((x) => [x.id, verdictOf(x)]).sort(), [[id(1), 'contradicts'], [id(3), 'supports']]);
  });

  it('an edit on one side and a deletion on the other → the edit is kept', () => {
    const edited = withVerdict(a, 'contradicts', 'keep me');
    const merged = mergeAnnotationFiles(file([a]), file([edited]), file([], { [a.id]: new Date(Date.parse(a.modified) + 5000).toISOString() }));
    assert.equal(noteOf(parseAnnotationFile('m', merged.text).annotations[0]!), 'keep me');
  });

  it('an empty ancestor (both sides added the file) and a version-1 side are merged too', () => {
    const v1 = JSON.stringify({ schemaVersion: 1, documents: { 'talk.md': [b] } });
    const merged = mergeAnnotationFiles('', file([a]), v1);
    assert.equal(parseAnnotationFile('m', merged.text).annotations.length, 2);
  });

  it('property: nothing either side added or edited is lost, a deletion holds where the other side left the claim alone, and the sides can be swapped', () => {
    type Op = 'none' | 'edit' | 'delete' | 'move';
    const op = fc.constantFrom<Op>('none', 'edit', 'delete', 'move');
    const sentences = ['RLHF is costly.', 'RLAIF matches RLHF on summarization.', 'Llama 2 uses two reward models.', 'Reward models overfit.'];
    fc.assert(
      fc.property(fc.array(fc.tuple(op, op), { minLength: 1, maxLength: 4 }), fc.nat({ max: 2 }), fc.nat({ max: 2 }), (plan, oursAdd, theirsAdd) => {
        const base = plan.map((_, index) => claimOf(sentences[index]!, id(index + 1)));
        const later = (annotation: Annotation, seconds: number) => ({ ...annotation, modified: new Date(Date.parse(annotation.modified) + seconds * 1000).toISOString() });
        const side = (which: 0 | 1, adds: number) => {
          const annotations: Annotation[] = [];
          const deleted: Record<string, string> = {};
          plan.forEach((ops, index) => {
            const original = base[index]!;
            const action = ops[which];
            if (action === 'none') annotations.push(original);
            else if (action === 'edit') annotations.push(later(withVerdict(original, 'contradicts', `edited by ${which}`), 1 + which));
            else if (action === 'move') annotations.push(later(moveTo(original, `Side ${which} wrote this.\n` + TALK, original.target.selector[1].start + 19, original.target.selector[1].end + 19), 1 + which));
            else deleted[original.id] = new Date(Date.parse(original.modified) + 5000).toISOString();
          });
          for (let i = 0; i < adds; i++) annotations.push(claimOf('Humans disagree often.', `urn:added-by-${which}-${i}`, 'not-addressed'));
          return file(annotations, deleted);
        };
        const [ours, theirs] = [side(0, oursAdd), side(1, theirsAdd)];
        const merged = parseAnnotationFile('m', mergeAnnotationFiles(file(base), ours, theirs).text);
        const swapped = parseAnnotationFile('m', mergeAnnotationFiles(file(base), theirs, ours).text);
        const notes = (parsed: ParsedAnnotationFile) => parsed.annotations.map((a) => `${a.id.replace(/~theirs-.*/, '')}|${noteOf(a) ?? ''}`).sort();
        assert.deepEqual(notes(merged), notes(swapped), 'the same claims and versions whichever side is "ours"');
        const present = new Set(merged.annotations.map((a) => a.id));
        for (let i = 0; i < oursAdd; i++) assert.ok(present.has(`urn:added-by-0-${i}`));
        for (let i = 0; i < theirsAdd; i++) assert.ok(present.has(`urn:added-by-1-${i}`));
        plan.forEach(([mine, other], index) => {
          const versions = merged.annotations.filter((a) => a.id === id(index + 1) || a.conflictsWith === id(index + 1));
          for (const [which, action] of [[0, mine], [1, other]] as const) {
            if (action === 'edit') assert.ok(versions.some((a) => noteOf(a) === `edited by ${which}`), `the edit by side ${which} of claim ${index + 1} is kept`);
          }
          const deletedAlone = (mine === 'delete' && (other === 'none' || other === 'delete')) || (other === 'delete' && mine === 'none');
          assert.equal(versions.length === 0, deletedAlone, `claim ${index + 1} (${mine}/${other}) is gone only when deleted and otherwise left alone`);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same inputs give the same bytes', () => {
    const left = withVerdict(a, 'contradicts');
    const right = withVerdict(a, 'partially-supports');
    assert.equal(mergeAnnotationFiles(file([a]), file([left]), file([right])).text, mergeAnnotationFiles(file([a]), file([left]), file([right])).text);
  });
});

describe('no volatile writes', () => {
  it('a claim that only moved (text added above) is not rewritten; one whose text or context changed is', () => {
    const claim = claimOf('Reward models overfit.', id(1));
    const start = TALK.indexOf('Reward models overfit.');
    const end = start + 'Reward models overfit.'.length;
    const above = 'A new opening paragraph.\n\n';
    assert.equal(quoteChanged(claim, above + TALK, start + above.length, end + above.length), false);
    const edited = TALK.replace('Reward models overfit.', 'Reward models overfit badly.');
    assert.equal(quoteChanged(claim, edited, start, start + 'Reward models overfit badly.'.length), true);
    const contextEdited = TALK.replace('Llama 2 uses', 'Llama 3 uses');
    assert.equal(quoteChanged(claim, contextEdited, start, end), true);
  });
});

describe('merge-annotations CLI', () => {
  it('wrong arguments → exit 2 with usage; an unreadable side → exit 1, ours left as it is', () => {
    const folder = mkdtempSync(join(tmpdir(), 'litcomp-mergecli-'));
    const usage = spawnSync(process.execPath, [bin, 'merge-annotations', 'only-one'], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /merge-annotations %O %A %B/);
    const [base, ours, theirs] = ['base', 'ours', 'theirs'].map((name) => join(folder, name));
    writeFileSync(base!, '');
    writeFileSync(ours!, '{"schemaVersion": 2, "documents": {}, "deleted": {}}');
    writeFileSync(theirs!, '<<<<<<< not json');
    const broken = spawnSync(process.execPath, [bin, 'merge-annotations', base!, ours!, theirs!], { encoding: 'utf8' });
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /theirs: is not valid JSON.*left as your branch's version/);
    assert.equal(readFileSync(ours!, 'utf8'), '{"schemaVersion": 2, "documents": {}, "deleted": {}}');
  });
});

describe('Set Up Git Merge for Annotations (what it writes)', { skip: gitAvailable ? false : 'git is not installed' }, () => {
  it('adds the .gitattributes line once, at the repository root, for a workspace in a subfolder, and sets the driver', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'litcomp-setup-'));
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, '.gitattributes'), '*.pdf binary');
    const workspace = join(repo, 'talks', 'spring');
    mkdirSync(workspace, { recursive: true });
    const first = await setUpGitMerge(workspace, 'literature-companion merge-annotations %O %A %B');
    assert.equal(first.attributesChanged, true);
    assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8'), '*.pdf binary\ntalks/spring/.literature/annotations.json merge=literature-companion\n');
    assert.equal(git(repo, 'config', 'merge.literature-companion.driver').out.trim(), 'literature-companion merge-annotations %O %A %B');
    assert.equal(git(repo, 'check-attr', 'merge', 'talks/spring/.literature/annotations.json').out.trim(), 'talks/spring/.literature/annotations.json: merge: literature-companion');
    const again = await setUpGitMerge(workspace, 'literature-companion merge-annotations %O %A %B');
    assert.equal(again.attributesChanged, false);
    assert.equal(readFileSync(join(repo, '.gitattributes'), 'utf8').match(/merge=literature-companion/g)!.length, 1);
  });

  it('says what to do outside a git repository', async () => {
    await assert.rejects(setUpGitMerge(mkdtempSync(join(tmpdir(), 'litcomp-nogit-')), 'x'), /is not in a git repository.*run "git init" there first/);
  });

  it('the driver command names the CLI exactly when it is installed, else runs the bundled copy with node', () => {
    assert.equal(driverCommand(true, '/ext/bin/literature-companion.cjs'), 'literature-companion merge-annotations %O %A %B');
    assert.equal(driverCommand(false, '/ext/bin/literature-companion.cjs'), 'node "/ext/bin/literature-companion.cjs" merge-annotations %O %A %B');
    assert.equal(withMergeAttribute('a.json merge=literature-companion\n', 'a.json'), undefined);
  });
});
