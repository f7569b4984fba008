/**
 * Node-free descriptions of what expressions and types denote (declarationBindings.ts: what
 * declarations bind them to). They are built from syntax only and resolved later (resolve.ts)
 * against scopes, so module-level descriptions can be cached across re-parses.
 */
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES, firstChildOfType, isClusterCreation, literalString, unwrap } from '../syntax';
import { propertyKey } from './patternNames';
import { clientFamilyOf } from './packages';
import { isProjectSpecifier } from './specifiers';
import { declaredValue, returnedExpression, returnsKept } from './returnedExpression';
import { constructedCollection, describeType } from './typeDescriptions';
import { typedParameter } from './typedParameters';
import { parameterNames, templatePieces } from '../extract/templateParts';
import type { PropDesc, ValueDesc } from './valueDescs';
import { wrapperCalls } from '../extract/wrapperCalls';

export type { TypeDesc } from './typeDescriptions';
export { patternNames, propertyKey } from './patternNames';

export type { Binding, PropDesc, ValueDesc } from './valueDescs';

export const UNKNOWN_VALUE: ValueDesc = { v: 'unknown' };
const UNKNOWN = UNKNOWN_VALUE;
const LITERAL: ValueDesc = { v: 'literal' };

const LITERAL_TYPES = new Set([
  'number',
  'array',
  'arrow_function',
  'function_expression',
  'function',
  'generator_function',
  'class',
  'regex',
  'template_string',
  'binary_expression',
  'unary_expression',
  'update_expression',
  'jsx_element',
  'jsx_self_closing_element',
]);

/**
 * Gives nested nodes their identities. `keyCallsIn`, when set, says whether [start, end) holds a call
 * of a key command (a text scan of the file found them all): describing a function that holds none
 * skips looking for the calls that would make it a key wrapper.
 */
export type NodeKey = ((node: Node) => string) & {
  keyCallsIn?: (start: number, end: number) => boolean;
  /** Does [start, end) of the text say `Cluster`? (A full extraction knows from one scan; else the node's text is read.) */
  clusterIn?: (start: number, end: number) => boolean;
};

/** The calls that may make function `fn` a key wrapper (see wrapperCalls.ts), unless the scan says it has none. */
export function keyWrapperCalls(fn: Node, keyOf: NodeKey, depth: number): ValueDesc[] | undefined {
  if (keyOf.keyCallsIn?.(fn.startIndex, fn.endIndex) === false) return undefined;
  return wrapperCalls(fn, (call) => describeExpression(call, keyOf, depth + 1));
}

/** Functions that load a package by name (`loadPackage`, `load`, `optionalRequire`, `tryImport`). */
const LOADER_NAME = /load|require|import/i;

/** Expressions that make a value (a `??`/`||` default of one is what the expression holds). */
const CREATING = new Set(['new_expression', 'call_expression', 'assignment_expression', 'augmented_assignment_expression']);

/** Helpers TypeScript, esbuild and Babel wrap a compiled `require` in. */
const INTEROP_HELPERS = /^(?:[\w$]+\.)?(?:__importDefault|__importStar|__toESM|_interopRequireDefault|_interopRequireWildcard)$/;

