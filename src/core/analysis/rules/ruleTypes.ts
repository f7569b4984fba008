import type { CallFact, ClientFamily, CreationFact, ListenerFact, Pos, Span, WrapperSiteFact } from '../extract/facts';
import type { Confidence, ResolvedOptions, RuleId, Severity, SeveritySetting } from '../types';
import type { Collection } from '../clients/keyUse';

export interface RuleMeta {
  id: RuleId;
  /** Short title (SARIF shortDescription, docs heading). */
  title: string;
  /** Why it matters, in one sentence (hover text, SARIF fullDescription). */
  why: string;
  defaultSeverity: SeveritySetting;
  testSeverity: SeveritySetting;
  fixable: boolean;
  /** Its fixes may be applied in bulk ("Fix all in file") without review. */
  fixAllSafe: boolean;
  /** Judged from a connection's live keys next to the code (Key Patterns), never from one file alone. */
  fromData?: true;
}

export interface DraftEdit {
  start: Pos;
  end: Pos;
  newText: string;
}

export interface DraftFix {
  title: string;
  edits: DraftEdit[];
  isPreferred: boolean;
  needsReview?: boolean;
}

export interface Report {
  span: Span;
  message: string;
  confidence: Confidence;
  fixes?: DraftFix[];
  /** Highest severity allowed for this finding (e.g. `info` for deliberate no-TTL branches). */
  severityCap?: Severity;
}

export interface RuleContext {
  readonly text: string;
  readonly isTypeScript: boolean;
  /** All recognised Redis command calls, in execution order. */
  readonly calls: readonly CallFact[];
  readonly creations: readonly CreationFact[];
  readonly listeners: readonly ListenerFact[];
  /** Calls of the project's own key wrappers, with the commands they send (`setExpiration(key)` sends EXPIRE). */
  readonly wrapperSites?: readonly WrapperSiteFact[];
  readonly families: ReadonlySet<ClientFamily>;
  readonly options: ResolvedOptions;
  /** Does another file of the workspace shrink or expire a key this glob may name? (Unknown: no.) */
  shrunkElsewhere?(glob: string, collection?: Collection): boolean;
  /** Another file of the project attaches an error listener to this file's module-level client `local`. */
  listenedElsewhere?(local: string): boolean;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
