import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AnnotationStore, annotationFileFor, createAnnotation, noteOf, touch, type Annotation } from '../../src/core/annotations';

/**
 * Two windows (or a window and a script) writing one annotation file. The writers here are real
 * processes: this same file, forked with WRITER_ROLE set, runs `writer()` instead of the tests.
 */

const TEXT = 'RLHF is costly. RLAIF matches RLHF on summarization. Llama 2 uses two reward models.';

function claim(id: string, note: string): Annotation {
  return createAnnotation({ id, document: 'talk.md', text: TEXT, start: 0, end: 15, verdict: 'supports', evidence: [{ paper: '2309.00267', version: 'v3', page: 4, quote: 'RLAIF achieves comparable performance to RLHF' }], note });
}

const withNote = (annotation: Annotation, note: string) => touch(annotation, { body: [...annotation.body.filter((body) => body.purpose !== 'commenting'), { type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/plain' }] });

/** What a writer process does, step by step; `mixed` adds edits and deletes of its own and of the shared claims. */
interface WriterPlan {
  readonly file: string;
  readonly name: string;
  readonly mixed: boolean;
}

const ADDS = 100;

/** The steps of one writer: after its i-th addition it may edit or delete one of its earlier claims or a shared one. */
function stepsOf(name: string, mixed: boolean, i: number): { edit?: string; remove?: string } {
  if (!mixed) return {};
  const other = name === 'A' ? 0 : 10; // A touches shared s0–s9, B s10–s19: disjoint, so the result is exact
  if (i < 10) return i % 2 === 0 ? { remove: `s${other + i}` } : { edit: `s${other + i}` };
  if (i % 5 === 2) return { remove: `${name}-${i - 2}` };
  if (i % 3 === 1) return { edit: `${name}-${i - 1}` };
  return {};
}

/** What the file must hold once both writers are done (ids → notes). */
function expectedAfter(mixed: boolean): Map<string, string> {
  const expected = new Map<string, string>();
  if (mixed) for (let s = 0; s < 20; s++) expected.set(`s${s}`, `shared ${s}`);
  for (const name of ['A', 'B']) {
    for (let i = 0; i < ADDS; i++) {
      expected.set(`${name}-${i}`, `${name} added ${i}`);
      const { edit, remove } = stepsOf(name, mixed, i);
      if (edit) expected.set(edit, `${name} edited at ${i}`);
      if (remove) expected.delete(remove);
    }
  }
  return expected;
}

async function writer(plan: WriterPlan): Promise<void> {
  const store = await AnnotationStore.open(plan.file);
  const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  const next = () => new Promise<unknown>((resolve) => process.once('message', resolve));
  await send({ ready: true });
  await next(); // both writers start together
  for (let i = 0; i < ADDS; i++) {
    store.upsert(claim(`${plan.name}-${i}`, `${plan.name} added ${i}`));
    const { edit, remove } = stepsOf(plan.name, plan.mixed, i);
    const editing = edit && store.get(edit);
    if (editing) store.upsert(withNote(editing, `${plan.name} edited at ${i}`));
    if (remove) store.remove(remove);
    await store.save();
  }
  await send({ done: true });
  await next(); // the other writer is done too: one more save brings in its last changes
  await store.save();
  await send({ ids: store.all().map((a) => [a.id, noteOf(a)]) });
  process.disconnect();
}

if (process.env.WRITER_ROLE) {
  void writer(JSON.parse(process.env.WRITER_ROLE) as WriterPlan).catch((error: Error) => {
    process.send!({ error: error.stack });
    process.exit(1);
  });
} else {
  describe('annotation file with two writers', () => {
    it('two processes each adding 100 annotations with a save after each: all 200 in the file and in both stores', async () => {
      await runTwoWriters(false);
    });

    it('two processes adding, editing and deleting with a save after each: exactly the surviving annotations, with the last edits', async () => {
      await runTwoWriters(true);
    });

    it('property: any interleaving of adds, edits, deletes, saves and reloads of three stores converges to the last change of each annotation', async () => {
      await fc.assert(fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 8 }), async (batches) => checkInterleaving(batches)), { numRuns: 40 });
    });
  });
}

/** Forks writers A and B on one file and checks the file and both stores hold exactly the expected annotations. */
async function runTwoWriters(mixed: boolean): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'litcomp-writers-'));
  writeFileSync(join(root, 'talk.md'), TEXT);
  const file = annotationFileFor(root);
  if (mixed) {
    const setup = await AnnotationStore.open(file);
    for (let s = 0; s < 20; s++) setup.upsert(claim(`s${s}`, `shared ${s}`));
    await setup.save();
  }
  const children = ['A', 'B'].map((name) => fork(__filename, [], { execArgv: [], env: { ...process.env, WRITER_ROLE: JSON.stringify({ file, name, mixed }) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const inbox = children.map((child) => {
    const messages: Record<string, unknown>[] = [];
    const waiters: (() => void)[] = [];
    child.on('message', (message: Record<string, unknown>) => {
      messages.push(message);
      waiters.splice(0).forEach((wake) => wake());
    });
    child.on('exit', () => waiters.splice(0).forEach((wake) => wake()));
    return async (key: string) => {
      for (;;) {
        const found = messages.find((message) => key in message || 'error' in message);
        if (found) {
          if ('error' in found) throw new Error(`writer failed: ${String(found.error)}`);
          messages.splice(messages.indexOf(found), 1);
          return found[key];
        }
        if (child.exitCode !== null) throw new Error(`writer exited with ${child.exitCode} before sending "${key}"`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
  });
  try {
    await Promise.all(inbox.map((receive) => receive('ready')));
    children.forEach((child) => child.send('go'));
    await Promise.all(inbox.map((receive) => receive('done')));
    children.forEach((child) => child.send('finish'));
    const stores = (await Promise.all(inbox.map((receive) => receive('ids')))) as [string, string][][];
    const expected = [...expectedAfter(mixed)].sort();
    const onDisk = (await AnnotationStore.open(file)).all().map((a) => [a.id, noteOf(a)]).sort();
    assert.equal(onDisk.length, expected.length, `the file holds ${onDisk.length} annotations, expected ${expected.length}`);
    assert.deepEqual(onDisk, expected);
    for (const [index, ids] of stores.entries()) assert.deepEqual(ids.sort(), expected, `store ${'AB'[index]} holds what the file holds`);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

type Action =
  | { kind: 'add'; store: number }
  | { kind: 'edit'; store: number; pick: number }
  | { kind: 'remove'; store: number; pick: number }
  | { kind: 'save'; store: number }
  | { kind: 'reload'; store: number };

const storeIndex = fc.integer({ min: 0, max: 2 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), store: storeIndex }),
  fc.record({ kind: fc.constant('edit' as const), store: storeIndex, pick: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), store: storeIndex, pick: fc.nat() }),
  fc.record({ kind: fc.constant('save' as const), store: storeIndex }),
  fc.record({ kind: fc.constant('reload' as const), store: storeIndex }),
);
/** One batch: its changes are made in order, then its saves and reloads run at the same time (interleaving on I/O). */
const batch = fc.array(action, { minLength: 1, maxLength: 6 });

/**
 * Runs the batches on three stores of one file with one clock that ticks a second per reading, so "the
 * last change" is well defined; then every store saves and reloads. Whatever the interleaving, each
 * annotation must end as its last change left it (added or edited → present with that note; removed →
 * gone), in the file and in every store.
 */
async function checkInterleaving(batches: Action[][]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'litcomp-interleave-'));
  const file = annotationFileFor(root);
  let tick = Date.parse('2026-01-01T00:00:00Z');
  const now = () => new Date((tick += 1000));
  const stores = await Promise.all([0, 1, 2].map(() => AnnotationStore.open(file, { now })));
  const last = new Map<string, string | null>(); // id → note of its last change, null when removed
  let added = 0;
  for (const actions of batches) {
    const io: Promise<unknown>[] = [];
    for (const step of actions) {
      const store = stores[step.store]!;
      const visible = store.all();
      if (step.kind === 'add') {
        const id = `n${added++}`;
        store.upsert(claim(id, `added by ${step.store}`));
        last.set(id, `added by ${step.store}`);
      } else if (step.kind === 'edit' && visible.length > 0) {
        const target = visible[step.pick % visible.length]!;
        const note = `edited by ${step.store} at ${tick}`;
        store.upsert(withNote(target, note));
        last.set(target.id, note);
      } else if (step.kind === 'remove' && visible.length > 0) {
        const target = visible[step.pick % visible.length]!;
        store.remove(target.id);
        last.set(target.id, null);
      } else if (step.kind === 'save') io.push(store.save());
      else if (step.kind === 'reload') io.push(store.reload());
    }
    await Promise.all(io);
  }
  for (const store of stores) await store.save();
  for (const store of stores) await store.reload();
  const expected = [...last].filter(([, note]) => note !== null).sort();
  const fromDisk = JSON.parse(readFileSync(file, 'utf8')) as { documents: Record<string, Annotation[]> };
  const onDisk = Object.values(fromDisk.documents).flat().map((a) => [a.id, noteOf(a)]).sort();
  assert.deepEqual(onDisk, expected, 'the file');
  for (const store of stores) assert.deepEqual(store.all().map((a) => [a.id, noteOf(a)]).sort(), expected, 'a store');
}
