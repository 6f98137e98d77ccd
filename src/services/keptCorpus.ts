import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { KeptCorpusCache, readCorpusSnapshot } from '../core/corpus/snapshot';
import { cacheKey } from '../core/pdf/textCache';
import type { PrevalidatedFiles } from './corpusService';

/**
 * The desktop's files parsed before (Node only): the bundled corpus's build-time snapshot
 * (dist/corpus-snapshot.json), and, when there is a storage folder, a person's own corpus kept parsed from
 * an earlier session, signed with the text cache's per-user key.
 */
export async function readPrevalidatedFiles(extensionPath: string, storagePath: string | undefined): Promise<PrevalidatedFiles | undefined> {
  const bundled = await readCorpusSnapshot(path.join(extensionPath, 'dist', 'corpus-snapshot.json'));
  if (!storagePath) return bundled;
  try {
    // Tied to this very build: another one may parse files differently.
    const build = `${(await stat(__filename)).mtimeMs}:${__filename}`;
    return await KeptCorpusCache.open(path.join(storagePath, 'corpus-cache.json'), await cacheKey(), build, bundled);
  } catch {
    return bundled; // no key can be made (read-only home): the own corpus is parsed each session
  }
}
