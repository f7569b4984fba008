/**
 * Keystrokes inside one method of a large class re-extract that method, not the whole class.
 *
 * An edited document extracts a class statement member by member and keeps each member's facts.
 * After the next edit, members the edit did not touch keep their facts (moved by the edit) as long
 * as the class reads the same outside its method bodies (`shapeFingerprint`: fields, signatures,
 * and the lines of method bodies that can change what another member resolves — `this.x = …`,
 * returns, declarations). Everything else is extracted again.
 *
 * Node identities (`scopeKey`, `chainKey`, branch keys) must not mix coordinates of two versions of
 * the class: a member's nodes are named relative to the member (`e12/m3:40`), with a name new each
 * time the member is extracted, and the nodes outside members (the class itself, its heritage) by
 * their offset in the statement, which no edit inside a member moves.
 */
import type { Node } from 'web-tree-sitter';
import type { ModuleScope } from '../clients/moduleScope';
import { type Candidates, distribute, emptyCandidates } from '../extract/candidates';
import { extractEntry } from '../extract/extractEntry';
import { type EntryFacts, emptyFacts } from '../extract/facts';
import { type ClassMembers, type MemberFacts, type TextEditInfo, hasFacts, shiftFacts } from './entries';

const CLASS_TYPES = new Set(['class_declaration', 'abstract_class_declaration']);

let memberSerial = 0;

/** What the statement was before the edit, and the edit (the only one since it was extracted). */
export interface PreviousMembers {
  members: ClassMembers;
  edit: TextEditInfo;
  /** The region the edit and the re-parse changed, in current coordinates (inclusive bounds). */
  dirty: { start: number; end: number };
}

export interface MemberExtraction {
  facts: EntryFacts;
  members: ClassMembers;
  /** Members whose facts were extracted (the rest were reused). */
  extracted: number;
}

/** The class a top-level statement declares (`class X`, `export class X`, `export default class X`), if any. */
export function classOfStatement(statement: Node): Node | null {
  if (CLASS_TYPES.has(statement.type)) return statement;
  if (statement.type !== 'export_statement') return null;
  const declaration = statement.childForFieldName('declaration');
  return declaration && CLASS_TYPES.has(declaration.type) ? declaration : null;
}

/**
 * Extracts a class statement member by member, reusing the members `previous` kept when the class
 * is otherwise unchanged. `scan(from, to)` finds the candidates of a range (absolute offsets): only
 * the ranges read again are scanned.
 */
export function extractByMembers(
  root: Node,
  statement: Node,
  cls: Node,
  module: ModuleScope,
  scan: (from: number, to: number) => Candidates,
  text: string,
  newKey: () => string,
  previous: PreviousMembers | null,
  fingerprintOf: (cls: Node, className: string) => string,
): MemberExtraction {
  const fingerprint = fingerprintOf(cls, cls.childForFieldName('name')?.text ?? '');
  const reusable = previous && previous.members.fingerprint === fingerprint ? previous : null;
  const key = reusable ? reusable.members.key : newKey();
  const stmtStart = statement.startIndex;
  const kept = reusable ? keptMembers(reusable) : new Map<string, MemberFacts>();

  const members: MemberFacts[] = [];
  const body = cls.childForFieldName('body');
  if (body) {
    for (const child of body.namedChildren) {
      if (child && child.type !== 'comment') members.push({ start: child.startIndex, end: child.endIndex, facts: null });
    }
  }
  // Members and the gaps around them (comments, heritage, decorators) split the candidates.
  const ranges: Array<{ start: number; end: number; member: MemberFacts | null }> = [];
  let at = stmtStart;
  for (const member of members) {
    if (member.start > at) ranges.push({ start: at, end: member.start, member: null });
    ranges.push({ start: member.start, end: member.end, member });
    at = member.end;
  }
  if (statement.endIndex > at) ranges.push({ start: at, end: statement.endIndex, member: null });
  for (const range of ranges) if (range.member) range.member.facts = kept.get(`${range.start}:${range.end}`)?.facts ?? null;
  const isKept = (range: { start: number; end: number }): boolean => kept.has(`${range.start}:${range.end}`);
  // Gaps between members are mostly blank (a directive comment is not): only what holds text is scanned.
  const toScan = (r: (typeof ranges)[number]): boolean => (r.member ? !isKept(r) : /\S/.test(text.slice(r.start, r.end)));
  const byRange = distribute(ranges, reusable ? scanEach(ranges.filter(toScan), scan) : scan(statement.startIndex, statement.endIndex));

  const parts: EntryFacts[] = [];
  const outside = emptyFacts();
  const outsideCandidates: Candidates[] = [];
  let extracted = 0;
  for (const range of ranges) {
    const found = byRange.get(range);
    const member = range.member;
    if (!member) {
      if (found) outsideCandidates.push(found);
      continue;
    }
    if (isKept(member)) {
      // Kept as it was (its facts were set above).
    } else if (found) {
      const memberKey = `${key}/m${++memberSerial}`;
      const keyOf = (n: Node): string =>
        n.startIndex >= member.start && n.endIndex <= member.end ? `${memberKey}:${n.startIndex - member.start}` : `${key}:${n.startIndex - stmtStart}`;
      const facts = extractEntry(root, statement, keyOf, module, found, text);
      member.facts = hasFacts(facts) ? facts : null;
      extracted++;
    }
    if (member.facts) parts.push(member.facts);
  }
  for (const found of outsideCandidates) {
    const keyOf = (n: Node): string => `${key}:${n.startIndex - stmtStart}`;
    merge(outside, extractEntry(root, statement, keyOf, module, found, text));
  }
  parts.push(outside);
  const facts = emptyFacts();
  for (const part of parts) merge(facts, part);
  sortFacts(facts);
  return { facts, members: { key, fingerprint, members }, extracted };
}

/**
 * The previous members the edit left alone, by their range now (members after the edit moved, and
 * their facts with them). A member that touches the changed region is not kept.
 */
function keptMembers(previous: PreviousMembers): Map<string, MemberFacts> {
  const { edit, dirty } = previous;
  const delta = edit.newEnd - edit.oldEnd;
  const out = new Map<string, MemberFacts>();
  for (const member of previous.members.members) {
    let start: number;
    let end: number;
    if (member.end < edit.start) {
      ({ start, end } = member);
    } else if (member.start > edit.oldEnd) {
      start = member.start + delta;
      end = member.end + delta;
    } else {
      continue;
    }
    if (start <= dirty.end && end >= dirty.start) continue;
    if (member.start > edit.oldEnd && member.facts) shiftFacts(member.facts, edit);
    out.set(`${start}:${end}`, { start, end, facts: member.facts });
  }
  return out;
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
