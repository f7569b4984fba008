/**
 * Name lookup inside one top-level statement: block declarations, parameters, loop variables and
 * class fields (`this.x`), falling back to the module scope. Results are cached per scope node for
 * the duration of one extraction.
 */
import type { Node } from 'web-tree-sitter';
import { Ancestry } from '../extract/ancestry';
import { CLASS_TYPES, FUNCTION_TYPES, PLAIN_FUNCTIONS, compiledAsyncBody, isFunctionLike, prototypeOwner } from '../syntax';
import { invocation } from './invocation';
import { type Assignments, type ClassIndex, type Scoped, classIndex, findAssignment, findClassMember, findKeyMember, isStaticMember } from './classMembers';
import { declarationBindings, lazyDeclarationBindings } from './declarationBindings';
import { type Binding, type NodeKey, describeExpression, patternNames } from './descriptors';
import { designParamType } from './designParamTypes';
import { describeType } from './typeDescriptions';
import { type Env, type Resolved, UNKNOWN, memberOf, orCluster, resolveBinding, resolveValue } from './resolve';

export interface ModuleEnv {
  lookup(name: string): Resolved;
  /** Member `name` of the objects ES5 constructor `ctor` (a module-level `function ctor() { this.x = … }`) makes. */
  es5Member?(ctor: string, name: string): Resolved;
  /** What that constructor assigns to `this.name`, as a key's parts read it (`this.key = 'lock:' + name`). */
  es5KeyMember?(ctor: string, name: string): Binding | undefined;
  imported?(specifier: string, exportName: string): Resolved;
  /** The module's own environment (declarations and imported keys). */
  env?: Env;
}


const SCOPE_BLOCKS = new Set(['statement_block', 'switch_body', 'class_static_block']);
/** Nodes whose `bindingsOf` can be non-empty: lookups skip everything else. */
const SCOPE_TYPES = new Set([...SCOPE_BLOCKS, ...FUNCTION_TYPES, 'for_in_statement', 'for_statement', 'catch_clause']);
/** Array methods that call their first argument with each element first (`reduce` passes the accumulator first). */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);
const CLASS_OR_FUNCTION = new Set([...CLASS_TYPES, ...FUNCTION_TYPES]);

