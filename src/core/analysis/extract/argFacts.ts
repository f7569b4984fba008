/** Turns call arguments into ArgFacts, resolving constants (`const MODE = 'EX'`) and option objects. */
import type { Node } from 'web-tree-sitter';
import { type PropDesc, type ValueDesc, describeExpression, propertyKey } from '../clients/descriptors';
import { type Env, resolveValue } from '../clients/resolve';
import { FUNCTION_TYPES, literalString, spanOf } from '../syntax';
import { LUA_CALL } from './commands';
import { staticFieldValue } from './staticFields';
import { keyParts } from './keyTemplates';
import type { ArgFact, PropFact, Span } from './facts';

/**
 * `${defaults.NAMESPACE}`, `${PREFIX}`: a name (or a member of one) declared at module level or imported
 * is configuration, the same on every call, and so is a local bound to a fixed string; a parameter,
 * another local, `this.x` or a call may differ.
 */
function constantSplice(substitution: Node, envAt: (node: Node) => Env): boolean {
  const expression = substitution.firstNamedChild;
  if (!expression || !/^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*$/.test(expression.text)) return false;
  const root = expression.text.split('.')[0].trim();
  if (root === 'this') return false;
  const env = envAt(expression);
  if (env.isModuleName?.(root) === true) return true;
  // `const PRELUDE = \`local base = …\`` in the same function: a fixed piece of Lua spliced in.
  return expression.type === 'identifier' && resolveValue({ v: 'ident', name: root }, env, null, 0).r === 'string';
}

export function argFact(node: Node, envAt: (node: Node) => Env, depth = 0): ArgFact {
  const span = spanOf(node);
  const text = node.text;
  switch (node.type) {
    case 'string':
      return { kind: 'string', value: literalString(node) ?? '', text, span, resolved: false };
    case 'template_string': {
      const value = literalString(node);
      if (value !== undefined) return { kind: 'string', value, text, span, resolved: false };
      // Only a Lua script's splices are told apart (dynamic-lua reads `dynamic`): keys keep the plain answer.
      const lua = LUA_CALL.test(text);
      const dynamic = node.namedChildren.some((part) => part?.type === 'template_substitution' && !(lua && constantSplice(part, envAt)));
      return { kind: 'template', dynamic, text, span };
    }
    case 'number':
      return { kind: 'number', value: Number(text.replace(/_/g, '')), text, span };
    case 'true':
    case 'false':
    case 'null':
    case 'undefined':
      return { kind: 'keyword', value: node.type, text, span };
    case 'spread_element':
      return { kind: 'spread', text, span };
    case 'arrow_function':
    case 'function_expression':
    case 'function':
      return { kind: 'function', text, span };
    case 'call_expression':
      // `function (err) { … }.bind(this)`, `this.done.bind(this)`: a function all the same (a callback).
      return isBoundFunction(node) ? { kind: 'function', text, span } : { kind: 'other', text, span };
    case 'parenthesized_expression': {
      const inner = node.firstNamedChild;
      return inner && depth < 8 ? argFact(inner, envAt, depth + 1) : { kind: 'other', text, span };
    }
    case 'binary_expression':
      return isStringConcat(node) ? { kind: 'concat', text, span } : { kind: 'other', text, span };
    case 'array': {
      const elements = node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
      return { kind: 'array', elements: depth < 4 ? elements.map((e) => argFact(e, envAt, depth + 1)) : [], text, span };
    }
    case 'object':
    {
      const filled: string[] = [];
      const props = depth < 4 ? inlineProps(node, envAt, depth, filled) : null;
      const computed = props === null && depth < 4 ? computedEntries(node, envAt, depth) : null;
      return { kind: 'object', props, inline: true, text, span, ...(computed ? { computed } : {}), ...(props && filled.length ? { filled } : {}) };
    }
    case 'identifier': {
      if (text === 'undefined') return { kind: 'keyword', value: 'undefined', text, span };
      const resolved = envAt(node).lookup(text);
      if (resolved.r === 'string') {
        const mutable = envAt(node).binding?.(text)?.binding;
        return mutable?.b === 'value' && mutable.mutable && reassigned(node, text) ? { kind: 'other', text, span } : { kind: 'string', value: resolved.value, text, span, resolved: true };
      }
      if (resolved.r === 'object') {
        // `const opts = {}; if (ttl) opts.EX = ttl;`: what is filled in after the declaration, on some paths.
        const filled = filledLater(node, text);
        const props = resolved.props ? propsFromDesc(resolved.props, resolved.env, span, text, 0) : null;
        return { kind: 'object', props, inline: false, text, span, ...(filled.length ? { filled } : {}) };
      }
      // `var script = 'local k = redis.call("keys", "' + prefix + '…")'`: its literal text, for the Lua rules.
      const bound = envAt(node).binding?.(text)?.binding;
      if (bound?.b === 'value' && bound.value.v === 'template') {
        return { kind: 'other', text, span, literal: bound.value.parts.filter((p): p is string => typeof p === 'string').join('') };
      }
      return bound?.b === 'value' && bound.value.v === 'elementOf' && listedKey(node, bound.value.of) ? { kind: 'other', text, span, listed: true } : { kind: 'other', text, span };
    }
    case 'member_expression': {
      // `SCRIPTS.release`, `Lua.PURGE`: a string constant reached through an object or an import.
      const resolved = resolveValue(describeExpression(node, () => 'arg'), envAt(node), null, 0);
      if (resolved.r === 'string') return { kind: 'string', value: resolved.value, text, span, resolved: true };
      return staticFieldFact(node, envAt, text, span) ?? constantKeyFact(node, envAt, text, span) ?? { kind: 'other', text, span };
    }
    default:
      return { kind: 'other', text, span };
  }
}

