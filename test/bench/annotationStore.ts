// Annotation store benchmark: scripts/bench/annotations.mjs bundles this file and runs it under Node 24;
// it prints one JSON object on stdout. Figures only; nothing here is asserted by a test.
//   sizes     2,000 and 10,000 (the cap) annotations with one quote each: file bytes, open, save, and a
//             save that merges another writer's change (medians of 5)
//   writers   two processes × 100 saves of one annotation each on one file (the lock serialises them)
import { fork } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnnotationStore, annotationFileFor, createAnnotation, type Annotation } from '../../src/core/annotations';
import { median } from './stats';

const TEXT = 'RLHF is costly. Llama 2 uses two reward models.';
const ms = (value: number) => Math.round(value * 10) / 10;
const claim = (id: string, document = 'talk.md'): Annotation =>
  createAnnotation({ id, document, text: TEXT, start: 0, end: 15, verdict: 'supports', evidence: [{ paper: '2309.00267', version: 'v3', page: 4, quote: 'RLAIF achieves comparable performance to RLHF' }], note: 'a note of modest length' });

async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

async function sizes(count: number) {
  const file = annotationFileFor(mkdtempSync(join(tmpdir(), 'bench-annotations-')));
  const store = await AnnotationStore.open(file);
  for (let i = 0; i < count; i++) store.upsert(claim(`urn:bench-${i}`, `doc${i % 10}.md`));
  await store.save();
  const open: number[] = [];
  const save: number[] = [];
  const mergeSave: number[] = [];
  for (let run = 0; run < 5; run++) {
    open.push(await timed(() => AnnotationStore.open(file)));
    store.upsert(claim(`urn:bench-${run}`));
    save.push(await timed(() => store.save()));
    const other = await AnnotationStore.open(file);
    other.upsert(other.get(`urn:bench-${run + 20}`)!); // an edit by the other writer (no new entry: 10,000 is the cap)
    await other.save();
    store.upsert(claim(`urn:bench-${run + 10}`));
    mergeSave.push(await timed(() => store.save()));
  }
  return { annotations: count, bytes: statSync(file).size, openMs: ms(median(open)), saveMs: ms(median(save)), mergeSaveMs: ms(median(mergeSave)) };
}

async function writer(file: string, name: string): Promise<void> {
  const store = await AnnotationStore.open(file);
  for (let i = 0; i < 100; i++) {
    store.upsert(claim(`urn:${name}-${i}`));
    await store.save();
  }
}

async function twoWriters() {
  const file = annotationFileFor(mkdtempSync(join(tmpdir(), 'bench-writers-')));
  const started = performance.now();
  await Promise.all(['A', 'B'].map((name) => new Promise<void>((resolve, reject) => {
    const child = fork(__filename, [], { execArgv: [], env: { ...process.env, BENCH_WRITER: JSON.stringify({ file, name }) } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${name} exited with ${code}`))));
  })));
  const totalMs = performance.now() - started;
  return { processes: 2, savesEach: 100, totalMs: ms(totalMs), msPerSave: ms(totalMs / 200), annotationsKept: (await AnnotationStore.open(file)).all().length };
}

if (process.env.BENCH_WRITER) {
  const { file, name } = JSON.parse(process.env.BENCH_WRITER) as { file: string; name: string };
  void writer(file, name).then(() => process.exit(0), () => process.exit(1));
} else {
  void (async () => {
    const result = { sizes: [await sizes(2000), await sizes(10_000)], writers: await twoWriters() };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  })();
}
