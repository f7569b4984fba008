/**
 * A simple `.gitignore` reader: comments, negation, trailing `/` for directories, anchored
 * patterns (containing `/`) and `*`, `**`, `?`. Each file's patterns apply below its directory.
 */
import { globToRegExp } from '../analysis/glob';

interface Pattern {
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
  anchored: boolean;
}

export interface IgnoreFile {
  /** Directory the file sits in (absolute, posix separators). */
  base: string;
  patterns: Pattern[];
}

export function parseGitignore(base: string, text: string): IgnoreFile {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    line = line.replace(/^\\([#!])/, '$1');
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (!line) continue;
    patterns.push({ re: globToRegExp(line), negate, dirOnly, anchored });
  }
  return { base, patterns };
}

/** True when the last matching pattern of the applicable files ignores `absPath`. */
export function isIgnored(files: readonly IgnoreFile[], absPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const file of files) {
    if (!absPath.startsWith(file.base + '/')) continue;
    const rel = absPath.slice(file.base.length + 1);
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    for (const p of file.patterns) {
      if (p.dirOnly && !isDir) continue;
      if (p.re.test(p.anchored ? rel : name)) ignored = !p.negate;
    }
  }
  return ignored;
}
