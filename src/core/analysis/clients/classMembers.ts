/**
 * Where a class member gets its value, from syntax: a declared field, a getter, a method, a
 * constructor parameter property, or an assignment (`this.x = …` in a method, `this.x = …` in a
 * static block, `Cache.x = …`). Interfaces' property and method signatures count as declared fields.
 */
import type { Node } from 'web-tree-sitter';
import { unwrap } from '../syntax';
import { type Binding, type NodeKey, describeExpression, returnedValue, telling } from './descriptors';
import { parameterNames } from '../extract/templateParts';
import { describeType } from './typeDescriptions';

export interface Scoped {
  /** What the name is bound to; computed on first use (describing initialisers costs WASM calls). */
  binding: Binding | (() => Binding);
  /** Where names in the binding's expression are looked up from. */
  from: Node;
  /** Other values the member is given on other paths (`if (cluster) this.c = new Cluster() else this.c = new Redis()`). */
  alternatives?: Scoped[];
}

const FIELD_TYPES = new Set(['public_field_definition', 'field_definition', 'property_signature']);
/** Decorators that inject a Redis client (NestJS modules for ioredis): the field is one whatever its type says. */
const INJECT_CLIENT = /^@\s*Inject(?:Redis|Valkey)\s*\(/;
/** `new (require('ioredis'))()`: how "an ioredis client" is written as a description. */
const INJECTED_CLIENT: Binding = { b: 'value', value: { v: 'new', callee: { v: 'require', specifier: 'ioredis' } } };

export function isStaticMember(member: Node): boolean {
  if (member.type === 'class_static_block') return true;
  // `static` comes first unless decorators or modifiers precede it (reading every child costs more).
  const first = member.child(0);
  if (first?.type === 'static') return true;
  return first?.type === 'decorator' || first?.type === 'accessibility_modifier' || first?.type === 'override_modifier' ? member.children.some((c) => c?.type === 'static') : false;
}

function isGetter(member: Node): boolean {
  return member.children.some((c) => c?.type === 'get');
}

function memberName(member: Node): string | undefined {
  return (member.childForFieldName('name') ?? member.childForFieldName('property'))?.text;
}

/** The body of a class or interface declaration (`class_body`, `interface_body`, `object_type`). */
export function bodyOf(decl: Node): Node | null {
  return decl.childForFieldName('body') ?? decl.childForFieldName('value');
}

function injected(node: Node): boolean {
  return node.namedChildren.some((c) => c?.type === 'decorator' && INJECT_CLIENT.test(c.text));
}

/** A class body read once: its members in order, by name, and the names assigned through `this`/the class name. */
export interface ClassIndex {
  body: Node | null;
  className: string | undefined;
  members: IndexedMember[];
  byName: Map<string, IndexedMember[]>;
  constructors: IndexedMember[];
  bodyText: string;
  assignedThis?: Set<string>;
  assignedStatic?: Set<string>;
}

interface IndexedMember {
  member: Node;
  index: number;
  kind: string;
  named: string | undefined;
  memberStatic?: boolean;
  /** Assignments in this method's body, by owner (`this`, the class name), read on first need. */
  assignments?: Map<string, Assignments>;
}

export function classIndex(cls: Node, textOf: (n: Node) => string): ClassIndex {
  const body = bodyOf(cls);
  const index: ClassIndex = { body, className: cls.childForFieldName('name')?.text, members: [], byName: new Map(), constructors: [], bodyText: body ? textOf(body) : '' };
  for (const member of body?.namedChildren ?? []) {
    if (!member) continue;
    const kind = member.type;
    const named = FIELD_TYPES.has(kind) || kind === 'method_definition' || kind === 'method_signature' ? memberName(member) : undefined;
    const entry: IndexedMember = { member, index: index.members.length, kind, named };
    index.members.push(entry);
    if (named === undefined) continue;
    let list = index.byName.get(named);
    if (!list) index.byName.set(named, (list = []));
    list.push(entry);
    if (named === 'constructor') index.constructors.push(entry);
  }
  return index;
}

const PLAIN_NAME = /^#?[\w$]+$/;

/** Whether `<owner>.<name> =` occurs in the body (owner `this`, or also the class name for statics); one scan per class and owner. */
function mayBeAssignedIn(index: ClassIndex, name: string, isStatic: boolean): boolean {
  const owner = isStatic && index.className ? `(?:this|${index.className.replace(/\$/g, '\\$')})` : 'this';
  // Other names (`this['a b']`, non-ASCII identifiers) are read literally: escape every pattern character.
  if (!PLAIN_NAME.test(name)) return new RegExp(`${owner}\\s*\\.\\s*${name.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&')}\\s*=(?!=)`).test(index.bodyText);
  const slot = owner === 'this' ? 'assignedThis' : 'assignedStatic';
  let names = index[slot];
  if (!names) {
    names = new Set<string>();
    for (const m of index.bodyText.matchAll(new RegExp(`${owner}\\s*\\.\\s*(#?[\\w$]+)\\s*=(?!=)`, 'g'))) names.add(m[1]);
    index[slot] = names;
  }
  return names.has(name);
}

/** The members `findClassMember` looks at, in body order. */
function wantedMembers(index: ClassIndex, name: string, isStatic: boolean, mayBeAssigned: boolean): IndexedMember[] {
  if (mayBeAssigned) return index.members;
  const named = index.byName.get(name) ?? [];
  if (isStatic || name === 'constructor' || index.constructors.length === 0) return named;
  return [...named, ...index.constructors].sort((a, b) => a.index - b.index);
}

/**
 * The member `name` of class `cls` (static or not): a declared field or signature, a getter, a
 * method, a parameter property or an assignment, the one that creates a value among several.
 */
export function findClassMember(cls: Node, name: string, isStatic: boolean, keyOf: NodeKey, index: ClassIndex): Scoped | undefined {
  if (!index.body) return undefined;
  const className = index.className;
  // Most lookups are for names never assigned: skip the statement walks then.
  const mayBeAssigned = mayBeAssignedIn(index, name, isStatic);
  let assigned: Scoped | undefined;
  for (const entry of wantedMembers(index, name, isStatic, mayBeAssigned)) {
    const { member, kind, named } = entry;
    // Only members of that name, the constructor (parameter properties) and, when assigned somewhere, methods.
    const wanted = named === name || (named === 'constructor' && !isStatic) || (mayBeAssigned && (kind === 'method_definition' || kind === 'class_static_block'));
    if (!wanted) continue;
    const memberStatic = (entry.memberStatic ??= isStaticMember(member));
    if (FIELD_TYPES.has(kind) && memberStatic === isStatic && named === name) {
      const type = member.childForFieldName('type');
      const value = member.childForFieldName('value');
      const described = type ? describeType(type) : null;
      if (injected(member) && (!described || described.t === 'unknown')) return { binding: INJECTED_CLIENT, from: cls };
      // `client: any` says nothing: what the constructor assigns (`this.client = new Redis()`) does.
      if (described && described.t !== 'unknown') return { binding: { b: 'typed', type: described }, from: cls };
      if (value) return { binding: { b: 'value', value: describeExpression(value, keyOf) }, from: cls };
    } else if ((kind === 'method_definition' || kind === 'method_signature') && memberStatic === isStatic && named === name) {
      const returns = telling(member.childForFieldName('return_type'));
      if (isGetter(member)) {
        if (returns) return { binding: { b: 'typed', type: describeType(returns) }, from: cls };
        const value = returnedValue(member, keyOf);
        return { binding: value ? { b: 'value', value } : { b: 'unknown' }, from: member };
      }
      const returnsValue = returns ? undefined : returnedValue(member, keyOf);
      return { binding: { b: 'function', returns: returns ? describeType(returns) : null, ...(returnsValue ? { returnsValue } : {}) }, from: member };
    } else if (kind === 'method_definition' && !isStatic && named === 'constructor') {
      const property = parameterProperty(member, name);
      if (property) return property;
    }
    // Assignments in methods of the same kind (`this` is the class in static ones), or through the class name.
    if (mayBeAssigned && !createsValue(assigned) && (kind === 'method_definition' || kind === 'class_static_block')) {
      const cache = (entry.assignments ??= new Map());
      if (memberStatic === isStatic || isStatic) assigned = findAssignment(member, name, memberStatic === isStatic ? 'this' : className, keyOf, cache) ?? assigned;
      if (isStatic && className && !createsValue(assigned)) assigned = findAssignment(member, name, className, keyOf, cache) ?? assigned;
    }
  }
  return assigned;
}

/**
 * The member `name` as a key template reads it: a field's initial value whatever its declared type
 * (`private readonly prefix: string = 'sess:'`), a method or arrow field as a key helper with its
 * parameters (`key(id) { return \`user:${id}\` }`), a getter's returned value, else what a method or
 * the constructor assigns (`this.prefix = 'sess:'`).
 */
export function findKeyMember(cls: Node, name: string, isStatic: boolean, keyOf: NodeKey): Scoped | undefined {
  const body = bodyOf(cls);
  if (!body) return undefined;
  let assigned: Scoped | undefined;
  for (const member of body.namedChildren) {
    if (!member || isStaticMember(member) !== isStatic) continue;
    const named = memberName(member);
    if (FIELD_TYPES.has(member.type) && named === name) {
      const value = member.childForFieldName('value');
      if (value) return { binding: { b: 'value', value: describeExpression(value, keyOf) }, from: cls };
    } else if (member.type === 'method_definition' && named === name) {
      const value = returnedValue(member, keyOf);
      if (isGetter(member)) return { binding: value ? { b: 'value', value } : { b: 'unknown' }, from: member };
      return { binding: { b: 'function', returns: null, ...(value ? { returnsValue: value, params: parameterNames(member) } : {}) }, from: member };
    } else if (member.type === 'method_definition' || member.type === 'class_static_block') {
      assigned ??= findAssignment(member, name, 'this', keyOf);
    }
  }
  return assigned;
}

/** `constructor(private redis: Redis)`, `@Inject(TOKEN) readonly redis: Redis` declare the field `redis`. */
function parameterProperty(ctor: Node, name: string): Scoped | undefined {
  const params = ctor.childForFieldName('parameters');
  for (const param of params?.namedChildren ?? []) {
    if (!param) continue;
    const pattern = param.childForFieldName('pattern');
    if (pattern?.type !== 'identifier' || pattern.text !== name) continue;
    const isProperty = param.children.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier' || c?.type === 'readonly');
    if (!isProperty) return undefined;
    const type = param.childForFieldName('type');
    const described = type ? describeType(type) : null;
    if (injected(param) && (!described || described.t === 'unknown')) return { binding: INJECTED_CLIENT, from: ctor };
    return { binding: described ? { b: 'typed', type: described } : { b: 'unknown' }, from: ctor };
  }
  return undefined;
}

/** Names of the members a class or interface declares (fields, methods, parameter properties, assignments). */
export function memberNames(cls: Node, textOf: (n: Node) => string): { instance: Set<string>; statics: Set<string> } {
  const instance = new Set<string>();
  const statics = new Set<string>();
  const body = bodyOf(cls);
  if (!body) return { instance, statics };
  for (const member of body.namedChildren) {
    if (!member) continue;
    const name = memberName(member);
    if (member.type === 'method_definition' && name === 'constructor') {
      for (const param of member.childForFieldName('parameters')?.namedChildren ?? []) {
        const pattern = param?.childForFieldName('pattern');
        if (pattern?.type === 'identifier') instance.add(pattern.text);
      }
    } else if (name && (FIELD_TYPES.has(member.type) || member.type === 'method_definition' || member.type === 'method_signature')) {
      (isStaticMember(member) ? statics : instance).add(name);
    }
  }
  const text = textOf(body);
  for (const m of text.matchAll(/\bthis\s*\.\s*([A-Za-z_$][\w$]*)\s*=(?!=)/g)) {
    instance.add(m[1]);
    statics.add(m[1]);
  }
  const className = cls.childForFieldName('name')?.text;
  if (className) for (const name of assignedThrough(text, className)) statics.add(name);
  instance.delete('constructor');
  return { instance, statics };
}

const ASSIGNED_PROPERTY = /\s*\.\s*([A-Za-z_$][\w$]*)\s*=(?!=)/y;

/**
 * `<owner>.<name> =` in `text`: the names assigned. Found from each occurrence of `owner` (a regex
 * holding the class name would be compiled anew for every class, ~0.1 ms each).
 */
function assignedThrough(text: string, owner: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf(owner); i >= 0; i = text.indexOf(owner, i + owner.length)) {
    if (i > 0 && /[\w$.]/.test(text[i - 1])) continue;
    ASSIGNED_PROPERTY.lastIndex = i + owner.length;
    const m = ASSIGNED_PROPERTY.exec(text);
    if (m) out.push(m[1]);
  }
  return out;
}

