import { effectiveSeverity, isTestFile } from '../analysis/options';
import type { ResolvedOptions, RuleId, Severity } from '../analysis/types';
import { formatCount } from '../redis/bytes/formatCount';
import { formatBytes } from '../redis/keyspace/keyMetadata';
import type { CodePattern, PatternSite } from './patternIndex';
import type { LivePatternReport, LivePatternStats } from './livePatternStats';

/**
 * Code patterns next to what a live server holds: one row per pattern (from code, with its sites;
 * or inferred from data, with none), and the findings only the two together can make — keys the
 * code writes without a TTL that have none on the server, a TTL the code sets that most live keys
 * lack (old code or another service writes them), and types on the server the code never writes.
 */

export interface PatternRow {
  pattern: string;
  glob: string;
  inferred: boolean;
  code: CodePattern | null;
  live: LivePatternStats | null;
}

/** Each kind is a rule id (rules/dataRules.ts): settings and project configs turn it off or change its severity. */
export type DataFindingKind = Extract<RuleId, 'live-keys-without-ttl' | 'ttl-missing-on-live-keys' | 'live-type-mismatch'>;

export interface DataFinding {
  kind: DataFindingKind;
  pattern: string;
  message: string;
}

/** Rows of every code pattern (live stats when `live` is given), then the inferred ones. */
export function patternRows(code: readonly CodePattern[], live?: LivePatternReport): PatternRow[] {
  const byPattern = new Map((live?.patterns ?? []).filter((p) => !p.inferred).map((p) => [p.pattern, p]));
  const rows: PatternRow[] = code.map((c) => ({ pattern: c.pattern, glob: c.glob, inferred: false, code: c, live: live ? (byPattern.get(c.pattern) ?? null) : null }));
  for (const p of live?.patterns ?? []) if (p.inferred) rows.push({ pattern: p.pattern, glob: inferredGlob(p.pattern), inferred: true, code: null, live: p });
  return rows;
}

/** An inferred pattern's `*` segments are wildcards; other glob characters in it are literal. */
export function inferredGlob(pattern: string): string {
  return pattern.replace(/[?[\]\\]/g, (c) => `\\${c}`);
}

export type RowOrder = 'memory' | 'keys' | 'noTtl' | 'pattern';

/** Sorted copy: by memory, key count or keys without TTL (biggest first), or by name. */
export function sortRows(rows: readonly PatternRow[], order: RowOrder): PatternRow[] {
  const value = (r: PatternRow): number =>
    order === 'memory' ? (r.live?.memoryBytes ?? -1) : order === 'keys' ? (r.live?.keys ?? -1) : order === 'noTtl' ? (r.live ? r.live.keys - r.live.withTtl : -1) : 0;
  return [...rows].sort((a, b) => value(b) - value(a) || (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

/** Findings of code and data together; `server` names the connection in messages ("staging"). */
export function dataFindings(rows: readonly PatternRow[], server: string): DataFinding[] {
  const out: DataFinding[] = [];
  for (const { pattern, code, live } of rows) {
    if (!code || !live || live.keys === 0) continue;
    const without = live.keys - live.withTtl;
    const figures = `${formatCount(live.keys)} key${live.keys === 1 ? '' : 's'} on ${server}, ${without === live.keys ? 'none with a TTL' : `${formatCount(without)} without a TTL`}${live.memoryBytes > 0 ? `, ≈ ${formatBytes(live.memoryBytes)}` : ''}`;
    if (code.writtenWithoutTtl && without > 0) {
      out.push({ kind: 'live-keys-without-ttl', pattern, message: `${pattern} is written without a TTL (${sitesWithoutTtl(code)}): ${figures}.` });
    } else if (!code.writtenWithoutTtl && hasTtlWrites(code) && without * 2 > live.keys) {
      out.push({ kind: 'ttl-missing-on-live-keys', pattern, message: `${pattern}: the code sets a TTL, but most live keys have none (${figures}); older code or another service writes them.` });
    }
    const foreign = Object.keys(live.typesSeen).filter((t) => code.types.length > 0 && !code.types.includes(t));
    if (foreign.length > 0) {
      out.push({ kind: 'live-type-mismatch', pattern, message: `${pattern}: the code uses it as ${code.types.join('/')}, but ${server} holds ${foreign.join(', ')} keys under it (${foreign.map((t) => `${live.typesSeen[t]} of ${live.sampled} sampled`).join(', ')}).` });
    }
  }
  return out;
}

/** The sites of a pattern a data finding is shown at (in the editor) and judged by (rule settings, disable comments). */
export function shownAt(kind: DataFindingKind, site: PatternSite): boolean {
  switch (kind) {
    case 'live-keys-without-ttl':
      return site.ttl === 'none'; // the writes that leave keys without a TTL
    case 'ttl-missing-on-live-keys':
      return isTtlSetting(site); // the writes that set one (the data says something else writes the keys)
    case 'live-type-mismatch':
      return site.access === 'write' && site.type !== null;
  }
}

/** The severity of a data finding shown at `site` under the options of the site's file, or undefined when its rule is off there. */
export function dataFindingSeverity(kind: DataFindingKind, site: PatternSite, options: ResolvedOptions): Severity | undefined {
  return effectiveSeverity(kind, site.confidence, isTestFile(site.file, options), options);
}

/**
 * The findings whose rule is on at some site they are shown at and no disable comment silences there;
 * `optionsOf` gives the options of a site's file, `silenced` whether a comment silences the rule at a site.
 */
export async function enabledDataFindings(
  findings: readonly DataFinding[],
  rows: readonly PatternRow[],
  optionsOf: (file: string) => Promise<ResolvedOptions>,
  silenced: (site: PatternSite, kind: DataFindingKind) => Promise<boolean> = () => Promise.resolve(false),
): Promise<DataFinding[]> {
  const out: DataFinding[] = [];
  for (const finding of findings) {
    const sites = (rows.find((r) => r.pattern === finding.pattern && !r.inferred)?.code?.sites ?? []).filter((site) => shownAt(finding.kind, site));
    for (const site of sites) {
      if (!dataFindingSeverity(finding.kind, site, await optionsOf(site.file)) || (await silenced(site, finding.kind))) continue;
      out.push(finding);
      break;
    }
  }
  return out;
}

function hasTtlWrites(code: CodePattern): boolean {
  return code.sites.some(isTtlSetting);
}

function isTtlSetting(site: PatternSite): boolean {
  return site.ttl !== null && site.ttl !== 'none' && site.ttl !== 'unknown' && site.ttl !== 'KEEPTTL';
}

function sitesWithoutTtl(code: CodePattern): string {
  const sites = code.sites.filter((s) => s.ttl === 'none');
  const shown = sites.slice(0, 2).map((s) => `${s.command} at ${s.file}:${s.line + 1}`).join(', ');
  return sites.length > 2 ? `${shown} and ${sites.length - 2} more` : shown;
}
