/**
 * An open document: keeps its tree and per-statement fact cache between analyses, so that after an
 * edit only the changed region is re-parsed (tree.edit + incremental parse) and re-extracted.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { ModuleScope } from '../clients/moduleScope';
import { ProjectIndex, moduleKeyOf } from '../clients/projectIndex';
import { type Candidates, addCreations, anyMatchIn, distribute, findCandidates } from '../extract/candidates';
import { extractEntry } from '../extract/extractEntry';
import { collectKeySites } from '../extract/keySites';
import type { EntryFacts } from '../extract/facts';
import { isTestFile, type ResolvedOptions } from '../options';
import type { TreeSitterHost } from '../parser/treeSitterHost';
import type { AnalysisNote, AnalysisResult, Grammar } from '../types';
import { type Entry, type TextEditInfo, NO_FACTS, assignedValueAt, scopeKeyOf, entryAt, firstEntryEndingAfter, hasFacts, moduleKeyWith, newEntry } from './entries';
import { ClassShapes } from './classShapes';
import { changedRegions } from './changedRegion';
import { fillAssignments, reassignmentsChanged } from './reassignments';
import { describeEdit, dropTouched } from './editInfo';
import { classOfStatement, extractPlanned, type MemberPlan, planMembers } from './memberReuse';
import { documentModuleScope } from './documentScope';
import { moduleExports } from './moduleExports';
import { RuleCache } from './ruleCache';
import { DocumentText } from './documentText';
import { publishKeyUse, settledKeyFindings, shrunkElsewhereFor } from './workspaceKeys';
import { listenedElsewhereFor, publishListeners } from './workspaceListeners';
import { runRules } from './runRules';

/** A change in the document, in the text as it is before the change (UTF-16 offsets). */
export interface TextChange {
  offset: number;
  /** Characters replaced (0 for an insertion). */
  length: number;
  text: string;
}

let entrySerial = 0;

/** What the last `analyze()` did — for tests and benchmarks of the incremental path. */
export interface AnalysisStats {
  parse: 'none' | 'full' | 'incremental';
  /** Top-level statements in the file, and how many were (re-)extracted. */
  statements: number;
  extracted: number;
  /** Rules whose findings were reused (their input did not change; see ruleCache.ts). */
  rulesReused: number;
  /** Members of edited class statements extracted one by one (the others kept their facts; memberReuse.ts). */
  members: number;
}

export class AnalysisDocument {
  private tree: Tree | null = null;
  private entries: Entry[] = [];
  private moduleKey = '';
  /** Region (current coordinates) whose statements must be re-read; null = nothing pending. */
  private dirty: { start: number; end: number } | null = null;
  /** Entries an edit touched, removed before the re-parse (their declarations may be gone). */
  private dropped: Entry[] = [];
  private disposed = false;
  private lastStats: AnalysisStats = { parse: 'none', statements: 0, extracted: 0, rulesReused: 0, members: 0 };
  /** The edits since the tree was last parsed (a class's members are reused after exactly one). */
  private editsSinceParse: TextEditInfo[] = [];

  private source: DocumentText;

  constructor(
    readonly fileName: string,
    initialText: string,
    private readonly grammar: Grammar,
    private readonly host: TreeSitterHost,
    private readonly options: () => ResolvedOptions,
    /** Exports of the project's modules: this document reads others' and publishes its own. */
    private readonly project: ProjectIndex = new ProjectIndex(),
    /** 'once': analysed a single time (CLI, workspace scan), so nothing is kept for reuse after edits. */
    private readonly lifetime: 'editor' | 'once' = 'editor',
  ) {
    this.source = new DocumentText(initialText);
  }

  get text(): string {
    return this.currentText;
  }

  /** The whole text as one string: joins the pieces an edit left (see DocumentText), so the keystroke path reads `source`. */
  private get currentText(): string {
    return this.source.toString();
  }

  get stats(): AnalysisStats {
    return { ...this.lastStats };
  }

  /** Replaces the whole text (the next analysis parses from scratch). */
  setText(text: string): void {
    this.source = new DocumentText(text);
    this.dropTree();
  }

