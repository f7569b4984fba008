/**
 * What the objects of a module-level ES5 constructor hold (`function Store(url) { this.client = createClient(…) }`),
 * so that `this.client` in it and in `Store.prototype.get = function () { … }` resolves like a class field.
 */
import type { Node } from 'web-tree-sitter';
import { type ClassShape, emptyShape } from '../clients/classShape';
import { type Assignments, assignmentsIn, findAssignment } from '../clients/classMembers';
import type { ModuleScope } from '../clients/moduleScope';
import { resolveBinding } from '../clients/resolve';
import { ScopeResolver } from '../clients/scopes';
import { Ancestry } from '../extract/ancestry';
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
   * its `this.x = …` assignments (in its body, its if/else and try blocks). Read only when the constructor mentions
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
    // The constructor's `this.x = …`, read like a class's fields (classMembers.ts).
    const resolver = new ScopeResolver(scope, keyOf, new Ancestry(statement, [], root));
    const cache = new Map<string, Assignments>();
    for (const member of assignmentsIn(statement, 'this').keys()) {
      const scoped = findAssignment(statement, member, 'this', keyOf, cache);
      if (scoped && typeof scoped.binding !== 'function') setEntry(shape.instance, member, resolveBinding(scoped.binding, resolver.envAt(scoped.from), null));
    }
    return shape;
  }

  /** Forgets a constructor's shape (its declaration changed); true when one was read. */
  forget(name: string): boolean {
    return this.shapes.delete(name);
  }
}

function testAt(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}