export class ScopeResolver {
  private readonly scopeCache = new Map<number, Map<string, Scoped>>();
  private readonly classCache = new Map<number, Map<string, Scoped | undefined>>();
  private readonly resolved = new Map<string, Resolved>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly moduleEnv: ModuleEnv,
    readonly keyOf: NodeKey,
    private readonly ancestry: Ancestry,
  ) {}

  envAt(node: Node): Env {
    return {
      lookup: (name) => this.lookup(name, node),
      thisMember: (name) => this.thisMember(name, node),
      imported: (specifier, exportName) => this.moduleEnv.imported?.(specifier, exportName) ?? UNKNOWN,
      binding: (name) => this.bindingAt(name, node),
      importedKey: (specifier, exportName) => this.moduleEnv.env?.importedKey?.(specifier, exportName),
      thisBinding: (name) => this.thisBindingAt(name, node),
      thisValue: () => this.thisValue(node),
      isModuleName: (name) => this.isModuleName(name, node),
      assignedMember: (object, name) => this.assignedMember(object, name, node),
    };
  }

  private readonly assignments = new Map<number, Map<string, Assignments>>();

  /**
   * `self.client = createClient(…)` in the function whose parameter (or local) `self` is, read where a
   * nested function uses `self.client`: Apostrophe's `construct(self)`, ES5's `const that = this`.
   */
  private assignedMember(object: string, name: string, node: Node): Resolved {
    for (let p: Node | null = node; p && p.type !== 'program'; p = this.ancestry.nearest(p, SCOPE_TYPES)) {
      if (!this.bindingsOf(p).has(object)) continue;
      const fn = FUNCTION_TYPES.has(p.type) ? p : this.ancestry.nearest(p, FUNCTION_TYPES);
      if (!fn) return UNKNOWN;
      let cache = this.assignments.get(fn.id);
      if (!cache) this.assignments.set(fn.id, (cache = new Map<string, Assignments>()));
      const scoped = findAssignment(fn, name, object, this.keyOf, cache);
      return scoped ? this.resolveScoped(`${fn.id}:assigned:${object}.${name}`, scoped, `${this.keyOf(fn)}:${object}.${name}`) : UNKNOWN;
    }
    return UNKNOWN;
  }

  private isModuleName(name: string, node: Node): boolean {
    for (let p: Node | null = node; p && p.type !== 'program'; p = this.ancestry.nearest(p, SCOPE_TYPES)) {
      if (this.bindingsOf(p).has(name)) return false;
    }
    return this.moduleEnv.env?.binding?.(name) !== undefined;
  }

  /**
   * `this` in a class that extends a client class: in an instance method, that client; in a static one,
   * the class itself, which `new this(…)` constructs like its base (`static get defaultClient()`).
   * Anything else is unknown.
   */
  private thisValue(node: Node): Resolved {
    const cls = this.enclosingClass(node);
    const value = cls && extendsValue(cls);
    if (!cls || !value) return UNKNOWN;
    const base = describeExpression(value, this.keyOf);
    if (this.inStaticContext(node, cls)) {
      const resolved = resolveValue(base, this.envAt(cls), null, 0);
      return resolved.r === 'export' ? resolved : UNKNOWN;
    }
    const instance = resolveValue({ v: 'new', callee: base }, this.envAt(cls), null, 0);
    return instance.r === 'client' ? instance : UNKNOWN;
  }

  /** `this.name` as key templates read it (see findKeyMember), with the scope its expression resolves in. */
  thisBindingAt(name: string, node: Node): { binding: Binding; env: Env } | undefined {
    // A field initializer's names resolve from the class itself.
    const cls = CLASS_TYPES.has(node.type) ? node : this.enclosingClass(node);
    if (!cls) return this.es5KeyMember(name, node);
    const isStatic = this.inStaticContext(node, cls);
    const cacheKey = `${cls.id}:key ${isStatic ? 'static.' : ''}${name}`;
    let scoped = this.keyMembers.get(cacheKey);
    if (!this.keyMembers.has(cacheKey)) this.keyMembers.set(cacheKey, (scoped = findKeyMember(cls, name, isStatic, this.keyOf)));
    if (!scoped) return undefined;
    if (typeof scoped.binding === 'function') scoped.binding = scoped.binding();
    return { binding: scoped.binding, env: this.envAt(scoped.from) };
  }

  private readonly keyMembers = new Map<string, Scoped | undefined>();

  /** `this.key` in an ES5 constructor or its prototype methods: what the constructor assigns to it. */
  private es5KeyMember(name: string, node: Node): { binding: Binding; env: Env } | undefined {
    const local = this.localEs5Constructor(node);
    if (local) {
      const scoped = findAssignment(local, name, 'this', this.keyOf);
      if (scoped && typeof scoped.binding === 'function') scoped.binding = scoped.binding();
      return scoped ? { binding: scoped.binding as Binding, env: this.envAt(scoped.from) } : undefined;
    }
    const ctor = this.es5Constructor(node);
    const binding = ctor ? this.moduleEnv.es5KeyMember?.(ctor, name) : undefined;
    return binding && this.moduleEnv.env ? { binding, env: this.moduleEnv.env } : undefined;
  }

  /** The declaration `name` is bound to as seen from `node`, with the scope its own names resolve in. */
  bindingAt(name: string, node: Node): { binding: Binding; env: Env } | undefined {
    for (let p: Node | null = node; p && p.type !== 'program'; p = this.ancestry.nearest(p, SCOPE_TYPES)) {
      const scoped = this.bindingsOf(p).get(name);
      if (!scoped) continue;
      if (typeof scoped.binding === 'function') scoped.binding = scoped.binding();
      return { binding: scoped.binding, env: this.envAt(scoped.from) };
    }
    return this.moduleEnv.env?.binding?.(name);
  }

  /** Resolves `name` as seen from `node` (inclusive: a block sees its own declarations). */
  lookup(name: string, node: Node): Resolved {
    for (let p: Node | null = node; p && p.type !== 'program'; p = this.ancestry.nearest(p, SCOPE_TYPES)) {
      const scoped = this.bindingsOf(p).get(name);
      if (scoped) return this.resolveScoped(`${p.id}:${name}`, scoped, this.keyOf(p) + ':' + name);
    }
    return this.moduleEnv.lookup(name);
  }

  /** True when `name` is declared between `node` and `boundary` (inclusive, a scope node), i.e. locally. */
  declaredWithin(name: string, node: Node, boundary: Node): boolean {
    for (let p: Node | null = node; p; p = this.ancestry.nearest(p, SCOPE_TYPES)) {
      if (this.bindingsOf(p).has(name)) return true;
      if (p.id === boundary.id || !Ancestry.contains(boundary, p)) return false;
    }
    return false;
  }

  thisMember(name: string, node: Node): Resolved {
    // A field initializer's names resolve from the class itself (`sub = this.client.duplicate()`).
    const cls = CLASS_TYPES.has(node.type) ? node : this.enclosingClass(node);
    if (!cls) {
      const local = this.localEs5Constructor(node);
      if (local) return this.localEs5Member(local, name);
      const ctor = this.es5Constructor(node);
      return ctor ? (this.moduleEnv.es5Member?.(ctor, name) ?? UNKNOWN) : UNKNOWN;
    }
    // In a static method or block `this` is the class: its static members first.
    const isStatic = this.inStaticContext(node, cls);
    return this.memberOfClass(cls, name, isStatic, isStatic);
  }

  /** Member `name` of the class declared by `cls`, inherited ones included; `fallback` also tries the other kind. */
  memberOfClass(cls: Node, name: string, isStatic: boolean, fallback = false): Resolved {
    const scoped = this.classMember(cls, name, isStatic) ?? (fallback ? this.classMember(cls, name, !isStatic) : undefined);
    const tag = isStatic ? 'static.' : 'this.';
    if (scoped) {
      const resolved = this.resolveScoped(`${cls.id}:${tag}${name}`, scoped, `${this.keyOf(cls)}:${tag}${name}`);
      // A Cluster on one path and a standalone client on another: a standalone one that may be a Cluster (like `Redis | Cluster`).
      if (resolved.r !== 'client' || !scoped.alternatives) return resolved;
      const all = [resolved, ...scoped.alternatives.map((alt, i) => this.resolveScoped(`${cls.id}:${tag}${name}#${i}`, alt, `${this.keyOf(cls)}:${tag}${name}#${i}`))];
      const standalone = all.find((r) => r.r === 'client' && r.kind.topology === 'standalone');
      return standalone && all.some((r) => r.r === 'client' && r.kind.topology === 'cluster') ? orCluster(standalone) : (standalone ?? resolved);
    }
    // `class UserRepo extends RedisRepository`: the base class (of this file or another) may declare it.
    const value = extendsValue(cls);
    if (!value) return UNKNOWN;
    const parent = resolveValue(describeExpression(value, this.keyOf), this.envAt(cls), null, 0);
    return parent.r === 'class' ? memberOf(isStatic ? parent : { r: 'instance', shape: parent.shape }, name) : UNKNOWN;
  }

  private inStaticContext(node: Node, cls: Node): boolean {
    for (let p: Node | null = node; p && p.id !== cls.id; p = this.ancestry.parent(p)) {
      if (p.type === 'method_definition' || p.type === 'class_static_block' || p.type === 'public_field_definition') return isStaticMember(p);
    }
    return false;
  }

  private resolveScoped(cacheKey: string, scoped: Scoped, identity: string): Resolved {
    const cached = this.resolved.get(cacheKey);
    if (cached) return cached;
    if (this.inProgress.has(cacheKey)) return UNKNOWN; // `const redis = redis.duplicate()` and other cycles
    this.inProgress.add(cacheKey);
    try {
      if (typeof scoped.binding === 'function') scoped.binding = scoped.binding();
      const result = resolveBinding(scoped.binding, this.envAt(scoped.from), identity);
      this.resolved.set(cacheKey, result);
      return result;
    } finally {
      this.inProgress.delete(cacheKey);
    }
  }

  private bindingsOf(node: Node): Map<string, Scoped> {
    let map = this.scopeCache.get(node.id);
    if (map) return map;
    map = new Map();
    if (SCOPE_BLOCKS.has(node.type)) {
      for (const stmt of node.namedChildren) {
        if (!stmt) continue;
        for (const [name, binding] of lazyDeclarationBindings(stmt, this.keyOf)) if (!map.has(name)) map.set(name, { binding, from: node });
      }
    } else if (isFunctionLike(node)) {
      this.addParameters(node, map);
    } else if (node.type === 'for_in_statement') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const isOf = node.children.some((c) => c?.type === 'of');
      if (left && right) {
        const from = this.ancestry.parent(node) ?? node;
        for (const [name] of patternNames(left)) {
          const binding: Binding =
            isOf && left.type === 'identifier'
              ? { b: 'value', value: { v: 'elementOf', of: describeExpression(right, this.keyOf) } }
              : { b: 'unknown' };
          map.set(name, { binding, from });
        }
      }
    } else if (node.type === 'for_statement') {
      const init = node.childForFieldName('initializer');
      if (init) for (const [name, binding] of declarationBindings(init, this.keyOf)) map.set(name, { binding, from: node });
    } else if (node.type === 'catch_clause') {
      const param = node.childForFieldName('parameter');
      if (param) for (const [name] of patternNames(param)) map.set(name, { binding: { b: 'unknown' }, from: node });
    }
    this.scopeCache.set(node.id, map);
    return map;
  }

  private addParameters(fn: Node, map: Map<string, Scoped>): void {
    const single = fn.childForFieldName('parameter');
    if (single) map.set(single.text, { binding: { b: 'unknown' }, from: fn });
    const params = fn.childForFieldName('parameters');
    if (!params) return;
    // A compiled constructor's parameter types, kept in decorator metadata (designParamTypes.ts).
    const isConstructor = fn.type === 'method_definition' && fn.childForFieldName('name')?.text === 'constructor';
    // An immediately invoked function's arguments, read where the call is (`(function (_this) { … })(this)`).
    const invoked = invocation(fn, this.ancestry);
    // `keys.forEach((key) => …)`, `clients.map((c) => …)`: the first parameter is an element of the array.
    const iterated = this.iteratedArray(fn);
    let index = -1;
    for (const param of params.namedChildren) {
      if (!param || param.type === 'comment') continue;
      index++;
      const pattern = param.childForFieldName('pattern') ?? param;
      const type = param.childForFieldName('type');
      if (pattern.type === 'identifier') {
        const designed = !type && isConstructor ? designParamType(fn, index) : undefined;
        const argument = !type && invoked ? invoked.args[index] : undefined;
        if (argument && invoked) {
          map.set(pattern.text, { binding: { b: 'value', value: describeExpression(argument, this.keyOf) }, from: invoked.call });
          continue;
        }
        const element: Binding | undefined = !type && index === 0 && iterated ? { b: 'value', value: { v: 'elementOf', of: describeExpression(iterated, this.keyOf) } } : undefined;
        const binding: Binding = type ? { b: 'typed', type: describeType(type) } : designed ? { b: 'typed', type: designed } : (element ?? defaultValueBinding(param, this.keyOf));
        map.set(pattern.text, { binding, from: fn });
        continue;
      }
      // `({ redis }: { redis: Redis })`, `({ client: c }: Deps)`: a direct property is that member of the typed object.
      const object = type && pattern.type === 'object_pattern' ? ({ v: 'typed', type: describeType(type) } as const) : null;
      const direct = object ? directProperties(pattern) : new Map<string, string>();
      for (const [name] of patternNames(pattern)) {
        const property = direct.get(name);
        map.set(name, { binding: object && property ? { b: 'value', value: { v: 'member', object, name: property } } : { b: 'unknown' }, from: fn });
      }
    }
  }

  /** The array `fn` is called back for, element by element (`keys` of `keys.forEach(fn)`), if it is. */
  private iteratedArray(fn: Node): Node | null {
    const args = this.ancestry.parent(fn);
    const call = args?.type === 'arguments' ? this.ancestry.parent(args) : null;
    if (call?.type !== 'call_expression' || args?.firstNamedChild?.id !== fn.id) return null;
    const callee = call.childForFieldName('function');
    const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    return method && ELEMENT_CALLBACKS.has(method) ? callee!.childForFieldName('object') : null;
  }

  /**
   * The ES5 constructor whose object `this` is at `node`: in `function Store() { this.client = … }` at module
   * level, or in `Store.prototype.get = function () { … }`. Only with one plain function around the node
   * (a callback written with `function` has a `this` of its own).
   */
  private es5Constructor(node: Node): string | undefined {
    const fn = this.thisFunction(node);
    if (!fn || this.thisFunction(fn) || this.ancestry.nearest(node, CLASS_TYPES)) return undefined;
    const parent = this.ancestry.parent(fn);
    if (fn.type === 'function_declaration' && (!parent || parent.type === 'program')) return fn.childForFieldName('name')?.text;
    // `var Store = function (…) { this.client = … }` at module level.
    if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === fn.id) {
      const declaration = this.ancestry.parent(parent);
      if (declaration && this.ancestry.parent(declaration)?.type === 'program') return parent.childForFieldName('name')?.text;
    }
    return prototypeOwner(fn, (n) => this.ancestry.parent(n));
  }

  /**
   * TypeScript's ES5 class output, one statement: `var Store = (function () { function Store() { this.client = … }
   * Store.prototype.get = function () { … }; return Store; }())`. The constructor declared in the same wrapper
   * function as the prototype method (or the constructor itself), when `this` is its object.
   */
  private localEs5Constructor(node: Node): Node | null {
    const fn = this.thisFunction(node);
    const wrapper = fn ? this.thisFunction(fn) : null;
    if (!fn || !wrapper) return null;
    if (fn.type === 'function_declaration') return this.ancestry.parent(fn)?.type === 'statement_block' ? fn : null;
    const ctor = prototypeOwner(fn, (n) => this.ancestry.parent(n));
    const body = ctor ? wrapper.childForFieldName('body') : null;
    return body?.namedChildren.find((c) => c?.type === 'function_declaration' && c.childForFieldName('name')?.text === ctor) ?? null;
  }

  /** The nearest function around `node` with a `this` of its own (compiled async bodies have their caller's). */
  private thisFunction(node: Node): Node | null {
    let fn = this.ancestry.nearest(node, PLAIN_FUNCTIONS);
    while (fn && compiledAsyncBody(fn, (n) => this.ancestry.parent(n))) fn = this.ancestry.nearest(fn, PLAIN_FUNCTIONS);
    return fn;
  }

  /** What the ES5 constructor `ctor` (in this statement) assigns to `this.name`, read like a class field. */
  private localEs5Member(ctor: Node, name: string): Resolved {
    let cache = this.assignments.get(ctor.id);
    if (!cache) this.assignments.set(ctor.id, (cache = new Map<string, Assignments>()));
    const scoped = findAssignment(ctor, name, 'this', this.keyOf, cache);
    return scoped ? this.resolveScoped(`${ctor.id}:es5.${name}`, scoped, `${this.keyOf(ctor)}:this.${name}`) : UNKNOWN;
  }

  private enclosingClass(node: Node): Node | null {
    for (let p = this.ancestry.nearest(node, CLASS_OR_FUNCTION); p; p = this.ancestry.nearest(p, CLASS_OR_FUNCTION)) {
      if (CLASS_TYPES.has(p.type)) return p;
      // A plain function has its own `this`; arrows and methods do not, nor compiled async bodies (`__awaiter(this, …)`).
      if (isFunctionLike(p) && p.type !== 'arrow_function' && p.type !== 'method_definition' && !compiledAsyncBody(p, (n) => this.ancestry.parent(n))) return null;
    }
    return null;
  }

  private readonly texts = new Map<number, string>();
  /** Each class body read once (members by name), not once per member name looked up. */
  private readonly classIndexes = new Map<number, ClassIndex>();

  /** A node's text, read once: class bodies are searched for every member name looked up. */
  private textOf(node: Node): string {
    let text = this.texts.get(node.id);
    if (text === undefined) this.texts.set(node.id, (text = node.text));
    return text;
  }

  /** The class member `name` (instance or static), cached per class. */
  private classMember(cls: Node, name: string, isStatic: boolean): Scoped | undefined {
    let map = this.classCache.get(cls.id);
    if (!map) this.classCache.set(cls.id, (map = new Map<string, Scoped | undefined>()));
    const key = isStatic ? `static ${name}` : name;
    if (map.has(key)) return map.get(key);
    let index = this.classIndexes.get(cls.id);
    if (!index) this.classIndexes.set(cls.id, (index = classIndex(cls, (n) => this.textOf(n))));
    const found = findClassMember(cls, name, isStatic, this.keyOf, index);
    map.set(key, found);
    return found;
  }
}

