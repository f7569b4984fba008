/** Runs the enabled rules over a file's facts and turns their reports into findings. */
import { EXPIRE_COMMANDS, SCAN_COMMANDS, WRITE_COMMANDS } from '../extract/commands';
import { SUBSCRIBE_COMMANDS } from '../extract/ruleCommands';
import type { CallFact, ClientFamily, CreationFact, EntryFacts, ListenerFact, Span, SuppressionFact, WrapperSiteFact } from '../extract/facts';
import type { Collection } from '../clients/keyUse';
import { type ResolvedOptions, effectiveSeverity } from '../options';
import { RULES } from '../rules';
import type { DraftEdit, DraftFix, Report, RuleContext } from '../rules/ruleTypes';
import { type Finding, type Fix, type TextEdit, type TextRange, ruleDocUrl } from '../types';

export interface FileFacts {
  /** The whole text, read only by the rules that need it (an edited document joins its pieces then). */
  text(): string;
  isTypeScript: boolean;
  families: ReadonlySet<ClientFamily>;
  parts: readonly EntryFacts[];
  shrunkElsewhere?: (glob: string, collection?: Collection) => boolean;
  /** Does another file attach an error listener to this file's module-level client `local` (see workspaceListeners.ts)? */
  listenedElsewhere?: (local: string) => boolean;
}

export interface RulesOutcome {
  findings: Finding[];
  /** Rules not run because the rules before them used up `ruleTimeoutMs`. */
  skipped: string[];
  /** The findings of each rule that ran or was reused. */
  byRule: Map<string, Finding[]>;
}

/** `reuse`: findings of rules known to be unchanged (see ruleCache.ts); those rules are not run. */
export function runRules(file: FileFacts, options: ResolvedOptions, inTestFile: boolean, reuse?: ReadonlyMap<string, Finding[]>): RulesOutcome {
  const deadline = performance.now() + options.ruleTimeoutMs;
  const skipped: string[] = [];
  // Gathered once, when the first rule that is not reused runs (a keystroke outside Redis code reuses them all).
  let gathered: ReturnType<typeof gather> | undefined;
  const findings: Finding[] = [];
  const byRule = new Map<string, Finding[]>();
  for (const rule of RULES) {
    const setting = options.rules[rule.meta.id];
    if ((inTestFile ? setting.testSeverity : setting.severity) === 'off') continue;
    const reused = reuse?.get(rule.meta.id);
    if (reused) {
      findings.push(...reused);
      byRule.set(rule.meta.id, reused);
      continue;
    }
    // A bound on the whole run, checked between rules (each rule is linear in the file's calls).
    if (performance.now() > deadline) {
      skipped.push(rule.meta.id);
      continue;
    }
    const own: Finding[] = [];
    byRule.set(rule.meta.id, own);
    const { calls, creations, listeners, suppressions, wrapperSites } = (gathered ??= gather(file.parts));
    const report = (r: Report): void => {
      const severity = effectiveSeverity(rule.meta.id, r.confidence, inTestFile, options, r.severityCap);
      if (!severity || isSuppressed(suppressions, r.span.start.line, rule.meta.id)) return;
      own.push({
        ruleId: rule.meta.id,
        severity,
        confidence: r.confidence,
        range: toRange(r.span),
        message: r.message,
        docUrl: ruleDocUrl(rule.meta.id),
        fixes: (r.fixes ?? []).map(toFix),
      });
    };
    rule.check(new RuleInput(file, { calls, creations, listeners, wrapperSites }, options, report));
    findings.push(...own);
  }
  findings.sort((a, b) => a.range.startOffset - b.range.startOffset || a.ruleId.localeCompare(b.ruleId));
  return { findings, skipped, byRule };
}

/** What a rule reads: one shape for every rule and file, the text taken from the file only when a rule asks for it. */
class RuleInput implements RuleContext {
  readonly isTypeScript: boolean;
  readonly calls: readonly CallFact[];
  readonly creations: readonly CreationFact[];
  readonly listeners: readonly ListenerFact[];
  readonly wrapperSites: readonly WrapperSiteFact[];
  readonly families: ReadonlySet<ClientFamily>;
  readonly shrunkElsewhere?: (glob: string, collection?: Collection) => boolean;
  readonly listenedElsewhere?: (local: string) => boolean;

  constructor(
    private readonly file: FileFacts,
    facts: Pick<RuleContext, 'calls' | 'creations' | 'listeners'> & { wrapperSites: readonly WrapperSiteFact[] },
    readonly options: ResolvedOptions,
    readonly report: (report: Report) => void,
  ) {
    this.isTypeScript = file.isTypeScript;
    this.calls = facts.calls;
    this.creations = facts.creations;
    this.listeners = facts.listeners;
    this.wrapperSites = facts.wrapperSites;
    this.families = file.families;
    this.shrunkElsewhere = file.shrunkElsewhere;
    this.listenedElsewhere = file.listenedElsewhere;
  }

  get text(): string {
    return this.file.text();
  }
}

function gather(parts: readonly EntryFacts[]) {
  // A wrapper method that only exposes a command is not a use of it: its callers choose the
  // connection and the collection, and are checked where they call it. KEYS is wrong whoever asks,
  // a write's TTL is judged where the write is (a deliberate no-TTL branch at info), a SCAN covers
  // the nodes of the connection the wrapper holds (one node of a Cluster), and a SUBSCRIBE puts that
  // connection in subscriber mode (a pub/sub class's own `subscribe(channel)`).
  const calls = parts
    .flatMap((p) => p.calls)
    .filter((c) => !c.passThrough || c.command === 'keys' || SCAN_COMMANDS.has(c.command) || WRITE_COMMANDS.has(c.command) || EXPIRE_COMMANDS.has(c.command) || SUBSCRIBE_COMMANDS.has(c.command))
    .sort((a, b) => a.order - b.order);
  const wrapperSites = parts.flatMap((p) => p.wrapperSites ?? []);
  return { calls, creations: parts.flatMap((p) => p.creations), listeners: parts.flatMap((p) => p.listeners), suppressions: suppressionIndex(parts.flatMap((p) => p.suppressions)), wrapperSites };
}

/** Suppressed rule ids by line; file-wide directives are kept under line -1. */
function suppressionIndex(list: SuppressionFact[]): Map<number, Array<string[] | null>> {
  const byLine = new Map<number, Array<string[] | null>>();
  for (const s of list) {
    const line = s.applies === 'file' ? FILE_WIDE : s.applies === 'line' ? s.comment.start.line : s.comment.end.line + 1;
    const entry = byLine.get(line) ?? [];
    entry.push(s.ruleIds);
    byLine.set(line, entry);
  }
  return byLine;
}

const FILE_WIDE = -1;

function isSuppressed(index: Map<number, Array<string[] | null>>, line: number, ruleId: string): boolean {
  const matches = (ids: string[] | null): boolean => ids === null || ids.includes(ruleId);
  return (index.get(line) ?? []).some(matches) || (index.get(FILE_WIDE) ?? []).some(matches);
}

export function toRange(span: Span): TextRange {
  return {
    start: { line: span.start.line, column: span.start.column },
    end: { line: span.end.line, column: span.end.column },
    startOffset: span.start.offset,
    endOffset: span.end.offset,
  };
}

function toEdit(edit: DraftEdit): TextEdit {
  return { range: toRange({ start: edit.start, end: edit.end }), newText: edit.newText };
}

function toFix(fix: DraftFix): Fix {
  const out: Fix = { title: fix.title, edits: fix.edits.map(toEdit), isPreferred: fix.isPreferred };
  if (fix.needsReview) out.needsReview = true;
  return out;
}