export function describeExpression(node: Node, keyOf: NodeKey, depth = 0): ValueDesc {
  if (depth > 32) return UNKNOWN;
  const n = node;
  switch (n.type) {
    case 'parenthesized_expression':
    case 'await_expression':
    case 'non_null_expression':
    case 'satisfies_expression': {
      const inner = n.firstNamedChild;
      return inner ? describeExpression(inner, keyOf, depth + 1) : UNKNOWN;
    }
    // `(0, redis.createClient)(…)`: compiled code calls an import this way; the value is the last expression.
    case 'sequence_expression': {
      const last = n.lastNamedChild;
      return last ? describeExpression(last, keyOf, depth + 1) : UNKNOWN;
    }
    case 'as_expression': {
      // `client as any`, `{ … } as const`: a cast that says nothing leaves the value what it is.
      const type = n.namedChildren[1];
      const value = n.namedChildren[0];
      if (value && (!type || UNTELLING_TYPE.test(type.text))) return describeExpression(value, keyOf, depth + 1);
      return type ? { v: 'typed', type: describeType(type) } : UNKNOWN;
    }
    case 'type_assertion': {
      // `<Redis>app.redis`: the type comes first, in angle brackets.
      const type = n.firstNamedChild?.type === 'type_arguments' ? n.firstNamedChild.firstNamedChild : null;
      return type ? { v: 'typed', type: describeType(type) } : UNKNOWN;
    }
    // `opts.createClient ? opts.createClient('client') : new Redis(opts)`: the branch that creates (see creatingBranch).
    case 'ternary_expression': {
      const branch = creatingBranch(n);
      const desc = branch ? describeExpression(branch, keyOf, depth + 1) : UNKNOWN;
      const other = branch && [n.childForFieldName('consequence'), n.childForFieldName('alternative')].find((b) => b && b.id !== branch.id);
      return desc.v === 'new' && other && isClusterCreation(other) && !isClusterCreation(branch) ? { ...desc, orCluster: true } : desc;
    }
    // Lazy initialisation: `(this.r = new Redis())`, `this.r ??= new Redis()`, `this.r || (this.r = …)` hold what is assigned.
    case 'assignment_expression':
    case 'augmented_assignment_expression': {
      const right = n.childForFieldName('right');
      const operator = n.type === 'assignment_expression' ? '=' : n.childForFieldName('operator')?.text;
      return right && (operator === '=' || operator === '??=' || operator === '||=') ? describeExpression(right, keyOf, depth + 1) : UNKNOWN;
    }
    case 'identifier':
      return n.text === 'undefined' ? { v: 'keyword', value: 'undefined' } : { v: 'ident', name: n.text };
    case 'this':
      return { v: 'this' };
    case 'true':
    case 'false':
    case 'null':
    case 'undefined':
      return { v: 'keyword', value: n.type };
    case 'member_expression': {
      const object = n.childForFieldName('object');
      const property = n.childForFieldName('property');
      if (!object || !property) return UNKNOWN;
      return { v: 'member', object: describeExpression(object, keyOf, depth + 1), name: property.text };
    }
    case 'subscript_expression': {
      const object = n.childForFieldName('object');
      const index = n.childForFieldName('index');
      if (!object || !index) return UNKNOWN;
      const name = literalString(index) ?? (index.type === 'number' ? index.text : undefined);
      // `pool[name]`, `list[i]`: an element of what the object holds (a client when it is a collection of clients).
      if (name === undefined) return { v: 'elementOf', of: describeExpression(object, keyOf, depth + 1) };
      return { v: 'member', object: describeExpression(object, keyOf, depth + 1), name };
    }
    case 'call_expression': {
      const callee = n.childForFieldName('function');
      if (!callee) return UNKNOWN;
      if (callee.type === 'identifier' && callee.text === 'require') return describeRequire(n);
      if (callee.type === 'import') return describeRequire(n);
      // Compiled imports: `__importDefault(require('ioredis'))`, `__toESM(require('redis'))`, Babel's interop.
      if (INTEROP_HELPERS.test(callee.text)) {
        const inner = n.childForFieldName('arguments')?.firstNamedChild;
        if (inner?.type === 'call_expression' && inner.childForFieldName('function')?.text === 'require') return describeRequire(inner);
      }
      // A package loader given a client package's name: NestJS's `loadPackage('ioredis', …)`, TypeORM's `PlatformTools.load('redis')`.
      if (LOADER_NAME.test(callee.text.split('.').pop() ?? '')) {
        const loaded = describeRequire(n);
        if (loaded.v === 'require' && clientFamilyOf(loaded.specifier)) return loaded;
      }
      return { v: 'call', callee: describeExpression(callee, keyOf, depth + 1), key: keyOf(n), ...describeArguments(n, keyOf, depth) };
    }
    case 'new_expression': {
      const callee = n.childForFieldName('constructor');
      if (!callee) return UNKNOWN;
      // `new Map<string, Redis>()`: a collection of clients, as its annotation would say.
      const collection = callee.type === 'identifier' ? constructedCollection(callee.text, n.childForFieldName('type_arguments')) : undefined;
      return collection ? { v: 'typed', type: collection } : { v: 'new', callee: describeExpression(callee, keyOf, depth + 1) };
    }
    case 'string': {
      const value = literalString(n);
      return value === undefined ? UNKNOWN : { v: 'string', value };
    }
    case 'number':
      return numberLiteral(n.text);
    case 'object':
      return { v: 'object', props: describeObject(n, keyOf, depth) };
    case 'arrow_function':
    case 'function_expression':
    case 'function': {
      // A declared return type says what it returns, except for key helpers (`(id): string => \`a:${id}\``), whose body tells the key.
      const returnType = telling(n.childForFieldName('return_type'));
      const returns = returnType
        ? (templateOnly(returnedValue(n, keyOf, depth)) ?? ({ v: 'typed', type: describeType(returnType) } as const))
        : returnedValue(n, keyOf, depth);
      const calls = keyWrapperCalls(n, keyOf, depth);
      if (calls) return { v: 'function', returns: returns ?? UNKNOWN, params: parameterNames(n), calls };
      return returns ? { v: 'function', returns, ...withParams(n, returns), ...factoryListens(n, returns) } : LITERAL;
    }
    default: {
      // `opts.client ?? new Redis()`, `this.r || (this.r = createClient())`: a default created on the right.
      const operator = n.type === 'binary_expression' ? n.childForFieldName('operator')?.text : undefined;
      const right = operator === '??' || operator === '||' ? n.childForFieldName('right') : null;
      if (right && (CREATING.has(unwrap(right).type) || unwrap(right).type === 'ternary_expression')) return describeExpression(right, keyOf, depth + 1);
      // `opts.client || defaults.client`, `a && a.redis`: which operand it holds is not known (not a literal).
      if (operator === '??' || operator === '||' || operator === '&&') return UNKNOWN;
      if (n.type === 'template_string' || n.type === 'binary_expression') {
        const value = literalString(n);
        if (value !== undefined) return { v: 'string', value };
        const parts = templatePieces(n, (e) => describeExpression(e, keyOf, depth + 1));
        if (parts) return { v: 'template', parts };
      }
      return LITERAL_TYPES.has(n.type) ? LITERAL : UNKNOWN;
    }
  }
}

