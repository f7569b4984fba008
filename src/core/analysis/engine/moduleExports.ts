/**
 * Reads what a file exports (ES `export` forms and CommonJS `module.exports`/`exports.x`) from its
 * top-level statements, and resolves each exported local name in the module scope: the entry the
 * project index keeps for this file.
 */
import type { ModuleExports, ExportEntry } from '../clients/projectIndex';
import { afterDecorators } from '../clients/fastBindings';
import type { ModuleScope } from '../clients/moduleScope';
import { type Resolved, resolveValue } from '../clients/resolve';
import type { ValueDesc } from '../clients/valueDescs';
import type { CommonJsExport } from './entries';
import { creationDesc } from './lateCreations';
import { LUA_CALL } from '../extract/commands';
import { keyValueOfName } from '../extract/keyTemplates';
import type { KeyValue } from '../extract/keyTemplateTypes';
import { nameLooksLikeClient } from '../extract/receiver';
import { objectShape } from './memberEntries';

const ID = '[A-Za-z_$][\\w$]*';
const DECLARED = new RegExp(`^export\\s+(?:declare\\s+)?(default\\s+)?(?:async\\s+)?(?:const|let|var|function\\s*\\*?|(?:abstract\\s+)?class|interface|type)\\s+(${ID})`);
const DEFAULT_NAME = new RegExp(`^export\\s+default\\s+(${ID})\\s*;?\\s*$`);
const LIST = /^export\s*(?:type\s*)?\{([^}]*)\}\s*(?:from\s*['"]([^'"]+)['"])?\s*;?\s*$/;
const STAR = /^export\s*\*\s*from\s*['"]([^'"]+)['"]\s*;?\s*$/;
const MODULE_NAME = new RegExp(`^module\\.exports\\s*=\\s*(${ID})\\s*;?\\s*$`);
const MODULE_OBJECT = /^module\.exports\s*=\s*\{([^{}]*)\}\s*;?\s*$/;
const EXPORTS_NAME = new RegExp(`^(?:module\\.)?exports\\.(${ID})\\s*=\\s*(${ID})\\s*;?\\s*$`);
const SPEC = new RegExp(`^(${ID})(?:\\s+as\\s+(${ID}))?$`);
const DECLARATION_HEAD = 200;
const MAX_EXPORT_LIST = 4000;
const PAIR = new RegExp(`^(${ID})(?:\\s*:\\s*(${ID}))?$`);

/**
 * `statements` are the [start, end) ranges of the file's top-level statements (with what CommonJS assignments export);
 * `assignedAt` describes what the assignment statement at an offset assigns (for exports through an alias of
 * `module.exports`, read from the tree only when the file has one).
 */
