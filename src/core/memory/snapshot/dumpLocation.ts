import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where a server writes its dump file (`CONFIG GET dir` and `dbfilename`), and whether that file
 * is on this machine's disk: it is when the server runs here (or its directory is mounted here)
 * and the file there was written by the save just made — a file older than the save is someone
 * else's (a server in a container or on another machine wrote its own copy elsewhere).
 */

export interface DumpLocation {
  /** The server's working directory, as it reports it (its own file system). */
  dir: string;
  dbfilename: string;
  /** `dir` joined with `dbfilename` in the server's path syntax. */
  path: string;
}

/** Joins the server's `dir` and `dbfilename`: POSIX for `/…`, Windows for `C:\…`, else this machine's rules. */
export function dumpLocationOf(dir: string, dbfilename: string): DumpLocation {
  const rules = dir.startsWith('/') ? path.posix : /^[A-Za-z]:[\\/]|^\\\\/.test(dir) ? path.win32 : path;
  return { dir, dbfilename, path: rules.resolve(dir, dbfilename) };
}

export type DumpFileCheck =
  | { kind: 'fresh'; path: string; bytes: number }
  | { kind: 'missing'; path: string }
  | { kind: 'stale'; path: string; modifiedSeconds: number };

type Stat = (file: string) => { mtimeMs: number; size: number; isFile(): boolean };

/** Whether `file` exists here and was modified at or after `savedSinceSeconds` (the server's clock, in Unix seconds). */
export function checkDumpFile(file: string, savedSinceSeconds: number, stat: Stat = fs.statSync): DumpFileCheck {
  let info;
  try {
    info = stat(file);
  } catch {
    return { kind: 'missing', path: file };
  }
  if (!info.isFile()) return { kind: 'missing', path: file };
  const modifiedSeconds = Math.floor(info.mtimeMs / 1000);
  return modifiedSeconds >= savedSinceSeconds ? { kind: 'fresh', path: file, bytes: info.size } : { kind: 'stale', path: file, modifiedSeconds };
}

/** One sentence for a dump file this machine cannot read: where the server wrote it, and what to do. */
export function unreachableMessage(check: Exclude<DumpFileCheck, { kind: 'fresh' }>, server: string): string {
  const where = `${server} wrote its snapshot to ${check.path} on its own file system`;
  const why =
    check.kind === 'missing'
      ? 'that path does not exist on this machine'
      : `the file at that path here is older than the snapshot (modified ${new Date(check.modifiedSeconds * 1000).toISOString()})`;
  return `${where}, but ${why} (a remote server, a container or an SSH tunnel): copy the file here and analyze the copy with Analyze Dump File… (memory --rdb FILE).`;
}
