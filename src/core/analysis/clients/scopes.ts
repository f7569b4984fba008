/**
 * Name lookup inside one top-level statement: block declarations, parameters, loop variables and
 * class fields (`this.x`), falling back to the module scope. Results are cached per scope node for
 * the duration of one extraction.
 */
import type { Node } from 'web-tree-sitter';
import { Ancestry } from '../extract/ancestry';
import { CLASS_TYPES, FUNCTION_TYPES, assignmentOf, isFunctionLike } from '../syntax';
import { invocation } from './invocation';
import { enclosingClass, es5Constructor, iteratedArray, localEs5Constructor, objectMethods, objectOfThis } from './thisContext';
import { type Assignments, type ClassIndex, type Scoped, classIndex, createsValue, findAssignment, findClassMember, findKeyMember, isStaticMember } from './classMembers';
import { declarationBindings, lazyDeclarationBindings } from './declarationBindings';
import { type Binding, type NodeKey, describeExpression, patternNames, propertyKey } from './descriptors';
import { directProperties } from './patternNames';
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
const FUNCTION_VALUES = new Set(['function_expression', 'function', 'arrow_function']);
/** Nodes whose `bindingsOf` can be non-empty: lookups skip everything else. */
const SCOPE_TYPES = new Set([...SCOPE_BLOCKS, ...FUNCTION_TYPES, 'for_in_statement', 'for_statement', 'catch_clause']);

const MAX_KEPT_MEMBERS = 10_000;

