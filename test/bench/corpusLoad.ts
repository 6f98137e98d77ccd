// Re-exported for scripts/bench.mjs, which measures the core in plain Node.
export { loadCorpus } from '../../src/core/corpus/load';
export { readCorpusSnapshot } from '../../src/core/corpus/snapshot';
export { KeptCorpusCache } from '../../src/core/corpus/snapshot';
