/**
 * Module-level bindings read from statement text instead of the tree, for the statement kinds
 * that dominate real files (imports, class/interface/enum declarations, re-exports). A 1 MB file
 * has thousands of them; walking each through WASM costs more than the rest of the analysis.
 * Returns undefined whenever the text is not in a simple form: the caller then uses the tree.
 */
import { type Binding, relative } from './descriptors';
import { clientFamilyOf, familyOfExport } from './packages';

const ID = '[A-Za-z_$][\\w$]*';
const IMPORT_RE = new RegExp(`^import\\s+(?:type\\s+)?([\\s\\S]*?)\\s*\\bfrom\\s*(['"])([^'"\\n]*)\\2\\s*;?\\s*$`);
const SIDE_EFFECT_IMPORT_RE = /^import\s*(['"])[^'"\n]*\1\s*;?\s*$/;
const DEFAULT_RE = new RegExp(`^(${ID})\\s*(?:,\\s*|$)`);
const NAMESPACE_RE = new RegExp(`\\*\\s*as\\s+(${ID})\\s*$`);
const NAMED_RE = /\{([^{}]*)\}\s*$/;
const SPECIFIER_RE = new RegExp(`^(?:type\\s+)?(${ID}|'[^']*'|"[^"]*")(?:\\s+as\\s+(${ID}))?$`);
const CLASS_LIKE_RE = new RegExp(`^(?:export\\s+(?:default\\s+)?)?(?:declare\\s+)?(?:abstract\\s+)?(?:class|interface|enum|const\\s+enum)\\s+(${ID})`);
const REEXPORT_RE = /^export\s+(?:type\s+)?(?:\*|\{[^{}]*\})\s*(?:from\s*(['"])[^'"\n]*\1)?\s*;?\s*$/;

/** `head` is the statement's text (or, for long statements, its first few hundred characters). */
export function fastDeclarationBindings(type: string, head: string, complete: boolean): Array<[string, Binding]> | undefined {
  if (type === 'class_declaration' || type === 'abstract_class_declaration' || type === 'interface_declaration' || type === 'enum_declaration' || type === 'export_statement') {
    // The name is the first word after `class`: comments later in the body change nothing.
    // `@Injectable()`, `@Module({ … })` before the class: its name comes after them.
    const m = CLASS_LIKE_RE.exec(head.slice(afterDecorators(head, 0, head.length)));
    if (m && !m[0].includes('/*') && !m[0].includes('//')) return [[m[1], /\bdeclare\s/.test(m[0]) ? { b: 'class', ambient: true } : { b: 'class' }]];
  }
  // Comments inside the statement could hide or fake names: leave those to the tree.
  if (head.includes('/*') || head.includes('//')) return undefined;
  if (type === 'import_statement') return complete ? importBindings(head) : undefined;
  if (type === 'export_statement' && complete && REEXPORT_RE.test(head)) return [];
  return undefined;
}

function importBindings(text: string): Array<[string, Binding]> | undefined {
  if (SIDE_EFFECT_IMPORT_RE.test(text)) return [];
  const m = IMPORT_RE.exec(text);
  if (!m) return undefined;
  let clause = m[1].trim();
  const family = clientFamilyOf(m[3]) ?? null;
  const rel = relative(m[3]);
  // Same order as the tree walk: default, namespace, named.
  const named: Array<[string, Binding]> = [];
  const namedMatch = NAMED_RE.exec(clause);
  if (namedMatch) {
    for (const raw of namedMatch[1].split(',')) {
      const spec = raw.trim();
      if (!spec) continue;
      const s = SPECIFIER_RE.exec(spec);
      if (!s) return undefined;
      const exported = /^['"]/.test(s[1]) ? s[1].slice(1, -1) : s[1];
      named.push([s[2] ?? exported, { b: 'import', family: familyOfExport(family, exported), exportName: exported, ...rel }]);
    }
    clause = clause.slice(0, namedMatch.index).replace(/,\s*$/, '').trim();
  }
  const out: Array<[string, Binding]> = [];
  const ns = NAMESPACE_RE.exec(clause);
  if (ns) clause = clause.slice(0, ns.index).replace(/,\s*$/, '').trim();
  if (clause) {
    const d = DEFAULT_RE.exec(clause);
    if (!d || d[0].length !== clause.length) return undefined;
    out.push([d[1], { b: 'import', family, exportName: 'default', ...rel }]);
  }
  if (ns) out.push([ns[1], { b: 'import', family, exportName: 'module', ...rel }]);
  return [...out, ...named];
}

/** The offset after the decorators that open a statement (`@Injectable()`, `@Module({ … })`, brackets balanced); `start` when none. */
export function afterDecorators(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text[i] === '@') {
    const name = /^@[\w$.]+/.exec(text.slice(i, Math.min(end, i + 200)));
    if (!name) return start;
    i += name[0].length;
    if (text[i] === '(') {
      let depth = 0;
      for (; i < end; i++) {
        const ch = text[i];
        if (ch === '(' || ch === '{' || ch === '[') depth++;
        else if (ch === ')' || ch === '}' || ch === ']') depth--;
        else if (ch === '"' || ch === "'" || ch === '`') i = text.indexOf(ch, i + 1) === -1 ? end : text.indexOf(ch, i + 1);
        if (depth === 0) break;
      }
      i++;
    }
    while (i < end && /\s/.test(text[i])) i++;
  }
  return i;
}