/** `16`, `0x10`, `1_000`: the number as `String(n)` writes it into a key (`bucket:${SHARDS}`); bigints stay plain literals. */
/**
 * The branch of a conditional that makes a value: a `new` before a call, and of two `new`s the one
 * that is not a Cluster (a client that may be either is judged as standalone, as `Redis | Cluster` is).
 */
function creatingBranch(n: Node): Node | null {
  const branches = [n.childForFieldName('consequence'), n.childForFieldName('alternative')].filter((b): b is Node => !!b);
  // `test ? new RedisMock() : new Redis()`: production runs the real one.
  const real = (b: Node): boolean => !namesTestDouble(unwrap(b));
  const built = branches.filter((b) => unwrap(b).type === 'new_expression');
  if (built.length > 0) return built.find((b) => real(b) && !isClusterCreation(b)) ?? built.find(real) ?? built.find((b) => !isClusterCreation(b)) ?? built[0];
  const creating = branches.filter((b) => CREATING.has(unwrap(b).type));
  if (creating.length > 0) return creating.find(real) ?? creating[0];
  // `const RedisCore = MOCK ? RedisMock : Redis`: the class production uses, when the other one is a test double.
  const named = branches.filter((b) => NAME_TYPES.has(unwrap(b).type));
  const doubles = named.filter((b) => TEST_DOUBLE.test(unwrap(b).text));
  return named.length === 2 && doubles.length === 1 ? (named.find((b) => b !== doubles[0]) ?? null) : null;
}

const NAME_TYPES = new Set(['identifier', 'member_expression']);

/** `ioredis-mock`, `redis-mock`, `FakeRedis`, `RedisStub`: a test double of a client. */
const TEST_DOUBLE = /mock|fake|stub|dummy/i;

/** What a creating expression makes names a test double (its constructor, callee or required package). */
function namesTestDouble(expression: Node): boolean {
  const callee = expression.childForFieldName(expression.type === 'new_expression' ? 'constructor' : 'function');
  if (!callee) return false;
  const specifier = callee.text === 'require' ? expression.childForFieldName('arguments')?.firstNamedChild : null;
  return TEST_DOUBLE.test(specifier ? specifier.text : callee.text);
}

function numberLiteral(text: string): ValueDesc {
  const value = Number(text.replace(/_/g, ''));
  return Number.isFinite(value) ? { v: 'literal', number: String(value) } : LITERAL;
}

