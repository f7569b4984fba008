/**
 * One cache entry per top-level statement of a file: its module-level declarations and its facts.
 * Entries hold no tree-sitter nodes, so they survive re-parses; after an edit, entries before it
 * stay, entries after it are shifted, and only the statements around the edit are re-extracted.
 */
import { type SourceText, assignmentOf } from '../syntax';
import type { Node } from 'web-tree-sitter';
import { declarationBindings } from '../clients/declarationBindings';
import { type Binding, type NodeKey, type ValueDesc, describeExpression } from '../clients/descriptors';
import { fastDeclarationBindings } from '../clients/fastBindings';
import type { EntryFacts, Pos } from '../extract/facts';
import { anyMatchIn } from '../extract/candidates';
import { clientFamilyOf } from '../clients/packages';

/**
 * The facts of every statement that has none: one frozen object, so that moving the thousands of
 * statements after an edit asks one comparison of each.
 */
export const NO_FACTS: EntryFacts = Object.freeze<EntryFacts>({ calls: none(), creations: none(), listeners: none(), suppressions: none() });

function none<T>(): T[] {
  return Object.freeze([]) as unknown as T[];
}
import { lateCreationNames, mentionsBunClient } from './lateCreations';
import { nestedClientLoads } from './nestedLoads';

export interface Entry {
  start: number;
  end: number;
  startPos: Pos;
  bindings: Array<[string, Binding]>;
  /** Serialised bindings: a change means the module scope changed. */
  bindingsKey: string;
  facts: EntryFacts;
  /** Every Pos inside `facts` (filled on first shift). */
  positions?: Pos[];
  /** A class statement's facts member by member, when it was extracted that way (memberReuse.ts). */
  members?: ClassMembers;
  /** Which module-level `let`/`var` names the statement assigns (reassignments.ts), kept by an edited document. */
  assigns?: ReadonlyMap<string, number>;
  /** A CommonJS export assigned an expression (`exports.redis = new Redis()`): see commonJsExport. */
  exported?: CommonJsExport;
  /** `connect = function (o) { … }` after `var connect;` (CoffeeScript's output): the name and the function. */
  assignedFunction?: [string, ValueDesc];
}

/** `module.exports = <expr>` (name 'module') or `exports.x = <expr>` / `module.exports.x = <expr>` (name 'x'). */
export interface CommonJsExport {
  name: string;
  value: ValueDesc;
}

/** The facts of a class statement kept per member, so that an edit in one method re-extracts only it. */
export interface ClassMembers {
  /** The statement's name in node identities, kept while members are reused. */
  key: string;
  /** Every member of the class body, in order, with its facts (null: none); ranges move with the entry. */
  members: MemberFacts[];
}

export interface MemberFacts {
  start: number;
  end: number;
  facts: EntryFacts | null;
  /** classShapes.memberFingerprint: while the edited member's stays, the other members are reused. */
  fingerprint: string;
}

export interface TextEditInfo {
  start: number;
  oldEnd: number;
  newEnd: number;
  oldEndPos: Pos;
  newEndPos: Pos;
}

// Module-level descriptors must not depend on where the statement is: give nested calls no identity.
const moduleKey: NodeKey = (): string => 'module-nested';

/** `moduleKey`, told where the file's calls of key commands are and where it says `Cluster` (see NodeKey). */
export function moduleKeyWith(keyCallsIn: (start: number, end: number) => boolean, text: string): NodeKey {
  let clusters: Array<{ index: number }> | undefined;
  const clusterIn = (start: number, end: number): boolean => {
    if (!clusters) {
      clusters = [];
      for (let at = text.indexOf('Cluster'); at !== -1; at = text.indexOf('Cluster', at + 7)) clusters.push({ index: at });
    }
    return anyMatchIn(clusters, start, end);
  };
  return Object.assign((): string => 'module-nested', { keyCallsIn, clusterIn });
}

/** Top-level statement kinds that can declare module-level names. */
export const DECLARATION_TYPES = new Set([
  'lexical_declaration',
  'variable_declaration',
  'function_declaration',
  'generator_function_declaration',
  'function_signature',
  'class_declaration',
  'abstract_class_declaration',
  'interface_declaration',
  'type_alias_declaration',
  'enum_declaration',
  'import_statement',
  'export_statement',
  'ambient_declaration',
]);

/** The module-level declarations of every statement, serialised: a change means the module scope changed. */
export function scopeKeyOf(entries: readonly Entry[]): string {
  let key = '';
  for (const entry of entries) if (entry.bindingsKey) key += entry.bindingsKey + '\n';
  return key;
}

export function newEntry(node: Node, source: SourceText): Entry {
  return entryAt(node.startIndex, node.endIndex, node.startPosition, node.type, () => node, source, true);
}

const HEAD_LENGTH = 2000;

/**
 * An entry for the top-level statement at [start, end) of type `type`. Declarations are read
 * from their text when simple (fastBindings.ts), else from the tree (`node()` is only called then).
 * `keyed`: fill `bindingsKey`, which only an edited document compares (a one-time analysis leaves it empty).
 */
