import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { FileLockTimeout, lockFileOf } from './lockErrors';

export { FileLockTimeout, lockFileOf, type LockHolder } from './lockErrors';

/**
 * A lock file beside a file, so that two processes (two windows, a window and a script) never interleave
 * their read-merge-write of it. Created with O_EXCL (`wx`), which is atomic on every local file system.
 *
 * Stale-lock recovery: a lock whose holder is a dead process on this host, or older than `staleMs` (a
 * holder that crashed elsewhere, or hangs), is broken. Breaking renames the lock away first and checks it
 * renamed the lock it judged stale; if another process took a fresh lock in between, it is put back.
 */
export interface FileLockOptions {
  /** A lock older than this is broken whoever holds it (default 20 s; a save takes milliseconds). */
  readonly staleMs?: number;
  /** Give up waiting after this long (default 30 s, longer than staleMs so a hung holder is outwaited). */
  readonly timeoutMs?: number;
}

interface LockRecord {
  readonly raw: string;
  readonly pid?: number;
  readonly host?: string;
  readonly nonce?: string;
  readonly mtimeMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readLock(lockFile: string): Promise<LockRecord | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(lockFile, 'utf8'), stat(lockFile)]);
    let parsed: { pid?: unknown; host?: unknown; nonce?: unknown } = {};
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      /* a holder that crashed between creating and writing its lock: judged by age alone */
    }
    return {
      raw,
      mtimeMs: info.mtimeMs,
      pid: typeof parsed.pid === 'number' ? parsed.pid : undefined,
      host: typeof parsed.host === 'string' ? parsed.host : undefined,
      nonce: typeof parsed.nonce === 'string' ? parsed.nonce : undefined,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(lock: LockRecord, staleMs: number): boolean {
  if (Date.now() - lock.mtimeMs > staleMs) return true;
  return lock.host === hostname() && lock.pid !== undefined && lock.pid !== process.pid && !processIsAlive(lock.pid);
}

/** Removes a stale lock, unless another process replaced it since it was judged stale. */
async function breakLock(lockFile: string, stale: LockRecord): Promise<void> {
  const aside = `${lockFile}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const taken = await readFile(aside, 'utf8').catch(() => undefined);
  if (taken !== undefined && taken !== stale.raw) {
    // A fresh lock was taken between our look and our rename: give it back (link fails if yet another exists).
    await link(aside, lockFile).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

/** Runs `task` holding the lock of `file`; throws FileLockTimeout when the lock stays held by a live holder. */
export async function withFileLock<T>(file: string, task: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const lockFile = lockFileOf(file);
  const staleMs = options.staleMs ?? 20_000;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const nonce = randomBytes(8).toString('hex');
  const content = JSON.stringify({ pid: process.pid, host: hostname(), nonce, since: new Date().toISOString() });
  await mkdir(dirname(file), { recursive: true });
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    try {
      await writeFile(lockFile, content, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(lockFile);
    if (!holder) continue;
    if (isStale(holder, staleMs)) {
      await breakLock(lockFile, holder);
      continue;
    }
    if (Date.now() > deadline) throw new FileLockTimeout(lockFile, { pid: holder.pid, host: holder.host, since: new Date(holder.mtimeMs) });
    await sleep(wait / 2 + Math.random() * wait);
  }
  try {
    return await task();
  } finally {
    const current = await readLock(lockFile).catch(() => undefined);
    if (current?.nonce === nonce) await unlink(lockFile).catch(() => undefined);
  }
}
