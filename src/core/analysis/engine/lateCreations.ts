/** Module-level names assigned a client after their declaration (`let client;` … `client = new Redis()`). */
import type { Binding, ValueDesc } from '../clients/descriptors';

/** `= new Redis(…)`, `= new Redis.Cluster(…)`, `= createClient(…)`: a client assigned late (a lazy getter's). */
const CREATION_ASSIGNED = /=\s*(?:await\s+)?(new\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(/g;
const CREATION_CALLEE = /(?:^|\.)(?:createClient|createCluster)$/;
/** `= require('pkg')`: any package (which ones are clients is moduleBindings' business; this only keys the entry). */
const LATE_REQUIRE = /=\s*require\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const NAME_CHAR = /[\w$]/;
const SPACE = /\s/;
const NAME_START = /[A-Za-z_$]/;

/** The index of the last character before `at` that is not white space (-1 when there is none). */
export function lastNonSpaceBefore(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && SPACE.test(text[i])) i--;
  return i;
}

/** The identifier `name =` ends at the `=` at `eq` (the `\s*` between allowed), unless it is a property (`a.name =`). */
export function assignedName(text: string, eq: number): string | undefined {
  const end = lastNonSpaceBefore(text, eq) + 1;
  let start = end;
  while (start > 0 && NAME_CHAR.test(text[start - 1])) start--;
  if (start === end || !NAME_START.test(text[start]) || text[start - 1] === '.') return undefined;
  return text.slice(start, end);
}

/** `new Redis.Cluster(…)` (`isNew`, callee path `Redis.Cluster`) or `redis.createClient(…)` as a value description. */
export function creationDesc(isNew: boolean, calleePath: string): ValueDesc | null {
  const callee = calleePath.split('.').reduce<ValueDesc | null>((object, part) => (object ? { v: 'member', object, name: part.trim() } : { v: 'ident', name: part.trim() }), null);
  if (!callee) return null;
  return isNew ? { v: 'new', callee } : { v: 'call', callee, key: null };
}

/** `let client;` … `client = new Redis()` in a function: the name holds what the assignment creates (standalone first). */
export function lateCreations(text: string, bindings: Map<string, Binding>): void {
  let anyUnknown = false;
  for (const binding of bindings.values()) if (binding.b === 'unknown') anyUnknown = true;
  if (!anyUnknown) return;
  const found = new Map<string, ValueDesc>();
  const clusters = new Set<string>();
  const isCluster = (desc: ValueDesc | undefined): boolean => desc?.v === 'new' && desc.callee.v === 'member' && desc.callee.name === 'Cluster';
  for (const m of text.matchAll(CREATION_ASSIGNED)) {
    if (!m[1] && !CREATION_CALLEE.test(m[2])) continue;
    if ('=!<>'.includes(text[m.index - 1] ?? '')) continue; // a comparison, not an assignment
    const name = assignedName(text, m.index);
    if (!name || bindings.get(name)?.b !== 'unknown' || isDeclared(text, m.index, name)) continue;
    const value = creationDesc(!!m[1], m[2]);
    if (!value) continue;
    if (isCluster(value)) clusters.add(name);
    const prior = found.get(name);
    if (!prior || isCluster(prior)) found.set(name, value);
  }
  // A Cluster in one branch and a standalone client in another: a standalone one that may be a Cluster.
  for (const [name, value] of found) bindings.set(name, { b: 'value', value, ...(clusters.has(name) && !isCluster(value) ? { orCluster: true as const } : {}) });
}

/**
 * The names a statement assigns a client to (`client = new Redis()` in a lazy getter): part of its
 * entry's key, so an edit that changes them re-resolves the module like a changed declaration.
 */
export function lateCreationNames(statementText: string): string {
  if (!statementText.includes('=')) return '';
  const names: string[] = [];
  // The statement declares the name itself (a local of its function): not the module's name.
  let locals: Set<string> | undefined;
  const declaresLocally = (name: string): boolean => (locals ??= localNames(statementText)).has(name);
  // `Redis = require('ioredis')` in an init method (moduleBindings.ts): the name holds the package.
  if (statementText.includes('require')) for (const m of statementText.matchAll(LATE_REQUIRE)) {
    const name = assignedName(statementText, m.index);
    if (name && !declaresLocally(name)) names.push(`${name}=require:${m[2]}`);
  }
  for (const m of statementText.matchAll(CREATION_ASSIGNED)) {
    if (!m[1] && !CREATION_CALLEE.test(m[2])) continue;
    const name = assignedName(statementText, m.index);
    if (name && !isDeclared(statementText, m.index, name) && !declaresLocally(name)) names.push(`${name}=${m[1] ? 'new ' : ''}${m[2]}`);
  }
  return names.join(',');
}

const LOCAL_DECLARATION = /\b(?:let|var|const)\s+([A-Za-z_$][\w$]*)(?![\w$])/g;

/** Every name the text declares with `let`, `var` or `const` (one scan, however many assignments ask). */
function localNames(statementText: string): Set<string> {
  const out = new Set<string>();
  for (const m of statementText.matchAll(LOCAL_DECLARATION)) out.add(m[1]);
  return out;
}

/** `const name = …` or `const name: Type = …` (the type read as the name) declares a new (local) name: not a late assignment of the module's. */
function isDeclared(text: string, eq: number, name: string): boolean {
  const before = text.slice(Math.max(0, eq - name.length - 16), eq).replace(/\s+$/, '');
  const head = before.slice(0, before.length - name.length).replace(/\s+$/, '');
  return /\b(?:const|let|var)$/.test(head) || head.endsWith(':');
}

const BUN_CLIENT = /\bBun\s*\.\s*(?:RedisClient|redis)\b/;

/** The text uses Bun's Redis client through the `Bun` global (an entry's key notes it, see entries.ts). */
export function mentionsBunClient(text: string): boolean {
  return text.includes('Bun') && BUN_CLIENT.test(text);
}
