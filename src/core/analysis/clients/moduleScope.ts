/** Module-level names of one file, merged from every top-level statement's declarations. */
import type { ClientFamily } from '../extract/facts';
import type { ClassShape } from './classShape';
import { type Binding, type ValueDesc, requiredBy } from './descriptors';
import type { KeyValue } from '../extract/keyTemplateTypes';
import { clientFamilyOf } from './packages';
import { aliasPath, isProjectSpecifier, isRelativeSpecifier } from './specifiers';
import { type Env, type Resolved, UNKNOWN, instanceOf, memberOf, resolveBinding, resolveValue } from './resolve';
import type { ModuleEnv } from './scopes';

/** Packages whose module has client factories (`createClient`), as a RegExp alternation. */
const INLINE_FACTORY_PACKAGES = ['redis', '@redis/client', '@upstash/redis', '@vercel/kv'].map((p) => p.replace(/[/]/g, '\\/')).join('|');

/** Packages that stand in for a Redis server in memory: what a client made from one is sent goes to no server. */
const REDIS_TEST_DOUBLE = /^(?:@[\w.-]+\/)?(?:(?:io)?(?:redis|valkey)[-_.]?(?:mock|fake|stub|memory)|(?:mock|fake)[-_.]?(?:io)?(?:redis|valkey))(?:$|\/)/i;

