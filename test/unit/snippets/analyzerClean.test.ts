// Our own analyzer must find nothing in the patterns we ship: a snippet that trips a rule would teach the
// very habit the rule warns about. The controls prove the analyzer runs on these file names and options.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Analyzer, wasmLocationFromNodeModules, type AnalysisOptions } from '../../../src/core/analysis';
import { PATTERNS, SNIPPET_CLIENTS, defaultText, type SnippetClient } from '../../../src/core/snippets/catalog';
import { findSnippet, parseSnippetFile } from '../../../src/core/snippets/snippetFile';
import { SNIPPET_FILE } from '../../../scripts/build-snippets';

/** Every rule at its default severity, "likely" findings included: the strictest view a user can get by default. */
const OPTIONS: AnalysisOptions = { minConfidence: 'likely', nodeRedisMajor: 5 };

const NODE_REDIS_KEYS =
  "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\nexport async function all(): Promise<string[]> {\n  return client.keys('*');\n}\n";
const BAD_CODE: Record<SnippetClient, string> = {
  ioredis: "import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function all(): Promise<string[]> {\n  return redis.keys('*');\n}\n",
  'node-redis': NODE_REDIS_KEYS,
  'node-redis-v4': NODE_REDIS_KEYS,
};

/** A snippet with its guard removed must be reported: proves the analyzer understands the snippets' receivers. */
const UNGUARDED: { id: string; client: SnippetClient; guard: string; rule: string }[] = [
  { id: 'session-store', client: 'ioredis', guard: '// redis-specialist-disable-next-line unbounded-read\n', rule: 'unbounded-read' },
  { id: 'session-store', client: 'node-redis', guard: '// redis-specialist-disable-next-line unbounded-read\n', rule: 'unbounded-read' },
  { id: 'lock', client: 'ioredis', guard: "'PX', this.ttlMs, ", rule: 'setnx-lock-without-ttl' },
  { id: 'lock', client: 'node-redis', guard: "expiration: { type: 'PX', value: this.ttlMs },", rule: 'setnx-lock-without-ttl' },
  { id: 'lock', client: 'node-redis-v4', guard: ', PX: this.ttlMs', rule: 'setnx-lock-without-ttl' },
];

/** Where a user would keep the snippet: a source file, not a test file (tests get milder severities). */
function fileNameFor(id: string, client: SnippetClient): string {
  return `src/redis/${id}.${client}.ts`;
}

describe('shipped pattern snippets', () => {
  let analyzer: Analyzer;
  const snippets = parseSnippetFile(fs.readFileSync(SNIPPET_FILE, 'utf8'));

  before(() => {
    analyzer = new Analyzer({ wasm: wasmLocationFromNodeModules(), options: OPTIONS });
  });
  after(() => analyzer.dispose());

  for (const client of SNIPPET_CLIENTS) {
    it(`control: the analyzer reports KEYS in a ${client} file named like the snippets`, async () => {
      const result = await analyzer.analyzeText(fileNameFor('control', client), BAD_CODE[client]);
      assert.ok(result.findings.some((finding) => finding.ruleId === 'no-keys'), JSON.stringify(result));
    });
  }

  for (const { id, client, guard, rule } of UNGUARDED) {
    it(`control: ${id} (${client}) without "${guard.trim()}" is reported as ${rule}`, async () => {
      const pattern = PATTERNS.find((candidate) => candidate.id === id);
      assert.ok(pattern);
      const text = defaultText(findSnippet(snippets, pattern, client).body);
      assert.ok(text.includes(guard), 'the guard is in the snippet');
      const result = await analyzer.analyzeText(fileNameFor(id, client), text.replace(guard, ''));
      assert.deepEqual(result.findings.map((finding) => finding.ruleId), [rule]);
    });
  }

  for (const pattern of PATTERNS) {
    for (const client of SNIPPET_CLIENTS) {
      it(`${pattern.prefixes[client]} has zero analyzer findings`, async () => {
        const text = defaultText(findSnippet(snippets, pattern, client).body);
        const result = await analyzer.analyzeText(fileNameFor(pattern.id, client), text);
        const findings = result.findings.map((finding) => `${finding.range.start.line + 1}: ${finding.ruleId} (${finding.confidence}) ${finding.message}`);
        assert.deepEqual(findings, []);
        assert.deepEqual(result.notes, [], 'analysed completely (no skipped-file or parse notes)');
      });
    }
  }
});
