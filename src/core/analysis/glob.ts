/**
 * Minimal glob matching for settings (test-file globs, include/exclude) and `.gitignore` lines.
 * Supports `**`, `*`, `?`, `{a,b}` and character classes; paths use `/` separators.
 */

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let out = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches everything below.
        const slashFollows = glob[i + 2] === '/';
        out += slashFollows ? '(?:.*/)?' : '.*';
        i += slashFollows ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '{') {
      inBraces++;
      out += '(?:';
    } else if (ch === '}' && inBraces > 0) {
      inBraces--;
      out += ')';
    } else if (ch === ',' && inBraces > 0) {
      out += '|';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) {
        out += '\\[';
      } else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else {
      out += ch.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  const re = new RegExp(`^${out}$`);
  cache.set(glob, re);
  return re;
}

/** Normalises Windows separators so globs written with `/` work everywhere. */
export function toPosixPath(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * True when `filePath` matches any glob. Globs without a `/` match the base name anywhere
 * (like `.gitignore` and ESLint), others match the path relative to the workspace or its tail.
 */
export function matchesAnyGlob(filePath: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const posix = toPosixPath(filePath);
  const base = posix.slice(posix.lastIndexOf('/') + 1);
  for (const glob of globs) {
    const re = globToRegExp(glob);
    if (!glob.includes('/')) {
      if (re.test(base)) return true;
      continue;
    }
    if (re.test(posix)) return true;
    // Absolute paths: try every suffix that starts at a directory boundary.
    for (let i = posix.indexOf('/'); i >= 0; i = posix.indexOf('/', i + 1)) {
      if (re.test(posix.slice(i + 1))) return true;
    }
  }
  return false;
}
