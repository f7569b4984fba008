/**
 * Public data types of the analyzer. Everything here is plain data (JSON-serialisable), so the
 * editor adapter, the CLI and tests can use findings without touching tree-sitter.
 *
 * Offsets are JS string indices (UTF-16 code units), the same unit as VS Code's
 * `document.offsetAt()`; lines and columns are 0-based, columns in UTF-16 code units.
 */
import type { KeySite } from './extract/keyTemplateTypes';

export const RULE_IDS = [
  'no-keys',
  'keys-on-cluster',
  'set-without-ttl',
  'setnx-lock-without-ttl',
  'non-atomic-expire',
  'set-clears-ttl',
  'no-flush',
  'unbounded-read',
  'client-per-call',
  'missing-error-listener',
  'dynamic-lua',
  'cluster-crossslot',
  'sequential-round-trips',
  'blocking-on-shared-client',
  'subscriber-reuse',
  'unbounded-growth',
  'unsafe-lock-release',
  'keys-in-lua',
  // Judged from live keys next to the code (Key Patterns), not from one file.
  'live-keys-without-ttl',
  'ttl-missing-on-live-keys',
  'live-type-mismatch',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** How sure we are that the receiver is a Redis client (see RULES.md, "confidence tiers"). */
export type Confidence = 'certain' | 'likely';

export interface Position {
  line: number;
  column: number;
}

export interface TextRange {
  start: Position;
  end: Position;
  startOffset: number;
  endOffset: number;
}

export interface TextEdit {
  range: TextRange;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor should offer first (VS Code `isPreferred`). */
  isPreferred: boolean;
  /** A refactor whose behaviour differs subtly (e.g. SCAN is not a snapshot): review before committing. */
  needsReview?: boolean;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  confidence: Confidence;
  range: TextRange;
  message: string;
  docUrl: string;
  fixes: Fix[];
}

/** Why a file produced no findings even though it was asked for. */
export interface AnalysisNote {
  kind: 'too-large' | 'parse-timeout' | 'rules-timeout' | 'parse-failed' | 'unsupported-language';
  message: string;
}

export interface AnalysisResult {
  fileName: string;
  findings: Finding[];
  notes: AnalysisNote[];
  /** Every key argument with a template, from the same parse (key patterns); absent when the file was skipped. */
  keySites?: KeySite[];
  /** The file's exports (clients, key helpers, constants) changed in the project index: files importing it may resolve differently. */
  exportsChanged?: boolean;
}

/** Rule settings and analyzer options (validated and filled by options.ts). */
export type SeveritySetting = Severity | 'off';

export interface RuleSetting {
  severity?: SeveritySetting;
  /** Severity in files matching `testFileGlobs`. */
  testSeverity?: SeveritySetting;
}

/** What callers (settings, CLI config) may pass; everything is optional. */
export interface AnalysisOptions {
  rules?: Partial<Record<RuleId, SeveritySetting | RuleSetting>>;
  testFileGlobs?: string[];
  /** Findings below this confidence are dropped. Default `likely` (report both tiers). */
  minConfidence?: Confidence;
  /** Severity of "likely" findings: one step lower than the rule's (default), the same, or fixed. */
  likelySeverity?: 'lower' | 'same' | Severity;
  /** Files longer than this (in characters) are skipped with a note. */
  maxFileSize?: number;
  /** node-redis major version for quick fixes (3: v2/v3's argument lists); `null` = unknown (version-agnostic fixes). */
  nodeRedisMajor?: NodeRedisMajor | null;
  /** A parse that takes longer is cancelled and reported as a note. */
  parseTimeoutMs?: number;
  /** Rules still to run when extraction and earlier rules took longer are skipped, with a note. */
  ruleTimeoutMs?: number;
}

/** node-redis majors whose API the fixes write: 3 (and 2) take options as tokens, 4 and 5 as objects. */
export type NodeRedisMajor = 3 | 4 | 5;

export interface ResolvedRuleSetting {
  severity: SeveritySetting;
  testSeverity: SeveritySetting;
}

export interface ResolvedOptions {
  rules: Record<RuleId, ResolvedRuleSetting>;
  testFileGlobs: string[];
  minConfidence: Confidence;
  likelySeverity: 'lower' | 'same' | Severity;
  maxFileSize: number;
  nodeRedisMajor: NodeRedisMajor | null;
  parseTimeoutMs: number;
  ruleTimeoutMs: number;
}

export type Grammar = 'typescript' | 'tsx' | 'javascript';

export const DOCS_BASE_URL = 'https://github.com/redis-specialist/redis-specialist/blob/main/docs/rules.md';

export function ruleDocUrl(ruleId: RuleId): string {
  return `${DOCS_BASE_URL}#${ruleId}`;
}

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
