/**
 * The analyzer's intermediate representation: plain-data "facts" extracted from the syntax tree.
 * Rules read only facts and the source text, never tree-sitter nodes, so facts can be cached per
 * top-level statement and shifted after an edit (see engine/document.ts).
 */
import type { KeySite } from './keyTemplateTypes';

export interface Pos {
  offset: number;
  line: number;
  column: number;
}

export interface Span {
  start: Pos;
  end: Pos;
}

export type ClientFamily = 'ioredis' | 'node-redis' | 'upstash' | 'bun' | 'glide';
export type Topology = 'standalone' | 'cluster' | 'pool' | 'sentinel';

export interface ClientKind {
  family: ClientFamily;
  topology: Topology;
  /** Judged standalone, but a Cluster on another path (`Redis | Cluster`, `opts.cluster ? new Cluster(…) : new Redis(…)`). */
  orCluster?: true;
  /** TypeScript knows it as that union (a type, or a conditional's inferred type), not `any`: its methods narrow it. */
  unionTyped?: true;
}

export interface ClientRef {
  /** Unknown for "likely" receivers whose package cannot be told from the file's imports. */
  kind: ClientKind | null;
  confidence: 'certain' | 'likely';
  /** Commands queued on a MULTI / pipeline rather than sent one by one. */
  via: 'client' | 'pipeline' | 'multi';
  /** Identifies one pipeline/multi (same key ⇔ same batch). */
  chainKey: string | null;
  receiverText: string;
  /** For receivers rooted at `this` (or `self`/`that`): the class or ES5 constructor it belongs to (see thisOwner.ts). */
  thisOwner?: string;
}

export interface PropFact {
  key: string;
  value: ArgFact;
  shorthand: boolean;
}

export type ArgFact =
  | { kind: 'string'; value: string; text: string; span: Span; resolved: boolean }
  | { kind: 'number'; value: number; text: string; span: Span }
  | { kind: 'template'; dynamic: boolean; text: string; span: Span }
  | { kind: 'concat'; text: string; span: Span }
  /**
   * `props` is null when the object has spreads or computed keys (contents unknown). `computed`: the entries of
   * an inline object whose keys are expressions (`{ [keys.doc(id)]: lines }`, an MSET's keys), when it has no spread.
   */
  /** `filled`: the members a local object is given after its declaration (`opts.EX = ttl` → `EX`; `*`: not known which). */
  | { kind: 'object'; props: PropFact[] | null; inline: boolean; text: string; span: Span; computed?: Array<{ key: ArgFact; value: ArgFact }>; filled?: string[] }
  | { kind: 'array'; elements: ArgFact[]; text: string; span: Span }
  | { kind: 'spread'; text: string; span: Span }
  | { kind: 'keyword'; value: 'true' | 'false' | 'null' | 'undefined'; text: string; span: Span }
  /** A callback (ioredis accepts one last). */
  | { kind: 'function'; text: string; span: Span }
  /** `literal`: the literal text of a string built from pieces that a name stands for (a Lua script kept in a variable). */
  /** `listed`: an element of what KEYS or SCAN returned (`for (const key of keys)` after `keys = await redis.keys(…)`). */
  | { kind: 'other'; text: string; span: Span; literal?: string; listed?: true };

/** How the statement around an awaited KEYS call looks, for the SCAN rewrite. */
export type StatementShape =
  | { kind: 'declaration'; statement: Span; inBlock: true; keyword: 'const' | 'let' | 'var'; name: string; typeText: string | null }
  | { kind: 'assignment'; statement: Span; inBlock: boolean; target: string }
  | { kind: 'return'; statement: Span; inBlock: boolean }
  | { kind: 'for-of'; statement: Span; inBlock: boolean; keyword: 'const' | 'let' | 'var'; binding: string; body: Span };

/** `keys` fed straight into DEL/UNLINK by the next statement (KEYS-then-DEL). */
export interface DeleteFollowUp {
  /** The statement that deletes (possibly an `if (keys.length)` around it). */
  statement: Span;
}

/** The loop a call runs in (see extract/loopContext.ts). */
export interface LoopFact {
  kind: 'for-of' | 'for-in' | 'for' | 'while' | 'do';
  /** `for await (…)`: a stream or async iterator, consumed batch by batch. */
  isAwait: boolean;
  statement: Span;
  /** The iterated expression (for-of/for-in) or the loop condition. */
  headText: string;
  /** The for-of/for-in binding as written (`const id`, `[k, v]`). */
  binding: string | null;
  body: Span;
  /** The body can `break` or `return`: the loop may stop early. */
  exits: boolean;
  /** `await` expressions in the body (outside nested functions), Redis commands included. */
  awaits: number;
  /** The call's statement is the whole body. */
  soleStatement: boolean;
}