function defaultValueBinding(param: Node, keyOf: NodeKey): Binding {
  const value = param.childForFieldName('value') ?? (param.type === 'assignment_pattern' ? param.childForFieldName('right') : null);
  return value ? { b: 'value', value: describeExpression(value, keyOf) } : { b: 'unknown' };
}

/** Local names an object pattern binds straight from one of its properties (`{ a, b: c, d = 1 }` → a:a, c:b, d:d). */
function directProperties(pattern: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const child of pattern.namedChildren) {
    if (!child) continue;
    if (child.type === 'shorthand_property_identifier_pattern') out.set(child.text, child.text);
    else if (child.type === 'object_assignment_pattern') {
      const left = child.childForFieldName('left');
      if (left?.type === 'shorthand_property_identifier_pattern') out.set(left.text, left.text);
    } else if (child.type === 'pair_pattern') {
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('value');
      if (key?.type === 'property_identifier' && value?.type === 'identifier') out.set(value.text, key.text);
    }
  }
  return out;
}

/** The expression after `extends` in a class declaration, if any. */
export function extendsValue(cls: Node): Node | null {
  const base = cls.childForFieldName('heritage') ?? cls.namedChildren.find((c) => c?.type === 'class_heritage');
  return base?.namedChildren.find((c) => c?.type === 'extends_clause')?.childForFieldName('value') ?? null;
}
