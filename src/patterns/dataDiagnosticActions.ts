import * as vscode from 'vscode';
import { disableForLineFix, ruleDocUrl, type Finding, type RuleId } from '../core/analysis';
import { DIAGNOSTIC_SOURCE, toWorkspaceEdit } from '../diagnostics/findingDiagnostic';
import { DATA_RULE_IDS } from './dataDiagnostics';

const SEVERITIES: Record<vscode.DiagnosticSeverity, Finding['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/**
 * "Disable <rule> for this line" on a data diagnostic, the quick fix the analyzer's own diagnostics
 * offer last: the same edit (a `redis-specialist-disable-next-line` comment above the call, or the
 * rule added to the one already there), which the data diagnostics then honour.
 */
export class DataDiagnosticActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const ruleId = diagnostic.source === DIAGNOSTIC_SOURCE && typeof diagnostic.code === 'string' && DATA_RULE_IDS.has(diagnostic.code) ? (diagnostic.code as RuleId) : undefined;
      if (!ruleId) continue;
      const fix = disableForLineFix(text, asFinding(document, diagnostic, ruleId));
      if (fix.edits.length === 0) continue; // the line is already silenced for every rule
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = toWorkspaceEdit(document, fix.edits);
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
    return actions;
  }
}

/** The diagnostic as the analyzer's finding shape, which its "disable for this line" fix reads. */
function asFinding(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, ruleId: RuleId): Finding {
  const { start, end } = diagnostic.range;
  return {
    ruleId,
    severity: SEVERITIES[diagnostic.severity],
    confidence: 'certain',
    range: { start: { line: start.line, column: start.character }, end: { line: end.line, column: end.character }, startOffset: document.offsetAt(start), endOffset: document.offsetAt(end) },
    message: diagnostic.message,
    docUrl: ruleDocUrl(ruleId),
    fixes: [],
  };
}