/**
 * `let sessionId = ''; … sessionId = header.split(' ')[1]`: a `let`/`var` assigned again after its
 * declaration holds whatever was assigned last, not its initial string. Read from the text of the nearest
 * enclosing scope that declares the name (the file for a module-level one).
 */
function reassigned(use: Node, name: string): boolean {
  const id = name.replace(/\$/g, '\\$');
  const declaration = new RegExp(`\\b(?:let|var)\\s+${id}(?![\\w$])`);
  const assignment = new RegExp(`(?<![\\w$.])${id}\\s*(?:[-+*/%&|^]|\\?\\?|&&|\\|\\|)?=(?![=>])`, 'g');
  for (let scope = use.parent; scope; scope = scope.parent) {
    if (scope.type === 'program') {
      // Module-level `var KEY = '…'` in old-style code is common: read the file once per tree and name.
      const known = (programAnswers.get(scope.tree) ?? programAnswers.set(scope.tree, new Map()).get(scope.tree)) as Map<string, boolean>;
      let answer = known.get(name);
      if (answer === undefined) known.set(name, (answer = (scope.text.match(assignment)?.length ?? 0) > 1));
      return answer;
    }
    if (!SCOPES.has(scope.type)) continue;
    const body = scope.text;
    if (!declaration.test(body)) continue;
    return (body.match(assignment)?.length ?? 0) > 1;
  }
  return false;
}

const programAnswers = new WeakMap<object, Map<string, boolean>>();

/**
 * `opts.EX = ttl`, `opts['PX'] = ms`, `Object.assign(opts, …)`: the members an object a local holds is given after its
 * declaration, in the nearest enclosing block that declares the name (`*` when not known which).
 */
function filledLater(use: Node, name: string): string[] {
  const id = name.replace(/\$/g, '\\$');
  const declaration = new RegExp(`\\b(?:const|let|var)\\s+${id}(?![\\w$])`);
  const filled = new RegExp(`(?<![\\w$.])${id}\\s*(?:\\.\\s*([\\w$]+)|\\[\\s*(?:(['"])([\\w$]+)\\2|[^\\]\\n]*)\\s*\\])\\s*=(?![=>])|\\bObject\\.assign\\s*\\(\\s*${id}\\s*,`, 'g');
  // A module-level object is left as declared: what other statements do to it is theirs (an edit there re-reads only them).
  for (let scope = use.parent; scope && scope.type !== 'program'; scope = scope.parent) {
    if (!SCOPES.has(scope.type) || !declaration.test(scope.text)) continue;
    return [...scope.text.matchAll(filled)].map((m) => m[1] ?? m[3] ?? '*');
  }
  return [];
}

