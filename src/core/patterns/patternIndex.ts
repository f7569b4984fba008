import type { KeySite } from '../analysis/extract/keyTemplateTypes';
import { compileTemplate } from './patternMatcher';

/**
 * Key patterns from code: the key sites of every file (from the analyzer's own parse), merged into
 * one pattern per SCAN glob — `session:{id}` and `session:{sessionId}` are the same keys — with the
 * findings that need several sites: sites that disagree on the TTL or on the key's type.
 * Incremental: a file's sites are replaced as a whole when it is re-analysed.
 */

export interface PatternSite extends KeySite {
  /** The file as the caller named it (relative to the workspace folder or working directory). */
  file: string;
}

export type PatternFindingKind = 'ttl-disagreement' | 'type-mismatch';

export interface PatternFinding {
  kind: PatternFindingKind;
  message: string;
  /** The sites the finding is about (those on the minority side first). */
  sites: PatternSite[];
}

export interface CodePattern {
  /** The template most sites write (`session:{id}`). */
  pattern: string;
  glob: string;
  /** Sorted by file, then line. */
  sites: PatternSite[];
  /** Types the commands imply (`string`, `hash`), sorted. */
  types: string[];
  /** Some write site leaves the keys without a TTL. */
  writtenWithoutTtl: boolean;
  findings: PatternFinding[];
}

/** TTL policies that give the key a TTL (KEEPTTL keeps one; `unknown` may or may not). */
const SETS_TTL = new Set(['EX', 'PX', 'EXAT', 'PXAT', 'EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);
/** Commands that replace a key's TTL: written without an option, the key loses its TTL. */
const REPLACES_TTL = new Set(['SET', 'SETNX', 'GETSET', 'MSET', 'MSETNX']);

export class PatternIndex {
  private readonly files = new Map<string, PatternSite[]>();
  private cached: CodePattern[] | undefined;
  /** Bumped on every change (views refresh on it). */
  version = 0;

  /** Replaces the sites of `file` (an empty list removes it). */
  setFile(file: string, sites: readonly KeySite[]): void {
    const previous = this.files.get(file);
    const next = sites.map((s) => ({ ...s, file }));
    if (previous && sameSites(previous, next)) return;
    if (next.length === 0 && !previous) return;
    if (next.length === 0) this.files.delete(file);
    else this.files.set(file, next);
    this.cached = undefined;
    this.version++;
  }

  removeFile(file: string): void {
    this.setFile(file, []);
  }

  clear(): void {
    this.files.clear();
    this.cached = undefined;
    this.version++;
  }

  get fileCount(): number {
    return this.files.size;
  }

  patterns(): CodePattern[] {
    this.cached ??= buildPatterns([...this.files.values()].flat());
    return this.cached;
  }

  /** The pattern a site of `file` at `line` (0-based) belongs to, per site on that line. */
  patternsAt(file: string, line: number): CodePattern[] {
    return this.patterns().filter((p) => p.sites.some((s) => s.file === file && s.line === line));
  }
}

export function buildPatterns(sites: readonly PatternSite[]): CodePattern[] {
  const byGlob = new Map<string, PatternSite[]>();
  for (const site of sites) {
    let glob: string;
    try {
      glob = compileTemplate(site.template).glob;
    } catch {
      continue; // not a template we can match (should not come from the analyzer)
    }
    const list = byGlob.get(glob);
    if (list) list.push(site);
    else byGlob.set(glob, [site]);
  }
  const out: CodePattern[] = [];
  for (const [glob, list] of byGlob) {
    list.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
    const types = [...new Set(list.map((s) => s.type).filter((t): t is string => t !== null))].sort();
    const pattern = mostCommonTemplate(list);
    out.push({ pattern, glob, sites: list, types, writtenWithoutTtl: list.some((s) => s.ttl === 'none'), findings: findingsOf(pattern, list, types) });
  }
  return out.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

function mostCommonTemplate(sites: readonly PatternSite[]): string {
  const counts = new Map<string, number>();
  for (const s of sites) counts.set(s.template, (counts.get(s.template) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1))[0][0];
}

function findingsOf(pattern: string, sites: readonly PatternSite[], types: readonly string[]): PatternFinding[] {
  const out: PatternFinding[] = [];
  const withTtl = sites.filter((s) => s.ttl !== null && SETS_TTL.has(s.ttl) && !s.command.includes('EXPIRE'));
  const without = sites.filter((s) => s.ttl === 'none' && REPLACES_TTL.has(s.command));
  if (withTtl.length > 0 && without.length > 0) {
    out.push({
      kind: 'ttl-disagreement',
      message: `${pattern}: written with a TTL at ${count(withTtl.length, 'site')} but without one at ${without.length} (${where(without)}); keys written there never expire.`,
      sites: [...without, ...withTtl],
    });
  }
  if (types.length > 1) {
    const byType = types.map((t) => `${t} (${where(sites.filter((s) => s.type === t))})`);
    out.push({
      kind: 'type-mismatch',
      message: `${pattern}: sites use the keys as different types: ${byType.join(', ')}; one of them fails with WRONGTYPE.`,
      sites: sites.filter((s) => s.type !== null),
    });
  }
  return out;
}

function where(sites: readonly PatternSite[]): string {
  const shown = sites.slice(0, 3).map((s) => `${s.command} at ${s.file}:${s.line + 1}`);
  return sites.length > 3 ? `${shown.join(', ')} and ${sites.length - 3} more` : shown.join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function sameSites(a: readonly PatternSite[], b: readonly PatternSite[]): boolean {
  return a.length === b.length && a.every((s, i) => s.template === b[i].template && s.line === b[i].line && s.column === b[i].column && s.command === b[i].command && s.ttl === b[i].ttl);
}
