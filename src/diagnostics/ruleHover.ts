import * as vscode from 'vscode';
import type { AnalysisEngine } from './analysisEngine';
import type { LiveDiagnostics } from './liveDiagnostics';

/**
 * Explains the rule behind a finding under the mouse (title, why it matters, documentation link).
 * Answers only on the ranges of our own diagnostics; VS Code shows the message itself above it.
 */
export class RuleHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly engine: AnalysisEngine,
    private readonly live: LiveDiagnostics,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const state = this.live.published(document.uri);
    const api = this.engine.api;
    if (!state || !api || state.version !== document.version) return undefined;
    const hits = state.findings.filter((f) => f.diagnostic.range.contains(position));
    const shown = new Set<string>();
    const sections: string[] = [];
    let range: vscode.Range | undefined;
    for (const { finding, diagnostic } of hits) {
      if (shown.has(finding.ruleId)) continue;
      shown.add(finding.ruleId);
      range = range ? range.union(diagnostic.range) : diagnostic.range;
      const meta = api.ruleMeta(finding.ruleId);
      const title = meta ? ` — ${meta.title}` : '';
      sections.push(
        [
          `**Redis Specialist: \`${finding.ruleId}\`**${title}`,
          meta?.why ?? finding.message,
          `[Rule documentation](${finding.docUrl}) · silence a line with \`// ${api.DISABLE_NEXT_LINE} ${finding.ruleId}\`, a file with \`/* redis-specialist-disable ${finding.ruleId} */\``,
        ].join('\n\n'),
      );
    }
    if (sections.length === 0) return undefined;
    const markdown = new vscode.MarkdownString(sections.join('\n\n---\n\n'));
    return new vscode.Hover(markdown, range);
  }
}
