/**
 * Reads the shape of a module-level class or interface from the current tree when a name lookup
 * first needs it (`this.connection.redis`, `RedisCache.client`, an exported class). Classes that
 * mention nothing that could be a client (no client import, no project import that resolves to
 * one, no local name built from those) get an empty shape without walking their members.
 */
import type { SourceText } from '../syntax';
import type { Node } from 'web-tree-sitter';
import { type ClassShape, emptyShape, isEmptyShape } from '../clients/classShape';
import { memberNames } from '../clients/classMembers';
import { clientFamilyOf } from '../clients/packages';
import type { Binding, TypeDesc, ValueDesc } from '../clients/descriptors';
import { describeExpression } from '../clients/descriptors';
import type { ModuleScope } from '../clients/moduleScope';
import { type Resolved, resolveType, resolveValue } from '../clients/resolve';
import { describeType } from '../clients/typeDescriptions';
import { ScopeResolver, extendsValue } from '../clients/scopes';
import { unwrap } from '../syntax';
import { Ancestry } from '../extract/ancestry';
import { classesMentioningClients, memberAssignmentSites } from './classMentions';
import { Es5Shapes } from './es5Shapes';
import { setEntry } from './memberEntries';
import { relevantLines } from './shapeLines';
import type { Entry } from './entries';

const CLASS_DECLARATIONS = new Set(['class_declaration', 'abstract_class_declaration', 'interface_declaration', 'type_alias_declaration']);
const keyOf = (): string => 'class-shape';

export interface ClassSource {
  root(): Node;
  entries(): readonly Entry[];
  text(): string;
  /** A range of the text (without joining an edited document's pieces). */
  slice(start: number, end: number): string;
  /** Shapes are kept for reuse after edits (an editor's document); else no fingerprint is taken. */
  reuse(): boolean;
}

export class ClassShapes {
  private relevant: { scope: ModuleScope; re: RegExp | null; classes: ReadonlySet<string> } | null = null;
  /** Classes with static members assigned outside their declaration (any edit may change those). */
  private readonly external = new Set<string>();

  /** ES5 constructors' shapes (`function Store() { this.client = … }`). */
  readonly es5: Es5Shapes;

  constructor(private readonly source: ClassSource) {
    this.es5 = new Es5Shapes(source, (scope) => this.relevance(scope).re);
  }

  /**
   * After an edit replaced `removed` by `fresh`: did the shape of a class that was resolved change
   * (its declaration was edited, or a `Class.x = …` outside it)? Only resolved shapes matter: no
   * other statement can depend on one that never was. `unchanged`: classes known to read the same
   * outside their method bodies (memberReuse.ts checked the edited member).
   */
  changedBy(removed: readonly Entry[], fresh: readonly Entry[], scope: ModuleScope | undefined, unchanged?: ReadonlySet<string>): boolean {
    if (this.declarations) {
      for (const entry of removed) for (const [name] of entry.bindings) if (this.declarations.get(name) === entry) this.declarations.delete(name);
      for (const entry of fresh) for (const [name, binding] of entry.bindings) if (binding.b === 'class') this.declarations.set(name, entry);
    }
    // An ES5 constructor whose shape was read changed: what its prototype methods' `this.x` are may have too; as
    // when a statement naming it changed (a prototype method may create a member the constructor leaves unset).
    for (const entry of [...removed, ...fresh]) for (const [name, binding] of entry.bindings) if ((binding.b === 'function' || binding.b === 'value') && this.es5.forget(name)) return true;
    const slice = (e: Entry): string => this.source.slice(e.start, e.end);
    for (const owner of this.es5.knownNames()) {
      if (fresh.some((e) => slice(e).includes(owner)) && this.es5.changed(owner)) return true;
    }
    if (!scope) return false;
    const cached = scope.cachedClassNames();
    if (cached.length === 0) return false;
    const names = new Set<string>(this.external);
    for (const entry of [...removed, ...fresh]) for (const [name, binding] of entry.bindings) if (binding.b === 'class') names.add(name);
    const assigned = this.assignedPattern(cached);
    for (const entry of fresh) {
      const m = assigned.exec(slice(entry));
      if (m) names.add(m[1]);
    }
    // Assignments outside the declaration are not in its fingerprint: read those classes again.
    for (const name of this.external) this.shapes.delete(name);
    for (const name of names) if (!unchanged?.has(name) && scope.classChanged(name)) return true;
    return false;
  }

  private assigned = { names: '', re: /$^/ };

  /** `Name.x = …` for any of `names` (compiled once per set: every keystroke asks). */
  private assignedPattern(names: readonly string[]): RegExp {
    const key = names.join('|');
    if (this.assigned.names !== key) this.assigned = { names: key, re: new RegExp(`(?<![\\w$.])(${names.map(escape).join('|')})\\s*\\.\\s*[A-Za-z_$][\\w$]*\\s*=(?!=)`) };
    return this.assigned.re;
  }

