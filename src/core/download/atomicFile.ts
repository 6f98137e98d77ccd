import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DownloadError } from './errors';

/** A hidden temporary name beside `target`, so the final rename stays on one file system. */
export function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
}

/** Removes a temporary file; never throws (it is called on paths that are already failing). */
export async function removeQuietly(file: string): Promise<void> {
  await rm(file, { force: true }).catch(() => undefined);
}

/**
 * Moves a complete temporary file to its final name in one step. Without `overwrite`, an existing target
 * is never replaced: a hard link fails atomically when the name is taken; where hard links are not
 * supported, an existence check before the rename is the best that can be done.
 */
export async function commitFile(temp: string, target: string, options: { overwrite?: boolean } = {}): Promise<void> {
  if (options.overwrite) {
    await rename(temp, target);
    return;
  }
  try {
    await link(temp, target);
    await unlink(temp);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw existsError(target);
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV', 'EOPNOTSUPP', 'EMLINK'].includes(code ?? '')) throw error;
  }
  if (existsSync(target)) throw existsError(target);
  await rename(temp, target);
}

function existsError(target: string): DownloadError {
  return new DownloadError('exists', `${target} already exists and was left as it is.`, { file: target });
}