export class ScopeResolver {
  private readonly scopeCache = new Map<number, Map<string, Scoped>>();
  private readonly classCache = new Map<number, Map<string, Scoped | undefined>>();
  private readonly resolved = new Map<string, Resolved>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly moduleEnv: ModuleEnv,
    readonly keyOf: NodeKey,
    private readonly ancestry: Ancestry,
    /** Kept between extractions of one module scope (ModuleScope.memberResolutions); only when `keyOf` names each statement. */
    private readonly memberResolutions?: { readonly memberResolutions: Map<string, Resolved>; readonly resolving: boolean },
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
    const cls = enclosingClass(node, this.ancestry);
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
    const cls = CLASS_TYPES.has(node.type) ? node : enclosingClass(node, this.ancestry);
    if (!cls) return this.objectOrEs5KeyMember(name, node);
    const isStatic = this.inStaticContext(node, cls);
    const cacheKey = `${cls.id}:key ${isStatic ? 'static.' : ''}${name}`;
    let scoped = this.keyMembers.get(cacheKey);
    if (!this.keyMembers.has(cacheKey)) this.keyMembers.set(cacheKey, (scoped = findKeyMember(cls, name, isStatic, this.keyOf)));
    if (!scoped) return undefined;
    if (typeof scoped.binding === 'function') scoped.binding = scoped.binding();
    return { binding: scoped.binding, env: this.envAt(scoped.from) };
  }

  private readonly keyMembers = new Map<string, Scoped | undefined>();

  /**
   * `this.conn` in an object literal's method: its property of that name, or what one of its methods assigns there —
   * a value created (`init() { this.conn = new Redis() }`) before one set aside (`conn: null`).
   */
  private objectScoped(object: Node, name: string): Scoped | undefined {
    let set: Scoped | undefined;
    for (const child of object.namedChildren) {
      const key = child?.type === 'pair' ? child.childForFieldName('key') : null;
      const value = key && propertyKey(key) === name ? child?.childForFieldName('value') : null;
      if (value) set ??= { binding: { b: 'value', value: describeExpression(value, this.keyOf) }, from: object };
    }
    for (const method of objectMethods(object)) {
      const assigned = findAssignment(method, name, 'this', this.keyOf);
      if (createsValue(assigned)) return assigned;
      set ??= assigned;
    }
    return set;
  }

  private objectMember(object: Node, name: string): Resolved {
    const scoped = this.objectScoped(object, name);
    return scoped ? this.resolveScoped(`${object.id}:object.${name}`, scoped, `${this.keyOf(object)}:this.${name}`) : UNKNOWN;
  }

  /** `this.key` in an ES5 constructor or its prototype methods (or an object literal's methods): what is assigned to it. */
  private objectOrEs5KeyMember(name: string, node: Node): { binding: Binding; env: Env } | undefined {
    const object = objectOfThis(node, this.ancestry);
    const own = object ? this.objectScoped(object, name) : undefined;
    if (own && typeof own.binding === 'function') own.binding = own.binding();
    if (own) return { binding: own.binding as Binding, env: this.envAt(own.from) };
    const local = localEs5Constructor(node, this.ancestry);
    if (local) {
      const scoped = this.localEs5Scoped(local, name);
      if (scoped && typeof scoped.binding === 'function') scoped.binding = scoped.binding();
      return scoped ? { binding: scoped.binding as Binding, env: this.envAt(scoped.from) } : undefined;
    }
    const ctor = es5Constructor(node, this.ancestry);
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
    const cls = CLASS_TYPES.has(node.type) ? node : enclosingClass(node, this.ancestry);
    if (!cls) {
      const object = objectOfThis(node, this.ancestry);
      if (object) return this.objectMember(object, name);
      const local = localEs5Constructor(node, this.ancestry);
      if (local) return this.localEs5Member(local, name);
      const ctor = es5Constructor(node, this.ancestry);
      return ctor ? (this.moduleEnv.es5Member?.(ctor, name) ?? UNKNOWN) : UNKNOWN;
    }
    // In a static method or block `this` is the class: its static members first.
    const isStatic = this.inStaticContext(node, cls);
    const kept = this.memberResolutions;
    const cacheKey = kept ? `${this.keyOf(cls)}|${isStatic ? 'static.' : 'this.'}${name}` : '';
    const known = kept?.memberResolutions.get(cacheKey);
    if (known) return known;
    // Only an answer no cycle cut short, and one that carries no node identity (a client's chain does), is kept.
    const whole = kept && this.inProgress.size === 0 && !kept.resolving;
    const resolved = this.memberOfClass(cls, name, isStatic, isStatic);
    if (whole && (resolved.r === 'unknown' || resolved.r === 'not-redis' || resolved.r === 'string')) {
      // Classes re-read under new names leave their old answers behind: a long editing session starts over now and then.
      if (kept.memberResolutions.size >= MAX_KEPT_MEMBERS) kept.memberResolutions.clear();
      kept.memberResolutions.set(cacheKey, resolved);
    }
    return resolved;
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
        // `var connect;` … `connect = function (o) { … }` (CoffeeScript's functions): the name holds that function.
        const set = assignmentOf(stmt);
        const declared = set?.left.type === 'identifier' && FUNCTION_VALUES.has(set.right.type) ? map.get(set.left.text) : undefined;
        if (set && declared) {
          const first = declared.binding;
          const earlier = (): Binding => (typeof first === 'function' ? first() : first);
          map.set(set.left.text, { from: node, binding: () => (earlier().b === 'unknown' ? { b: 'value', value: describeExpression(set.right, this.keyOf), mutable: true } : earlier()) });
        }
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
    const iterated = iteratedArray(fn, this.ancestry);
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

  /** What the ES5 constructor `ctor` (in this statement) assigns to `this.name`, read like a class field. */
  private localEs5Member(ctor: Node, name: string): Resolved {
    const scoped = this.localEs5Scoped(ctor, name);
    return scoped ? this.resolveScoped(`${ctor.id}:es5.${name}`, scoped, `${this.keyOf(ctor)}:this.${name}`) : UNKNOWN;
  }

  /** The constructor's `this.name = …`, its assignments read once per constructor. */
  private localEs5Scoped(ctor: Node, name: string): Scoped | undefined {
    let cache = this.assignments.get(ctor.id);
    if (!cache) this.assignments.set(ctor.id, (cache = new Map<string, Assignments>()));
    return findAssignment(ctor, name, 'this', this.keyOf, cache);
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


/** The expression after `extends` in a class declaration, if any. */
export function extendsValue(cls: Node): Node | null {
  const base = cls.childForFieldName('heritage') ?? cls.namedChildren.find((c) => c?.type === 'class_heritage');
  return base?.namedChildren.find((c) => c?.type === 'extends_clause')?.childForFieldName('value') ?? null;
}