/** The value a function returns: its expression body, or the first `return` among its body's statements. */
export function returnedValue(fn: Node, keyOf: NodeKey, depth = 0): ValueDesc | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  // A returned Promise or local stands for what it holds (`await connect()`, `return client`).
  if (body.type !== 'statement_block') return keptMark(describeReturned(fn, returnedExpression(fn, body), keyOf, depth), body);
  const stmt = firstChildOfType(body, 'return_statement');
  // Only a function that says `Cluster` can return one on some path: its other returns are read then (once).
  const mentionsCluster = keyOf.clusterIn ? keyOf.clusterIn(body.startIndex, body.endIndex) : /\bCluster\b/.test(body.text);
  const returns = mentionsCluster ? branchReturns(body) : [];
  const value = stmt?.firstNamedChild ?? returns.find((r) => !isClusterCreation(r));
  const desc = value ? keptMark(describeReturned(fn, returnedExpression(fn, value), keyOf, depth), value) : undefined;
  // `if (hosts) return new Redis.Cluster(hosts); return new Redis(url);`: a standalone client that is a Cluster on another path.
  if (desc?.v === 'new' && !desc.orCluster && returns.some(isClusterCreation)) return { ...desc, orCluster: true };
  return desc;
}

/** A creation handed out from where another object keeps it is no new client per call (ModuleScope.factoryNames). */
function keptMark(desc: ValueDesc, returned: Node): ValueDesc {
  return (desc.v === 'new' || desc.v === 'call') && returnsKept(returned) ? { ...desc, kept: true } : desc;
}

/** The values the function's `return` statements give, in its own body (not in functions nested in it). */
function branchReturns(body: Node): Node[] {
  const nested = body.descendantsOfType([...FUNCTION_TYPES]).filter((n): n is Node => n !== null);
  const inNested = (n: Node): boolean => nested.some((f) => n.startIndex >= f.startIndex && n.endIndex <= f.endIndex);
  return body
    .descendantsOfType('return_statement')
    .filter((r): r is Node => r !== null && !inNested(r))
    .map((r) => r.firstNamedChild)
    .filter((v): v is Node => v !== null);
}

/**
 * A returned value; a returned object literal (`return { redis: client, prefix }`) with each of its
 * names read where the function sees them: a local's initialiser, nothing known for a parameter.
 */
function describeReturned(fn: Node, expression: Node, keyOf: NodeKey, depth: number): ValueDesc {
  const desc = describeExpression(expression, keyOf, depth + 1);
  // `(primary: Redis | Cluster, replicas?: Redis[]) => replicas?.length ? replicas[i] : primary`: what the typed parameters hold.
  if (desc.v === 'unknown' || desc.v === 'ident' || desc.v === 'elementOf') {
    const typed = typedParameter(fn, expression);
    if (typed) return typed;
  }
  if (desc.v !== 'object' || !desc.props) return desc;
  let params: Set<string> | undefined;
  const local = (value: ValueDesc): ValueDesc => {
    if (value.v !== 'ident') return value;
    if ((params ??= new Set(parameterNames(fn))).has(value.name)) return UNKNOWN;
    const init = declaredValue(fn, value.name);
    if (init === undefined) return value;
    return init ? describeExpression(init, keyOf, depth + 1) : UNKNOWN;
  };
  return { v: 'object', props: desc.props.map((p) => ({ ...p, value: local(p.value) })) };
}

/** A few plain arguments (a key helper's `sessionKey(id)`); none for long argument lists. */
/** Characters of a `.map()` callback read as a key helper (`(id) => \`user:${id}\``); longer ones do other work. */
const MAX_MAPPED_CALLBACK = 200;

function describeArguments(call: Node, keyOf: NodeKey, depth: number): { args?: ValueDesc[] } {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a?.type !== 'comment') ?? [];
  if (args.length === 0 || args.length > 4) return {};
  // Callbacks are never part of a key (their bodies can be long), but a short one mapping to keys makes an array of them
  // (`ids.map((id) => \`cfg:${id}\`)`, see keyTemplates.ts).
  const mapsKeys = (a: Node, i: number): boolean => i === 0 && a.endIndex - a.startIndex <= MAX_MAPPED_CALLBACK && /\.\s*map$/.test(call.childForFieldName('function')?.text ?? '');
  return { args: args.map((a, i) => (!a ? UNKNOWN : (a.type === 'arrow_function' || a.type === 'function_expression') && !mapsKeys(a, i) ? LITERAL : describeExpression(a, keyOf, depth + 1))) };
}

