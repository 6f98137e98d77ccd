import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { delimiter, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { annotationFileFor } from './store';

/**
 * What "Set Up Git Merge for Annotations" writes, so git merges `.literature/annotations.json` with
 * `literature-companion merge-annotations` (threeWayMerge.ts) instead of line by line:
 * - a `.gitattributes` line at the repository root: `<path of the file> merge=literature-companion`
 *   (committed, so co-authors share it);
 * - the driver in the repository's own git config (`.git/config`, never committed: git runs no command
 *   a repository's files name, so each person opts in): `merge.literature-companion.driver`.
 */
export const MERGE_DRIVER = 'literature-companion';
export const DRIVER_ARGUMENTS = 'merge-annotations %O %A %B';

export interface GitMergeSetup {
  readonly repositoryRoot: string;
  readonly attributesFile: string;
  /** False when the line was already there. */
  readonly attributesChanged: boolean;
  readonly driver: string;
}

const exec = promisify(execFile);

/** The command git runs: the CLI by name when it is installed on PATH, else node with the extension's copy. */
export function driverCommand(cliOnPath: boolean, bundledCli: string): string {
  return cliOnPath ? `literature-companion ${DRIVER_ARGUMENTS}` : `node "${bundledCli}" ${DRIVER_ARGUMENTS}`;
}

/** Whether an executable of this name is in one of PATH's folders. */
export function isOnPath(name: string, path = process.env.PATH ?? ''): boolean {
  const names = process.platform === 'win32' ? [`${name}.cmd`, `${name}.exe`] : [name];
  return path.split(delimiter).some((folder) => folder && names.some((candidate) => existsSync(join(folder, candidate))));
}

/** `.gitattributes` with the merge line for `pattern` added, or undefined when it is already there. */
export function withMergeAttribute(existing: string, pattern: string): string | undefined {
  const line = `${pattern} merge=${MERGE_DRIVER}`;
  if (existing.split(/\r?\n/).some((candidate) => candidate.trim() === line)) return undefined;
  return `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${line}\n`;
}

/** Writes the attribute line and the git config entries for the workspace's annotation file. */
export async function setUpGitMerge(workspaceRoot: string, driver: string): Promise<GitMergeSetup> {
  let repositoryRoot: string;
  try {
    repositoryRoot = (await exec('git', ['rev-parse', '--show-toplevel'], { cwd: workspaceRoot })).stdout.trim();
  } catch (error) {
    throw new Error(`${workspaceRoot} is not in a git repository, or git is not installed (${(error as Error).message.split('\n')[0]}); run "git init" there first`);
  }
  const pattern = relative(repositoryRoot, annotationFileFor(workspaceRoot)).split(sep).join('/');
  const attributesFile = join(repositoryRoot, '.gitattributes');
  const existing = existsSync(attributesFile) ? await readFile(attributesFile, 'utf8') : '';
  const updated = withMergeAttribute(existing, pattern);
  if (updated !== undefined) await writeFile(attributesFile, updated);
  await exec('git', ['config', `merge.${MERGE_DRIVER}.name`, 'Literature Companion annotations (per annotation)'], { cwd: repositoryRoot });
  await exec('git', ['config', `merge.${MERGE_DRIVER}.driver`, driver], { cwd: repositoryRoot });
  return { repositoryRoot, attributesFile, attributesChanged: updated !== undefined, driver };
}
