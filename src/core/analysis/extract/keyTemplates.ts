/**
 * Key templates from code: what a key argument is built from, resolved through constants, local
 * variables, key helpers (`sessionKey(id)` returning `` `session:${id}` ``), objects of helpers and
 * imports from other modules of the project, number constants (inlined), class fields and methods
 * (`this.prefix`, `this.key(id)`). Parts nothing names become `{?}`; a variable part is named after
 * the variable or parameter it comes from (`{id}`), a helper's parameter by its name.
 */
import type { Binding, ValueDesc } from '../clients/descriptors';
import { type Env, resolveValue } from '../clients/resolve';
import { EXPIRE_COMMANDS } from './commands';
import { type KeyCommand, keyCommand, keyIndices } from './keyCommands';
import type { KeyPart, KeyValue, WrapperCall } from './keyTemplateTypes';
import { wrapperTtl } from './wrapperTtl';

interface Scope {
  env: Env;
  /** Parameters of the key helper being read, by name. */
  params?: ReadonlyMap<string, number>;
}

const MAX_DEPTH = 12;
const UNKNOWN_PART = '?';

/** The parts of the key `desc` builds, seen from `env`. */
export function keyParts(desc: ValueDesc, env: Env): KeyPart[] {
  return partsOf(desc, { env }, 0);
}

/** What a declared name holds as a key (a template, a helper, an object of them), or undefined. */
export function keyValueOfName(name: string, env: Env): KeyValue | undefined {
  return nameValue(name, { env }, 0);
}

/** `session:{id}`: literal braces and backslashes are escaped, variable parts in braces. */
export function renderTemplate(parts: readonly KeyPart[]): string {
  let out = '';
  for (const part of parts) {
    if ('lit' in part) out += part.lit.replace(/[{}\\]/g, (c) => `\\${c}`);
    else out += `{${'hole' in part ? part.hole : part.name}}`;
  }
  return out;
}

/** Literal text that says something about the key (not only delimiters): `{a}:{b}` would match almost anything. */
export function isMeaningfulTemplate(parts: readonly KeyPart[]): boolean {
  return parts.some((p) => 'lit' in p && /[\p{L}\p{N}]/u.test(p.lit));
}

function partsOf(desc: ValueDesc, scope: Scope, depth: number): KeyPart[] {
  const value = valueOf(desc, scope, depth);
  return value?.k === 'template' ? value.parts : [{ hole: holeName(desc) }];
}

/**
 * The key a command's argument names; an array of keys built alike (`del(keys)`, or spread: `del(...keys)`)
 * names keys of its elements' template.
 */
export function keyArgumentParts(desc: ValueDesc, env: Env, spread = false): KeyPart[] {
  const value = valueOf(desc, { env }, 0);
  if (value?.k === 'elements') return value.parts;
  return value?.k === 'template' && !spread ? value.parts : [{ hole: holeName(desc) }];
}

function valueOf(desc: ValueDesc, scope: Scope, depth: number): KeyValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (desc.v) {
    case 'string':
      return template([{ lit: desc.value }]);
    case 'literal':
      // A number constant is inlined (`const SHARDS = 16` → `bucket:16:{id}`).
      return desc.number !== undefined ? template([{ lit: desc.number }]) : undefined;
    case 'template':
      return template(desc.parts.flatMap((p) => (typeof p === 'string' ? [{ lit: p }] : partsOf(p, scope, depth + 1))));
    case 'ident':
      return nameValue(desc.name, scope, depth);
    case 'member':
      return memberValue(desc, scope, depth);
    case 'call':
      return callValue(desc, scope, depth);
    case 'elementOf': {
      // `for (const key of keys)`, `keys.forEach((key) => …)` over `ids.map((id) => \`cfg:${id}\`)`: one of those keys.
      const array = valueOf(desc.of, scope, depth + 1);
      return array?.k === 'elements' ? template(array.parts) : undefined;
    }
    case 'function':
      return helper(desc.returns, desc.params ?? [], scope.env, depth) ?? (desc.calls ? wrapper(desc.calls, desc.params ?? [], scope.env, depth) : undefined);
    case 'object': {
      if (!desc.props) return undefined;
      const props: Record<string, KeyValue> = {};
      for (const prop of desc.props) {
        const value = valueOf(prop.value, scope, depth + 1);
        if (value) props[prop.key] = value;
      }
      return Object.keys(props).length > 0 ? { k: 'object', props } : undefined;
    }
    default:
      return undefined;
  }
}