export function createsValue(scoped: Scoped | undefined): boolean {
  const binding = scoped?.binding;
  return typeof binding === 'object' && binding.b === 'value' && (binding.value.v === 'new' || binding.value.v === 'call');
}

/**
 * `<owner>.<name> = <expr>` in a method or static block (also inside if/else blocks), where owner is
 * `this` or the class name: the first assignment that creates a value (`new …`, a call), with the
 * others that do as alternatives, else the first assignment.
 */
export function findAssignment(method: Node, name: string, owner: string | null | undefined, keyOf: NodeKey, cache?: Map<string, Assignments>): Scoped | undefined {
  if (!owner) return undefined;
  let all = cache?.get(owner);
  if (!all) {
    all = assignmentsIn(method, owner);
    cache?.set(owner, all);
  }
  let first: Scoped | undefined;
  let created: Scoped | undefined;
  for (const { right, block } of all.get(name) ?? []) {
    // `const client = new Redis(); this.client = client`: the local's value.
    const source = right.type === 'identifier' ? (localInitializer(block, right.text) ?? right) : right;
    const found: Scoped = { binding: { b: 'value', value: describeExpression(source, keyOf) }, from: block };
    if (createsValue(found)) {
      if (!created) created = found;
      else (created.alternatives ??= []).push(found);
      continue;
    }
    first ??= found;
  }
  return created ?? first;
}