  /**
   * Applies one change. Several changes may be applied before the next `analyze()`; each is
   * expressed against the text produced by the previous one (as VS Code reports them in order).
   */
  applyEdit(change: TextChange): void {
    this.assertOpen();
    const { offset, length, text } = change;
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > this.source.length) {
      throw new RangeError(`Edit ${offset}+${length} is outside the document (length ${this.source.length})`);
    }
    const edit = describeEdit(this.entries, this.source, offset, offset + length, text);
    this.source.replace(offset, length, text);
    this.rules.noteEdit(edit);
    if (!this.tree) return;
    this.editsSinceParse.push(edit);
    this.tree.edit({
      startIndex: edit.start,
      oldEndIndex: edit.oldEnd,
      newEndIndex: edit.newEnd,
      startPosition: { row: edit.startPos.line, column: edit.startPos.column },
      oldEndPosition: { row: edit.oldEndPos.line, column: edit.oldEndPos.column },
      newEndPosition: { row: edit.newEndPos.line, column: edit.newEndPos.column },
    });
    this.dirty = dropTouched(this.entries, this.dropped, edit, this.dirty);
  }

  analyze(): AnalysisResult {
    this.assertOpen();
    const options = this.options();
    const notes: AnalysisNote[] = [];
    const result = (findings: AnalysisResult['findings']): AnalysisResult => ({ fileName: this.fileName, findings, notes });
    if (this.source.length > options.maxFileSize) {
      this.dropTree();
      notes.push({
        kind: 'too-large',
        message: `Skipped: ${this.source.length} characters is over the analyzer's limit of ${options.maxFileSize} (maxFileSize).`,
      });
      return result([]);
    }
    this.lastStats = { parse: 'none', statements: 0, extracted: 0, rulesReused: 0, members: 0 };
    const parsed = this.parse(options);
    // Another module's exports changed since this file's imports were resolved: resolve them again.
    if (parsed.ok && this.scopeCache?.scope.importsProject && this.projectVersion !== this.project.version) {
      this.scopeCache = null;
      this.rebuildAll();
    }
    this.projectVersion = this.project.version;
    this.lastStats.statements = this.entries.length;
    if (!parsed.ok) {
      notes.push({ kind: parsed.reason, message: `Skipped: ${parsed.message}.` });
      return result([]);
    }
    const parts = (this.parts ??= this.entries.filter((e) => hasFacts(e.facts)).map((e) => e.facts));
    const families = this.moduleScope().families;
    const elsewhere = { shrunkElsewhere: shrunkElsewhereFor(this.project, this.fileName), listenedElsewhere: listenedElsewhereFor(this.project, this.fileName) };
    // The whole text only for rules that read it (a keystroke's analysis reuses most rules).
    const file = { text: (): string => this.currentText, isTypeScript: this.grammar !== 'javascript', families, parts, ...elsewhere };
    const indent = this.source.indentUnit();
    const workspace = this.project.keyUse.versionExcept(moduleKeyOf(this.fileName));
    const reuse = this.rules.reusable(parts, families, options, indent, workspace);
    this.lastStats.rulesReused = reuse?.size ?? 0;
    const ruled = runRules(file, options, isTestFile(this.fileName, options), reuse);
    const { skipped, byRule } = ruled;
    this.rules.remember(parts, families, options, byRule, indent, workspace);
    publishKeyUse(this.project, this.fileName, parts, ruled.findings);
    // Keys another file analysed so far deletes (the CLI and Analyze Workspace settle again after the run).
    const findings = settledKeyFindings(this.project, this.fileName, ruled.findings);
    // Re-read only when a statement that may export changed (an edit elsewhere leaves the exports as they were).
    if (this.exportsStale) {
      const exports = moduleExports(this.currentText, this.entries, this.moduleScope(), (start) => assignedValueAt(this.requireTree().rootNode, start));
      this.project.update(this.fileName, exports);
      this.exportedAs = exports.exportedAs ?? new Map();
      this.exportsStale = false;
    }
    publishListeners(this.project, this.fileName, parts, findings, this.moduleScope(), this.exportedAs);
    this.projectVersion = this.project.version;
    if (skipped.length) {
      notes.push({ kind: 'rules-timeout', message: `Rules ${skipped.join(', ')} skipped: the analysis took longer than ${options.ruleTimeoutMs} ms (ruleTimeoutMs).` });
    }
    return { ...result(findings), keySites: collectKeySites(parts.flatMap((p) => p.calls), parts.flatMap((p) => p.wrapperSites ?? [])) };
  }

  /**
   * Findings from re-extracting every statement of the current tree, leaving the cache as it was: after any edits,
   * `analyze()` must give the same (a fresh parse may recover differently from broken code than an incremental one).
   */
  reanalyzeFromScratch(): AnalysisResult {
    this.analyze();
    const saved = { entries: this.entries, moduleKey: this.moduleKey, scopeCache: this.scopeCache, stats: this.lastStats, parts: this.parts, rules: this.rules };
    try {
      this.rules = new RuleCache();
      this.scopeCache = null;
      this.rebuildAll();
      return this.analyze();
    } finally {
      ({ entries: this.entries, moduleKey: this.moduleKey, scopeCache: this.scopeCache, stats: this.lastStats, parts: this.parts, rules: this.rules } = saved);
    }
  }

  dispose(): void {
    this.dropTree();
    this.entries = [];
    this.disposed = true;
  }

  private assertOpen(): void {
    if (this.disposed) throw new Error(`AnalysisDocument ${this.fileName} used after dispose()`);
  }

  private dropTree(): void {
    this.tree?.delete();
    this.tree = null;
    this.entries = [];
    this.parts = null;
    this.rules.clear();
    this.dropped = [];
    this.dirty = null;
    this.editsSinceParse = [];
  }

  private parse(options: ResolvedOptions): { ok: true } | { ok: false; reason: 'parse-timeout' | 'parse-failed'; message: string } {
    if (this.tree && !this.dirty) return { ok: true };
    const old = this.tree;
    // An incremental parse reads only around the edit: the pieces, not one string of the whole text.
    const outcome = this.host.parse(this.grammar, old ? this.source.readable() : this.currentText, old, options.parseTimeoutMs);
    if (!outcome.ok) {
      this.dropTree();
      return outcome;
    }
    this.lastStats.parse = old ? 'incremental' : 'full';
    if (!old) {
      this.tree = outcome.tree;
      this.editsSinceParse = [];
      this.rebuildAll();
      return { ok: true };
    }
    const edits = this.editsSinceParse;
    this.editsSinceParse = [];
    // Regions whose structure changed without being typed in (e.g. a new `}` closing earlier); for one edit, what
    // it and the re-parse changed (members of an edited class outside that keep their facts).
    const { single, ranges } = changedRegions(old, outcome.tree, edits);
    for (const range of ranges) this.extendDirty(range.start, range.end);
    old.delete();
    this.tree = outcome.tree;
    this.rebuildDirty(single && { edit: edits[0], changed: single });
    return { ok: true };
  }

  /** Full extraction: every top-level statement. */
  private rebuildAll(): void {
    const root = this.requireTree().rootNode;
    const entries: Entry[] = [];
    // A cursor reads positions without creating a Node per statement (that cost shows on 1 MB files).
    const types = root.tree.language.types;
    const text = this.currentText;
    const keyed = this.lifetime === 'editor';
    // One scan serves the declarations (functions with no key command call are no key wrappers) and the extraction.
    const found = findCandidates(text, 0, text.length, null);
    const keyOf = moduleKeyWith((start, end) => anyMatchIn(found.methods, start, end), text);
    const cursor = root.walk();
    try {
      if (cursor.gotoFirstChild()) {
        do {
          entries.push(entryAt(cursor.startIndex, cursor.endIndex, cursor.startPosition, types[cursor.nodeTypeId], () => cursor.currentNode, text, keyed, keyOf));
        } while (cursor.gotoNextSibling());
      }
    } finally {
      cursor.delete();
    }
    this.entries = entries;
    this.parts = null;
    this.dropped = [];
    this.exportsStale = true;
    this.classShapes.reset();
    this.moduleKey = scopeKeyOf(this.entries);
    this.extract(null, this.entries, 0, this.currentText.length, null, found);
    this.dirty = null;
  }

  /** Incremental extraction of the statements that overlap the dirty region; `single`: the one edit since the last parse, if so. */
  private rebuildDirty(single: { edit: TextEditInfo; changed: { start: number; end: number } } | null): void {
    const dirty = this.dirty;
    this.dirty = null;
    if (!dirty) return;
    const root = this.requireTree().rootNode;
    let start = dirty.start;
    let end = dirty.end;
    const nodes: Node[] = [];
    for (let child = root.firstChildForIndex(Math.max(0, start - 1)); child; child = child.nextSibling) {
      if (child.startIndex > end) break;
      nodes.push(child);
      start = Math.min(start, child.startIndex);
      end = Math.max(end, child.endIndex);
    }
    // Entries are sorted and disjoint: replace the run that overlaps [start, end) (half-open).
    const first = firstEntryEndingAfter(this.entries, start);
    let last = first;
    while (last < this.entries.length && this.entries[last].start < end) last++;
    const fresh = nodes.map((n) => newEntry(n, this.source.readable()));
    const removed = [...this.dropped, ...this.entries.splice(first, last - first, ...fresh)];
    this.dropped = [];
    // The statements with facts, in order, stay the same objects unless one of them was replaced.
    if (removed.some((e) => hasFacts(e.facts))) this.parts = null;
    // A declaration's export follows its bindings (a change there rebuilds everything below); export
    // lists, `export default <expr>` and CommonJS assignments declare nothing, so look at their text.
    const exportsWithoutBindings = (e: Entry): boolean => e.bindings.length === 0 && /^(?:export|module\.exports|exports\.)/.test(this.source.slice(e.start, e.start + 14));
    if (removed.length !== fresh.length || fresh.some(exportsWithoutBindings)) this.exportsStale = true;
    const keys = (list: Entry[]): string => list.map((e) => e.bindingsKey).filter(Boolean).sort().join('\n');
    if (keys(removed) !== keys(fresh)) {
      this.moduleKey = scopeKeyOf(this.entries);
      if (this.moduleKey !== this.scopeCache?.key) {
        // A module-level declaration changed: every statement may resolve names differently.
        this.rebuildAll();
        return;
      }
    }
    // A statement that starts or stops assigning a module-level `let`/`var` changes what the others read (reassignments.ts).
    if (reassignmentsChanged(removed, fresh, this.source.readable(), this.moduleScope())) return this.rebuildAll();
    // One class statement edited by one edit inside one member: its other members keep their facts.
    const members = single && removed.length === 1 && fresh.length === 1 ? removed[0].members : undefined;
    const cls = members && single ? classOfStatement(nodes[0]) : null;
    const plan = cls && members && single ? planMembers(nodes[0], cls, this.source.readable(), { members, edit: single.edit, dirty: single.changed }) : null;
    // A class whose shape other statements resolved through changed what it holds: re-read them all.
    if (this.classShapes.changedBy(removed, fresh, this.scopeCache?.scope, plan?.key ? new Set([plan.className]) : undefined)) {
      this.scopeCache = null;
      this.rebuildAll();
      return;
    }
    this.extract(nodes, fresh, start, end, plan);
  }

  /**
   * `nodes[i]` is the statement of `entries[i]`; when null (a full extraction), statements are looked
   * up as needed. Class statements of an edited document are extracted member by member (memberReuse.ts).
   */
  private extract(nodes: Node[] | null, entries: Entry[], from: number, to: number, plan: MemberPlan | null = null, whole?: Candidates): void {
    const root = this.requireTree().rootNode;
    const module = this.moduleScope();
    const text = this.source.readable();
    const scan = (a: number, b: number): Candidates => findCandidates(text, a, Math.min(b, text.length), module.creationRegex());
    this.lastStats.extracted += entries.length;
    if (this.lifetime === 'editor' && !nodes) fillAssignments(entries, this.currentText, module);
    const extractClass = (entry: Entry, classPlan: MemberPlan): void => {
      const result = extractPlanned(classPlan, root, module, scan, text, () => `e${++entrySerial}`);
      this.lastStats.members += result.extracted;
      entry.members = result.members;
      this.setFacts(entry, result.facts);
    };
    // One edited class: only the members the edit touched are scanned and read.
    if (plan && entries.length === 1) return extractClass(entries[0], plan);
    const byEntry: Map<Entry, Candidates> = distribute(entries, whole ? addCreations(whole, this.currentText, module.creationRegex()) : scan(from, to));
    entries.forEach((entry, i) => {
      const found = byEntry.get(entry);
      const node = found ? (nodes?.[i] ?? root.firstChildForIndex(entry.start)) : null;
      const cls = node && nodes && this.lifetime === 'editor' ? classOfStatement(node) : null;
      if (node && cls) extractClass(entry, planMembers(node, cls, text, null));
      else this.setFacts(entry, found && node ? extractEntry(root, node, `e${++entrySerial}`, module, found, text) : NO_FACTS);
    });
  }

  private setFacts(entry: Entry, facts: EntryFacts): void {
    const some = hasFacts(facts);
    entry.facts = some ? facts : NO_FACTS;
    entry.positions = undefined;
    if (some) this.parts = null;
  }

  private scopeCache: { key: string; scope: ModuleScope } | null = null;
  /** The facts of the statements that have some, in order (null: to be listed again). */
  private parts: EntryFacts[] | null = null;
  private rules = new RuleCache();
  private readonly classShapes = new ClassShapes({ root: () => this.requireTree().rootNode, entries: () => this.entries, text: () => this.currentText, slice: (start: number, end: number) => this.source.slice(start, end), reuse: () => this.lifetime === 'editor' });
  private projectVersion = -1;
  /** The exports published to the project index may differ from the text's. */
  private exportsStale = true;
  /** The names each module-level local is exported under, from the last exports read. */
  private exportedAs: ReadonlyMap<string, readonly string[]> = new Map();

  private moduleScope(): ModuleScope {
    if (this.scopeCache?.key === this.moduleKey) return this.scopeCache.scope;
    const scope = documentModuleScope(this.fileName, this.entries, this.currentText, this.project, this.classShapes);
    // Imports resolve against the index as it is now: a later change of it re-resolves them (see analyze()).
    this.projectVersion = this.project.version;
    this.scopeCache = { key: this.moduleKey, scope };
    return scope;
  }

  private requireTree(): Tree {
    if (!this.tree) throw new Error('no tree');
    return this.tree;
  }

  private extendDirty(start: number, end: number): void {
    this.dirty = this.dirty ? { start: Math.min(this.dirty.start, start), end: Math.max(this.dirty.end, end) } : { start, end };
  }
}