function nameValue(name: string, scope: Scope, depth: number): KeyValue | undefined {
  const param = scope.params?.get(name);
  if (param !== undefined) return template([{ param, name }]);
  const found = scope.env.binding?.(name);
  return found ? boundValue(found, depth) : undefined;
}

/** What a declaration (a variable, a function, an import, a class member) holds as a key. */
function boundValue({ binding, env }: { binding: Binding; env: Env }, depth: number): KeyValue | undefined {
  switch (binding.b) {
    case 'value':
      return valueOf(binding.value, { env }, depth + 1);
    case 'function':
      return (
        (binding.returnsValue ? helper(binding.returnsValue, binding.params ?? [], env, depth) : undefined) ??
        (binding.calls ? wrapper(binding.calls, binding.params ?? [], env, depth) : undefined)
      );
    case 'import':
      return binding.specifier ? env.importedKey?.(binding.specifier, binding.exportName) : undefined;
    default:
      return undefined;
  }
}

function memberValue(desc: Extract<ValueDesc, { v: 'member' }>, scope: Scope, depth: number): KeyValue | undefined {
  const object = desc.object;
  // `this.prefix` (a field initializer or a constructor assignment), `this.key(id)` (a key-building method).
  if (object.v === 'this') {
    const found = scope.env.thisBinding?.(desc.name);
    return found ? boundValue(found, depth + 1) : undefined;
  }
  // `import * as keys from './keys'`, `const keys = require('./keys')`: the other module's export of that name.
  if (object.v === 'require') return scope.env.importedKey?.(object.specifier, desc.name);
  if (object.v === 'ident' && !scope.params?.has(object.name)) {
    const found = scope.env.binding?.(object.name);
    const binding = found?.binding;
    if (binding?.b === 'import' && binding.exportName === 'module' && binding.specifier) return found?.env.importedKey?.(binding.specifier, desc.name);
    if (binding?.b === 'value' && binding.value.v === 'require') return found?.env.importedKey?.(binding.value.specifier, desc.name);
  }
  const value = valueOf(object, scope, depth + 1);
  return value?.k === 'object' ? value.props[desc.name] : undefined;
}

function callValue(desc: Extract<ValueDesc, { v: 'call' }>, scope: Scope, depth: number): KeyValue | undefined {
  const mapped = mappedKeys(desc, scope, depth);
  if (mapped) return mapped;
  const callee = valueOf(desc.callee, scope, depth + 1);
  if (callee?.k !== 'helper') return undefined;
  return template(substitute(callee.parts, desc.args ?? [], scope, depth));
}

/** `ids.map((id) => \`cfg:${table}:${id}\`)`: an array of keys of one template, the callback's parameters left as holes. */
function mappedKeys(desc: Extract<ValueDesc, { v: 'call' }>, scope: Scope, depth: number): KeyValue | undefined {
  const fn = desc.callee.v === 'member' && desc.callee.name === 'map' ? desc.args?.[0] : undefined;
  if (fn?.v !== 'function') return undefined;
  const made = helper(fn.returns, fn.params ?? [], scope.env, depth);
  if (made?.k !== 'helper') return undefined;
  return { k: 'elements', parts: made.parts.map((p) => ('param' in p ? { hole: p.name } : p)) };
}

