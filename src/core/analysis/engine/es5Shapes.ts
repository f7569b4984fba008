/**
 * What the objects of a module-level ES5 constructor hold (`function Store(url) { this.client = createClient(…) }`),
 * so that `this.client` in it and in `Store.prototype.get = function () { … }` resolves like a class field.
 */
import type { Node } from 'web-tree-sitter';
import { type ClassShape, emptyShape } from '../clients/classShape';
import { type Assignments, assignmentsIn, createsValue, findAssignment } from '../clients/classMembers';
import type { Binding } from '../clients/descriptors';
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
   * What the objects of a module-level ES5 constructor hold: `function Store(url) { this.client = createClient(…) }`
   * (or `var Store = function …`), its `this.x = …` assignments (in its body, its if/else and try blocks); a member
   * it leaves unset (`this.redis = null`) is what a prototype method creates (`Store.prototype.start = function () {
   * this.redis = createClient() }`), as a class's field assigned in a method. Read only when the constructor or those
   * methods mention something that could be a client (see relevance).
   */
  shapeOf(name: string, scope: ModuleScope): ClassShape | undefined {
    const root = this.source.root();
    const ctor = this.constructorNode(name, root);
    if (!ctor) return undefined;
    const methods = prototypeMethods(root, this.source.text(), name);
    const text = [ctor, ...methods].map((n) => this.source.text().slice(n.startIndex, n.endIndex)).join('\n');
    const fingerprint = shapeFingerprint(this.source.text(), ctor, methods);
    const known = this.shapes.get(name);
    if (known?.scope === scope && known.text === fingerprint) return known.shape;
    // Cached before it is read: `this.a = this.b` in the constructor sees the shape read so far.
    const shape = emptyShape();
    this.shapes.set(name, { scope, text: fingerprint, shape });
    const re = this.relevance(scope);
    if (!re || !testAt(re, text)) return shape;
    const unset = new Map<string, () => void>();
    for (const fn of [ctor, ...methods]) {
      // The constructor's `this.x = …`, read like a class's fields (classMembers.ts); then what methods create.
      const resolver = new ScopeResolver(scope, keyOf, new Ancestry(topLevel(fn), [], root));
      const cache = new Map<string, Assignments>();
      for (const member of assignmentsIn(fn, 'this').keys()) {
        const scoped = findAssignment(fn, member, 'this', keyOf, cache);
        if (!scoped || typeof scoped.binding === 'function') continue;
        const set = (): void => {
          setEntry(shape.instance, member, resolveBinding(scoped.binding as Binding, resolver.envAt(scoped.from), null));
        };
        if (fn === ctor && !createsValue(scoped)) unset.set(member, set);
        else if (fn === ctor || unset.has(member)) {
          set();
          unset.delete(member);
        }
      }
    }
    for (const set of unset.values()) set();
    return shape;
  }

  /**
   * What the constructor assigns to `this.<member>` (`this.key = 'leader:' + opts.name`), for the key templates of its
   * prototype methods (`this.redis.del(this.key)`): read from the tree each time, a description with no nodes.
   */
  keyMember(name: string, member: string): Binding | undefined {
    const ctor = this.constructorNode(name, this.source.root());
    const scoped = ctor ? findAssignment(ctor, member, 'this', keyOf) : undefined;
    if (!scoped) return undefined;
    return typeof scoped.binding === 'function' ? scoped.binding() : scoped.binding;
  }

  /** `function Store(…) { … }` or `var Store = function (…) { … }` at module level. */
  private constructorNode(name: string, root: Node): Node | null {
    const entry = this.source.entries().find((e) => e.bindings.some(([n, b]) => n === name && (b.b === 'function' || b.b === 'value')));
    const statement = entry ? root.firstChildForIndex(entry.start) : null;
    if (statement?.type === 'function_declaration') return statement;
    if (statement?.type !== 'variable_declaration' && statement?.type !== 'lexical_declaration') return null;
    for (const declarator of statement.namedChildren) {
      const value = declarator?.type === 'variable_declarator' && declarator.childForFieldName('name')?.text === name ? declarator.childForFieldName('value') : null;
      if (value?.type === 'function_expression' || value?.type === 'function') return value;
    }
    return null;
  }

  /** The constructors whose shapes were read. */
  knownNames(): string[] {
    return [...this.shapes.keys()];
  }

  /** Forgets a constructor's shape when what it is read from changed (a prototype method was edited); true then. */
  changed(name: string): boolean {
    const known = this.shapes.get(name);
    const ctor = known ? this.constructorNode(name, this.source.root()) : null;
    if (!known || (ctor && known.text === shapeFingerprint(this.source.text(), ctor, prototypeMethods(this.source.root(), this.source.text(), name)))) return false;
    return this.shapes.delete(name);
  }

  /** Forgets a constructor's shape (its declaration changed); true when one was read. */
  forget(name: string): boolean {
    return this.shapes.delete(name);
  }
}

/** The functions assigned as `<name>.prototype.<method> = function …` by the module's top-level statements. */
function prototypeMethods(root: Node, text: string, name: string): Node[] {
  const out: Node[] = [];
  const site = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*\\.\\s*prototype\\s*\\.\\s*[\\w$]+\\s*=\\s*(?=function\\b)`, 'g');
  for (const m of text.matchAll(site)) {
    const fn = root.descendantForIndex(m.index + m[0].length)?.parent;
    const statement = fn?.parent?.parent;
    if ((fn?.type === 'function_expression' || fn?.type === 'function') && fn.parent?.type === 'assignment_expression' && statement?.parent?.type === 'program') out.push(fn);
  }
  return out;
}

/** The constructor as written and its prototype methods' `this.x = …` lines: what the shape is read from. */
function shapeFingerprint(text: string, ctor: Node, methods: readonly Node[]): string {
  const lines = methods.flatMap((m) => text.slice(m.startIndex, m.endIndex).match(THIS_ASSIGNMENT) ?? []);
  return [text.slice(ctor.startIndex, ctor.endIndex), ...lines].join('\n');
}

const THIS_ASSIGNMENT = /\bthis\s*\.\s*[\w$]+\s*=(?![=>])[^;\n]*/g;

/** The top-level statement holding `node`. */
function topLevel(node: Node): Node {
  let statement = node;
  while (statement.parent && statement.parent.type !== 'program') statement = statement.parent;
  return statement;
}

function testAt(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}
