import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AnnotationFileError, AnnotationStore, annotationFileFor, createAnnotation, findAnnotationFile, lockFileOf, parseAnnotationFile, SCHEMA_VERSION, touch, type Annotation } from '../../src/core/annotations';

const TEXT = 'RLHF is costly. RLAIF matches RLHF on summarization. Llama 2 uses two reward models.';

function workspace(): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'litcomp-annotations-'));
  writeFileSync(join(root, 'talk.md'), TEXT);
  return { root, file: annotationFileFor(root) };
}

function claim(exact: string, id?: string, document = 'talk.md'): Annotation {
  const start = TEXT.indexOf(exact);
  return createAnnotation({ id, document, text: TEXT, start, end: start + exact.length, verdict: 'partially-supports', evidence: [{ paper: '2309.00267', version: 'v3', page: 4, quote: 'RLAIF achieves comparable performance to RLHF' }], note: 'Close, not equal.' });
}

/** A clock that moves forward a second on every call, so `modified` stamps are ordered. */
function clock(start = Date.parse('2026-01-01T00:00:00Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

const backups = (file: string) => readdirSync(join(file, '..')).filter((name) => name.includes('.corrupt-'));

describe('AnnotationStore', () => {
  it('starts empty without a file and round-trips annotations through the file', async () => {
    const { file } = workspace();
    const store = await AnnotationStore.open(file);
    assert.deepEqual(store.all(), []);
    const a = store.upsert(claim('RLAIF matches RLHF on summarization.'));
    const b = store.upsert(claim('RLHF is costly.'));
    await store.save();
    const json = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(json.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(Object.keys(json.documents), ['talk.md']);
    const again = await AnnotationStore.open(file);
    assert.deepEqual(again.list('talk.md'), [b, a]);
    assert.deepEqual(again.problems, []);
    assert.equal(again.remove(a.id), true);
    await again.save();
    assert.deepEqual((await AnnotationStore.open(file)).all().map((x) => x.id), [b.id]);
  });

  it('tells its own save coming back through the watcher (nothing new) from another writer\'s change', async () => {
    const { file } = workspace();
    const store = await AnnotationStore.open(file);
    store.upsert(claim('RLHF is costly.'));
    await store.save();
    assert.equal(await store.reload(), false, 'the bytes this store wrote: the echo of its own save');
    const other = await AnnotationStore.open(file);
    other.upsert(claim('Llama 2 uses two reward models.'));
    await other.save();
    assert.equal(await store.reload(), true, 'another writer changed the file');
    assert.equal(store.all().length, 2);
    assert.equal(await store.reload(), false, 'read once, the same bytes are nothing new');
  });

  it('backs up a file that is not valid JSON, reports it, and does not overwrite it', async () => {
    const { file } = workspace();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '{"schemaVersion": 1, "documents": {');
    const store = await AnnotationStore.open(file, { now: clock() });
    assert.deepEqual(store.all(), []);
    assert.equal(store.problems.length, 1);
    assert.match(store.problems[0]!, /annotations\.json: is not valid JSON/);
    assert.match(store.problems[0]!, /will not be overwritten/);
    assert.equal(backups(file).length, 1);
    assert.equal(readFileSync(join(file, '..', backups(file)[0]!), 'utf8'), '{"schemaVersion": 1, "documents": {');
    store.upsert(claim('RLHF is costly.'));
    await assert.rejects(store.save(), (error: AnnotationFileError) => error.kind === 'parse' && /was not saved/.test(error.message));
    assert.equal(readFileSync(file, 'utf8'), '{"schemaVersion": 1, "documents": {');
    // The person chooses to start afresh: the backup exists, so the overwrite is allowed.
    await store.save({ overwriteUnreadable: true });
    assert.equal((await AnnotationStore.open(file)).all().length, 1);
  });

  it('backs up and reports a file with the wrong schema', async () => {
    const { file } = workspace();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, documents: ['not', 'a', 'map'] }));
    const store = await AnnotationStore.open(file);
    assert.match(store.problems[0]!, /"documents" must be an object/);
    assert.equal(backups(file).length, 1);
  });

  it('keeps an invalid entry verbatim, reports it with its place, and still loads the rest', async () => {
    const { file } = workspace();
    const good = claim('RLHF is costly.');
    const bad = { ...claim('Llama 2 uses two reward models.'), body: [] };
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, documents: { 'talk.md': [good, bad] } }));
    const store = await AnnotationStore.open(file);
    assert.deepEqual(store.all(), [good]);
    assert.match(store.problems[0]!, /documents\["talk\.md"\]\[1\]: "body" must hold exactly one verdict/);
    store.upsert(claim('RLAIF matches RLHF on summarization.'));
    await store.save();
    const written = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(written.documents['talk.md'].length, 3);
    assert.ok(written.documents['talk.md'].some((entry: { id: string; body: unknown[] }) => entry.id === bad.id && entry.body.length === 0));
  });

  it('refuses a file from a newer schema version and leaves it alone', async () => {
    const { file } = workspace();
    mkdirSync(join(file, '..'), { recursive: true });
    const newer = JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, documents: {}, extra: true });
    writeFileSync(file, newer);
    const store = await AnnotationStore.open(file);
    assert.match(store.problems[0]!, new RegExp(`schemaVersion ${SCHEMA_VERSION + 1}, but this version of Literature Companion reads up to ${SCHEMA_VERSION}`));
    assert.equal(backups(file).length, 0, 'a newer file is not broken: no backup');
    await assert.rejects(store.save());
    assert.equal(readFileSync(file, 'utf8'), newer);
  });

  it('migrates an unversioned file (a bare array / AnnotationCollection) to the current schema', async () => {
    const { file } = workspace();
    mkdirSync(join(file, '..'), { recursive: true });
    const a = claim('RLHF is costly.');
    const b = claim('Llama 2 uses two reward models.', undefined, 'other.md');
    writeFileSync(file, JSON.stringify([a, b]));
    const store = await AnnotationStore.open(file);
    assert.equal(store.loadedVersion, 0);
    assert.deepEqual(store.problems, []);
    assert.deepEqual(store.list('talk.md'), [a]);
    assert.deepEqual(store.list('other.md'), [b]);
    await store.save();
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).schemaVersion, SCHEMA_VERSION);
    const collection = parseAnnotationFile('x.json', JSON.stringify({ type: 'AnnotationCollection', items: [a] }));
    assert.deepEqual(collection.annotations, [a]);
    assert.equal(collection.version, 0);
  });

  it('merges concurrent writes from two stores (two windows) by id, newer modified wins', async () => {
    const { file } = workspace();
    const now = clock();
    const setup = await AnnotationStore.open(file, { now });
    const shared = setup.upsert(claim('RLHF is costly.', 'urn:shared'));
    const doomed = setup.upsert(claim('Llama 2 uses two reward models.', 'urn:doomed'));
    await setup.save();

    const left = await AnnotationStore.open(file, { now });
    const right = await AnnotationStore.open(file, { now });
    left.upsert(claim('RLAIF matches RLHF on summarization.', 'urn:left-new'));
    left.upsert(touch(shared, { body: [{ type: 'TextualBody', purpose: 'classifying', value: 'supports' }] }));
    right.upsert(claim('RLAIF matches RLHF on summarization.', 'urn:right-new'));
    right.remove(doomed.id);
    await left.save();
    // Right edits the shared claim AFTER left did: its version must win.
    right.upsert(touch(shared, { body: [{ type: 'TextualBody', purpose: 'classifying', value: 'contradicts' }] }));
    const result = await right.save();
    assert.equal(result.merged, true);
    assert.deepEqual(result.fromDisk, ['urn:left-new']);

    const final = await AnnotationStore.open(file);
    assert.deepEqual(final.all().map((a) => a.id).sort(), ['urn:left-new', 'urn:right-new', 'urn:shared']);
    assert.deepEqual((final.get('urn:shared')!.body[0] as { value: string }).value, 'contradicts');
    // And left, saving again, keeps right's deletion and right's newer edit.
    await left.save();
    const last = await AnnotationStore.open(file);
    assert.deepEqual(last.all().map((a) => a.id).sort(), ['urn:left-new', 'urn:right-new', 'urn:shared']);
    assert.deepEqual((last.get('urn:shared')!.body[0] as { value: string }).value, 'contradicts');
  });

  it('a reload racing a save: readers never see an empty store, and the file never loses an annotation', async () => {
    const { file } = workspace();
    const other = await AnnotationStore.open(file);
    const store = await AnnotationStore.open(file);
    const idsOnDisk = () => Object.values(JSON.parse(readFileSync(file, 'utf8')).documents as Record<string, Annotation[]>).flat().map((a) => a.id).sort();
    const expected: string[] = [];
    for (let round = 0; round < 10; round++) {
      // Another window adds one (so the reload has something to read), this one adds one and saves while reloading.
      expected.push(other.upsert(claim('RLHF is costly.', `urn:other-${round}`)).id);
      await other.save();
      const mine = store.upsert(claim('Llama 2 uses two reward models.', `urn:mine-${round}`));
      expected.push(mine.id);
      const before = store.all().length;
      const reloading = store.reload();
      assert.equal(store.all().length, before, 'while a reload runs, the annotations stay visible');
      const saving = store.save();
      await Promise.all([reloading, saving]);
      assert.deepEqual(idsOnDisk(), [...expected].sort(), `round ${round}: the file holds every annotation`);
      assert.deepEqual(store.all().map((a) => a.id).sort(), [...expected].sort(), `round ${round}: the store holds every annotation`);
      await other.reload();
    }
  });

  it('a change not yet saved survives a reload (the watcher reloads after every save of any window)', async () => {
    const { file } = workspace();
    const store = await AnnotationStore.open(file);
    const kept = store.upsert(claim('RLHF is costly.', 'urn:kept'));
    await store.save();
    const unsaved = store.upsert(claim('Llama 2 uses two reward models.', 'urn:unsaved'));
    const other = await AnnotationStore.open(file);
    other.upsert(claim('RLAIF matches RLHF on summarization.', 'urn:other'));
    await other.save();
    await store.reload();
    assert.deepEqual(store.all().map((a) => a.id).sort(), [kept.id, 'urn:other', unsaved.id].sort());
    await store.save();
    assert.deepEqual((await AnnotationStore.open(file)).all().map((a) => a.id).sort(), [kept.id, 'urn:other', unsaved.id].sort());
  });

  it('waits for a live lock, reports who holds it, and breaks a stale one (dead holder, or too old)', async () => {
    const { file } = workspace();
    const store = await AnnotationStore.open(file, { lock: { timeoutMs: 300, staleMs: 60_000 } });
    store.upsert(claim('RLHF is costly.'));
    mkdirSync(join(file, '..'), { recursive: true });
    const lock = lockFileOf(file);
    // Held by this (live) process: the save waits, then fails with a message saying what to do.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'someone-else' }));
    await assert.rejects(store.save(), (error: AnnotationFileError) => error.kind === 'locked' && error.message.includes(`held by process ${process.pid}`) && error.message.includes(`delete ${lock}`));
    assert.equal(existsSync(file), false, 'nothing was written without the lock');
    // Held by a process that has exited: broken at once.
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(lock, JSON.stringify({ pid: Number(dead.stdout.trim()), host: hostname(), nonce: 'dead' }));
    await store.save();
    assert.equal((await AnnotationStore.open(file)).all().length, 1);
    assert.equal(existsSync(lock), false, 'the lock is released after the save');
    // Held for longer than staleMs (a hung holder, or one on another machine): broken.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: 'another-machine', nonce: 'old' }));
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    store.upsert(claim('Llama 2 uses two reward models.'));
    await store.save();
    assert.equal((await AnnotationStore.open(file)).all().length, 2);
  });

  it('reads a version-1 file (no tombstones) and writes it back as the current version', async () => {
    const { file } = workspace();
    mkdirSync(join(file, '..'), { recursive: true });
    const a = claim('RLHF is costly.');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, documents: { 'talk.md': [a] } }));
    const store = await AnnotationStore.open(file);
    assert.equal(store.loadedVersion, 1);
    assert.deepEqual(store.all(), [a]);
    store.remove(a.id);
    await store.save();
    const written = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(written.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(written.documents, {});
    assert.deepEqual(Object.keys(written.deleted), [a.id], 'the deletion is written down, so another copy of the file cannot bring the annotation back');
  });

  it('refuses to merge with a file another program made unreadable, and backs it up', async () => {
    const { file } = workspace();
    const store = await AnnotationStore.open(file);
    store.upsert(claim('RLHF is costly.'));
    await store.save();
    writeFileSync(file, 'garbage');
    store.upsert(claim('Llama 2 uses two reward models.'));
    await assert.rejects(store.save(), (error: AnnotationFileError) => error.kind === 'conflict' && /nothing was written/.test(error.message));
    assert.equal(readFileSync(file, 'utf8'), 'garbage');
    assert.equal(backups(file).length, 1);
  });

  it('a crash between write and rename leaves the previous file intact', async () => {
    const { file } = workspace();
    const first = await AnnotationStore.open(file);
    first.upsert(claim('RLHF is costly.'));
    await first.save();
    const before = readFileSync(file, 'utf8');
    let temp = '';
    const crashing = await AnnotationStore.open(file, {
      beforeRename: (tempFile) => {
        temp = tempFile;
        assert.ok(existsSync(tempFile), 'the new content was written to a temp file first');
        throw new Error('simulated crash');
      },
    });
    crashing.upsert(claim('Llama 2 uses two reward models.'));
    await assert.rejects(crashing.save(), /could not be written \(simulated crash\); the previous file is unchanged/);
    assert.equal(readFileSync(file, 'utf8'), before);
    assert.equal(existsSync(temp), false);
    assert.equal((await AnnotationStore.open(file)).all().length, 1);
  });

  it('reports (and keeps) annotations of a deleted document', async () => {
    const { root, file } = workspace();
    const store = await AnnotationStore.open(file);
    store.upsert(claim('RLHF is costly.'));
    store.upsert(claim('RLHF is costly.', undefined, 'drafts/gone.md'));
    await store.save();
    const again = await AnnotationStore.open(file);
    assert.deepEqual(again.missingDocuments(), ['drafts/gone.md']);
    assert.equal(again.list('drafts/gone.md').length, 1);
    assert.equal(again.workspaceRoot, root);
  });

  it('finds the nearest annotation file upward from a document', async () => {
    const { root, file } = workspace();
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    assert.equal(findAnnotationFile(join(root, 'a', 'b', 'doc.md')), undefined);
    const store = await AnnotationStore.open(file);
    await store.save();
    assert.equal(findAnnotationFile(join(root, 'a', 'b', 'doc.md')), file);
  });

  it('property: the file parser never throws anything but AnnotationFileError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ schemaVersion: 1, documents: { 'x.md': [value] } }))), (text) => {
        try {
          parseAnnotationFile('a.json', text);
        } catch (error) {
          return error instanceof AnnotationFileError;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
