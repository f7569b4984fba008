/**
 * What the objects of a module-level ES5 constructor hold (`function Store(url) { this.client = createClient(…) }`),
 * so that `this.client` in it and in `Store.prototype.get = function () { … }` resolves like a class field.
 */
import type { Node } from 'web-tree-sitter';
import { type ClassShape, emptyShape } from '../clients/classShape';
import { describeExpression } from '../clients/descriptors';
import type { ModuleScope } from '../clients/moduleScope';
import { resolveValue } from '../clients/resolve';
import { ScopeResolver } from '../clients/scopes';
import { Ancestry } from '../extract/ancestry';
import { PLAIN_FUNCTIONS } from '../syntax';
import type { Entry } from './entries';
import { setEntry } from './memberEntries';

const keyOf = (): string => 'es5-shape';

/** The document's current tree and statements (a ClassShapes' source). */
export interface Es5Source {
  root(): Node;
  entries(): readonly Entry[];
  text(): string;
}

export class Es5Shapes {
  private readonly shapes = new Map<string, { scope: ModuleScope; text: string; shape: ClassShape }>();

  constructor(
    private readonly source: Es5Source,
    /** What a declaration must mention to hold a client (ClassShapes' relevance), or null when nothing can. */
    private readonly relevance: (scope: ModuleScope) => RegExp | null,
  ) {}

  /**
   * What the objects of a module-level ES5 constructor hold: `function Store(url) { this.client = createClient(…) }`,
   * its `this.x = …` assignments (not those of functions nested in it). Read only when the constructor mentions
   * something that could be a client (see relevance).
   */
  shapeOf(name: string, scope: ModuleScope): ClassShape | undefined {
    const entry = this.source.entries().find((e) => e.bindings.some(([n, b]) => n === name && b.b === 'function'));
    const root = this.source.root();
    const statement = entry ? root.firstChildForIndex(entry.start) : null;
    if (!statement || statement.type !== 'function_declaration') return undefined;
    const text = this.source.text().slice(statement.startIndex, statement.endIndex);
    const known = this.shapes.get(name);
    if (known?.scope === scope && known.text === text) return known.shape;
    // Cached before it is read: `this.a = this.b` in the constructor sees the shape read so far.
    const shape = emptyShape();
    this.shapes.set(name, { scope, text, shape });
    const re = this.relevance(scope);
    if (!re || !testAt(re, text)) return shape;
    const resolver = new ScopeResolver(scope, keyOf, new Ancestry(statement, [], root));
    for (const assignment of statement.descendantsOfType('assignment_expression')) {
      const left = assignment?.childForFieldName('left');
      const right = assignment?.childForFieldName('right');
      const property = left?.type === 'member_expression' && left.childForFieldName('object')?.type === 'this' ? left.childForFieldName('property') : null;
      if (!assignment || !right || !property || ownPlainFunction(assignment)?.id !== statement.id || shape.instance[property.text]) continue;
      setEntry(shape.instance, property.text, resolveValue(describeExpression(right, keyOf), resolver.envAt(right), null, 0));
    }
    return shape;
  }

  /** Forgets a constructor's shape (its declaration changed); true when one was read. */
  forget(name: string): boolean {
    return this.shapes.delete(name);
  }
}

/** The nearest function with a `this` of its own around `node`. */
function ownPlainFunction(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) if (PLAIN_FUNCTIONS.has(p.type)) return p;
  return null;
}

function testAt(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}