/** Only plain names go into the creation pattern (a binding read from broken syntax must not break the RegExp). */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export class ModuleScope implements ModuleEnv {
  private readonly cache = new Map<string, Resolved>();
  private readonly inProgress = new Set<string>();

  /**
   * What `this.<member>` of a class was found to be where that says nothing of a client (unknown, not Redis, a string),
   * by the class's node identity (`e12:0`): an edited document names a class the same while its other members are
   * reused (memberReuse.ts), so a keystroke in one method does not read the class body again for each `this.x` in it.
   */
  readonly memberResolutions = new Map<string, Resolved>();

  /** A name is being resolved: what is found now may be cut short by a cycle. */
  get resolving(): boolean {
    return this.inProgress.size > 0;
  }
  /** Module-level name lookup (key templates read declarations through `binding`). */
  readonly env: Env = {
    lookup: (name) => this.lookup(name),
    thisMember: () => UNKNOWN,
    imported: (specifier, name) => this.imported(specifier, name),
    binding: (name) => {
      const binding = this.bindings.get(name);
      return binding ? { binding, env: this.env } : undefined;
    },
    importedKey: (specifier, name) => this.projectKeys?.(specifier, name),
  };
  /** Client packages this file imports or requires. */
  readonly families = new Set<ClientFamily>();

  /** Names bound to a client package or one of its exports (imports and `require`s). */
  private readonly clientImports: Array<{ name: string; family: ClientFamily; exportName: string }> = [];

  /**
   * True when some binding imports a module that may be the project's (relative, alias or package:
   * its exports may change, so a change of the project index re-resolves this file's imports).
   */
  readonly importsProject: boolean;

  /** True when some binding imports a module of the project: relative, an alias, or a package the index has. */
  get importsProjectModule(): boolean {
    if (this.projectModule === undefined) {
      this.projectModule = false;
      for (const binding of this.bindings.values()) {
        const specifier = binding.b === 'import' ? binding.specifier : requiredSpecifier(binding);
        if (specifier !== undefined && (isRelativeSpecifier(specifier) || aliasPath(specifier) !== undefined || this.knowsModule(specifier))) {
          this.projectModule = true;
          break;
        }
      }
    }
    return this.projectModule;
  }

  private projectModule: boolean | undefined;

  constructor(
    private readonly bindings: ReadonlyMap<string, Binding>,
    /** Resolves what another module of the project exports; none outside a project. */
    private readonly project?: (specifier: string, exportName: string) => Resolved,
    /** Resolves the key templates and key helpers another module exports. */
    private readonly projectKeys?: (specifier: string, exportName: string) => KeyValue | undefined,
    /** The shape of a class or interface declared at module level (read from the tree on demand). */
    private readonly classes?: (name: string, scope: ModuleScope) => ClassShape | undefined,
    /** What is known of a class's shape while it is being read (its members may name the class itself). */
    private readonly partialClass?: (name: string) => ClassShape | undefined,
    /** The file's path says it is about Redis (`stores/redis.js`, `RedisCache.ts`): a client may be handed in untyped. */
    readonly redisPath = false,
    /** Whether a package specifier names a module of the project (a monorepo's own package). */
    private readonly knowsModule: (specifier: string) => boolean = () => false,
  ) {
    this.importsProject = [...bindings.values()].some((b) => b.b === 'import' && b.specifier !== undefined) || hasRelativeRequire(bindings);
    for (const [name, binding] of bindings) {
      const imported = clientImport(binding);
      if (!imported) continue;
      this.families.add(imported.family);
      this.clientImports.push({ name, ...imported });
    }
  }

  get importsClient(): boolean {
    return this.families.size > 0;
  }

  private testDouble: boolean | undefined;

  /** The module loads an in-memory stand-in for Redis (`ioredis-mock`, `redis-mock`, `fakeredis`). */
  get importsTestDouble(): boolean {
    if (this.testDouble === undefined) {
      this.testDouble = false;
      for (const binding of this.bindings.values()) {
        const specifier = binding.b === 'import' ? binding.specifier : requiredSpecifier(binding);
        if (specifier !== undefined && REDIS_TEST_DOUBLE.test(specifier)) this.testDouble = true;
      }
    }
    return this.testDouble;
  }

  private projectClient: boolean | undefined;

  /** Some name imported from a project module is a client (or makes one): the file works with Redis. */
  get importsProjectClient(): boolean {
    if (this.projectClient !== undefined) return this.projectClient;
    this.projectClient = false;
    if (!this.importsProject) return false;
    for (const [name, binding] of this.bindings) {
      if (!projectImport(binding)) continue;
      const r = this.lookup(name).r;
      if (r === 'client' || r === 'returns' || r === 'clients') return (this.projectClient = true);
    }
    return false;
  }

  imported(specifier: string, exportName: string): Resolved {
    return this.project?.(specifier, exportName) ?? UNKNOWN;
  }

  private commandOptions: boolean | undefined;

  /**
   * The module binds node-redis's `commandOptions` (or a helper named like it), or its text calls one through a
   * namespace (`(0, helpers.getTimeoutCommandOptions)(ms)` in compiled CommonJS): options may be held in locals.
   */
  get namesCommandOptions(): boolean {
    if (this.commandOptions === undefined) this.commandOptions = [...this.bindings.keys()].some((name) => /commandoptions/i.test(name)) || !!this.mentionsCommandOptions?.();
    return this.commandOptions;
  }

  /** Set by the document: the fresh-client factories another module of the project exports (see ProjectIndex.factoriesOf). */
  projectFactories?: (specifier: string) => string[];

  /** Set by the document: whether its text names a command-options helper as a member (`x.fooCommandOptions`). */
  mentionsCommandOptions?: () => boolean;

  isDeclared(name: string): boolean {
    return this.bindings.has(name);
  }

  /** The shape of the objects a module-level ES5 constructor makes (read from the tree on demand; see ClassShapes.es5ShapeOf). */
  es5Shapes?: (ctor: string, scope: ModuleScope) => ClassShape | undefined;

  /** What a module-level ES5 constructor assigns to `this.name` (read from the tree on demand; see Es5Shapes.keyMember). */
  es5KeyMember?: (ctor: string, name: string) => Binding | undefined;

  /** Methods of the module's classes that create the client they return (read from their shapes on demand). */
  factoryMethods?: (creating: RegExp) => string[];

  es5Member(ctor: string, name: string): Resolved {
    // `function Store() { … }` or `var Store = function () { … }` (the tree tells a function value: see Es5Shapes).
    const kind = this.bindings.get(ctor)?.b;
    const shape = kind === 'function' || kind === 'value' ? this.es5Shapes?.(ctor, this) : undefined;
    return shape ? memberOf(instanceOf(shape), name) : UNKNOWN;
  }

  lookup(name: string): Resolved {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const binding = this.bindings.get(name);
    if (!binding) return UNKNOWN;
    if (this.inProgress.has(name)) {
      const partial = binding.b === 'class' ? this.partialClass?.(name) : undefined;
      return partial ? { r: 'class', shape: partial } : UNKNOWN;
    }
    this.inProgress.add(name);
    try {
      const shape = binding.b === 'class' ? this.classes?.(name, this) : undefined;
      const result: Resolved = shape ? { r: 'class', shape } : resolveBinding(binding, this.env, `module:${name}`);
      if (shape) this.classNames.add(name);
      this.cache.set(name, result);
      return result;
    } finally {
      this.inProgress.delete(name);
    }
  }

  /** Module-level names and what each is bound to. */
  entries(): IterableIterator<[string, Binding]> {
    return this.bindings.entries();
  }

  /** The class shape this scope resolved `name` to, if it did. */
  cachedClass(name: string): ClassShape | undefined {
    const cached = this.cache.get(name);
    return cached?.r === 'class' ? cached.shape : undefined;
  }

  /** Names of the classes whose shapes this scope has resolved (what other statements may depend on). */
  cachedClassNames(): string[] {
    return [...this.classNames];
  }

  private readonly classNames = new Set<string>();

  /** Resolves class `name` again (its declaration changed); true when its shape is not what it was. */
  classChanged(name: string): boolean {
    const before = this.cachedClass(name);
    if (!before) return false;
    this.cache.delete(name);
    const after = this.lookup(name);
    return after.r !== 'class' || JSON.stringify(after.shape) !== JSON.stringify(before);
  }

  /**
   * A regex that finds where clients may be created (`new Redis(`, `createClient(`, `Redis.fromEnv`)
   * using the names this file imports them under, and calls of key wrappers (group `wrapper`:
   * `cacheGet(` for a module-level or imported function that sends key commands with its parameters);
   * null when there is neither.
   */
  creationRegex(): RegExp | null {
    if (this.creationRe === undefined) this.creationRe = this.buildCreationRegex();
    return this.creationRe;
  }

  private creationRe: RegExp | null | undefined;

  private buildCreationRegex(): RegExp | null {
    const patterns: string[] = [];
    for (const { name, family, exportName } of this.clientImports) {
      if (!IDENTIFIER.test(name)) continue;
      const id = name.replace(/\$/g, '\\$');
      if (family === 'node-redis') {
        // `(0, redis.createClient)(…)`: compiled code may close a parenthesis before the call.
        if (exportName === 'module' || exportName === 'default') patterns.push(`\\b${id}\\s*\\.\\s*create[A-Za-z]*\\s*\\)?\\s*\\(`);
        else if (exportName.startsWith('create')) patterns.push(`\\b${id}\\s*\\)?\\s*\\(`);
      } else if (family === 'glide') {
        // `GlideClient.createClient(…)`, `glide.GlideClusterClient.createClient(…)` (`TimeUnit` and the like make nothing).
        const classes = exportName === 'module' ? `${id}\\s*\\.\\s*Glide(?:Cluster)?Client` : /^Glide(?:Cluster)?Client$/.test(exportName) ? id : null;
        if (classes) patterns.push(`\\b${classes}\\s*\\.\\s*createClient\\s*\\(`);
      } else if (family === 'bun' && (exportName === 'module' || exportName === 'default')) {
        // The `Bun` global (or the module): `new Bun.RedisClient(…)`.
        patterns.push(`\\bnew\\s+${id}\\s*\\.\\s*RedisClient\\b`);
      } else {
        patterns.push(`\\bnew\\s+${id}\\b`);
        if (family === 'upstash') patterns.push(`\\b${id}\\s*\\.\\s*fromEnv\\b`);
      }
    }
    // What a factory method must say to create a client (only classes that say it are read for one, below).
    const creating = patterns.length > 0 ? new RegExp(patterns.join('|')) : null;
    // node-redis's `client.duplicate()` opens another connection (without the original's listeners).
    if (this.families.has('node-redis')) patterns.push('\\.\\s*duplicate\\s*\\(');
    // A client package loaded where it is used, under no name: `require('redis').createClient()` (the `inline`
    // group is where the call's callee ends, see collectCreations), `new (require('ioredis'))()`.
    patterns.push(`\\brequire\\s*\\(\\s*(?<quote>['"\`])(?:${INLINE_FACTORY_PACKAGES})\\k<quote>\\s*\\)\\s*\\.\\s*(?<inline>create[A-Za-z]*)\\s*\\(`);
    patterns.push('\\bnew\\s*\\(\\s*require\\s*\\(');
    // `createRedisClient(o)`: a module function that creates and returns a client (its callers hold a new one).
    const factories = this.factoryNames();
    if (factories.length > 0) patterns.push(`(?<![\\w$.])(?:${factories.map((w) => w.replace(/\$/g, '\\$')).join('|')})\\s*\\(`);
    // `const store = require('./store'); store.connect()`: another module's factory reached through its module object.
    for (const [object, factories] of this.namespaceFactories()) patterns.push(`(?<![\\w$.])${object.replace(/\$/g, '\\$')}\\s*\\.\\s*(?:${factories.join('|')})\\s*\\(`);
    const wrappers = this.wrapperNames();
    if (wrappers.length > 0) patterns.push(`(?<![\\w$.])(?<wrapper>${wrappers.map((w) => w.replace(/\$/g, '\\$')).join('|')})\\s*\\(`);
    // `this.getConnection(opts)`: a method of the class that creates a client on each call (its callers hold a new one).
    const methods = creating ? (this.factoryMethods?.(creating) ?? []) : [];
    if (methods.length > 0) patterns.push(`\\bthis\\s*\\.\\s*(?<method>${methods.map((w) => w.replace(/\$/g, '\\$')).join('|')})\\s*\\(`);
    // `new RedisStore({ client })`, `createAdapter(pub, sub)`: a module-level node-redis client handed to a library.
    const clients = this.moduleNodeRedisClients();
    if (clients.length > 0) patterns.push(`[(,{:]\\s*(?<handoff>${clients.map((w) => w.replace(/\$/g, '\\$')).join('|')})(?=\\s*[,)}])`);
    return patterns.length ? new RegExp(patterns.join('|'), 'gd') : null;
  }

  /** Module-level names bound to a node-redis client made here (`const client = createClient(…)`, `redis.createClient()`). */
  private moduleNodeRedisClients(): string[] {
    const makers = new Set(this.clientImports.filter((c) => c.family === 'node-redis').map((c) => c.name));
    const out: string[] = [];
    for (const [name, binding] of this.bindings) {
      if (binding.b !== 'value' || binding.value.v !== 'call' || !IDENTIFIER.test(name)) continue;
      // `redis.createClient(…)` of an import, or `require('redis').createClient(…)` in place.
      const root = chainRoot(binding.value);
      if (root?.v === 'ident' ? !makers.has(root.name) : root?.v !== 'require' || clientFamilyOf(root.specifier) !== 'node-redis') continue;
      const resolved = this.lookup(name);
      if (resolved.r === 'client' && resolved.kind.family === 'node-redis') out.push(name);
    }
    return out;
  }

  /**
   * Module-level functions that create the client they return (`function createRedisClient(o) { const c =
   * redis.createClient(o); …; return c }`, `const connect = (url) => new Redis(url)`), not a kept one (`return
   * getShared()`): each call makes a new client, so their calls are creations (client-per-call, and for node-redis
   * missing-error-listener unless the factory attaches the listener itself: see creationFact).
   */
  private factoryNames(): string[] {
    const out: string[] = [];
    for (const [name, binding] of this.bindings) {
      // `import { createRedis } from './redis'`: another module's factory (its export says each call makes a new client).
      if (projectImport(binding)) {
        if (!IDENTIFIER.test(name)) continue;
        const imported = this.lookup(name);
        if (imported.r === 'returns' && imported.fresh) out.push(name);
        continue;
      }
      const value = binding.b === 'value' && binding.value.v === 'function' ? binding.value : undefined;
      const returned = binding.b === 'function' ? binding.returnsValue : value?.returns;
      if ((returned?.v !== 'new' && returned?.v !== 'call') || returned.kept || !IDENTIFIER.test(name)) continue;
      if (resolveValue(returned.callee, this.env, null, 0).r !== 'export') continue;
      if (this.lookup(name).r === 'returns') out.push(name);
    }
    return out;
  }

  /** Names bound to a whole project module (`const store = require('./store')`, `import * as store`) that exports factories. */
  private namespaceFactories(): Array<[string, string[]]> {
    const out: Array<[string, string[]]> = [];
    for (const [name, binding] of this.bindings) {
      const specifier = binding.b === 'import' && binding.exportName === 'module' && !binding.family ? binding.specifier : binding.b === 'value' && binding.value.v === 'require' ? binding.value.specifier : undefined;
      if (!specifier || !IDENTIFIER.test(name) || !isProjectSpecifier(specifier)) continue;
      const factories = (this.projectFactories?.(specifier) ?? []).filter((f) => IDENTIFIER.test(f)).map((f) => f.replace(/\$/g, '\\$'));
      if (factories.length > 0) out.push([name, factories]);
    }
    return out;
  }

  /** Module-level names that may be key wrappers: functions whose body sends key commands with their parameters, or imports of one. */
  private wrapperNames(): string[] {
    const out: string[] = [];
    // A wrapper sends its key commands on a client (keyTemplates.ts reads only those): `parameters.set(k, id)` on a Map is none.
    const onClient = (calls: readonly ValueDesc[] | undefined | false): boolean =>
      !!calls && calls.some((call) => call.v === 'call' && call.callee.v === 'member' && resolveValue(call.callee.object, this.env, null, 0).r === 'client');
    for (const [name, binding] of this.bindings) {
      const local = onClient(binding.b === 'function' && binding.calls) || onClient(binding.b === 'value' && binding.value.v === 'function' && binding.value.calls);
      const imported = binding.b === 'import' && !binding.family && binding.specifier && binding.exportName !== 'module' && this.projectKeys?.(binding.specifier, binding.exportName)?.k === 'wrapper';
      if (local || imported) out.push(name);
    }
    return out;
  }
}

