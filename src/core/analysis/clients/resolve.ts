/** Resolves descriptors (descriptors.ts) to what the analyzer cares about: is it a Redis client? */
import type { ClientFamily, ClientKind } from '../extract/facts';
import { type ClassShape, type MemberEntry, isEmptyShape, shapeMember } from './classShape';
import type { KeyValue } from '../extract/keyTemplateTypes';
import { type Binding, type PropDesc, type TypeDesc, type ValueDesc, relative } from './descriptors';
import {
  BATCH_METHODS,
  SAME_CLIENT_METHODS,
  clientFamilyOf,
  constructedKind,
  factoryKind,
  instanceKind,
  staticFactoryKind,
  typeKind,
} from './packages';

export type Resolved =
  | { r: 'client'; kind: ClientKind; via: 'client' | 'pipeline' | 'multi'; chainKey: string | null }
  | { r: 'clients'; kind: ClientKind }
  /** A collection of objects of a class holding clients (`Map<string, Tenant>`): an element is an instance. */
  | { r: 'instances'; shape: ClassShape }
  /** A package export or the package module itself (`exportName` = 'module'). */
  | { r: 'export'; family: ClientFamily; exportName: string }
  /**
   * `fresh`: each call creates the client it returns (`() => new Redis(url)`), not hands out a kept one; `listens`: a
   * factory of another module that attaches the error listener itself.
   */
  | { r: 'returns'; kind: ClientKind; fresh?: true; listens?: true }
  | { r: 'string'; value: string }
  | { r: 'object'; props: PropDesc[] | null; env: Env }
  /** Another module of the project (`require('./redis')`, `import * as db from './db'`). */
  | { r: 'namespace'; member: (name: string) => Resolved }
  /** A class (or interface) of the project: its static members, and what `new` or a type annotation gives. */
  | { r: 'class'; shape: ClassShape }
  /** An object of such a class: its members may be clients (`connection.redis`). */
  | { r: 'instance'; shape: ClassShape }
  /** A function that returns such an object (`static getInstance()`, a service factory): calling it gives one. */
  | { r: 'makes'; shape: ClassShape }
  /** A function that returns an object literal (`return { redis: client, prefix }`): calling it gives that object. */
  | { r: 'returnsObject'; props: PropDesc[]; env: Env }
  | { r: 'not-redis' }
  | { r: 'unknown' };

/** Name lookup from one place in the program. */
export interface Env {
  lookup(name: string): Resolved;
  thisMember(name: string): Resolved;
  /** What another module of the project exports (`exportName` 'module' = the module itself). */
  imported?(specifier: string, exportName: string): Resolved;
  /** The declaration `name` is bound to here, and where its names resolve (key templates read it). */
  binding?(name: string): { binding: Binding; env: Env } | undefined;
  /** The key template or key helper another module exports. */
  importedKey?(specifier: string, exportName: string): KeyValue | undefined;
  /** The declaration of `this.name` in the enclosing class, for key templates (a field's value, a method). */
  thisBinding?(name: string): { binding: Binding; env: Env } | undefined;
  /** `this` itself: a client in a class that extends one (`class Store extends Redis`). */
  thisValue?(): Resolved;
  /** `object.name = …` in the function that declares `object` (a parameter or a local): what it holds. */
  assignedMember?(object: string, name: string): Resolved;
  /** `name` is declared at module level (or imported), not in a function around this point. */
  isModuleName?(name: string): boolean;
}

export const UNKNOWN: Resolved = { r: 'unknown' };

/** An object of a project class: a client when the class extends a client class, else an instance with its members. */
export function instanceOf(shape: ClassShape): Resolved {
  return shape.clientBase ? { r: 'client', kind: shape.clientBase, via: 'client', chainKey: null } : { r: 'instance', shape };
}
/** Methods of a Map or array that give one of its elements. */
const ELEMENT_METHODS = new Set(['get', 'at', 'find', 'findLast', 'pop', 'shift']);
/** Methods of a Map or array that give a collection of the same elements. */
const SAME_ELEMENTS_METHODS = new Set(['values', 'filter', 'slice', 'reverse', 'toReversed', 'toSorted', 'sort', 'concat']);
const NOT_REDIS: Resolved = { r: 'not-redis' };

