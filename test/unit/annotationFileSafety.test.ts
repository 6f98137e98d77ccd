import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AnnotationFileError, AnnotationStore, annotationFileFor, createAnnotation, MAX_ANNOTATION_FILE_BYTES, MAX_ANNOTATIONS, type Annotation } from '../../src/core/annotations';

/** A hostile or careless workspace: what its annotation file may be, and what the store must (not) do with it. */

const TEXT = 'RLHF is costly. Llama 2 uses two reward models.';
const SECRET = 'root:x:0:0:secret-line-from-outside-the-workspace';

function workspace(): { root: string; file: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), 'litcomp-hostile-'));
  const file = annotationFileFor(root);
  mkdirSync(join(file, '..'), { recursive: true });
  return { root, file, folder: join(file, '..') };
}

function claim(document = 'talk.md', id?: string): Annotation {
  return createAnnotation({ id, document, text: TEXT, start: 0, end: 15, verdict: 'supports', evidence: [{ paper: '2309.00267', version: 'v3', page: 4, quote: 'RLAIF achieves comparable performance to RLHF' }] });
}

const listing = (folder: string) => readdirSync(folder).sort();

describe('annotation file in a hostile workspace', () => {
  it('refuses a link to a file outside the workspace: not read, not copied, not echoed, not overwritten', async () => {
    const { file, folder } = workspace();
    const outside = join(mkdtempSync(join(tmpdir(), 'litcomp-outside-')), 'passwd');
    writeFileSync(outside, SECRET);
    symlinkSync(outside, file);
    const store = await AnnotationStore.open(file);
    assert.equal(store.unreadableError?.kind, 'refused');
    assert.match(store.problems[0]!, /leads \(through a symbolic link\) to .*passwd, outside the workspace .*Replace the link with the file itself/);
    assert.ok(!store.problems.join('\n').includes('secret-line'), 'nothing of the file is shown');
    assert.deepEqual(listing(folder), ['annotations.json'], 'no backup copy of it');
    store.upsert(claim());
    await assert.rejects(store.save(), (error: AnnotationFileError) => error.kind === 'refused' && /was not saved/.test(error.message));
    assert.ok(lstatSync(file).isSymbolicLink(), 'the link is left as it is');
    assert.equal(readFileSync(outside, 'utf8'), SECRET);
  });

  it('refuses the file when the .literature folder itself is a link out of the workspace', async () => {
    const root = mkdtempSync(join(tmpdir(), 'litcomp-hostile-'));
    const outside = mkdtempSync(join(tmpdir(), 'litcomp-outside-'));
    writeFileSync(join(outside, 'annotations.json'), SECRET);
    symlinkSync(outside, join(root, '.literature'));
    const store = await AnnotationStore.open(annotationFileFor(root));
    assert.equal(store.unreadableError?.kind, 'refused');
    assert.deepEqual(listing(outside), ['annotations.json'], 'no backup written outside the workspace');
  });

  it('refuses a link to a device (/dev/zero) without reading from it', async () => {
    const { file, folder } = workspace();
    symlinkSync('/dev/zero', file);
    const store = await AnnotationStore.open(file);
    assert.equal(store.unreadableError?.kind, 'refused');
    assert.deepEqual(listing(folder), ['annotations.json']);
  });

  it('refuses a pipe or a folder in place of the file, without hanging', async (t) => {
    const { file, folder } = workspace();
    if (spawnSync('mkfifo', [file]).status !== 0) return t.skip('mkfifo is not available here');
    const store = await AnnotationStore.open(file);
    assert.equal(store.unreadableError?.kind, 'refused');
    assert.match(store.problems[0]!, /is not a regular file/);
    assert.deepEqual(listing(folder), ['annotations.json']);
    const other = workspace();
    mkdirSync(other.file);
    assert.match((await AnnotationStore.open(other.file)).problems[0]!, /is not a regular file/);
  });

  it('follows a link to a file inside the workspace, and saves through it (the link stays)', async () => {
    const { root, file } = workspace();
    const shared = join(root, 'shared-annotations.json');
    const first = await AnnotationStore.open(annotationFileFor(mkdtempSync(join(tmpdir(), 'litcomp-seed-'))));
    first.upsert(claim());
    await first.save();
    writeFileSync(shared, readFileSync(first.file));
    symlinkSync(shared, file);
    const store = await AnnotationStore.open(file);
    assert.deepEqual(store.problems, []);
    assert.equal(store.all().length, 1);
    store.upsert(claim('other.md'));
    await store.save();
    assert.ok(lstatSync(file).isSymbolicLink());
    assert.equal(Object.keys(JSON.parse(readFileSync(shared, 'utf8')).documents).length, 2);
  });

  it('refuses a file over the size cap before reading it', async () => {
    const { file, folder } = workspace();
    writeFileSync(file, '');
    truncateSync(file, MAX_ANNOTATION_FILE_BYTES + 1); // sparse: costs no disk
    const store = await AnnotationStore.open(file);
    assert.equal(store.unreadableError?.kind, 'too-large');
    assert.match(store.problems[0]!, /is 16\.0 MB, more than the 16 MB an annotation file may have; it was not read/);
    assert.deepEqual(listing(folder), ['annotations.json']);
  });

  it('will not save more annotations than the cap, and says what to do', async () => {
    const { file } = workspace();
    const store = await AnnotationStore.open(file);
    store.upsert(claim());
    await store.save();
    const before = readFileSync(file, 'utf8');
    for (let i = 0; i < MAX_ANNOTATIONS; i++) store.upsert(claim('talk.md', `urn:bulk-${i}`));
    await assert.rejects(store.save(), (error: AnnotationFileError) => error.kind === 'too-large' && error.message.includes(`more than the ${MAX_ANNOTATIONS} one annotation file may hold. Delete annotations you no longer need`));
    assert.equal(readFileSync(file, 'utf8'), before, 'the file on disk is unchanged');
  });

  it('makes one backup per distinct broken content, and none when backups are off (lint, untrusted workspace)', async () => {
    const { file, folder } = workspace();
    writeFileSync(file, '{ broken');
    const store = await AnnotationStore.open(file);
    await store.reload();
    await (await AnnotationStore.open(file)).reload();
    assert.equal(listing(folder).filter((name) => name.includes('.corrupt-')).length, 1, 'the same broken bytes are backed up once');
    writeFileSync(file, '{ broken differently');
    await store.reload();
    const backups = listing(folder).filter((name) => name.includes('.corrupt-'));
    assert.equal(backups.length, 2);
    assert.deepEqual(backups.map((name) => readFileSync(join(folder, name), 'utf8')).sort(), ['{ broken', '{ broken differently']);

    const untrusted = workspace();
    writeFileSync(untrusted.file, '{ broken');
    const readOnly = await AnnotationStore.open(untrusted.file, { backups: () => false });
    assert.match(readOnly.problems[0]!, /is not valid JSON.*will not be overwritten: fix it/);
    assert.equal(readOnly.backup, undefined);
    assert.deepEqual(listing(untrusted.folder), ['annotations.json'], 'nothing written');
  });

  it('an unreadable file (no permission) is reported, not thrown, and loads nothing', async (t) => {
    if (process.getuid?.() === 0) return t.skip('running as root: permissions do not stop reading');
    const { file } = workspace();
    writeFileSync(file, '{}', { mode: 0o000 });
    const store = await AnnotationStore.open(file);
    assert.equal(store.unreadableError?.kind, 'io');
    assert.match(store.problems[0]!, /cannot be read .*check that you may read it/);
  });

  it('documents named __proto__, constructor or toString are stored like any other', async () => {
    const { file } = workspace();
    const store = await AnnotationStore.open(file);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) store.upsert(claim(name, `urn:${name}`));
    await store.save();
    store.upsert(claim('talk.md'));
    await store.save();
    const again = await AnnotationStore.open(file);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.documents().sort(), ['__proto__', 'constructor', 'hasOwnProperty', 'talk.md', 'toString']);
    assert.equal(again.list('__proto__').length, 1);
    assert.ok(existsSync(file));
  });
});