const SCOPES = new Set(['statement_block', 'class_body', 'switch_body']);

/** `Repo.SCRIPT`, a static field of a class of the module: its string (or a template's literal text, for the Lua rules). */
function staticFieldFact(node: Node, envAt: (node: Node) => Env, text: string, span: Span): ArgFact | null {
  const object = node.childForFieldName('object');
  const property = node.childForFieldName('property');
  if (object?.type !== 'identifier' || property?.type !== 'property_identifier' || envAt(node).binding?.(object.text)?.binding.b !== 'class') return null;
  const value = staticFieldValue(node.tree.rootNode, object.text, property.text);
  const desc = value ? describeExpression(value, () => 'arg') : null;
  if (desc?.v === 'string') return { kind: 'string', value: desc.value, text, span, resolved: true };
  if (desc?.v === 'template') return { kind: 'other', text, span, literal: desc.parts.filter((p): p is string => typeof p === 'string').join('') };
  return null;
}

function isBoundFunction(call: Node): boolean {
  const callee = call.childForFieldName('function');
  return callee?.type === 'member_expression' && callee.childForFieldName('property')?.text === 'bind';
}

function isStringConcat(node: Node): boolean {
  const operator = node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed)?.text;
  if (operator !== '+') return false;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const stringy = (n: Node | null): boolean =>
    !!n && (n.type === 'string' || n.type === 'template_string' || (n.type === 'binary_expression' && isStringConcat(n)));
  return stringy(left) || stringy(right);
}

/**
 * The object literal's members; null when one is unknown. A spread of object literals chosen by a condition
 * (`...(override ? {} : { NX: true })`, `...(ttl && { EX: ttl })`) adds their names to `filled`: on some paths.
 */
function inlineProps(node: Node, envAt: (node: Node) => Env, depth: number, filled: string[]): PropFact[] | null {
  const props: PropFact[] = [];
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'spread_element') {
      const names = conditionalNames(child.firstNamedChild);
      if (!names) return null;
      filled.push(...names);
    } else if (child.type === 'pair') {
      const keyNode = child.childForFieldName('key');
      const valueNode = child.childForFieldName('value');
      const key = keyNode ? propertyKey(keyNode) : undefined;
      if (key === undefined || !valueNode) return null;
      props.push({ key, value: argFact(valueNode, envAt, depth + 1), shorthand: false });
    } else if (child.type === 'shorthand_property_identifier') {
      props.push({ key: child.text, value: argFact(child, envAt, depth + 1), shorthand: true });
    } else {
      return null;
    }
  }
  return props;
}

/**
 * `of` is an array of key names KEYS or SCAN returned in an enclosing function (`const keys = await redis.keys(p)`,
 * `const [cursor, keys] = await redis.scan(…)`): each element names one key found, not a collection built per id.
 */
function listedKey(use: Node, of: ValueDesc): boolean {
  if (of.v !== 'ident') return false;
  const id = of.name.replace(/\$/g, '\\$');
  const listing = new RegExp(`(?:(?<![\\w$.])${id}\\s*=|\\[[^\\]=]*(?<![\\w$.])${id}\\s*\\]\\s*=)\\s*(?:await\\s+)?[\\w$.]+\\s*\\.\\s*(?:keys|scan)\\s*\\(`);
  let fn: Node | null = use;
  for (let depth = 0; depth < 4 && fn; depth++) {
    do fn = fn.parent;
    while (fn && !FUNCTION_TYPES.has(fn.type));
    if (fn && listing.test(fn.text)) return true;
  }
  return false;
}

const EMPTY_BRANCH = new Set(['null', 'undefined', 'false']);