/**
 * What a call chain starts from: the name (`redis` of `redis.createClient(…).on(…)`) or the `require(…)` (`require('redis')`
 * of `require('redis').createClient()`), else undefined.
 */
function chainRoot(desc: ValueDesc): Extract<ValueDesc, { v: 'ident' } | { v: 'require' }> | undefined {
  for (let d = desc, depth = 0; depth < 16; depth++) {
    if (d.v === 'ident' || d.v === 'require') return d;
    if (d.v === 'call' || d.v === 'new') d = d.callee;
    else if (d.v === 'member') d = d.object;
    else return undefined;
  }
  return undefined;
}

/** `require('./db')`, `require('./db').client`: the specifier. */
function requiredSpecifier(binding: Binding): string | undefined {
  return binding.b === 'value' ? requiredBy(binding.value)?.specifier : undefined;
}

function hasRelativeRequire(bindings: ReadonlyMap<string, Binding>): boolean {
  for (const binding of bindings.values()) {
    const specifier = requiredSpecifier(binding);
    if (specifier && isProjectSpecifier(specifier)) return true;
  }
  return false;
}

/** `import { redis } from './db'`, `const { cache } = require('./caches')`: a name from a module of the project. */
function projectImport(binding: Binding): boolean {
  if (binding.b === 'import') return !binding.family && binding.specifier !== undefined;
  const specifier = requiredSpecifier(binding);
  return specifier !== undefined && isProjectSpecifier(specifier);
}

/** `import … from 'ioredis'`, `const Redis = require('ioredis')`, `const R = require('ioredis').default`. */
function clientImport(binding: Binding): { family: ClientFamily; exportName: string } | undefined {
  if (binding.b === 'import') return binding.family ? { family: binding.family, exportName: binding.exportName } : undefined;
  const required = binding.b === 'value' ? requiredBy(binding.value) : undefined;
  const family = required && clientFamilyOf(required.specifier);
  return family ? { family, exportName: required.member ?? 'module' } : undefined;
}