  /**
   * Methods of the module's classes that create the client they return (`getConnection() { return new Redis(…) }`); only
   * classes whose text says `creating` (`new Redis`, `redis.createClient(`) are read for them.
   */
  factoryMethods(scope: ModuleScope, creating: RegExp): string[] {
    const out = new Set<string>();
    const text = this.source.text();
    for (const name of this.relevance(scope).classes) {
      const declared = this.declarationEntries().get(name);
      if (!declared || !creating.test(text.slice(declared.start, declared.end))) continue;
      for (const [member, entry] of Object.entries(this.shapeOf(name, scope)?.instance ?? {})) {
        if (entry.as === 'returns' && entry.fresh && /^[A-Za-z_$][\w$]*$/.test(member)) out.add(member);
      }
    }
    return [...out];
  }

  /** The shape of class `name` declared at module level, or undefined when it is not a class here. */
  shapeOf(name: string, scope: ModuleScope): ClassShape | undefined {
    const decl = this.declaration(name);
    if (!decl) return undefined;
    const text = this.source.text();
    const { re, classes } = this.relevance(scope);
    // `classes` reads the text as it was when relevance was computed; an edited document also reads it as it is now.
    const relevant = classes.has(name) || (this.source.reuse() && !!re && testAt(re, text.slice(decl.node.startIndex, decl.node.endIndex)));
    if (!relevant) return emptyShape();
    // Typing inside a method body rarely changes what the class holds: reuse the shape when the
    // declaration reads the same outside its method bodies and the lines there that can change it.
    const fingerprint = this.source.reuse() ? shapeFingerprint(decl.node, text, name) : '';
    const known = this.shapes.get(name);
    if (known?.scope === scope && known.fingerprint === fingerprint) return known.shape;
    const shape = this.computeShape(name, decl, scope);
    this.shapes.set(name, { scope, fingerprint, shape });
    return shape;
  }

  private readonly shapes = new Map<string, { scope: ModuleScope; fingerprint: string; shape: ClassShape }>();

  private computeShape(name: string, decl: { statement: Node; node: Node }, scope: ModuleScope): ClassShape {
    const text = this.source.text();
    const shape = emptyShape();
    // `class RedisAdapter extends Redis`: its objects are clients themselves.
    const base = extendsValue(decl.node);
    const made = base ? resolveValue({ v: 'new', callee: describeExpression(base, keyOf) }, scope.env, null, 0) : interfaceBase(decl.node, scope);
    if (made?.r === 'client') shape.clientBase = made.kind;
    const names = memberNames(decl.node, (n) => text.slice(n.startIndex, n.endIndex));
    // Members that read the class itself (`static get client() { return Conn._c; }`) see the shape found
    // so far (partialShape); a second pass reads them again once the other members are in it.
    const computing = { shape, asked: false };
    const pass = (): void => {
      computing.asked = false;
      const resolver = new ScopeResolver(scope, keyOf, new Ancestry(decl.statement, [], this.source.root()));
      for (const member of names.instance) if (!shape.instance[member]) setEntry(shape.instance, member, resolver.memberOfClass(decl.node, member, false));
      for (const member of names.statics) if (!shape.statics[member]) setEntry(shape.statics, member, resolver.memberOfClass(decl.node, member, true));
    };
    this.computing.set(name, computing);
    try {
      pass();
      if (computing.asked) pass();
      // `Conn._c = new Redis()` outside the class, read by a getter inside it: one more pass then.
      const asked = computing.asked;
      if (this.assignedElsewhere(name, decl.node, scope, shape) && asked) pass();
    } finally {
      this.computing.delete(name);
    }
    return shape;
  }

  /** Shapes being computed: a lookup of the class from inside its own members. */
  private readonly computing = new Map<string, { shape: ClassShape; asked: boolean }>();

  /**
   * What is known so far of class `name` while its shape is being computed (undefined otherwise): a
   * copy, so that no shape (this one, or another class's read meanwhile) ever contains itself.
   */
  partialShape(name: string): ClassShape | undefined {
    const computing = this.computing.get(name);
    if (!computing) return undefined;
    computing.asked = true;
    const { clientBase } = computing.shape;
    return { instance: { ...computing.shape.instance }, statics: { ...computing.shape.statics }, ...(clientBase ? { clientBase } : {}) };
  }