export interface CallFact {
  /** Canonical lower-case command, e.g. `set`, `keys`, `flushall`, `scanstream`. */
  command: string;
  /** `method`: `client.keys(…)`; `raw`: `call('keys', …)`, `sendCommand(['KEYS', …])`, command arrays. */
  form: 'method' | 'raw';
  method: string;
  client: ClientRef;
  call: Span;
  /** The range a diagnostic underlines (method name and arguments). */
  report: Span;
  /** Command arguments (for raw forms, those after the command name). */
  args: ArgFact[];
  /** `(` … `)` of a method call, to insert options before `)`. */
  argList: Span;
  scopeKey: string;
  /** The enclosing function's span (null at module level). */
  scope: Span | null;
  /** Sort key that follows execution order along chains and statements. */
  order: number;
  awaited: boolean;
  /** Where the call's value goes; fixes that change the reply type need `discarded`/`condition`. */
  resultUse: 'discarded' | 'condition' | 'value';
  /** The call is the whole awaited operand of its expression statement (`await c.x(…);`). */
  statement: Span | null;
  /** Inside a branch of an `if`/ternary that tests a ttl/expiry value. */
  inTtlBranch: boolean;
  /** The if/ternary branches around the call in its function (see callContext.branchesOf). */
  branches: Array<{ key: string; ttlGuard: boolean; exits?: true }>;
  /** For `keys`: the statement the SCAN fix can replace, if any. */
  shape: StatementShape | null;
  followUpDelete: DeleteFollowUp | null;
  /** In a wrapper method that exposes the command under its own name (see callContext.isPassThrough). */
  passThrough: boolean;
  /** node-redis v4 `commandOptions({ isolated: true })` came first: the command runs on a connection of its own. */
  isolated?: true;
  /** The names of the call's class (and what it extends) and function (see owner.ts). */
  owner: string;
  /** The innermost loop around the call within its function, if any. */
  loop: LoopFact | null;
  /** FLUSHALL/FLUSHDB only: a condition keeps the call out of production (`if (IS_DEV_ENV) …`; environmentGuard.ts). */
  outsideProduction?: true;
  /** The command's key arguments as templates (key patterns); absent for commands without keys. */
  keys?: KeyArgFact[];
}

/** A key argument: `session:{id}`, or null when the code says nothing useful about it (a bare parameter). */
export interface KeyArgFact {
  template: string | null;
  span: Span;
  /** An imported constant that resolves to literal text only: one key, however often it is written. */
  fixed?: true;
}

export interface CreationFact {
  kind: ClientKind;
  span: Span;
  /** null at module level or in a class field initializer. */
  enclosingFunction: null | { name: string | null; role: 'constructor' | 'factory' | 'handler' };
  /** The client is stored somewhere that outlives the call (module variable, `this.x`, cache). */
  storedOutside: boolean;
  /** Name it is bound to (`client`, `this.client`), if any. */
  bindingText: string | null;
  /** Bound to a local of its function (CallFact.scopeKey): only listeners on that function's local of the name count. */
  scopeKey?: string;
  /** What the local is then assigned to (`cached = client`, `this.client = client`): listeners on those count too. */
  aliases?: string[];
  /** `.on('error', …)` chained directly on the creation. */
  chainedErrorListener: boolean;
  /** Returned from its function: the caller is responsible for listeners. */
  returned: boolean;
  /** Handed to a function or constructor (a queue, store or adapter that usually listens itself). */
  passedOn: boolean;
  /** A node-redis `client.duplicate()`: a new connection without the original's listeners (missing-error-listener only). */
  duplicated?: true;
  /** Handed to the file's own function or method, or the project's (`loadFromRedis(createClient())`): kept, but no library's. */
  handedToOwnCode?: true;
  /** Kept in a module variable by an exported getter that returns it (a lazy singleton): other modules use it. */
  handedToImporters?: true;
  /** For the hoist fix: the whole declaration statement, when it can move to module scope. */
  hoistable: null | { statement: Span; topLevelStart: Span; declarationText: string };
}

export interface ListenerFact {
  receiverText: string;
  /** The receiver is a local of this function (CallFact.scopeKey): the listener is on that function's client only. */
  scopeKey?: string;
  /** Not a listener: the client is handed to a library (`new RedisStore({ client })`), which usually listens itself. */
  handedOn?: true;
}

export interface SuppressionFact {
  /** The directive comment (a span, so it shifts with edits like every other fact). */
  comment: Span;
  /** `next-line`: the line after the comment; `line`: the comment's own line; `file`: the whole file. */
  applies: 'next-line' | 'line' | 'file';
  /** null = every rule. */
  ruleIds: string[] | null;
}

/** A call of a key wrapper (`cacheGet(\`user:${id}\`)`): the key site it makes, placed at the call. */
export interface WrapperSiteFact {
  site: Omit<KeySite, 'line' | 'column' | 'offset' | 'endOffset'>;
  /** The wrapper's name to the end of the call (where the site is shown). */
  report: Span;
  call: Span;
  /** The function the call is in (as CallFact.scopeKey): non-atomic-expire pairs a wrapper's EXPIRE with a wrapper's write there. */
  scopeKey: string;
  /** The wrapper called (`setExpiration`). */
  wrapper: string;
  /** The wrapper's body names this key itself, a key site already (WrapperCall.named): no site here, rules only. */
  named?: true;
}

export interface EntryFacts {
  calls: CallFact[];
  creations: CreationFact[];
  listeners: ListenerFact[];
  suppressions: SuppressionFact[];
  /** Key sites made by calls of key wrappers (key patterns, and non-atomic-expire's pairs of wrapper calls). */
  wrapperSites?: WrapperSiteFact[];
}

export function emptyFacts(): EntryFacts {
  return { calls: [], creations: [], listeners: [], suppressions: [] };
}
