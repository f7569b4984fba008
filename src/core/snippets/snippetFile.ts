// The shape of snippets/redis-patterns.code-snippets: building it from templates and reading it back.
import { PATTERNS, SNIPPET_CLIENTS, snippetName, type PatternEntry, type SnippetClient } from './catalog';
import { SnippetTemplateError, templateToSnippetBody } from './snippetSyntax';

export const SNIPPET_SCOPE = 'typescript,typescriptreact,javascript,javascriptreact';

export interface SnippetDefinition {
  readonly scope: string;
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

export type SnippetFile = Readonly<Record<string, SnippetDefinition>>;

/** Builds every catalogue snippet; `readTemplate` returns a template's source (includes already expanded). */
export function buildSnippetFile(readTemplate: (pattern: PatternEntry, client: SnippetClient) => string): SnippetFile {
  const file: Record<string, SnippetDefinition> = {};
  for (const pattern of PATTERNS) {
    for (const client of SNIPPET_CLIENTS) {
      let body: string[];
      try {
        body = templateToSnippetBody(readTemplate(pattern, client));
      } catch (error) {
        if (error instanceof SnippetTemplateError) {
          throw new SnippetTemplateError(`${pattern.id}.${client}: ${error.message}`);
        }
        throw error;
      }
      file[snippetName(pattern, client)] = {
        scope: SNIPPET_SCOPE,
        prefix: pattern.prefixes[client],
        description: pattern.description,
        body: [minRedisComment(pattern), ...body],
      };
    }
  }
  return file;
}

/** The first line of every snippet: the oldest Redis it runs on, so the requirement travels with the code. */
export function minRedisComment(pattern: PatternEntry): string {
  return `// Needs Redis ${pattern.minRedis.replace(' (', ' or later (')}.`;
}

export function serializeSnippetFile(file: SnippetFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses the shipped snippet file; throws a clear error when it is not a VS Code snippet file. */
export function parseSnippetFile(text: string): SnippetFile {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('redis-patterns.code-snippets must be a JSON object of snippets');
  }
  for (const [name, value] of Object.entries(parsed)) {
    const snippet = value as Partial<SnippetDefinition> | null;
    if (typeof snippet?.prefix !== 'string' || !Array.isArray(snippet.body) || !snippet.body.every((line) => typeof line === 'string')) {
      throw new Error(`snippet "${name}" needs a string prefix and a body of strings`);
    }
  }
  return parsed as SnippetFile;
}

/** The snippet of one pattern for one client, looked up by its prefix. */
export function findSnippet(file: SnippetFile, pattern: PatternEntry, client: SnippetClient): SnippetDefinition {
  const prefix = pattern.prefixes[client];
  const snippet = Object.values(file).find((candidate) => candidate.prefix === prefix);
  if (!snippet) throw new Error(`no snippet with prefix "${prefix}" in the snippet file (run: npx tsx scripts/build-snippets.ts)`);
  return snippet;
}
