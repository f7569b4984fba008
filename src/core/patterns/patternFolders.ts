import type { RedisClient } from '../redis/connection/clientFactory';
import { KeyspaceBrowser } from '../redis/keyspace/keyspaceBrowser';
import type { CodePattern, PatternSite } from './patternIndex';
import { compileTemplate } from './patternMatcher';

/**
 * The key browser's folders from code: one folder per key pattern the workspace's code builds,
 * shown before any SCAN and scanned (`SCAN … MATCH glob`) only when opened. A pattern whose
 * literal text names nothing (`{?}`, `{a}{b}`, `:{id}`) would list nearly every key, so it is no
 * folder: its keys stay under "Other keys…" with every other key.
 */

export interface PatternFolder {
  /** The folder's label: the template of the merged pattern with the most call sites (`session:{id}`). */
  pattern: string;
  /** SCAN MATCH glob, with runs of `*` collapsed (`a:**` and `a:*` select the same keys). */
  glob: string;
  /** Every template its sites write, sorted (several when they differ only in their variable parts). */
  templates: string[];
  /** Call sites of all of them, sorted by file and line. */
  sites: PatternSite[];
}

export interface PatternFolderPlan {
  folders: PatternFolder[];
  /** Templates too broad to be a folder, sorted: their keys are browsed under "Other keys…". */
  tooBroad: string[];
}

/** Which patterns become folders, merged by glob and ordered by label (case-insensitively). */
export function planPatternFolders(patterns: readonly CodePattern[]): PatternFolderPlan {
  const byGlob = new Map<string, CodePattern[]>();
  const tooBroad = new Set<string>();
  for (const pattern of patterns) {
    if (isTooBroad(pattern.pattern)) {
      tooBroad.add(pattern.pattern);
      continue;
    }
    const glob = collapseStars(pattern.glob);
    byGlob.set(glob, [...(byGlob.get(glob) ?? []), pattern]);
  }
  const folders = [...byGlob].map(([glob, merged]): PatternFolder => {
    const label = [...merged].sort((a, b) => b.sites.length - a.sites.length || a.pattern.length - b.pattern.length || compareText(a.pattern, b.pattern))[0];
    const sites = merged.flatMap((p) => p.sites).sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
    return { pattern: label.pattern, glob, templates: [...new Set(sites.map((s) => s.template))].sort(compareText), sites };
  });
  folders.sort((a, b) => compareText(a.pattern.toLowerCase(), b.pattern.toLowerCase()) || compareText(a.pattern, b.pattern));
  return { folders, tooBroad: [...tooBroad].sort(compareText) };
}

/**
 * True when the template's literal text has no letter or digit: its glob (`*`, `*:*`) matches
 * (nearly) every key, so a folder of it would be the whole keyspace again.
 */
export function isTooBroad(template: string): boolean {
  let pieces: Buffer[];
  try {
    pieces = compileTemplate(template).pieces;
  } catch {
    return true; // not a template the browser can match
  }
  return !/[\p{L}\p{N}]/u.test(pieces.map((p) => p.toString('utf8')).join(''));
}

/**
 * The one key a folder names when its template has no variable part (`queue:emails`): looked up
 * directly (TYPE), since SCAN MATCH would walk the whole keyspace to find one key.
 */
export function literalKeyOf(folder: Pick<PatternFolder, 'pattern'>): Buffer | undefined {
  const { pieces } = compileTemplate(folder.pattern);
  return pieces.length === 1 ? pieces[0] : undefined;
}

/** `a:**` → `a:*` (escaped stars stay: `a\**` is a literal `*` and then any bytes). */
export function collapseStars(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      out += c + glob[++i];
      continue;
    }
    if (c === '*' && out.endsWith('*') && !endsEscaped(out)) continue;
    out += c;
  }
  return out;
}

/** Whether the last character of `text` is escaped by an odd run of backslashes before it. */
function endsEscaped(text: string): boolean {
  let slashes = 0;
  for (let i = text.length - 2; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/**
 * The browser of one pattern folder: its keys in one flat list (no delimiter: a pattern's keys
 * are its folder), filled by `SCAN … MATCH glob` — on a Cluster on every master — one load at a
 * time under the caller's budget and signal, with "Load more…" continuing the same cursor.
 */
export function patternFolderBrowser(client: RedisClient, glob: string, options: { count?: number } = {}): KeyspaceBrowser {
  return new KeyspaceBrowser(client, { delimiter: '', ...(options.count ? { count: options.count } : {}), filter: { pattern: { kind: 'glob', pattern: Buffer.from(glob, 'utf8') } } });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
