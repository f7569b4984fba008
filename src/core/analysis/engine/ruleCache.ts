/**
 * Reuses the findings of rules whose input did not change since the last analysis. Most keystrokes
 * land outside Redis code: the statements around them are re-extracted, every other statement keeps
 * its facts (the same objects, shifted in place), so a rule that reads nothing but facts, client
 * families and options reports what it reported before, moved by the edits. Rules whose fixes read
 * only the text of the call's own function (names not yet used there, its lines) and the file's
 * indent unit are reused too while every call sits in a function: facts that stayed the same objects
 * mean no edit touched those functions. Rules that read the whole file (the hoist fix) or the
 * workspace (unbounded-growth) run again, unless they reported nothing on the same facts while no other
 * file published anything since.
 */
import type { ClientFamily, EntryFacts } from '../extract/facts';
import type { ResolvedOptions } from '../options';
import type { Finding, Fix, TextEdit, TextRange } from '../types';
import type { TextEditInfo } from './entries';

/**
 * Rules whose findings (fixes included) depend only on the facts, the families and the options.
 * (blocking-on-shared-client and subscriber-reuse read the text of a call's own function, which is
 * part of its unchanged statement.) A rule not listed here is always run.
 */
export const FACTS_ONLY_RULES: ReadonlySet<string> = new Set([
  'set-without-ttl',
  'setnx-lock-without-ttl',
  'set-clears-ttl',
  'no-flush',
  'unbounded-read',
  'missing-error-listener',
  'dynamic-lua',
  'cluster-crossslot',
  'blocking-on-shared-client',
  'subscriber-reuse',
  'unsafe-lock-release',
  'keys-in-lua',
]);

/** Rules whose fixes read the text of the call's own function and the file's indent unit, nothing else of the file. */
export const SCOPED_RULES: ReadonlySet<string> = new Set(['no-keys', 'keys-on-cluster', 'sequential-round-trips', 'non-atomic-expire']);

/** Reused rules whose messages name the line of another call ("… on line 12"): reused only while no line moved. */
const NAMES_LINES: ReadonlySet<string> = new Set(['set-without-ttl', 'blocking-on-shared-client', 'set-clears-ttl', 'subscriber-reuse', 'unsafe-lock-release', 'non-atomic-expire']);

interface Snapshot {
  parts: readonly EntryFacts[];
  /** What the other files of the workspace had published (see KeyUseIndex.versionExcept). */
  workspace: string;
  families: string;
  options: ResolvedOptions;
  /** The file's indent unit, which the scoped rules' fixes write with. */
  indent: string;
  byRule: ReadonlyMap<string, Finding[]>;
}

export class RuleCache {
  private last: Snapshot | null = null;
  /** Edits since `last`, in order, each against the text the previous one produced. */
  private edits: TextEditInfo[] = [];

  noteEdit(edit: TextEditInfo): void {
    if (this.last) this.edits.push(edit);
  }

  clear(): void {
    this.last = null;
    this.edits = [];
  }

  /**
   * The findings each facts-only rule gave last time, moved to the current text; undefined when
   * nothing can be reused (other facts or options, or an edit touching a finding or one of its fixes).
   */
  reusable(parts: readonly EntryFacts[], families: ReadonlySet<ClientFamily>, options: ResolvedOptions, indent: string, workspace: string): ReadonlyMap<string, Finding[]> | undefined {
    const last = this.last;
    if (!last || last.options !== options || last.families !== familiesKey(families) || !sameParts(last.parts, parts)) return undefined;
    const indentChanged = last.indent !== indent;
    const workspaceChanged = last.workspace !== workspace;
    if (this.edits.length === 0 && !indentChanged && !workspaceChanged) return last.byRule;
    const linesMoved = this.edits.some((e) => e.newEndPos.line !== e.oldEndPos.line);
    // A disable-line or disable-next-line comment may now be on another line than what it silenced.
    if (linesMoved && parts.some((p) => p.suppressions.some((x) => x.applies !== 'file'))) return undefined;
    const moved = new Map<string, Finding[]>();
    for (const [ruleId, findings] of last.byRule) {
      if ((linesMoved && NAMES_LINES.has(ruleId)) || (indentChanged && SCOPED_RULES.has(ruleId))) continue;
      if (workspaceChanged && !FACTS_ONLY_RULES.has(ruleId) && !SCOPED_RULES.has(ruleId)) continue;
      const list: Finding[] = [];
      for (const finding of findings) {
        const shifted = shiftFinding(finding, this.edits);
        if (!shifted) return undefined;
        list.push(shifted);
      }
      moved.set(ruleId, list);
    }
    return moved;
  }

  /** What the rules gave on `parts` (only the facts-only rules' findings are kept). */
  remember(parts: readonly EntryFacts[], families: ReadonlySet<ClientFamily>, options: ResolvedOptions, byRule: ReadonlyMap<string, Finding[]>, indent: string, workspace: string): void {
    const kept = new Map<string, Finding[]>();
    // A module-level call's fix reads the whole file (names in use): only calls in functions keep scoped rules reusable.
    const scoped = parts.every((p) => p.calls.every((c) => c.scope !== null));
    // Any other rule reads the text or the workspace only for what it reports: with nothing to report on these
    // facts, it has nothing while they and the other files stay as they are.
    for (const [ruleId, findings] of byRule) if (FACTS_ONLY_RULES.has(ruleId) || (scoped && SCOPED_RULES.has(ruleId)) || findings.length === 0) kept.set(ruleId, findings);
    this.last = { parts, families: familiesKey(families), options, indent, workspace, byRule: kept };
    this.edits = [];
  }
}

function familiesKey(families: ReadonlySet<ClientFamily>): string {
  return [...families].sort().join(',');
}

function sameParts(a: readonly EntryFacts[], b: readonly EntryFacts[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function shiftFinding(finding: Finding, edits: readonly TextEditInfo[]): Finding | null {
  const range = shiftRange(finding.range, edits);
  if (!range) return null;
  const fixes: Fix[] = [];
  for (const fix of finding.fixes) {
    const edits2: TextEdit[] = [];
    for (const edit of fix.edits) {
      const moved = shiftRange(edit.range, edits);
      if (!moved) return null;
      edits2.push({ ...edit, range: moved });
    }
    fixes.push({ ...fix, edits: edits2 });
  }
  return { ...finding, range, fixes };
}

/** The range moved through each edit in turn; null when an edit touches or overlaps it. */
export function shiftRange(range: TextRange, edits: readonly TextEditInfo[]): TextRange | null {
  let { start, end, startOffset, endOffset } = range;
  for (const edit of edits) {
    if (endOffset < edit.start) continue;
    if (startOffset <= edit.oldEnd) return null;
    const delta = edit.newEnd - edit.oldEnd;
    const lines = edit.newEndPos.line - edit.oldEndPos.line;
    const columns = edit.newEndPos.column - edit.oldEndPos.column;
    const move = (p: { line: number; column: number }): { line: number; column: number } => ({
      line: p.line + lines,
      column: p.line === edit.oldEndPos.line ? p.column + columns : p.column,
    });
    start = move(start);
    end = move(end);
    startOffset += delta;
    endOffset += delta;
  }
  return { start, end, startOffset, endOffset };
}
