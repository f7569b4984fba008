import path from 'node:path';

/**
 * Reading OpenSSH client configuration files (`ssh_config(5)`) into directives, with `Include`
 * followed. Matching and value resolution are in sshConfig.ts.
 */

/** One `Keyword value…` line, with where it came from (for messages). */
export interface ConfigLine {
  /** Lower-case keyword. */
  keyword: string;
  args: string[];
  file: string;
  line: number;
}

/** What the parser needs from the file system (the real one in production, a map in tests). */
export interface ConfigFileSystem {
  /** The file's text, or undefined when it does not exist. */
  readFile(file: string): string | undefined;
  /** The files matching a glob pattern (`*`, `?` in any path segment), sorted. */
  glob(pattern: string): string[];
}

/** Splits a line into words as OpenSSH does: whitespace or one `=` separate, double quotes group. */
export function splitConfigLine(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quoted = false;
  let inWord = false;
  let separatorSeen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') quoted = false;
      else current += ch;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      inWord = true;
      continue;
    }
    // Only the first `=` separates the keyword from its value (`Host=a`, `Port = 22`).
    const keywordEquals = ch === '=' && !separatorSeen && ((words.length === 0 && inWord) || (words.length === 1 && !inWord));
    const isSeparator = ch === ' ' || ch === '\t' || keywordEquals;
    if (isSeparator) {
      if (ch === '=') separatorSeen = true;
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    if (ch === '#' && !inWord) break;
    current += ch;
    inWord = true;
  }
  if (quoted) throw new Error('an unterminated quote');
  if (inWord) words.push(current);
  return words;
}

export interface ParseOptions {
  fs: ConfigFileSystem;
  /** The user's home folder, for `~`. */
  homeDir: string;
  /** Where relative Include paths start: ~/.ssh for the user's configuration. */
  includeBase: string;
}

const MAX_INCLUDE_DEPTH = 16;

/**
 * Every directive of `file` in order, with `Include`d files spliced in where they appear (OpenSSH
 * reads them in place, so their Host lines change the matching state of what follows).
 */
export function readConfigLines(file: string, options: ParseOptions, depth = 0): ConfigLine[] {
  if (depth > MAX_INCLUDE_DEPTH) throw new Error(`The SSH configuration includes itself too deeply (at ${file}).`);
  const text = options.fs.readFile(file);
  if (text === undefined) return []; // as OpenSSH: no file, nothing to apply
  const out: ConfigLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNumber = index + 1;
    let words: string[];
    try {
      words = splitConfigLine(raw.trim());
    } catch (error) {
      throw new Error(`Line ${lineNumber} of ${file} has ${(error as Error).message}.`);
    }
    if (words.length === 0) return;
    const keyword = words[0].toLowerCase();
    const args = words.slice(1);
    if (keyword === 'include') {
      if (args.length === 0) throw new Error(`Line ${lineNumber} of ${file}: Include needs a file name.`);
      for (const pattern of args) {
        for (const included of options.fs.glob(includePath(pattern, options))) out.push(...readConfigLines(included, options, depth + 1));
      }
      return;
    }
    out.push({ keyword, args, file, line: lineNumber });
  });
  return out;
}

/** `~` is the home folder; a relative path starts in ~/.ssh (or /etc/ssh for the system file). */
function includePath(pattern: string, options: ParseOptions): string {
  const expanded = expandTilde(pattern, options.homeDir);
  return path.isAbsolute(expanded) ? expanded : path.join(options.includeBase, expanded);
}

export function expandTilde(value: string, homeDir: string): string {
  if (value === '~') return homeDir;
  if (value.startsWith('~/')) return path.join(homeDir, value.slice(2));
  return value;
}
