/** How long a client created in a function lives: does it escape the call that creates it? */
import type { Node } from 'web-tree-sitter';
import { escapeRe, functionName } from '../syntax';
import type { Ancestry } from './ancestry';

/**
 * How a local variable holding a new client leaves its function, judged from the uses of its name:
 * `return c` / `resolve(c)` / `=> c` (returned), `x.y = c` / `cached = c` (assigned), `{ key: c }` / `[c]` (stored), `f(c)` /
 * `new Store(c)` (passed on), `f.bind(c)` (kept by the bound function). Member uses (`c.get(…)`) keep it inside.
 */
export function escapesFrom(fnText: string, name: string): 'returned' | 'stored' | 'assigned' | 'passed' | 'kept' | null {
  const use = new RegExp(`(?<![\\w$.])${escapeRe(name)}(?![\\w$])`, 'g');
  // Comments may mention the name in any position (`// the client: …`).
  fnText = fnText.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (comment) => ' '.repeat(comment.length));
  let found: 'returned' | 'stored' | 'assigned' | 'passed' | 'kept' | null = null;
  for (let m = use.exec(fnText); m; m = use.exec(fnText)) {
    const after = fnText.slice(m.index + name.length).replace(/^\s+/, '');
    if (/^(?:\?\.|\.|\[|=(?!=)|\()/.test(after)) continue; // a member use, an assignment target or a call
    const before = fnText.slice(Math.max(0, m.index - 40), m.index).replace(/\s+$/, '');
    if (/(?:\breturn|\bresolve\s*\(|=>)$/.test(before)) return 'returned';
    // `cached = c`, `this.client = c`: the function's own code keeps it (a lazy singleton), no library that listens.
    if (/(?:^|[^=!<>+\-*/%&|^?])=$/.test(before) && found !== 'stored' && found !== 'passed') found = 'assigned';
    else if (/(?:[^=!<>]=|:|\[|\{)$/.test(before) || (/,$/.test(before) && /^[\]}]/.test(after))) found = 'stored';
    else if (/,$/.test(before) && /^[,\]}]/.test(after) && unmatchedOpener(fnText, m.index) !== '(') found = 'stored'; // `{ a, c, b }`
    // `promisify(c.get).bind(c)`: the bound function keeps the client (no library that listens on it); `fn.call(c, …)`,
    // `Promise.promisifyAll(c)` use it or give it `…Async` methods, and keep nothing.
    else if (/\.\s*bind\s*\($/.test(before)) found ??= 'kept';
    else if (/\.\s*(?:call|apply)\s*\($|\bpromisify(?:All)?\s*\($/.test(before)) continue;
    else if (/(?:\(|,|\bnew\s+[\w$.]+\s*\()$/.test(before) && (found === null || found === 'kept' || found === 'assigned')) found = 'passed';
  }
  return found;
}

/** The nearest bracket left of `index` that is still open there (`{`, `[` or `(`), or null. */
function unmatchedOpener(text: string, index: number): string | null {
  let depth = 0;
  for (let i = index - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '(' || ch === '[' || ch === '{') {
      if (depth === 0) return ch;
      depth--;
    }
  }
  return null;
}

const CLOSURES = ['arrow_function', 'function_expression', 'function', 'function_declaration', 'method_definition'];

/**
 * Whether a function nested in `fn` uses `name` and outlives the call: it sits in a returned
 * expression or a field, or in a value bound to a name that is returned or stored.
 */
export function capturedByEscapingClosure(fn: Node, name: string, ancestry: Ancestry): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  for (const closure of body.descendantsOfType(CLOSURES)) {
    if (!closure || !closure.descendantsOfType('identifier').some((id) => id?.text === name)) continue;
    for (let node: Node = closure, up = ancestry.parent(node); up && up.id !== fn.id; node = up, up = ancestry.parent(up)) {
      if (up.type === 'arguments') {
        // A Promise executor, a `.then` or array callback, or the client's own callback runs during the call;
        // a callback registered elsewhere (`app.get('/x', …)`, `emitter.on(…)`, `setInterval`) keeps the client.
        if (runsDuringCall(ancestry.parent(up), name)) break;
        return true;
      }
      if (up.type === 'return_statement') return true;
      if (up.type === 'assignment_expression' && up.childForFieldName('left')?.type === 'member_expression') return true;
      // An expression-bodied arrow returns its body.
      if (up.id === body.id && body.type !== 'statement_block') return true;
      const bound = up.type === 'variable_declarator' ? up.childForFieldName('name') : node.id === closure.id && closure.type === 'function_declaration' ? closure.childForFieldName('name') : null;
      if (bound?.type === 'identifier') {
        const escape = escapesFrom(fn.text, bound.text);
        if (escape === 'returned' || escape === 'stored' || escape === 'assigned') return true;
      }
    }
  }
  return false;
}

/** `sub.subscribe(…)` / `.psubscribe` / `.ssubscribe`: the client is kept for its subscription. */
export function keptAliveBySubscription(fnText: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])${escapeRe(name)}\\s*\\.\\s*(?:p|s)?subscribe\\s*\\(`, 'i').test(fnText);
}

/**
 * A named function of the module that is not exported and is called only from module-level code
 * (`main().catch(…)`): it runs once per process, so its client is not per call.
 */
export function calledOnlyAtModuleLevel(fn: Node, textOf: (node: Node) => string): boolean {
  const name = functionName(fn);
  let declaration = fn.type === 'function_declaration' ? fn : fn.parent?.type === 'variable_declarator' ? fn.parent.parent : null;
  // `export async function main()` run as the script's entry point (`if (require.main === module) main()`): once as well.
  const exported = declaration?.parent?.type === 'export_statement';
  if (exported) declaration = declaration?.parent ?? null;
  if (!name || !declaration || declaration.parent?.type !== 'program') return false;
  const root = declaration.parent;
  if (exported && !hasEntryPointTest(root, textOf)) return false;
  const text = textOf(root);
  const use = new RegExp(`(?<![\\w$.])${escapeRe(name)}(?![\\w$])`, 'g');
  let calls = 0;
  for (let m = use.exec(text); m; m = use.exec(text)) {
    const at = m.index + root.startIndex;
    if (at >= fn.startIndex && at < fn.endIndex) continue; // its own name, or recursion
    const node = root.descendantForIndex(at);
    // The name in a comment or a string (`// run main() once`) is no use of it.
    if (node && PROSE.has(node.type)) continue;
    const parent = node?.parent;
    if (!node || node.type !== 'identifier' || parent?.type !== 'call_expression' || parent.childForFieldName('function')?.id !== node.id) {
      if (declaration.startIndex <= at && at < declaration.endIndex) continue; // `const main = …`
      return false; // exported, passed on or stored: may be called per request
    }
    for (let up = parent.parent; up; up = up.parent) if (FUNCTION_TYPES.has(up.type)) return false;
    if (exported && !asEntryPoint(parent)) return false;
    calls++;
  }
  return calls > 0;
}

/** `if (require.main === module) …`, `if (import.meta.main) …`, `if (process.argv[1] === fileURLToPath(import.meta.url)) …` around the call. */
function asEntryPoint(call: Node): boolean {
  for (let up = call.parent; up; up = up.parent) {
    if (up.type === 'if_statement' && ENTRY_POINT_TEST.test(up.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

const entryPointFiles = new WeakMap<object, boolean>();

/** The file tests whether it is the program's entry point somewhere (read once per tree). */
function hasEntryPointTest(root: Node, textOf: (node: Node) => string): boolean {
  let known = entryPointFiles.get(root.tree);
  if (known === undefined) entryPointFiles.set(root.tree, (known = ENTRY_POINT_TEST.test(textOf(root))));
  return known;
}

const PROSE = new Set(['comment', 'string', 'string_fragment', 'template_string']);

const ENTRY_POINT_TEST = /require\.main\s*===?\s*module|import\.meta\.main\b|process\.argv\[1\]/;

const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'method_definition', 'generator_function_declaration', 'generator_function']);

const PER_CALL_CALLBACKS = new Set(['then', 'catch', 'finally', 'map', 'forEach', 'filter', 'reduce', 'some', 'every', 'find', 'flatMap', 'all', 'allSettled', 'race', 'any']);

function runsDuringCall(call: Node | null, client: string): boolean {
  if (!call) return true;
  const callee = call.type === 'new_expression' ? call.childForFieldName('constructor') : call.childForFieldName('function');
  if (!callee) return true;
  if (call.type === 'new_expression') return callee.text === 'Promise';
  if (callee.type !== 'member_expression') return false;
  const object = callee.childForFieldName('object')?.text ?? '';
  return object === client || object.startsWith(`${client}.`) || PER_CALL_CALLBACKS.has(callee.childForFieldName('property')?.text ?? '');
}