/** The value a `const`/`let`/`var` among the statements of `block` gives `name` (not a typed or destructured one). */
function localInitializer(block: Node, name: string): Node | undefined {
  for (const stmt of block.namedChildren) {
    if (stmt?.type !== 'lexical_declaration' && stmt?.type !== 'variable_declaration') continue;
    for (const declarator of stmt.namedChildren) {
      if (declarator?.type === 'variable_declarator' && declarator.childForFieldName('name')?.text === name && !declarator.childForFieldName('type')) return declarator.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/** Assigned values by member name, in statement order, with the block each is in. */
export type Assignments = Map<string, Array<{ right: Node; block: Node }>>;

/** Every `<owner>.<name> = <expr>` of a method body (one walk serves every name looked up). */
export function assignmentsIn(method: Node, owner: string): Assignments {
  const out: Assignments = new Map();
  const body = method.childForFieldName('body');
  if (!body) return out;
  const isOwner = (object: Node | null): boolean => (owner === 'this' ? object?.type === 'this' : object?.type === 'identifier' && object.text === owner);
  const visit = (statements: ReadonlyArray<Node | null>, block: Node, depth: number): void => {
    for (const stmt of statements) {
      if (!stmt) continue;
      const expr = stmt.type === 'expression_statement' && stmt.firstNamedChild ? unwrap(stmt.firstNamedChild) : null;
      if (expr?.type === 'assignment_expression') {
        const left = expr.childForFieldName('left');
        const right = expr.childForFieldName('right');
        if (left?.type !== 'member_expression' || !right || !isOwner(left.childForFieldName('object'))) continue;
        const name = left.childForFieldName('property')?.text;
        if (name === undefined) continue;
        let list = out.get(name);
        if (!list) out.set(name, (list = []));
        list.push({ right, block });
      } else if (depth < 3 && stmt.type === 'if_statement') {
        for (const branch of [stmt.childForFieldName('consequence'), stmt.childForFieldName('alternative')]) {
          // `else if (…) { … }` nests an if statement inside the else clause.
          const inner = branch?.type === 'else_clause' ? branch.firstNamedChild : branch;
          if (inner?.type === 'statement_block') visit(inner.namedChildren, inner, depth + 1);
          else if (inner?.type === 'if_statement') visit([inner], block, depth + 1);
        }
      } else if (depth < 3 && stmt.type === 'try_statement') {
        const tried = stmt.childForFieldName('body');
        if (tried) visit(tried.namedChildren, tried, depth + 1);
      }
      // `return new Promise((resolve) => { this.client = … })`, `setTimeout(() => { … })`: an arrow keeps `this`.
      if (depth < 3) for (const arrow of arrowBodies(stmt)) visit(arrow.namedChildren, arrow, depth + 1);
    }
  };
  visit(body.namedChildren, body, 0);
  return out;
}

const ARROW_HOLDERS = new Set(['expression_statement', 'return_statement', 'lexical_declaration', 'variable_declaration']);

/** The block bodies of arrow functions passed to the call (or `new`) a statement is made of, and to the calls its callee chains. */
function arrowBodies(stmt: Node): Node[] {
  if (!ARROW_HOLDERS.has(stmt.type)) return [];
  const roots = stmt.type === 'expression_statement' || stmt.type === 'return_statement' ? [stmt.firstNamedChild] : stmt.namedChildren.map((d) => d?.childForFieldName('value') ?? null);
  const out: Node[] = [];
  for (const root of roots) {
    let expr = root ? unwrap(root) : null;
    for (let hops = 0; expr && (expr.type === 'call_expression' || expr.type === 'new_expression') && hops < 3; hops++) {
      for (const arg of expr.childForFieldName('arguments')?.namedChildren ?? []) {
        const body = arg?.type === 'arrow_function' ? arg.childForFieldName('body') : null;
        if (body?.type === 'statement_block') out.push(body);
      }
      // `new Promise(…).then(() => { … })`: the call the chain starts from.
      const callee = expr.childForFieldName('function');
      expr = callee?.type === 'member_expression' ? unwrap(callee.childForFieldName('object') ?? callee) : null;
    }
  }
  return out;
}
