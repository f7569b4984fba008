// Turns each shipped snippet into a real file a user would have: default text written to a temp dir whose
// node_modules links to the repo's, type-checked strictly with the TypeScript compiler API against the real
// ioredis / redis type definitions, then transpiled to CommonJS and required.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { defaultText, type PatternEntry, type SnippetClient } from '../../../../src/core/snippets/catalog';
import { findSnippet, parseSnippetFile, type SnippetFile } from '../../../../src/core/snippets/snippetFile';

const AUGMENTS_TYPES = /\bdeclare\s+(module|global)\b/;
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const SNIPPET_FILE = path.join(REPO_ROOT, 'snippets', 'redis-patterns.code-snippets');

/** What a strict user project would use; noUnused* catch dead code in a snippet. */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  esModuleInterop: true,
  skipLibCheck: true,
  isolatedModules: true,
  noEmit: true,
};

export interface ExpandedSnippet {
  readonly pattern: PatternEntry;
  readonly client: SnippetClient;
  readonly tsFile: string;
  readonly text: string;
}

export class SnippetWorkspace {
  private readonly snippets: SnippetFile;
  /** Parsed declaration files shared by every per-snippet program: parsing ioredis/redis types once saves seconds. */
  private readonly sourceCache = new Map<string, ts.SourceFile>();
  private readonly host: ts.CompilerHost;
  private readonly expanded: ExpandedSnippet[] = [];
  private shared?: ts.Program;

  private constructor(readonly dir: string) {
    this.snippets = parseSnippetFile(fs.readFileSync(SNIPPET_FILE, 'utf8'));
    this.host = this.createCachingHost();
  }

  /**
   * <dir>/node_modules links to the repo's (redis is node-redis 5 there); <dir>/v4/node_modules/redis links to the
   * `redis-v4` alias, so a v4 snippet in <dir>/v4 imports `redis` and gets node-redis 4 — its types when checked,
   * its code when run — exactly as in a project that depends on redis@4.
   */
  static create(): SnippetWorkspace {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redis-snippet-proofs-'));
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.mkdirSync(path.join(dir, 'v4', 'node_modules'), { recursive: true });
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', 'redis-v4'), path.join(dir, 'v4', 'node_modules', 'redis'), 'dir');
    return new SnippetWorkspace(dir);
  }

  expand(pattern: PatternEntry, client: SnippetClient): ExpandedSnippet {
    const text = defaultText(findSnippet(this.snippets, pattern, client).body);
    const tsFile = path.join(this.dir, client === 'node-redis-v4' ? 'v4' : '.', `${pattern.id}.${client}.ts`);
    fs.writeFileSync(tsFile, text);
    const snippet = { pattern, client, tsFile, text };
    this.expanded.push(snippet);
    this.shared = undefined;
    return snippet;
  }

  /**
   * A snippet with a module augmentation (`declare module 'ioredis'`, how ioredis types defineCommand) is checked
   * in its own program, as it would sit alone in a user's project: its augmentation must not make another
   * snippet compile. The others cannot affect each other's types and share one program (node-redis' types are
   * slow to check, so this saves minutes).
   */
  typeErrors(snippet: ExpandedSnippet): string[] {
    const program = AUGMENTS_TYPES.test(snippet.text) ? this.createProgram([snippet.tsFile]) : this.sharedProgram();
    const sourceFile = program.getSourceFile(snippet.tsFile);
    if (!sourceFile) throw new Error(`${snippet.tsFile} is not part of its program`);
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...program.getSyntacticDiagnostics(sourceFile),
      ...program.getSemanticDiagnostics(sourceFile),
    ];
    return diagnostics.map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      if (!diagnostic.file || diagnostic.start === undefined) return message;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${path.basename(diagnostic.file.fileName)}:${line + 1}:${character + 1} ${message}`;
    });
  }

  /** Transpiles to CommonJS next to the .ts file and requires it, so `ioredis` / `redis` resolve as in a project. */
  load<T>(snippet: ExpandedSnippet): T {
    const output = ts.transpileModule(snippet.text, { compilerOptions: { ...COMPILER_OPTIONS, noEmit: false }, fileName: snippet.tsFile });
    const jsFile = snippet.tsFile.replace(/\.ts$/, '.js');
    fs.writeFileSync(jsFile, output.outputText);
    return createRequire(jsFile)(jsFile) as T;
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private sharedProgram(): ts.Program {
    this.shared ??= this.createProgram(this.expanded.filter((snippet) => !AUGMENTS_TYPES.test(snippet.text)).map((snippet) => snippet.tsFile));
    return this.shared;
  }

  private createProgram(rootNames: string[]): ts.Program {
    return ts.createProgram({ rootNames, options: COMPILER_OPTIONS, host: this.host });
  }

  private createCachingHost(): ts.CompilerHost {
    const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const shareable = fileName.includes(`${path.sep}node_modules${path.sep}`) || fileName.endsWith('.d.ts');
      if (!shareable) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
      const cached = this.sourceCache.get(fileName);
      if (cached) return cached;
      const parsed = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (parsed) this.sourceCache.set(fileName, parsed);
      return parsed;
    };
    return host;
  }
}
