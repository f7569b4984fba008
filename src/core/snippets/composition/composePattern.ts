// Merges a pattern snippet into a file that already has code (often another pattern): imports are added only for
// bindings the file lacks, declarations the file already has with the same text (a shared helper such as
// LuaScript, a Lua source, the client type) are reused instead of repeated, and any other name the snippet would
// declare twice is reported as a clash, for the caller to offer a new file instead. Snippet bodies themselves stay
// self-contained; this only decides what of one to insert where.
import type { ImportBinding, TopLevelItem } from './topLevel';

export interface ComposedPattern {
  /** Import statements to add (one per line, ending with a newline) at `line` (0-based); null when none are missing. */
  readonly imports: { readonly line: number; readonly text: string } | null;
  /** The snippet body to insert at the cursor: what remains after reuse, placeholders kept. */
  readonly body: string;
  /** Names the snippet declares that the file already declares identically (left out of `body`). */
  readonly reused: readonly string[];
  /** Names the file already binds differently: inserting would not compile. */
  readonly clashes: readonly string[];
}

/** Whitespace-insensitive text, so an inserted copy re-indented by the editor still counts as the same. */
function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * `snippetBody` is the snippet in VS Code syntax; `snippetItems` the top level of its default text, whose rows
 * equal the body's (placeholders never span lines). `documentItems` is the top level of the file.
 */
export function composePattern(documentItems: readonly TopLevelItem[], snippetBody: string, snippetItems: readonly TopLevelItem[]): ComposedPattern {
  const bodyLines = snippetBody.split('\n');
  const imported = new Map<string, { module: string; binding: ImportBinding }>();
  const declared = new Map<string, string>();
  const augmentations = new Set<string>();
  for (const item of documentItems) {
    if (item.kind === 'import') for (const binding of item.bindings) imported.set(binding.local, { module: item.module, binding });
    if (item.kind === 'declaration') for (const name of item.names) declared.set(name, normalized(item.text));
    if (item.kind === 'augmentation') augmentations.add(normalized(item.text));
  }

  const clashes: string[] = [];
  const reused: string[] = [];
  const importLines: string[] = [];
  const kept: string[] = [];
  for (const item of snippetItems) {
    if (item.kind === 'import') {
      const missing = item.bindings.filter((binding) => {
        const existing = imported.get(binding.local);
        if (existing) {
          if (existing.module !== item.module || existing.binding.imported !== binding.imported) clashes.push(binding.local);
          return false;
        }
        if (declared.has(binding.local)) {
          clashes.push(binding.local);
          return false;
        }
        return true;
      });
      if (missing.length === item.bindings.length && missing.length > 0) importLines.push(item.text);
      else if (missing.length > 0) importLines.push(...importStatements(item.module, missing));
      // Comments above an import (the snippet's header) stay with the body.
      if (item.rows.commentStart < item.rows.start) kept.push(lines(bodyLines, item.rows.commentStart, item.rows.start - 1));
      continue;
    }
    if (item.kind === 'declaration') {
      const text = normalized(item.text);
      const existing = item.names.filter((name) => declared.has(name) || imported.has(name));
      if (existing.length > 0) {
        if (existing.length === item.names.length && existing.every((name) => declared.get(name) === text)) reused.push(...existing);
        else clashes.push(...existing.filter((name) => declared.get(name) !== text));
        continue;
      }
    }
    if (item.kind === 'augmentation' && augmentations.has(normalized(item.text))) continue;
    kept.push(lines(bodyLines, item.rows.commentStart, item.rows.end));
  }
  if (snippetBody.split('\n').some((line) => line.trim() === '$0')) kept.push('$0');

  const lastImport = [...documentItems].reverse().find((item) => item.kind === 'import');
  return {
    imports: importLines.length > 0 ? { line: lastImport ? lastImport.rows.end + 1 : 0, text: importLines.map((line) => `${line}\n`).join('') } : null,
    body: kept.join('\n\n'),
    reused: [...new Set(reused)],
    clashes: [...new Set(clashes)],
  };
}

function lines(bodyLines: readonly string[], first: number, last: number): string {
  return bodyLines.slice(first, last + 1).join('\n');
}

/** Import statements for some bindings of one module: a default or namespace import each, named ones together. */
function importStatements(module: string, bindings: readonly ImportBinding[]): string[] {
  const statements: string[] = [];
  const named: string[] = [];
  for (const binding of bindings) {
    const typePrefix = binding.typeOnly ? 'type ' : '';
    if (binding.imported === 'default') statements.push(`import ${typePrefix}${binding.local} from '${module}';`);
    else if (binding.imported === '*') statements.push(`import ${typePrefix}* as ${binding.local} from '${module}';`);
    else named.push(`${typePrefix}${binding.imported === binding.local ? binding.local : `${binding.imported} as ${binding.local}`}`);
  }
  if (named.length > 0) statements.push(`import { ${named.join(', ')} } from '${module}';`);
  return statements;
}