/** A helper's or wrapper's parts with each parameter replaced by what the call passes, seen from `env`. */
export function applyArguments(parts: readonly KeyPart[], args: readonly ValueDesc[], env: Env): KeyPart[] {
  return (template(substitute(parts, args, { env }, 0)) as Extract<KeyValue, { k: 'template' }>).parts;
}

function substitute(parts: readonly KeyPart[], args: readonly ValueDesc[], scope: Scope, depth: number): KeyPart[] {
  return parts.flatMap((part): KeyPart[] => {
    if (!('param' in part)) return [part];
    const arg = args[part.param];
    const value = arg ? valueOf(arg, scope, depth + 1) : undefined;
    // A plain variable keeps the helper's own name for the part, so every caller writes the same template.
    if (value?.k !== 'template' || (value.parts.length === 1 && 'hole' in value.parts[0])) return [{ hole: part.name }];
    return value.parts;
  });
}

function paramsByName(params: readonly string[]): Map<string, number> {
  const byName = new Map<string, number>();
  params.forEach((name, i) => {
    if (name !== '?' && !byName.has(name)) byName.set(name, i);
  });
  return byName;
}

function helper(returns: ValueDesc, params: readonly string[], env: Env, depth: number): KeyValue | undefined {
  const body = valueOf(returns, { env, params: paramsByName(params) }, depth + 1);
  if (body?.k !== 'template' || !body.parts.some((p) => 'lit' in p)) return undefined;
  return { k: 'helper', params: [...params], parts: body.parts };
}

/**
 * A wrapper: the key commands `calls` (descriptions of its body's calls) send on a certain client
 * with a key the body cannot name alone, built from the parameters; its callers name those keys.
 */
function wrapper(calls: readonly ValueDesc[], params: readonly string[], env: Env, depth: number): KeyValue | undefined {
  const scope: Scope = { env, params: paramsByName(params) };
  const found: Array<WrapperCall & { args: ValueDesc[]; meta: KeyCommand }> = [];
  for (const call of calls) {
    if (call.v !== 'call' || call.callee.v !== 'member' || !call.args) continue;
    const command = call.callee.name.toLowerCase().replace(/buffer$/, '');
    const meta = keyCommand(command);
    if (!meta || resolveValue(call.callee.object, env, null, 0).r !== 'client') continue;
    for (const i of keyIndices(meta.keys, call.args.length)) {
      const key = valueOf(call.args[i], scope, depth + 1);
      if (key?.k !== 'template' || !key.parts.some((p) => 'param' in p)) continue;
      // A key the body can name alone (`'app:' + key`) is a site of its own already: its callers' sites only serve rules.
      found.push({ command, parts: key.parts, ttl: null, args: call.args, meta, ...(isMeaningfulTemplate(key.parts) ? { named: true as const } : {}) });
    }
  }
  if (found.length === 0) return undefined;
  const sameKey = (a: readonly KeyPart[], b: readonly KeyPart[]): boolean => JSON.stringify(a) === JSON.stringify(b);
  const out = found.map(({ command, parts, args, meta, named }, i): WrapperCall => {
    const expiredLater = found.slice(i + 1).find((later) => EXPIRE_COMMANDS.has(later.command) && sameKey(later.parts, parts))?.command;
    return { command, parts, ttl: wrapperTtl(command, meta, args.slice(2), expiredLater), ...(named ? { named } : {}) };
  });
  return { k: 'wrapper', params: [...params], calls: out };
}

function holeName(desc: ValueDesc): string {
  if (desc.v === 'ident' || desc.v === 'member') return desc.name;
  return UNKNOWN_PART;
}

/** Adjacent literals joined. */
function template(parts: KeyPart[]): KeyValue {
  const out: KeyPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if ('lit' in part && last && 'lit' in last) out[out.length - 1] = { lit: last.lit + part.lit };
    else if (!('lit' in part) || part.lit !== '') out.push(part);
  }
  return { k: 'template', parts: out };
}