export function moduleExports(
  text: string,
  statements: ReadonlyArray<{ start: number; end: number; exported?: CommonJsExport }>,
  scope: ModuleScope,
  assignedAt?: (start: number) => ValueDesc | undefined,
): ModuleExports {
  const names = new Map<string, ExportEntry>();
  const stars: string[] = [];
  const keys = new Map<string, KeyValue>();
  const exportedAs = new Map<string, string[]>();
  const local = (exported: string, name: string): void => {
    exportedAs.set(name, [...(exportedAs.get(name) ?? []), exported]);
    const resolved = scope.lookup(name);
    const entry = withListener(entryFor(resolved), name, scope) ?? luaTemplate(name, scope) ?? objectEntry(name, resolved, scope) ?? notRedisValue(name, resolved, scope);
    if (entry) names.set(exported, entry);
    const key = keyValueOfName(name, scope.env);
    if (key) keys.set(exported, key);
  };
  // `exports.redis = new Redis()`, `module.exports = createClient()`: the value itself, not a name.
  const assigned = (exported: string, value: ValueDesc): void => {
    const resolved = resolveValue(value, scope.env, null, 0);
    const made = entryFor(resolved);
    // `exports.makeClient = function () { const c = createClient(); c.on('error', log); return c }`
    const listened = made?.as === 'returns' && made.fresh && value.v === 'function' && value.listens ? { ...made, listens: true as const } : made;
    const entry = listened ?? (resolved.r === 'object' ? objectInstance(resolved) : undefined);
    if (entry) names.set(exported, entry);
    if (entry && exported === 'module') names.set('default', entry);
    if (exported !== 'module' || resolved.r !== 'object' || !resolved.props) return;
    // `module.exports = { redis: new Redis(), get }`: each property is an export of its own (names read above stay).
    for (const prop of resolved.props) {
      const member = names.has(prop.key) ? undefined : entryFor(resolveValue(prop.value, resolved.env, null, 0));
      if (member) names.set(prop.key, member);
    }
  };
  for (const range of statements) {
    const end = range.end;
    // `@Injectable() export class RedisService`: decorators come before the export.
    const start = afterDecorators(text, range.start, end);
    const head = text.slice(start, start + 14);
    if (!head.startsWith('export') && !head.startsWith('module.exports') && !head.startsWith('exports.')) continue;
    // Declarations are told by their first words; the other forms are short statements.
    let m = DECLARED.exec(text.slice(start, Math.min(end, start + DECLARATION_HEAD)));
    if (m) {
      local(m[1] ? 'default' : m[2], m[2]);
      continue;
    }
    if (end - start > MAX_EXPORT_LIST) {
      if (range.exported) assigned(range.exported.name, range.exported.value);
      continue;
    }
    const statement = text.slice(start, end).trim();
    if ((m = DEFAULT_NAME.exec(statement))) {
      local('default', m[1]);
    } else if ((m = STAR.exec(statement))) {
      stars.push(m[1]);
    } else if ((m = LIST.exec(statement))) {
      for (const part of m[1].split(',')) {
        const spec = SPEC.exec(part.trim().replace(/^type\s+/, ''));
        if (!spec) continue;
        const exported = spec[2] ?? spec[1];
        if (m[2]) names.set(exported, { as: 'from', specifier: m[2], name: spec[1] });
        else local(exported, spec[1]);
      }
    } else if ((m = MODULE_NAME.exec(statement))) {
      local('module', m[1]);
      local('default', m[1]);
    } else if ((m = MODULE_OBJECT.exec(statement))) {
      for (const part of m[1].split(',')) {
        const pair = PAIR.exec(part.trim());
        if (pair) local(pair[1], pair[2] ?? pair[1]);
      }
      // `{ queue: new Redis(), prefix }`: the properties that are no plain names.
      if (range.exported) assigned(range.exported.name, range.exported.value);
    } else if ((m = EXPORTS_NAME.exec(statement))) {
      local(m[1], m[2]);
    } else if (range.exported) {
      assigned(range.exported.name, range.exported.value);
    }
  }
  // `const connection = module.exports; connection.connect = function (o) { … }`: the alias's members are exports.
  const alias = text.includes('module.exports') ? EXPORTS_ALIAS.exec(text)?.[1] : undefined;
  const member = alias ? new RegExp(`^${alias.replace(/\$/g, '\\$')}\\s*\\.\\s*(${ID})\\s*=(?!=)`) : null;
  for (const range of member && assignedAt ? statements : []) {
    const m = member?.exec(text.slice(range.start, Math.min(range.end, range.start + 200)));
    const value = m && !names.has(m[1]) ? assignedAt?.(range.start) : undefined;
    if (m && value) {
      if (value.v === 'ident') local(m[1], value.name);
      else assigned(m[1], value);
    }
  }
  for (const [name, entry] of scope.importsClient ? exportsAssignedInFunctions(text) : []) {
    if (names.has(name)) continue;
    const resolved = resolveValue(entry, scope.env, null, 0);
    if (resolved.r === 'client' && resolved.via === 'client') names.set(name, { as: 'client', kind: resolved.kind });
  }
  return { names, stars, ...(keys.size > 0 ? { keys } : {}), exportedAs };
}

/** `const connection = module.exports;` (also `exports`): group 1 is the alias. */
const EXPORTS_ALIAS = new RegExp(`(?:^|[;\\n])\\s*(?:const|let|var)\\s+(${ID})\\s*=\\s*module\\.exports\\s*;?\\s*(?:\\n|$)`);
const PATH = `${ID}(?:\\s*\\.\\s*${ID})?`;
/** `module.exports.redis = new Redis(…)`, `exports.client = redis.createClient(…)` anywhere (`connect()` sets it up). */
const EXPORT_CREATION = new RegExp(`(?<![\\w$.])(?:module\\s*\\.\\s*)?exports\\s*\\.\\s*(${ID})\\s*=\\s*(?:new\\s+(${PATH})|(${PATH})\\s*\\()`, 'g');

