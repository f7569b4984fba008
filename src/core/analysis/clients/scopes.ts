/**
 * Name lookup inside one top-level statement: block declarations, parameters, loop variables and
 * class fields (`this.x`), falling back to the module scope. Results are cached per scope node for
 * the duration of one extraction.
 */
import type { Node } from 'web-tree-sitter';
import { Ancestry } from '../extract/ancestry';
import { FUNCTION_TYPES, isFunctionLike, unwrap } from '../syntax';
import {
  type Binding,
  type NodeKey,
  declarationBindings,
  describeExpression,
  lazyDeclarationBindings,
  patternNames,
} from './descriptors';
import { describeType } from './typeDescriptions';
import { type Env, type Resolved, UNKNOWN, resolveBinding } from './resolve';

export interface ModuleEnv {
  lookup(name: string): Resolved;
  imported?(specifier: string, exportName: string): Resolved;
}

interface Scoped {
  /** What the name is bound to; computed on first use (describing initialisers costs WASM calls). */
  binding: Binding | (() => Binding);
  /** Where names in the binding's expression are looked up from. */
  from: Node;
}

const SCOPE_BLOCKS = new Set(['statement_block', 'switch_body', 'class_static_block']);
const CLASS_TYPES = new Set(['class_declaration', 'class', 'abstract_class_declaration']);
/** Nodes whose `bindingsOf` can be non-empty: lookups skip everything else. */
const SCOPE_TYPES = new Set([...SCOPE_BLOCKS, ...FUNCTION_TYPES, 'for_in_statement', 'for_statement', 'catch_clause']);
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
    };
  }

  /** Resolves `name` as seen from `node` (inclusive: a block sees its own declarations). */
  lookup(name: string, node: Node): Resolved {
    for (let p: Node | null = node; p && p.type !== 'program'; p = this.ancestry.nearest(p, SCOPE_TYPES, 'scope')) {
      const scoped = this.bindingsOf(p).get(name);
      if (scoped) return this.resolveScoped(`${p.id}:${name}`, scoped, this.keyOf(p) + ':' + name);
    }
    return this.moduleEnv.lookup(name);
  }

  /** True when `name` is declared between `node` and `boundary` (inclusive, a scope node), i.e. locally. */
  declaredWithin(name: string, node: Node, boundary: Node): boolean {
    for (let p: Node | null = node; p; p = this.ancestry.nearest(p, SCOPE_TYPES, 'scope')) {
      if (this.bindingsOf(p).has(name)) return true;
      if (p.id === boundary.id || !Ancestry.contains(boundary, p)) return false;
    }
    return false;
  }

  thisMember(name: string, node: Node): Resolved {
    const cls = this.enclosingClass(node);
    if (!cls) return UNKNOWN;
    const scoped = this.classMember(cls, name);
    return scoped ? this.resolveScoped(`${cls.id}:this.${name}`, scoped, `${this.keyOf(cls)}:this.${name}`) : UNKNOWN;
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
    for (const param of params.namedChildren) {
      if (!param || param.type === 'comment') continue;
      const pattern = param.childForFieldName('pattern') ?? param;
      const type = param.childForFieldName('type');
      if (pattern.type === 'identifier') {
        const binding: Binding = type ? { b: 'typed', type: describeType(type) } : defaultValueBinding(param, this.keyOf);
        map.set(pattern.text, { binding, from: fn });
        continue;
      }
      for (const [name] of patternNames(pattern)) map.set(name, { binding: { b: 'unknown' }, from: fn });
    }
  }

  private enclosingClass(node: Node): Node | null {
    for (let p = this.ancestry.nearest(node, CLASS_OR_FUNCTION, 'class'); p; p = this.ancestry.nearest(p, CLASS_OR_FUNCTION, 'class')) {
      if (CLASS_TYPES.has(p.type)) return p;
      // A plain function has its own `this`; arrows and methods do not.
      if (isFunctionLike(p) && p.type !== 'arrow_function' && p.type !== 'method_definition') return null;
    }
    return null;
  }

  /** The class member `name`: a declared field, a method, a parameter property or a `this.x =` assignment. */
  private classMember(cls: Node, name: string): Scoped | undefined {
    let map = this.classCache.get(cls.id);
    if (!map) this.classCache.set(cls.id, (map = new Map<string, Scoped | undefined>()));
    if (map.has(name)) return map.get(name);
    const found = this.findClassMember(cls, name);
    map.set(name, found);
    return found;
  }

  private findClassMember(cls: Node, name: string): Scoped | undefined {
    const body = cls.childForFieldName('body');
    let assigned: Scoped | undefined;
    // Most lookups are for names never assigned as `this.x = …`: skip the statement walk then.
    const mayBeAssigned = new RegExp(`this\\s*\\.\\s*${name.replace(/\$/g, '\\$')}\\s*=(?!=)`).test(body?.text ?? '');
    for (const member of body?.namedChildren ?? []) {
      if (!member) continue;
      if (member.type === 'public_field_definition' || member.type === 'field_definition') {
        const nameNode = member.childForFieldName('name') ?? member.childForFieldName('property');
        if (nameNode?.text !== name) continue;
        const type = member.childForFieldName('type');
        const value = member.childForFieldName('value');
        const described = type ? describeType(type) : null;
        // `client: any` says nothing: what the constructor assigns (`this.client = new Redis()`) does.
        if (described && described.t !== 'unknown') return { binding: { b: 'typed', type: described }, from: cls };
        if (value) return { binding: { b: 'value', value: describeExpression(value, this.keyOf) }, from: cls };
      } else if (member.type === 'method_definition') {
        const nameNode = member.childForFieldName('name');
        if (nameNode?.text === name) {
          const returns = member.childForFieldName('return_type');
          return { binding: { b: 'function', returns: returns ? describeType(returns) : null }, from: cls };
        }
        if (nameNode?.text === 'constructor') {
          const property = this.parameterProperty(member, name);
          if (property) return property;
        }
        // The constructor's assignment counts, unless a field is declared; among several
        // (`this.client = options.client` or `= createClient()`), the one that creates a value.
        if (mayBeAssigned && !createsValue(assigned)) assigned = findThisAssignment(member, name, this.keyOf) ?? assigned;
      }
    }
    return assigned;
  }

  /** `constructor(private redis: Redis)` declares the field `redis`. */
  private parameterProperty(ctor: Node, name: string): Scoped | undefined {
    const params = ctor.childForFieldName('parameters');
    for (const param of params?.namedChildren ?? []) {
      if (!param) continue;
      const pattern = param.childForFieldName('pattern');
      if (pattern?.type !== 'identifier' || pattern.text !== name) continue;
      const isProperty = param.namedChildren.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier') || /^\s*readonly\b/.test(param.text);
      if (!isProperty) return undefined;
      const type = param.childForFieldName('type');
      return { binding: type ? { b: 'typed', type: describeType(type) } : { b: 'unknown' }, from: ctor };
    }
    return undefined;
  }
}