/**
 * A return type that says what the function returns, else null: `any`, `unknown`, `object` and promises of them (`async
 * getConnection(): Promise<any> { return new Redis(…) }`) tell nothing, so the body is read as when none is written.
 */
export function telling(returnType: Node | null): Node | null {
  return returnType && UNTELLING_TYPE.test(returnType.text) ? null : returnType;
}

const UNTELLING_TYPE = /^:?\s*(?:Promise\s*<\s*)?(?:any|unknown|object)\s*>?\s*$/;

export function templateOnly(desc: ValueDesc | undefined): ValueDesc | undefined {
  return desc?.v === 'template' ? desc : undefined;
}

/**
 * A factory that creates the client it returns and attaches listeners to it (`redisClient.on(event, …)` for every
 * event): its callers hold a listened client (missing-error-listener).
 */
export function factoryListens(fn: Node, returns: ValueDesc | undefined): { listens?: true } {
  if (returns?.v !== 'new' && returns?.v !== 'call') return {};
  // Only a creation named like a client's (`createClient`, `new Redis`) is worth reading the function for.
  const callee = returns.callee.v === 'ident' || returns.callee.v === 'member' ? returns.callee.name : '';
  return /client|redis|cluster|valkey/i.test(callee) && /\.\s*(?:on|once|addListener|prependListener)\s*\(/.test(fn.text) ? { listens: true } : {};
}

/** Parameter names matter when the function builds a string from them (a key helper). */
export function withParams(fn: Node, returns: ValueDesc): { params?: string[] } {
  return returns.v === 'template' ? { params: parameterNames(fn) } : {};
}

function describeRequire(call: Node): ValueDesc {
  const args = call.childForFieldName('arguments');
  const first = args?.firstNamedChild;
  const specifier = first ? (first.type === 'ternary_expression' ? realSpecifier(first) : literalString(first)) : undefined;
  return specifier === undefined ? UNKNOWN : { v: 'require', specifier };
}

/** `require(emulate ? 'ioredis-mock' : 'ioredis')`: the package production loads (not the test double). */
function realSpecifier(choice: Node): string | undefined {
  const specifiers = [choice.childForFieldName('consequence'), choice.childForFieldName('alternative')].map((b) => (b ? literalString(b) : undefined));
  if (specifiers.some((s) => s === undefined)) return undefined;
  return specifiers.find((s) => s !== undefined && !TEST_DOUBLE.test(s)) ?? specifiers[0];
}

function describeObject(node: Node, keyOf: NodeKey, depth: number): PropDesc[] | null {
  const props: PropDesc[] = [];
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'pair') {
      const keyNode = child.childForFieldName('key');
      const valueNode = child.childForFieldName('value');
      if (!keyNode || !valueNode) return null;
      const key = propertyKey(keyNode);
      if (key === undefined) return null;
      props.push({ key, value: describeExpression(valueNode, keyOf, depth + 1), shorthand: false });
    } else if (child.type === 'shorthand_property_identifier') {
      props.push({ key: child.text, value: { v: 'ident', name: child.text }, shorthand: true });
    } else if (child.type === 'method_definition') {
      const name = child.childForFieldName('name');
      if (!name) return null;
      // `{ async useExisting(): Promise<Redis> {…} }`, `{ create() { return new Redis(url) } }`: what calling it gives.
      const returnType = child.childForFieldName('return_type');
      const returns = returnType ? ({ v: 'typed', type: describeType(returnType) } as const) : returnedValue(child, keyOf, depth + 1);
      props.push({ key: name.text, value: returns ? { v: 'function', returns } : LITERAL, shorthand: false });
    } else {
      return null; // spread_element and anything unexpected: contents unknown
    }
  }
  return props;
}

/** `{ specifier }` when it may name a module of the project (relative, or a path alias: specifiers.ts), else nothing. */
/** The `require(…)` a value reads: `require('./db')` itself, or `require('./db').client` (with the member's name). */
export function requiredBy(value: ValueDesc): { specifier: string; member?: string } | undefined {
  if (value.v === 'require') return { specifier: value.specifier };
  if (value.v === 'member' && value.object.v === 'require') return { specifier: value.object.specifier, member: value.name };
  return undefined;
}

export function relative(specifier: string): { specifier?: string } {
  return isProjectSpecifier(specifier) ? { specifier } : {};
}