/** Globals that are never a Redis client, whatever methods are called on them. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window']);
const NEVER_REDIS = new Set(['Object', 'Reflect', 'Array', 'Map', 'Set', 'JSON', 'Math', 'Promise', 'Symbol', '_', 'lodash', 'R', 'console', 'process', 'window', 'document', 'globalThis', 'Buffer']);

export function resolveBinding(binding: Binding, env: Env, identity: string | null): Resolved {
  switch (binding.b) {
    case 'import': {
      const instance = binding.family && instanceKind(binding.family, binding.exportName);
      if (instance) return { r: 'client', kind: instance, via: 'client', chainKey: null };
      if (binding.family) return { r: 'export', family: binding.family, exportName: binding.exportName };
      return binding.specifier && env.imported ? env.imported(binding.specifier, binding.exportName) : UNKNOWN;
    }
    case 'value': {
      const value = resolveValue(binding.value, env, identity, 0);
      return binding.orCluster ? orCluster(value) : value;
    }
    case 'typed':
      return resolveType(binding.type, env);
    case 'function': {
      const returned = binding.returns ? resolveType(binding.returns, env) : binding.returnsValue ? resolveValue(binding.returnsValue, env, null, 0) : UNKNOWN;
      return returnedBy(returned, createsFresh(binding.returnsValue, env));
    }
    case 'class':
      return NOT_REDIS;
    default:
      return UNKNOWN;
  }
}

export function resolveName(name: string, env: Env): Resolved {
  const found = env.lookup(name);
  if (found.r === 'unknown' && NEVER_REDIS.has(name)) return NOT_REDIS;
  return found;
}

export function resolveValue(desc: ValueDesc, env: Env, identity: string | null, depth: number): Resolved {
  if (depth > 24) return UNKNOWN;
  switch (desc.v) {
    case 'ident':
      return resolveName(desc.name, env);
    case 'this':
      return env.thisValue?.() ?? UNKNOWN;
    case 'member': {
      if (desc.object.v === 'this') return env.thisMember(desc.name);
      // `var _this = this;` (Babel's and TypeScript's output for arrows and generators), `const self = this`: its members are `this`'s.
      const alias = desc.object.v === 'ident' ? env.binding?.(desc.object.name) : undefined;
      const member = alias?.binding.b === 'value' && alias.binding.value.v === 'this' ? alias.env.thisMember(desc.name) : UNKNOWN;
      if (member.r !== 'unknown') return member;
      // `globalThis.redisClient`: the global object holds whatever the program put there (never "not Redis").
      if (desc.object.v === 'ident' && GLOBAL_OBJECTS.has(desc.object.name) && env.lookup(desc.object.name).r === 'unknown') {
        return env.assignedMember?.(desc.object.name, desc.name) ?? UNKNOWN;
      }
      const object = resolveValue(desc.object, env, null, depth + 1);
      // `self.client` (a parameter or `const that = this`), assigned in the function that declares it.
      if (object.r === 'unknown' && desc.object.v === 'ident') return env.assignedMember?.(desc.object.name, desc.name) ?? UNKNOWN;
      return memberOf(object, desc.name);
    }
    case 'require': {
      const family = clientFamilyOf(desc.specifier);
      if (family) return { r: 'export', family, exportName: 'module' };
      return relative(desc.specifier).specifier && env.imported ? env.imported(desc.specifier, 'module') : UNKNOWN;
    }
    case 'function': {
      // `() => redis`: calling it gives the client.
      return returnedBy(resolveValue(desc.returns, env, null, depth + 1), createsFresh(desc.returns, env));
    }
    case 'new': {
      const callee = resolveValue(desc.callee, env, null, depth + 1);
      if (callee.r === 'class') return instanceOf(callee.shape);
      if (callee.r === 'export') {
        const kind = constructedKind(callee.family, callee.exportName);
        if (!kind) return NOT_REDIS;
        const client: Resolved = { r: 'client', kind, via: 'client', chainKey: null };
        return desc.orCluster ? orCluster(client, true) : client;
      }
      // Any other class instance (Map, LRUCache, Headers…) is not a client of ours.
      return NOT_REDIS;
    }
    case 'call':
      return resolveCall(desc, env, identity, depth);
    case 'string':
      return { r: 'string', value: desc.value };
    case 'object':
      return { r: 'object', props: desc.props, env };
    case 'typed':
      return resolveType(desc.type, env);
    case 'elementOf':
      return elementOf(resolveValue(desc.of, env, null, depth + 1));
    case 'keyword':
      // `redisClient: false`, `let client = null`: a placeholder something else fills in before any call on it.
      return desc.value === 'true' ? NOT_REDIS : UNKNOWN;
    case 'literal':
    case 'template':
      return NOT_REDIS;
    default:
      return UNKNOWN;
  }
}

/** What a member entry of a class shape denotes. */
/**
 * A function's returned value is a client it creates on each call: `new Redis(…)`, `createClient(…)` of the package
 * itself (not `getShared()`, nor what another object keeps: see returnsKept).
 */