export function entryAt(start: number, end: number, p: { row: number; column: number }, type: string, node: () => Node, source: SourceText, keyed: boolean, keyOf: NodeKey = moduleKey): Entry {
  let bindings: Array<[string, Binding]> = [];
  if (DECLARATION_TYPES.has(type)) {
    const complete = end - start <= HEAD_LENGTH;
    const head = source.slice(start, complete ? end : start + HEAD_LENGTH);
    bindings = fastDeclarationBindings(type, head, complete) ?? declarationBindings(node(), keyOf);
  }
  const head = type === 'expression_statement' ? source.slice(start, start + 60) : '';
  const exported = head && COMMONJS_HEAD.test(head) ? commonJsExport(node(), keyOf) : undefined;
  const assignedFunction = head && FUNCTION_ASSIGNED.test(head) ? functionAssigned(node(), keyOf) : undefined;
  const assignedKey = assignedFunction ? `\nassigned:${JSON.stringify(assignedFunction)}` : '';
  return {
    start,
    end,
    startPos: { offset: start, line: p.row, column: p.column },
    bindings,
    bindingsKey: keyed ? (bindings.length ? bindingsKeyOf(bindings) : '') + lateKey(source, start, end) + assignedKey : '',
    facts: NO_FACTS,
    ...(exported ? { exported } : {}),
    ...(assignedFunction ? { assignedFunction } : {}),
  };
}

/** What the top-level assignment statement at `start` assigns (`connection.connect = function () { … }`), described. */
export function assignedValueAt(root: Node, start: number): ValueDesc | undefined {
  const statement = root.firstChildForIndex(start);
  const right = statement ? assignmentOf(statement)?.right : undefined;
  return right ? describeExpression(right, moduleKey) : undefined;
}


