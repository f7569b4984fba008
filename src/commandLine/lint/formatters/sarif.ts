/** `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps). */
import { RULES, type Severity } from '../../../core/analysis';
import type { FileFindings } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(files: readonly FileFindings[], toolVersion: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id as string, i]));
  const results = files.flatMap(({ file, findings }) =>
    findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.column + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.column + 1,
            },
          },
        },
      ],
      properties: { confidence: f.confidence, fixable: f.fixes.length > 0 },
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Redis Specialist',
            version: toolVersion,
            informationUri: 'https://github.com/redis-specialist/redis-specialist',
            rules: RULES.map(({ meta }) => ({
              id: meta.id,
              name: meta.id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: meta.title },
              fullDescription: { text: meta.why },
              helpUri: `https://github.com/redis-specialist/redis-specialist/blob/main/docs/rules.md#${meta.id}`,
              defaultConfiguration: { level: meta.defaultSeverity === 'off' ? 'none' : LEVEL[meta.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