function createsFresh(returned: ValueDesc | undefined, env: Env): boolean {
  if ((returned?.v !== 'new' && returned?.v !== 'call') || returned.kept) return false;
  return resolveValue(returned.callee, env, null, 0).r === 'export';
}

export function fromMember(entry: MemberEntry | undefined): Resolved {
  switch (entry?.as) {
    case 'client':
      return { r: 'client', kind: entry.kind, via: 'client', chainKey: null };
    case 'returns':
      return entry.fresh ? { r: 'returns', kind: entry.kind, fresh: true } : { r: 'returns', kind: entry.kind };
    case 'instance':
      return instanceOf(entry.shape);
    case 'makes':
      return { r: 'makes', shape: entry.shape };
    case 'class':
      return { r: 'class', shape: entry.shape };
    default:
      // A member the shape does not list may still be anything (set from outside, inherited from a library).
      return UNKNOWN;
  }
}

export function memberOf(object: Resolved, name: string): Resolved {
  if (object.r === 'namespace') return object.member(name);
  if (object.r === 'instance' || object.r === 'class') return fromMember(shapeMember(object.shape, name, object.r === 'class'));
  if (object.r === 'export') {
    const { family, exportName } = object;
    // `IORedis.Cluster`, `redis.createClient`, `require('ioredis').default`; `Bun.redis` is a client itself. node-redis has
    // no default export: `import redis from 'redis'` (esModuleInterop) is the CommonJS module.
    if (exportName === 'module' || (exportName === 'default' && (family === 'ioredis' || family === 'bun' || family === 'node-redis'))) {
      const instance = instanceKind(family, name);
      return instance ? { r: 'client', kind: instance, via: 'client', chainKey: null } : { r: 'export', family, exportName: name };
    }
  }
  // `clients.main`, `SCRIPTS.release`: a property of an object literal (depth-limited: objects may nest).
  if (object.r === 'object' && object.props) {
    const prop = object.props.find((p) => p.key === name);
    return prop ? resolveValue(prop.value, object.env, null, 20) : UNKNOWN;
  }
  // `list[0]` of a collection of clients (or of objects holding them).
  if ((object.r === 'clients' || object.r === 'instances') && /^\d+$/.test(name)) return elementOf(object);
  if (object.r === 'client' && object.kind.family === 'node-redis' && object.kind.topology === 'cluster' && name === 'masters') {
    return UNKNOWN; // iterated with nodeClient(); not itself a client
  }
  // A function's own members (`makeCache.name`) are not what it returns.
  return object.r === 'not-redis' || object.r === 'returnsObject' ? NOT_REDIS : UNKNOWN;
}