/** `name = function (…)`, `name = (…) =>`, `name = async (…) =>`, `name = x =>` at the start of a statement. */
const FUNCTION_ASSIGNED = /^[A-Za-z_$][\w$]*\s*=\s*(?:async\b\s*)?(?:function\b|\(|[A-Za-z_$][\w$]*\s*=>)/;

function functionAssigned(statement: Node, keyOf: NodeKey): [string, ValueDesc] | undefined {
  const sides = assignmentOf(statement);
  if (sides?.left.type !== 'identifier') return undefined;
  const value = describeExpression(sides.right, keyOf);
  return value.v === 'function' ? [sides.left.text, value] : undefined;
}

const COMMONJS_HEAD = /^(?:module\.exports|exports\.)/;
const COMMONJS_TARGET = /^(?:module\.exports|(?:module\.)?exports\.([A-Za-z_$][\w$]*))$/;

/**
 * What a top-level `module.exports = new Redis()` or `exports.client = createClient()` exports, described like a
 * declaration's value (moduleExports.ts resolves it). A name (`exports.redis = redis`) is read from the text there.
 */
function commonJsExport(statement: Node, keyOf: NodeKey): CommonJsExport | undefined {
  const sides = assignmentOf(statement);
  const target = sides && COMMONJS_TARGET.exec(sides.left.text.replace(/\s+/g, ''));
  if (!sides || !target || sides.right.type === 'identifier') return undefined;
  return { name: target[1] ?? 'module', value: describeExpression(sides.right, keyOf) };
}

/**
 * Clients assigned to names after their declaration change what those names resolve to (lateCreations.ts); a
 * class's static fields are read by other statements (`Repo.SCRIPT`, see staticFields.ts), and so are the
 * constructor parameter types of compiled decorator metadata.
 */
function lateKey(source: SourceText, start: number, end: number): string {
  const statement = source.slice(start, end);
  const late = lateCreationNames(statement);
  const statics = statement.includes('static') ? (statement.match(STATIC_FIELD) ?? []).join('\n') : '';
  // Compiled decorator metadata gives a class's constructor parameters their types (designParamTypes.ts).
  const metadata = statement.includes('design:paramtypes') ? `\nparamtypes:${statement.replace(/\s+/g, ' ')}` : '';
  // A client package loaded inside a function binds its name for the module (nestedLoads.ts).
  // The package too: broken code can split `{ createClient } = require('redis')` across statements, and the module
  // reads the load across them (nestedLoads.ts reads the whole text).
  const loads = (statement.includes('require') || statement.includes('import')) && NESTED_LOAD.test(statement) ? [...nestedClientLoads(statement).map(([name]) => name), ...clientPackagesLoaded(statement)].join(',') : '';
  // The program's entry point (`if (require.main === module) main()`) runs its function once (clientLifetime.ts).
  const entry = ENTRY_POINTS.some((s) => statement.includes(s)) ? `\nentry:${statement.replace(/\s+/g, ' ')}` : '';
  // `Conn.prototype.start = function () { this.redis = … }`: the ES5 constructor's members come from such statements.
  const proto = PROTOTYPE_HEAD.exec(statement)?.[1];
  // Which node-redis the file uses shows in these words, and set-without-ttl (a facts-only rule) reads them (nodeRedisForms.ts).
  const forms = statement.match(NODE_REDIS_FORMS)?.join(',');
  // A statement that starts (or stops) using the `Bun` global's client changes what `Bun` is.
  return (late ? `\nlate:${late}` : '') + (proto ? `\nproto:${proto}` : '') + (mentionsBunClient(statement) ? '\nBun' : '') + (statics ? `\nstatic:${statics}` : '') + metadata + (loads ? `\nloads:${loads}` : '') + entry + (forms ? `\nforms:${forms}` : '');
}

const NODE_REDIS_FORMS = /legacyMode\s*:\s*\w+|RedisClientType|@redis\/client|commandOptions|\.\s*connect\s*\(\s*\)/g;

const PROTOTYPE_HEAD = /^\s*([A-Za-z_$][\w$]*)\s*\.\s*prototype\b/;
const NESTED_LOAD = /\b(?:require|import)\s*\(/;
const LOADED = /\b(?:require|import)\s*\(\s*(['"`])([^'"`\n]+)\1/g;

/** The client packages `require('redis')` / `import('ioredis')` load in the statement. */
function clientPackagesLoaded(statement: string): string[] {
  return [...statement.matchAll(LOADED)].map((m) => m[2]).filter((specifier) => clientFamilyOf(specifier) !== undefined);
}
const ENTRY_POINTS = ['require.main', 'import.meta.main', 'process.argv[1]'];

/** A static field and its initialiser, up to the first `;` (`static readonly SCRIPT = \`…\``). */
const STATIC_FIELD = /\bstatic\s+(?:readonly\s+)?[\w$]+\s*(?::[^=;]*)?=[^;]{0,4000}/g;

/** A replacer makes JSON.stringify call back for every value: only use one when there are object literals to trim. */
function bindingsKeyOf(bindings: Array<[string, Binding]>): string {
  const plain = JSON.stringify(bindings, withMaps);
  return plain.includes('"props":[') ? JSON.stringify(bindings, trimLargeObjects) : plain;
}

/** A type's members are a Map, which JSON would write as `{}`: written as entries, an edit of a member changes the key. */
function withMaps(_key: string, value: unknown): unknown {
  return value instanceof Map ? [...value] : value;
}

/**
 * Big object literals (configs, tables) only matter for option lookups; leaving their contents out of
 * the key keeps an edit inside them from invalidating the whole file.
 */
function trimLargeObjects(key: string, value: unknown): unknown {
  if (key === 'props' && Array.isArray(value) && value.length > 8) return 'large';
  return withMaps(key, value);
}

/** Index of the first of the sorted, disjoint ranges whose end is after `offset` (binary search). */
export function firstEntryEndingAfter(entries: ReadonlyArray<{ end: number }>, offset: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function hasFacts(facts: EntryFacts): boolean {
  return facts.calls.length > 0 || facts.creations.length > 0 || facts.listeners.length > 0 || facts.suppressions.length > 0 || (facts.wrapperSites?.length ?? 0) > 0;
}

function isPos(value: unknown): value is Pos {
  return typeof value === 'object' && value !== null && 'offset' in value && 'line' in value && 'column' in value;
}

/** Every Pos object inside the facts (each once, even when shared). */
function positions(facts: EntryFacts): Set<Pos> {
  const out = new Set<Pos>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (isPos(value)) {
      out.add(value);
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child);
  };
  visit(facts);
  return out;
}

function shiftPos(pos: Pos, edit: TextEditInfo): void {
  if (pos.line === edit.oldEndPos.line) pos.column += edit.newEndPos.column - edit.oldEndPos.column;
  pos.line += edit.newEndPos.line - edit.oldEndPos.line;
  pos.offset += edit.newEnd - edit.oldEnd;
}

/** Moves an entry that lies wholly after an edit. */
export function shiftEntry(entry: Entry, edit: TextEditInfo): void {
  const delta = edit.newEnd - edit.oldEnd;
  if (entry.facts !== NO_FACTS) {
    // Facts never change after extraction, so their positions can be listed once.
    entry.positions ??= [...positions(entry.facts)];
    for (const pos of entry.positions) if (pos !== entry.startPos) shiftPos(pos, edit);
    // `order` is an offset too: rules binary-search calls by it.
    for (const call of entry.facts.calls) call.order += delta;
  }
  // Member facts are the same objects as the entry's: only their ranges move here.
  if (entry.members) {
    for (const member of entry.members.members) {
      member.start += delta;
      member.end += delta;
    }
  }
  shiftPos(entry.startPos, edit);
  entry.start += delta;
  entry.end += delta;
}

/**
 * Moves the facts of a member that lies after an edit (kept while the rest of its statement was
 * re-read). Positions before the edit stay: a fact may point outside its member (the statement's start).
 */
export function shiftFacts(facts: EntryFacts, edit: TextEditInfo): void {
  for (const pos of positions(facts)) if (pos.offset >= edit.oldEnd) shiftPos(pos, edit);
  for (const call of facts.calls) call.order += edit.newEnd - edit.oldEnd;
}