/** Clients a module creates into its exports inside a function (its importers read them after calling it). */
function exportsAssignedInFunctions(text: string): Array<[string, ValueDesc]> {
  if (!text.includes('exports')) return [];
  const out: Array<[string, ValueDesc]> = [];
  for (const m of text.matchAll(EXPORT_CREATION)) {
    const value = creationDesc(m[2] !== undefined, (m[2] ?? m[3]).replace(/\s+/g, ''));
    if (value) out.push([m[1], value]);
  }
  return out;
}

/**
 * A variable named like a client but bound to something that is certainly none (`cache = new
 * LRUMap()`): importers then know their `cache.set(…)` is not Redis. Other names are never guessed
 * from, so nothing is published for them. Functions are left out: what one returns may be a client
 * this analysis cannot see.
 */
function notRedisValue(name: string, resolved: Resolved, scope: ModuleScope): ExportEntry | undefined {
  if (resolved.r !== 'not-redis' || !nameLooksLikeClient(name)) return undefined;
  const bound = scope.env.binding?.(name)?.binding;
  return bound?.b === 'value' && bound.value.v !== 'function' ? { as: 'not-redis' } : undefined;
}

/** A Lua script written as a template (`${SHARED_LUA}` spliced in): its literal text, for keys-in-lua where it is run. */
function luaTemplate(name: string, scope: ModuleScope): ExportEntry | undefined {
  const bound = scope.env.binding?.(name)?.binding;
  if (bound?.b !== 'value' || bound.value.v !== 'template') return undefined;
  const literal = bound.value.parts.filter((p): p is string => typeof p === 'string').join('');
  return LUA_CALL.test(literal) ? { as: 'string', value: literal } : undefined;
}

/**
 * An object whose members hold clients, as plain data: `export const deps = { redis: client }` is an instance of that
 * shape, `export type Deps = { clients: { redis: Redis } }` a type whose values are.
 */
function objectEntry(name: string, resolved: Resolved, scope: ModuleScope): ExportEntry | undefined {
  const shape = resolved.r === 'object' ? objectShape(resolved) : undefined;
  if (!shape) return undefined;
  return { as: scope.env.binding?.(name)?.binding.b === 'typed' ? 'class' : 'instance', shape };
}

/** A factory that attaches its own error listener says so: the clients its importers create with it are listened to. */
function withListener(entry: ExportEntry | undefined, name: string, scope: ModuleScope): ExportEntry | undefined {
  if (entry?.as !== 'returns' || !entry.fresh) return entry;
  const bound = scope.env.binding?.(name)?.binding;
  const listens = bound?.b === 'function' ? bound.listens : bound?.b === 'value' && bound.value.v === 'function' ? bound.value.listens : undefined;
  return listens ? { ...entry, listens: true } : entry;
}

function objectInstance(resolved: Resolved): ExportEntry | undefined {
  const shape = resolved.r === 'object' ? objectShape(resolved) : undefined;
  return shape ? { as: 'instance', shape } : undefined;
}

function entryFor(resolved: Resolved): ExportEntry | undefined {
  if (resolved.r === 'client' && resolved.via === 'client') return { as: 'client', kind: resolved.kind };
  if (resolved.r === 'returns') return { as: 'returns', kind: resolved.kind, ...(resolved.fresh ? { fresh: true as const } : {}) };
  if (resolved.r === 'class' || resolved.r === 'instance' || resolved.r === 'makes') return { as: resolved.r, shape: resolved.shape };
  // Lua scripts kept as constants in their own module (keys-in-lua reads them where they are run).
  if (resolved.r === 'string' && LUA_CALL.test(resolved.value)) return { as: 'string', value: resolved.value };
  if (resolved.r === 'object' && resolved.props) {
    const scripts: Record<string, string> = {};
    for (const prop of resolved.props) {
      const value = resolveValue(prop.value, resolved.env, null, 20);
      if (value.r === 'string' && LUA_CALL.test(value.value)) scripts[prop.key] = value.value;
    }
    if (Object.keys(scripts).length > 0) return { as: 'scripts', scripts };
  }
  return undefined;
}