function resolveCall(desc: Extract<ValueDesc, { v: 'call' }>, env: Env, identity: string | null, depth: number): Resolved {
  const callee = desc.callee;
  if (callee.v === 'member') {
    // `this.getClient()`: a method of the enclosing class, resolved through its return type.
    if (callee.object.v === 'this') return callResult(env.thisMember(callee.name));
    const object = resolveValue(callee.object, env, null, depth + 1);
    const method = callee.name;
    if (object.r === 'client') {
      if (SAME_CLIENT_METHODS.has(method)) return object;
      const batch = BATCH_METHODS[method];
      if (batch && object.via === 'client') return { r: 'client', kind: object.kind, via: batch, chainKey: identity ?? desc.key };
      if (object.via !== 'client' && method !== 'exec' && method !== 'execAsPipeline') return object; // queued command returns the batch
      if (method === 'nodes' && object.kind.topology === 'cluster' && object.kind.family === 'ioredis') {
        return { r: 'clients', kind: { family: 'ioredis', topology: 'standalone' } };
      }
      if (method === 'nodeClient' && object.kind.topology === 'cluster') {
        return { r: 'client', kind: { family: object.kind.family, topology: 'standalone' }, via: 'client', chainKey: null };
      }
      return UNKNOWN;
    }
    // `clients.get(name)` on a Map of clients, `list.at(0)`, `list.find(…)`: one of them.
    if (object.r === 'clients' || object.r === 'instances') {
      if (ELEMENT_METHODS.has(method)) return elementOf(object);
      // `map.values()`, `list.filter(…)`: the same elements, iterated (`for … of`) or indexed later.
      if (SAME_ELEMENTS_METHODS.has(method)) return object;
    }
    if (object.r === 'export') {
      const staticKind = staticFactoryKind(object.family, object.exportName, method);
      if (staticKind) return { r: 'client', kind: staticKind, via: 'client', chainKey: null };
    }
    const fn = memberOf(object, method);
    return callResult(fn);
  }
  // `singleton('redis', initializeRedis)`, `once(makeClient)`: a helper that keeps what the function it is given makes.
  if (callee.v === 'ident' && KEEPING_HELPER.test(callee.name) && desc.args) {
    for (const arg of desc.args) {
      const made = arg.v === 'ident' ? callResult(resolveValue(arg, env, null, depth + 1)) : UNKNOWN;
      if (made.r === 'client') return made;
    }
  }
  return callResult(resolveValue(callee, env, null, depth + 1));
}

/** Helpers that call the function they are given once and keep its result (Remix's `singleton`, `once`, `memoize`). */
const KEEPING_HELPER = /^(?:singleton|memoize|memo|once|lazy|remember|getOrCreate)$/i;

/** One element of a collection: a client, an object holding clients, or nothing known. */
function elementOf(collection: Resolved): Resolved {
  if (collection.r === 'clients') return { r: 'client', kind: collection.kind, via: 'client', chainKey: null };
  if (collection.r === 'instances') return instanceOf(collection.shape);
  return UNKNOWN;
}

function callResult(fn: Resolved): Resolved {
  if (fn.r === 'export') {
    const kind = factoryKind(fn.family, fn.exportName);
    return kind ? { r: 'client', kind, via: 'client', chainKey: null } : UNKNOWN;
  }
  if (fn.r === 'returns') return { r: 'client', kind: fn.kind, via: 'client', chainKey: null };
  if (fn.r === 'makes') return instanceOf(fn.shape);
  if (fn.r === 'returnsObject') return { r: 'object', props: fn.props, env: fn.env };
  return UNKNOWN;
}

/** What a function is, from what it returns: a client (`returns`), an object of a class holding one (`makes`), or nothing of ours. */
function returnedBy(returned: Resolved, fresh = false): Resolved {
  if (returned.r === 'client') return fresh && returned.via === 'client' ? { r: 'returns', kind: returned.kind, fresh } : { r: 'returns', kind: returned.kind };
  if (returned.r === 'instance' && !isEmptyShape(returned.shape)) return { r: 'makes', shape: returned.shape };
  if (returned.r === 'object' && returned.props) return { r: 'returnsObject', props: returned.props, env: returned.env };
  return NOT_REDIS;
}