/** The member names of the object literals a condition chooses between (`c ? { NX: true } : null`, `c && { EX: t }`). */
function conditionalNames(expression: Node | null): string[] | null {
  let node = expression;
  while (node?.type === 'parenthesized_expression') node = node.firstNamedChild;
  if (!node) return null;
  const branches =
    node.type === 'ternary_expression'
      ? [node.childForFieldName('consequence'), node.childForFieldName('alternative')]
      : node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '&&'
        ? [node.childForFieldName('right')]
        : null;
  if (!branches) return null;
  const names: string[] = [];
  for (let branch of branches) {
    while (branch?.type === 'parenthesized_expression') branch = branch.firstNamedChild;
    if (!branch) return null;
    if (EMPTY_BRANCH.has(branch.type)) continue;
    if (branch.type !== 'object') return null;
    for (const member of branch.namedChildren) {
      if (!member || member.type === 'comment') continue;
      const key = member.type === 'pair' ? member.childForFieldName('key') : member.type === 'shorthand_property_identifier' ? member : null;
      const name = key ? propertyKey(key) : undefined;
      if (name === undefined) return null;
      const value = member.type === 'pair' ? member.childForFieldName('value') : null;
      if (!value || !EMPTY_BRANCH.has(value.type)) names.push(name);
    }
  }
  return names;
}

/**
 * `{ [keys.doc(id)]: lines, version: v }`: each key (an expression, or a name as a string) and its value; null when
 * an entry is something else (a spread, a method) or no key is computed.
 */
function computedEntries(node: Node, envAt: (node: Node) => Env, depth: number): Array<{ key: ArgFact; value: ArgFact }> | null {
  const entries: Array<{ key: ArgFact; value: ArgFact }> = [];
  let computed = false;
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    const keyNode = child.type === 'pair' ? child.childForFieldName('key') : null;
    const valueNode = child.type === 'pair' ? child.childForFieldName('value') : null;
    if (!keyNode || !valueNode) return null;
    const expression = keyNode.type === 'computed_property_name' ? keyNode.firstNamedChild : null;
    const name = expression ? undefined : propertyKey(keyNode);
    if (!expression && name === undefined) return null;
    computed ||= !!expression;
    const key: ArgFact = expression ? argFact(expression, envAt, depth + 1) : { kind: 'string', value: name ?? '', text: `'${name}'`, span: spanOf(keyNode), resolved: true };
    entries.push({ key, value: argFact(valueNode, envAt, depth + 1) });
  }
  return computed ? entries : null;
}

/** Props of an options object declared elsewhere; spans point at the identifier that names it. */
function propsFromDesc(props: PropDesc[], env: Env, span: Span, text: string, depth: number): PropFact[] {
  return props.map((p) => ({ key: p.key, value: valueFact(p.value, env, span, text, depth + 1), shorthand: p.shorthand }));
}

function valueFact(desc: ValueDesc, env: Env, span: Span, text: string, depth: number): ArgFact {
  if (desc.v === 'string') return { kind: 'string', value: desc.value, text, span, resolved: true };
  if (desc.v === 'keyword') return { kind: 'keyword', value: desc.value, text, span };
  if (desc.v === 'object') {
    return { kind: 'object', props: desc.props && depth < 4 ? propsFromDesc(desc.props, env, span, text, depth) : null, inline: false, text, span };
  }
  if (desc.v === 'ident' && depth < 4) {
    const resolved = resolveValue(desc, env, null, 0);
    if (resolved.r === 'string') return { kind: 'string', value: resolved.value, text, span, resolved: true };
  }
  return { kind: 'other', text, span };
}

/** The string value of an argument if it is known statically. */
export function stringValue(arg: ArgFact | undefined): string | undefined {
  return arg?.kind === 'string' ? arg.value : undefined;
}

export function findProp(arg: ArgFact | undefined, key: string): PropFact | undefined {
  if (arg?.kind !== 'object' || !arg.props) return undefined;
  const lower = key.toLowerCase();
  return arg.props.find((p) => p.key.toLowerCase() === lower);
}

/**
 * `REDIS_KEYS.CREATOR.FLIP_PHASES`, imported from the module that names the keys: a constant of an object of keys
 * (published between modules as key values, see keyTemplates.ts) is that literal key.
 */
function constantKeyFact(node: Node, envAt: (node: Node) => Env, text: string, span: Span): ArgFact | null {
  const parts = keyParts(describeExpression(node, () => 'arg'), envAt(node));
  if (parts.length === 0 || !parts.every((p) => 'lit' in p)) return null;
  return { kind: 'string', value: parts.map((p) => ('lit' in p ? p.lit : '')).join(''), text, span, resolved: true };
}