function defaultValueBinding(param: Node, keyOf: NodeKey): Binding {
  const value = param.childForFieldName('value') ?? (param.type === 'assignment_pattern' ? param.childForFieldName('right') : null);
  return value ? { b: 'value', value: describeExpression(value, keyOf) } : { b: 'unknown' };
}

function createsValue(scoped: Scoped | undefined): boolean {
  const binding = scoped?.binding;
  return typeof binding === 'object' && binding.b === 'value' && (binding.value.v === 'new' || binding.value.v === 'call');
}

/**
 * `this.<name> = <expr>` in a method body (also inside if/else blocks): the first assignment that
 * creates a value (`new …`, a call), else the first one.
 */
function findThisAssignment(method: Node, name: string, keyOf: NodeKey): Scoped | undefined {
  const body = method.childForFieldName('body');
  if (!body) return undefined;
  let first: Scoped | undefined;
  const visit = (statements: ReadonlyArray<Node | null>, block: Node, depth: number): Scoped | undefined => {
    for (const stmt of statements) {
      if (!stmt) continue;
      if (stmt.type === 'expression_statement') {
        const expr = stmt.firstNamedChild ? unwrap(stmt.firstNamedChild) : null;
        if (expr?.type !== 'assignment_expression') continue;
        const left = expr.childForFieldName('left');
        const right = expr.childForFieldName('right');
        if (left?.type !== 'member_expression' || !right) continue;
        if (left.childForFieldName('object')?.type === 'this' && left.childForFieldName('property')?.text === name) {
          const found: Scoped = { binding: { b: 'value', value: describeExpression(right, keyOf) }, from: block };
          if (createsValue(found)) return found;
          first ??= found;
        }
      } else if (depth < 3 && stmt.type === 'if_statement') {
        for (const branch of [stmt.childForFieldName('consequence'), stmt.childForFieldName('alternative')]) {
          // `else if (…) { … }` nests an if statement inside the else clause.
          const inner = branch?.type === 'else_clause' ? branch.firstNamedChild : branch;
          const found =
            inner?.type === 'statement_block' ? visit(inner.namedChildren, inner, depth + 1) : inner?.type === 'if_statement' ? visit([inner], block, depth + 1) : undefined;
          if (found) return found;
        }
      }
    }
    return undefined;
  };
  return visit(body.namedChildren, body, 0) ?? first;
}