export function resolveType(type: TypeDesc, env: Env): Resolved {
  if (type.t === 'builtin') return NOT_REDIS;
  if (type.t === 'unknown') return UNKNOWN;
  if (type.t === 'union') {
    // A leading `|` (`type J =\n  | null\n  | …`) can leave an empty union among the members: it says nothing.
    const members = type.members.filter((m) => m.t !== 'union' || m.members.length > 0).map((m) => resolveType(m, env));
    if (members.length === 0) return UNKNOWN;
    const clients = members.filter((m): m is Extract<Resolved, { r: 'client' }> => m.r === 'client');
    if (clients.length < members.length) return members.every((m) => m.r === 'not-redis') ? NOT_REDIS : UNKNOWN;
    // `Redis | Cluster`: certainly a client; judged as a standalone one that may be a Cluster.
    const standalone = clients.find((c) => c.kind.topology === 'standalone');
    return standalone && clients.some((c) => c.kind.topology === 'cluster') ? orCluster(standalone, true) : (standalone ?? clients[0]);
  }
  if (type.t === 'collection') {
    // A Map, Record or array of clients: `get()`, `[key]` and `for … of` give one (see resolveCall, elementOf).
    const element = resolveType(type.element, env);
    if (element.r === 'client') return { r: 'clients', kind: element.kind };
    return element.r === 'instance' && !isEmptyShape(element.shape) ? { r: 'instances', shape: element.shape } : NOT_REDIS;
  }
  if (type.t === 'members') {
    // `deps.redis` reads the member's type; a member the type does not list stays unknown.
    const props = [...type.members].map(([key, member]) => ({ key, value: { v: 'typed' as const, type: member }, shorthand: false }));
    return { r: 'object', props, env };
  }
  // `getRedis: () => Promise<Redis>`: calling it gives a client (callResult), awaited or not.
  if (type.t === 'function') return returnedBy(resolveType(type.returns, env));
  if (type.t === 'intersection') {
    // `Cluster & WithLifecycle`: the client member says what it is; the others only add to it.
    const members = type.members.map((m) => resolveType(m, env));
    return members.find((m) => m.r === 'client') ?? (members.every((m) => m.r === 'not-redis') ? NOT_REDIS : UNKNOWN);
  }
  if (type.t === 'imported') {
    const family = clientFamilyOf(type.specifier);
    const kind = family ? typeKind(family, type.name) : undefined;
    return kind ? { r: 'client', kind, via: 'client', chainKey: null } : family ? NOT_REDIS : UNKNOWN;
  }
  if (type.t === 'returnTypeOf') {
    let fn = resolveName(type.callee[0], env);
    for (const part of type.callee.slice(1)) fn = memberOf(fn, part);
    return callResult(fn);
  }
  let current = resolveName(type.path[0], env);
  for (const part of type.path.slice(1)) current = memberOf(current, part);
  if (current.r === 'export') {
    const kind = typeKind(current.family, current.exportName);
    return kind ? { r: 'client', kind, via: 'client', chainKey: null } : NOT_REDIS;
  }
  // A type alias of a client type, or `typeof someClient`.
  if (current.r === 'client') return { ...current, chainKey: null };
  // A class or interface of the project: a value of that type is an instance of it.
  if (current.r === 'class' || current.r === 'instance') return instanceOf(current.shape);
  // `type Deps = { redis: Redis }`, or `typeof config` of an object literal: an object with those members.
  if (current.r === 'object') return current;
  // A type declared in this file (interface, class, alias) is not a client type.
  return current.r === 'not-redis' ? NOT_REDIS : UNKNOWN;
}

/** A standalone client that is a Cluster on another path (see ClientKind.orCluster); anything else unchanged. `typed`: see ClientKind.unionTyped. */
export function orCluster(resolved: Resolved, typed = false): Resolved {
  if (resolved.r !== 'client' || resolved.kind.topology !== 'standalone') return resolved;
  return { ...resolved, kind: { ...resolved.kind, orCluster: true, ...(typed ? { unionTyped: true as const } : {}) } };
}
