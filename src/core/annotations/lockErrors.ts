/** The lock's name and its timeout error: pure, so code the web build reaches can test for it. */
export interface LockHolder {
  readonly pid?: number;
  readonly host?: string;
  readonly since: Date;
}

export class FileLockTimeout extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(`${lockFile} is held${holder?.pid ? ` by process ${holder.pid}${holder.host ? ` on ${holder.host}` : ''}` : ''} since ${holder?.since.toISOString() ?? 'a moment ago'}`);
    this.name = 'FileLockTimeout';
  }
}

export const lockFileOf = (file: string) => `${file}.lock`;
