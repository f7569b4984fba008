import * as vscode from 'vscode';
import type { Fix } from '../core/analysis';
import type { AnalysisEngine, EngineApi } from './analysisEngine';
import { toWorkspaceEdit } from './findingDiagnostic';
import type { AnalysedState, LiveDiagnostics, PublishedFinding } from './liveDiagnostics';

/** `source.fixAll.redisSpecialist`: every safe fix at once (e.g. `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('redisSpecialist');

/**
 * Quick fixes for our diagnostics, in the order Ctrl+. should show them: each rule's own fixes first
 * (the preferred one focused; rewrites that need review say so in their title), then "Fix all … in
 * this file" where the engine deems it safe, and "Disable … for this line" last. Everything is a
 * quick fix: a refactor kind would sort our fix among the language server's refactorings. Edits are
 * offsets into the analysed text, so the document is re-analysed first when it changed since the
 * diagnostics were published.
 */
export class RedisCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly engine: AnalysisEngine,
    private readonly live: LiveDiagnostics,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const state = await this.live.current(document);
    const api = this.engine.api;
    if (!state || !api) return [];
    // `source.fixAll` (any linter's, e.g. on save), `source` or ours exactly: the whole-file fix only.
    if (context.only?.contains(FIX_ALL_KIND)) return this.sourceFixAll(api, document, state);
    const actions: vscode.CodeAction[] = [];
    const inRange = state.findings.filter((f) => f.diagnostic.range.intersection(range) !== undefined);
    for (const published of inRange) actions.push(...published.finding.fixes.map((fix) => this.fixAction(document, published, fix)));
    const fixAllOffered = new Set<string>();
    for (const published of inRange) {
      if (fixAllOffered.has(published.finding.ruleId)) continue;
      fixAllOffered.add(published.finding.ruleId);
      const fixAll = this.fixAllForRule(api, document, state, published);
      if (fixAll) actions.push(fixAll);
    }
    for (const published of inRange) {
      const disable = this.disableAction(api, document, state, published);
      if (disable) actions.push(disable);
    }
    return context.only ? actions.filter((a) => a.kind && context.only?.contains(a.kind)) : actions;
  }

  private fixAction(document: vscode.TextDocument, { diagnostic }: PublishedFinding, fix: Fix): vscode.CodeAction {
    // A rewrite that changes behaviour subtly (SCAN is not a snapshot) says "review" in its title.
    const title = fix.needsReview && !/\breview\b/i.test(fix.title) ? `${fix.title} (review before committing)` : fix.title;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = toWorkspaceEdit(document, fix.edits);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.isPreferred;
    return action;
  }

  /** Offered when the rule has several safe fixes in the file (for one, the fix itself is the same edit). */
  private fixAllForRule(api: EngineApi, document: vscode.TextDocument, state: AnalysedState, { finding }: PublishedFinding): vscode.CodeAction | undefined {
    const findings = state.findings.map((f) => f.finding);
    const result = api.fixAll(state.text, findings, { ruleId: finding.ruleId });
    if (result.fixed.length < 2) return undefined;
    const action = new vscode.CodeAction(`Fix all ${finding.ruleId} problems in this file`, vscode.CodeActionKind.QuickFix);
    action.edit = toWorkspaceEdit(document, result.edits);
    action.diagnostics = state.findings.filter((f) => result.fixed.includes(f.finding)).map((f) => f.diagnostic);
    return action;
  }

  private sourceFixAll(api: EngineApi, document: vscode.TextDocument, state: AnalysedState): vscode.CodeAction[] {
    const result = api.fixAll(state.text, state.findings.map((f) => f.finding));
    if (result.edits.length === 0) return [];
    const action = new vscode.CodeAction('Fix all safely fixable Redis problems', FIX_ALL_KIND);
    action.edit = toWorkspaceEdit(document, result.edits);
    return [action];
  }

  private disableAction(api: EngineApi, document: vscode.TextDocument, state: AnalysedState, { finding, diagnostic }: PublishedFinding): vscode.CodeAction | undefined {
    const fix = api.disableForLineFix(state.text, finding, document.languageId === 'lua' ? '--' : '//');
    if (fix.edits.length === 0) return undefined; // the line is already silenced for every rule
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = toWorkspaceEdit(document, fix.edits);
    action.diagnostics = [diagnostic];
    return action;
  }
}
