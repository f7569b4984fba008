/** Type-checks in-memory files against the real `ioredis` / `redis` typings in node_modules. */
import * as path from 'node:path';
import ts from 'typescript';

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Diagnostics per virtual file (absolute paths; put them under the repo so node_modules resolves). */
export function typecheck(files: Record<string, string>): Record<string, string[]> {
  const host = ts.createCompilerHost(OPTIONS);
  const original = { getSourceFile: host.getSourceFile.bind(host), fileExists: host.fileExists.bind(host), readFile: host.readFile.bind(host) };
  host.fileExists = (f) => f in files || original.fileExists(f);
  host.readFile = (f) => files[f] ?? original.readFile(f);
  host.getSourceFile = (f, lang, onError, create) => (f in files ? ts.createSourceFile(f, files[f], lang, true) : original.getSourceFile(f, lang, onError, create));
  const program = ts.createProgram(Object.keys(files), OPTIONS, host);
  const out: Record<string, string[]> = {};
  for (const file of Object.keys(files)) {
    const sf = program.getSourceFile(file);
    const diags = sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)] : [];
    out[file] = diags.map((d) => {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${path.basename(file)}${pos ? `:${pos.line + 1}:${pos.character + 1}` : ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  }
  return out;
}
