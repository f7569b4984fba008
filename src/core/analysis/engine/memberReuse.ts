/**
 * Keystrokes inside one method of a large class re-extract that method, not the whole class.
 *
 * An edited document extracts a class statement member by member and keeps each member's facts
 * and fingerprint (`memberFingerprint`: the member with its method body reduced to the lines that
 * can change what another member resolves — `this.x = …`, returns, declarations). After the next
 * edit, when that edit lies inside one member whose fingerprint did not change, the class reads the
 * same outside that method body: the other members keep their facts (moved by the edit), and the
 * class's shape is known to be unchanged. Otherwise every member is extracted again.
 *
 * Node identities (`scopeKey`, `chainKey`, branch keys) must not mix coordinates of two versions of
 * the class: a member's nodes are named relative to the member (`e12/m3:40`), with a name new each
 * time the member is extracted, and the nodes outside members (the class itself, its heritage) by
 * their offset in the statement, which no edit inside a member moves.
 */
import type { SourceText } from '../syntax';
import type { Node } from 'web-tree-sitter';
import type { ModuleScope } from '../clients/moduleScope';
import { type Candidates, distribute, emptyCandidates } from '../extract/candidates';
import { extractEntry } from '../extract/extractEntry';
import { type EntryFacts, emptyFacts } from '../extract/facts';
import { memberFingerprint } from './classShapes';
import { type ClassMembers, type MemberFacts, type TextEditInfo, hasFacts, shiftFacts } from './entries';

const CLASS_TYPES = new Set(['class_declaration', 'abstract_class_declaration']);

let memberSerial = 0;

/** What the statement was before the edit, and the edit (the only one since it was extracted). */
export interface PreviousMembers {
  members: ClassMembers;
  edit: TextEditInfo;
  /** The region the edit and the re-parse changed, in current coordinates. */
  dirty: { start: number; end: number };
}

/** Which members of the class as it is now keep their facts, and which are read again. */
export interface MemberPlan {
  statement: Node;
  cls: Node;
  className: string;
  members: MemberFacts[];
  /** The tree node of each of `members`, and the class body holding them. */
  nodes: Node[];
  body: Node | null;
  /** Members whose facts (set in `members`) are reused. */
  kept: ReadonlySet<MemberFacts>;
  /** The previous statement's name in node identities, when its members are reused. */
  key: string | null;
}

/** The class a top-level statement declares (`class X`, `export class X`, `export default class X`), if any. */
export function classOfStatement(statement: Node): Node | null {
  if (CLASS_TYPES.has(statement.type)) return statement;
  if (statement.type !== 'export_statement') return null;
  const declaration = statement.childForFieldName('declaration');
  return declaration && CLASS_TYPES.has(declaration.type) ? declaration : null;
}