  /** `Cache.client = new Redis()` in a function outside the class. */
  private assignedElsewhere(name: string, decl: Node, scope: ModuleScope, shape: ClassShape): boolean {
    let added = false;
    const text = this.source.text();
    const after = /\s*\.\s*([A-Za-z_$][\w$]*)\s*=(?!=)/y;
    for (const i of memberAssignmentSites(text).get(name) ?? []) {
      if (i >= decl.startIndex && i < decl.endIndex) continue;
      after.lastIndex = i + name.length;
      const m = after.exec(text);
      if (!m || shape.statics[m[1]]) continue;
      const root = this.source.root();
      const property = root.descendantForIndex(after.lastIndex - m[0].length + m[0].indexOf(m[1]));
      const member = property?.parent;
      const assignment = member?.parent;
      const right = assignment?.type === 'assignment_expression' && assignment.childForFieldName('left')?.id === member?.id ? assignment.childForFieldName('right') : null;
      const statement = right ? root.firstChildForIndex(right.startIndex) : null;
      if (!right || !statement) continue;
      const resolver = new ScopeResolver(scope, keyOf, new Ancestry(statement, [], root));
      if (setEntry(shape.statics, m[1], resolveValue(describeExpression(right, keyOf), resolver.envAt(right), null, 0))) {
        this.external.add(name);
        added = true;
      }
    }
    return added;
  }

  /** Forgets which statement declares which class (statements were added, removed or moved). */
  reset(): void {
    this.declarations = null;
  }

  private declarations: Map<string, Entry> | null = null;

  /** The statement declaring each module-level class name (the first one). */
  private declarationEntries(): Map<string, Entry> {
    if (!this.declarations) {
      this.declarations = new Map();
      for (const e of this.source.entries()) for (const [n, b] of e.bindings) if (b.b === 'class' && !this.declarations.has(n)) this.declarations.set(n, e);
    }
    return this.declarations;
  }

  private declaration(name: string): { statement: Node; node: Node } | undefined {
    const entry = this.declarationEntries().get(name);
    if (!entry) return undefined;
    const statement = this.source.root().firstChildForIndex(entry.start);
    if (!statement) return undefined;
    let node: Node | null = statement;
    if (node.type === 'export_statement') node = node.childForFieldName('declaration');
    if (node?.type === 'ambient_declaration') node = node.firstNamedChild;
    if (node?.type === 'lexical_declaration' || node?.type === 'variable_declaration') {
      const value = classExpressionOf(node, name);
      return value ? { statement, node: value } : undefined;
    }
    if (!node || !CLASS_DECLARATIONS.has(node.type) || node.childForFieldName('name')?.text !== name) return undefined;
    return { statement, node };
  }

  /**
   * What a class must mention to hold a client: a client package's import (`Redis`, `createClient`),
   * a project import that resolves to something, a module-level class that does, or a module-level
   * value built from those that the class assigns or returns (`this.client = redis`, `return redis`).
   * Local names only count in those two positions, and short ones (`a`, `io`) not at all, so they do
   * not pull in every class that has a variable of the same name.
   */
  private relevance(scope: ModuleScope): { re: RegExp | null; classes: ReadonlySet<string> } {
    if (this.relevant?.scope === scope) return this.relevant;
    const names = new Set<string>();
    const bindings = [...scope.entries()];
    for (const [name, binding] of bindings) {
      // CommonJS: `const Redis = require('ioredis')` (or a compiled `__importDefault(require(…))`).
      if (binding.b === 'value' && binding.value.v === 'require' && clientFamilyOf(binding.value.specifier)) names.add(name);
      if (binding.b !== 'import') continue;
      if (binding.family) names.add(name);
      else if (binding.specifier && isSomething(scope.imported(binding.specifier, binding.exportName))) names.add(name);
    }
    const values = new Set<string>();
    for (let round = 0; round < 2 && names.size > 0; round++) {
      for (const [name, binding] of bindings) {
        if (binding.b === 'class' || binding.b === 'import' || values.has(name) || names.has(name) || name.length < 4) continue;
        if (!references(binding).some((n) => names.has(n) || values.has(n))) continue;
        // `type RedisClient = ReturnType<typeof createClient>`: a type's name is written in annotations (`client: RedisClient`).
        if (binding.b === 'typed' && /^[A-Z]/.test(name)) names.add(name);
        else values.add(name);
      }
    }
    const parts: string[] = [];
    if (names.size) parts.push(namesPattern(names));
    if (values.size) parts.push(`(?:=|\\breturn)\\s*${namesPattern(values)}`);
    // Classes that mention those, then classes that mention such classes (two rounds).
    const { classes, named } = classesMentioningClients(this.source.text(), this.classRanges(), names, values);
    for (const name of named) names.add(name);
    if (parts.length) parts[0] = namesPattern(names);
    this.relevant = { scope, re: parts.length ? new RegExp(parts.join('|')) : null, classes };
    return this.relevant;
  }

  /** Where each module-level class is declared (its statement), sorted. */
  private classRanges(): Array<{ start: number; end: number; name: string }> {
    const ranges: Array<{ start: number; end: number; name: string }> = [];
    for (const [name, entry] of this.declarationEntries()) ranges.push({ start: entry.start, end: entry.end, name });
    return ranges.sort((a, b) => a.start - b.start);
  }
}

