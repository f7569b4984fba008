import * as vscode from 'vscode';
import type { Finding, Severity, TextEdit, TextRange } from '../core/analysis';

/** The `source` of every diagnostic we publish (the Problems panel groups and filters by it). */
export const DIAGNOSTIC_SOURCE = 'Redis Specialist';

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Engine ranges carry 0-based lines and UTF-16 columns, the same units as VS Code. */
export function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
}

/** A finding as a diagnostic whose code links to the rule's documentation. */
export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITIES[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(finding.docUrl) };
  return diagnostic;
}

/** Engine edits (offsets into the analysed text, which must be the document's current text) as a WorkspaceEdit. */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { range, newText } of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(range.startOffset), document.positionAt(range.endOffset)), newText);
  }
  return edit;
}
