import { FileExistsError } from '../platform/fileSystem';
import { commitTempFile } from '../platform/nodeFileSystem';
import { DownloadError } from './errors';

export { removeQuietly, tempNameFor } from '../platform/nodeFileSystem';

/**
 * Moves a complete temporary file to its final name in one step, durably (fsync before the rename, and of
 * the folder after): the one implementation in platform/nodeFileSystem.ts, which the annotation store's
 * writes use too. Without `overwrite`, an existing target is never replaced.
 */
export async function commitFile(temp: string, target: string, options: { overwrite?: boolean } = {}): Promise<void> {
  try {
    await commitTempFile(temp, target, { overwrite: options.overwrite ?? false });
  } catch (error) {
    if (error instanceof FileExistsError) throw new DownloadError('exists', `${target} already exists and was left as it is.`, { file: target });
    throw error;
  }
}