/**
 * A class's text with its method bodies reduced to the lines a shape can depend on: assignments
 * to `this.x`/`Class.x`, returns and declarations. Whitespace runs count as one space.
 */
export function shapeFingerprint(decl: Node, text: string, className: string): string {
  const body = decl.childForFieldName('body');
  if (!body) return text.slice(decl.startIndex, decl.endIndex).replace(/\s+/g, ' ');
  const parts: string[] = [];
  let last = decl.startIndex;
  const cursor = body.walk();
  try {
    if (cursor.gotoFirstChild()) {
      do {
        if (cursor.nodeType !== 'method_definition' && cursor.nodeType !== 'class_static_block') continue;
        if (!cursor.gotoFirstChild()) continue;
        do {
          if (cursor.currentFieldName !== 'body') continue;
          parts.push(text.slice(last, cursor.startIndex), '{', ...relevantLines(text.slice(cursor.startIndex, cursor.endIndex), className), '}');
          last = cursor.endIndex;
        } while (cursor.gotoNextSibling());
        cursor.gotoParent();
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  parts.push(text.slice(last, decl.endIndex));
  return parts.join('\n').replace(/\s+/g, ' ');
}

/**
 * One member's part of `shapeFingerprint`: a method with its body reduced to the relevant lines, any
 * other member as it reads. Two versions of a class whose members have the same fingerprints (and
 * the same text between them) have the same shape.
 */
export function memberFingerprint(member: Node, text: SourceText, className: string): string {
  const body = member.type === 'method_definition' || member.type === 'class_static_block' ? member.childForFieldName('body') : null;
  if (!body) return text.slice(member.startIndex, member.endIndex).replace(/\s+/g, ' ');
  const lines = relevantLines(text.slice(body.startIndex, body.endIndex), className);
  return [text.slice(member.startIndex, body.startIndex), '{', ...lines, '}', text.slice(body.endIndex, member.endIndex)].join('\n').replace(/\s+/g, ' ');
}


/** `interface ExtendedRedis extends Redis { getJson(…) }`: a client type it extends, if any. */
function interfaceBase(decl: Node, scope: ModuleScope): Resolved | null {
  const clause = decl.type === 'interface_declaration' ? decl.namedChildren.find((c) => c?.type === 'extends_type_clause') : null;
  for (const type of clause?.namedChildren ?? []) {
    const resolved = type ? resolveType(describeType(type), scope.env) : null;
    if (resolved?.r === 'client') return resolved;
  }
  return null;
}

function isSomething(resolved: Resolved): boolean {
  if (resolved.r === 'class' || resolved.r === 'instance') return !isEmptyShape(resolved.shape);
  return resolved.r !== 'unknown' && resolved.r !== 'not-redis';
}




/** Identifiers a module-level binding's description refers to. */
function references(binding: Binding): string[] {
  const out: string[] = [];
  const type = (t: TypeDesc | null | undefined): void => {
    if (!t) return;
    if (t.t === 'path') out.push(t.path[0]);
    else if (t.t === 'returnTypeOf') out.push(t.callee[0]);
    else if (t.t === 'union') t.members.forEach(type);
    else if (t.t === 'collection') type(t.element);
    else if (t.t === 'members') t.members.forEach(type);
  };
  const value = (v: ValueDesc | undefined, depth = 0): void => {
    if (!v || depth > 16) return;
    if (v.v === 'ident') out.push(v.name);
    else if (v.v === 'member') value(v.object, depth + 1);
    else if (v.v === 'call' || v.v === 'new') value(v.callee, depth + 1);
    else if (v.v === 'function') value(v.returns, depth + 1);
    else if (v.v === 'typed') type(v.type);
    else if (v.v === 'elementOf') value(v.of, depth + 1);
    else if (v.v === 'object') for (const p of v.props ?? []) value(p.value, depth + 1);
  };
  if (binding.b === 'value') value(binding.value);
  else if (binding.b === 'typed') type(binding.type);
  else if (binding.b === 'function') {
    type(binding.returns);
    value(binding.returnsValue);
  }
  return out;
}

/** The names used as themselves, not as a property (`this.client`, `options.redis` are other things). */
function namesPattern(names: ReadonlySet<string>): string {
  return `(?<![\\w$.])(?:${[...names].map(escape).join('|')})(?![\\w$])`;
}

function testAt(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

/** The class expression `name` is declared with (`let Service = class Service { … }`), if so. */
function classExpressionOf(declaration: Node, name: string): Node | null {
  for (const declarator of declaration.namedChildren) {
    if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('name')?.text !== name) continue;
    const value = declarator.childForFieldName('value');
    return value && unwrap(value).type === 'class' ? unwrap(value) : null;
  }
  return null;
}