/** Plans the extraction of a class statement: members `previous` kept, when the edit stayed inside one member whose fingerprint is the same. */
export function planMembers(statement: Node, cls: Node, text: SourceText, previous: PreviousMembers | null): MemberPlan {
  const className = cls.childForFieldName('name')?.text ?? '';
  const body = cls.childForFieldName('body');
  const nodes = (body?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
  const members: MemberFacts[] = nodes.map((n) => ({ start: n.startIndex, end: n.endIndex, facts: null, fingerprint: '' }));
  const plan = { statement, cls, className, members, nodes, body, kept: new Set<MemberFacts>(), key: null as string | null };
  const reuse = previous ? reusable(previous, members) : null;
  if (reuse) {
    const touched = members.indexOf(reuse.touched);
    reuse.touched.fingerprint = memberFingerprint(nodes[touched], text, className);
    if (reuse.touched.fingerprint === reuse.before.fingerprint) {
      for (const [member, old] of reuse.kept) {
        if (old.start > previous!.edit.oldEnd && old.facts) shiftFacts(old.facts, previous!.edit);
        member.facts = old.facts;
        member.fingerprint = old.fingerprint;
        plan.kept.add(member);
      }
      plan.key = previous!.members.key;
      return plan;
    }
  }
  members.forEach((member, i) => (member.fingerprint ||= memberFingerprint(nodes[i], text, className)));
  return plan;
}

/**
 * The member the edit happened in (before and now), and the other members matched by their range;
 * null when the edit or the re-parse reached beyond one member.
 */
function reusable(previous: PreviousMembers, members: MemberFacts[]): { before: MemberFacts; touched: MemberFacts; kept: Map<MemberFacts, MemberFacts> } | null {
  const { edit, dirty } = previous;
  const delta = edit.newEnd - edit.oldEnd;
  const before = previous.members.members.filter((m) => m.end >= edit.start && m.start <= edit.oldEnd);
  if (before.length !== 1 || edit.start <= before[0].start || edit.oldEnd >= before[0].end) return null;
  const now = members.filter((m) => m.end >= dirty.start && m.start <= dirty.end);
  if (now.length !== 1 || dirty.start <= now[0].start || dirty.end >= now[0].end || members.length !== previous.members.members.length) return null;
  const byRange = new Map<string, MemberFacts>();
  for (const m of previous.members.members) if (m !== before[0]) byRange.set(m.end < edit.start ? `${m.start}:${m.end}` : `${m.start + delta}:${m.end + delta}`, m);
  const kept = new Map<MemberFacts, MemberFacts>();
  for (const member of members) {
    if (member === now[0]) continue;
    const old = byRange.get(`${member.start}:${member.end}`);
    if (!old) return null;
    kept.set(member, old);
  }
  return { before: before[0], touched: now[0], kept };
}

/**
 * Extracts the members `plan` does not keep. `scan(from, to)` finds the candidates of a range
 * (absolute offsets): only the ranges read again are scanned.
 */
export function extractPlanned(plan: MemberPlan, root: Node, module: ModuleScope, scan: (from: number, to: number) => Candidates, text: SourceText, newKey: () => string): { facts: EntryFacts; members: ClassMembers; extracted: number } {
  const { statement, members, kept, nodes, body, cls } = plan;
  const key = plan.key ?? newKey();
  // Parent links above a member, known from the plan: a member's walk does not go through the others.
  const above: Array<readonly [Node, Node]> = body ? [...nodes.map((n) => [n, body] as const), [body, cls]] : [];
  if (cls.id !== statement.id) above.push([cls, statement]);
  const stmtStart = statement.startIndex;
  // Members and the gaps around them (comments, heritage, decorators) split the candidates.
  const ranges: Array<{ start: number; end: number; member: MemberFacts | null; node?: Node }> = [];
  let at = stmtStart;
  members.forEach((member, i) => {
    if (member.start > at) ranges.push({ start: at, end: member.start, member: null });
    ranges.push({ start: member.start, end: member.end, member, node: nodes[i] });
    at = member.end;
  });
  if (statement.endIndex > at) ranges.push({ start: at, end: statement.endIndex, member: null });
  // Gaps between members are mostly blank (a directive comment is not): only what holds text is scanned.
  const toScan = (r: (typeof ranges)[number]): boolean => (r.member ? !kept.has(r.member) : /\S/.test(text.slice(r.start, r.end)));
  const byRange = distribute(ranges, kept.size > 0 ? scanEach(ranges.filter(toScan), scan) : scan(statement.startIndex, statement.endIndex));

  const facts = emptyFacts();
  let extracted = 0;
  for (const range of ranges) {
    const found = byRange.get(range);
    const { member, node } = range;
    if (member && node && !kept.has(member) && found) {
      const memberKey = `${key}/m${++memberSerial}`;
      const keyOf = (n: Node): string =>
        n.startIndex >= member.start && n.endIndex <= member.end ? `${memberKey}:${n.startIndex - member.start}` : `${key}:${n.startIndex - stmtStart}`;
      const own = extractEntry(root, statement, keyOf, module, found, text, body ? { node, parents: above } : undefined);
      member.facts = hasFacts(own) ? own : null;
      extracted++;
    } else if (!member && found) {
      merge(facts, extractEntry(root, statement, (n) => `${key}:${n.startIndex - stmtStart}`, module, found, text));
    }
    if (member?.facts) merge(facts, member.facts);
  }
  sortFacts(facts);
  return { facts, members: { key, members }, extracted };
}

/** The candidates of several sorted ranges, as one scan of them all would list them. */
function scanEach(ranges: ReadonlyArray<{ start: number; end: number }>, scan: (from: number, to: number) => Candidates): Candidates {
  const out = emptyCandidates();
  for (const range of ranges) {
    const found = scan(range.start, range.end);
    for (const kind of Object.keys(out) as Array<keyof Candidates>) out[kind].push(...found[kind]);
  }
  return out;
}

function merge(into: EntryFacts, from: EntryFacts): void {
  into.calls.push(...from.calls);
  into.creations.push(...from.creations);
  into.listeners.push(...from.listeners);
  into.suppressions.push(...from.suppressions);
  if (from.wrapperSites?.length) (into.wrapperSites ??= []).push(...from.wrapperSites);
}

/** The order a whole-statement extraction gives: calls in flow order, the rest by position. */
function sortFacts(facts: EntryFacts): void {
  facts.calls.sort((a, b) => a.order - b.order);
  facts.creations.sort((a, b) => a.span.start.offset - b.span.start.offset);
  facts.suppressions.sort((a, b) => a.comment.start.offset - b.comment.start.offset);
  facts.wrapperSites?.sort((a, b) => a.call.start.offset - b.call.start.offset);
}
