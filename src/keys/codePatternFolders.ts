import * as vscode from 'vscode';
import type { Settings } from '../config';
import type { Connections } from '../connections/connections';
import type { CodePattern } from '../core/patterns/patternIndex';
import { literalKeyOf, patternFolderBrowser, planPatternFolders, type PatternFolderPlan } from '../core/patterns/patternFolders';
import { userFacingMessage } from '../core/redis/connection/connectionErrors';
import { globMatches } from '../core/redis/keyspace/globMatch';
import type { KeyspaceBrowser, LoadResult } from '../core/redis/keyspace/keyspaceBrowser';
import { keyId } from '../core/redis/keyspace/keyName';
import { scopeId, type DatabaseScope, type KeyTreeNode, type NodeOf } from '../explorer/explorerNode';
import type { KeyChange } from '../explorer/keyChanges';
import { reuseNode } from './reuseNode';

const ROOT = Buffer.alloc(0);

/** What the key browser needs of the workspace's key patterns (`WorkspacePatterns` fits). */
export interface CodePatternSource {
  readonly index: { patterns(): CodePattern[]; readonly version: number };
  /** The whole workspace has been read once. */
  readonly complete: boolean;
  ensureIndexed(): Promise<void>;
  readonly onDidChange: vscode.Event<void>;
}

/** The key browser's own loading (progress, Stop, budget) and metadata, shared with its ordinary folders. */
export interface PatternFolderHost {
  load(browser: KeyspaceBrowser, connectionId: string, minNewKeys: number, inView: boolean): Promise<LoadResult>;
  fillMetadata(scope: DatabaseScope, keys: NodeOf<'key'>[]): Promise<void>;
  /** Refreshes a node, or the database when undefined. */
  refresh(scope: DatabaseScope, node: KeyTreeNode | undefined): void;
}

interface ScopeState {
  scope: DatabaseScope;
  /** One browser per pattern folder opened, by glob (kept while its pattern stays in the code). */
  browsers: Map<string, KeyspaceBrowser>;
  /** Keys shown per folder (grows with "Load more…"). */
  shown: Map<string, number>;
  /** Node objects by id: VS Code refreshes an element by the reference it was given. */
  nodes: Map<string, KeyTreeNode>;
}

/**
 * Below a database: one folder per key pattern of the workspace's code, shown before any SCAN,
 * and "Other keys" with the ordinary browsing. A pattern folder scans `MATCH glob` only when it is
 * opened, a page at a time, under the key browser's budget, Stop button and "Load more…". On by
 * the `keys.codePatternFolders` setting when the code has patterns; Show All Keys / Show Key
 * Patterns from Code switch one database for the session.
 */
export class CodePatternFolders {
  private source: CodePatternSource | undefined;
  private readonly modes = new Map<string, boolean>();
  private readonly states = new Map<string, ScopeState>();
  /** Databases whose children were asked for: they follow pattern and setting changes. */
  private readonly seen = new Map<string, DatabaseScope>();
  private cachedPlan: { version: number; plan: PatternFolderPlan; signature?: string } | undefined;

  constructor(
    private readonly connections: Connections,
    private readonly settings: Settings,
    private readonly host: PatternFolderHost,
  ) {}

  /** Where patterns come from; without a source the key browser never shows pattern folders. */
  setSource(source: CodePatternSource): vscode.Disposable {
    this.source = source;
    return source.onDidChange(() => this.refreshChanged());
  }

  /** The setting or a database's switch changed: every database shown follows. */
  refreshSeen(): void {
    for (const scope of this.seen.values()) this.host.refresh(scope, undefined);
  }

  /**
   * The code changed: redraw only the databases whose top level it changes (pattern folders that
   * came, went or changed). A refresh also re-reads every open folder below, and VS Code's tree can
   * lose an open folder's rows when one lands while the user opens another.
   */
  private refreshChanged(): void {
    for (const [id, scope] of this.seen) {
      const shown = this.shownAs.get(id);
      if (!shown || shown.signature !== this.signature(scope, shown.filtered)) this.host.refresh(scope, undefined);
    }
  }

  /** What a database's top level shows: every key, or these pattern folders. */
  private signature(scope: DatabaseScope, filtered: boolean): string {
    return this.topLevel(this.shows(scope, filtered));
  }

  private topLevel(showsPatterns: boolean): string {
    return showsPatterns ? `patterns ${this.planSignature()}` : 'keys';
  }

  /** What each database seen last showed at its top level (signature), and whether it was filtered. */
  private readonly shownAs = new Map<string, { filtered: boolean; signature: string }>();

  /** Show Key Patterns from Code (true) / Show All Keys (false) on one database, for this session. */
  setMode(scope: DatabaseScope, on: boolean): void {
    this.modes.set(scopeId(scope), on);
    this.host.refresh(scope, undefined);
  }

  /** Synchronous, for the database item: true when it shows pattern folders now. */
  shows(scope: DatabaseScope, filtered: boolean): boolean {
    return this.wanted(scope, filtered) && this.source?.complete === true && this.plan().folders.length > 0;
  }

  /** Whether the database's children are pattern folders; reads the workspace's code first (once). */
  async showsAfterIndexing(scope: DatabaseScope, filtered: boolean): Promise<boolean> {
    const id = scopeId(scope);
    this.seen.set(id, scope);
    const source = this.source;
    let shows = false;
    if (source && this.wanted(scope, filtered)) {
      try {
        if (!source.complete) await vscode.window.withProgress({ location: { viewId: 'redisSpecialist.connections' } }, () => source.ensureIndexed());
        shows = this.plan().folders.length > 0;
      } catch {
        // the code could not be read (its own log says why): browse every key as without it
      }
    }
    this.shownAs.set(id, { filtered, signature: this.topLevel(shows) });
    return shows;
  }

  /** The pattern folders, then Other keys. Nothing is scanned. */
  children(scope: DatabaseScope): KeyTreeNode[] {
    const state = this.state(scope);
    const { folders, tooBroad } = this.plan();
    const globs = new Set(folders.map((f) => f.glob));
    for (const glob of [...state.browsers.keys()]) if (!globs.has(glob)) state.browsers.delete(glob);
    const nodes = folders.map((folder) => {
      const browser = state.browsers.get(folder.glob);
      const counts = browser?.counts(ROOT);
      return this.node(state, { kind: 'pattern', id: patternNodeId(scope, folder.glob), scope, folder, ...(browser && counts ? { count: counts.keyCount, complete: !browser.canLoadMore(ROOT) } : {}) });
    });
    return [...nodes, this.node(state, { kind: 'otherKeys', id: `${scopeId(scope)}/other`, scope, tooBroad })];
  }

  /** A pattern folder's keys: the first page is scanned when it is first opened. */
  async keysOf(node: NodeOf<'pattern'>): Promise<KeyTreeNode[]> {
    const { scope, folder } = node;
    const state = this.state(scope);
    const id = patternNodeId(scope, folder.glob);
    try {
      const literal = literalKeyOf(folder);
      if (literal) return await this.literalKey(node, state, literal);
      const browser = await this.browser(state, folder.glob);
      if (browser.counts(ROOT).keyCount === 0 && browser.canLoadMore(ROOT)) await this.host.load(browser, scope.connection.id, this.settings.keysPerPage, true);
      this.showCount(node, browser);
      const level = browser.level(ROOT, { leafLimit: state.shown.get(folder.glob) ?? this.settings.keysPerPage });
      const keys = level.leaves.map((leaf) => this.node(state, { kind: 'key', id: `${id}/k/${keyId(leaf.key)}`, scope, key: leaf.key, name: leaf.key }) as NodeOf<'key'>);
      await this.host.fillMetadata(scope, keys);
      const result: KeyTreeNode[] = [...keys];
      if (level.leafCount > keys.length || browser.canLoadMore(ROOT)) result.push(this.node(state, { kind: 'loadMore', id: `${id}/more`, scope, prefix: ROOT, pattern: folder.glob }));
      if (result.length === 0) result.push(this.node(state, { kind: 'notice', id: `${id}/empty`, scope, text: `No keys match ${folder.glob}`, icon: 'info' }));
      return result;
    } catch (error) {
      const stopped = error instanceof Error && error.name === 'AbortError';
      const text = stopped ? 'Loading stopped. Refresh Keys to try again.' : userFacingMessage(error, { config: scope.connection });
      return [this.node(state, { kind: 'notice', id: `${id}/error`, scope, text, icon: stopped ? 'debug-pause' : 'error' })];
    }
  }

  /** A folder of one key (a template without variable part): TYPE and TTL of that key, no SCAN. */
  private async literalKey(node: NodeOf<'pattern'>, state: ScopeState, key: Buffer): Promise<KeyTreeNode[]> {
    const row = this.node(state, { kind: 'key', id: `${node.id}/k/${keyId(key)}`, scope: node.scope, key, name: key }) as NodeOf<'key'>;
    delete row.meta;
    await this.host.fillMetadata(node.scope, [row]);
    // Read through a call: TypeScript keeps `row.meta` narrowed to undefined after the delete above.
    const exists = metaOf(row)?.type !== 'none';
    if (node.count !== (exists ? 1 : 0)) {
      node.count = exists ? 1 : 0;
      node.complete = true;
      this.host.refresh(node.scope, node);
    }
    return exists ? [row] : [this.node(state, { kind: 'notice', id: `${node.id}/empty`, scope: node.scope, text: `No key named ${node.folder.pattern}`, icon: 'info' })];
  }

  /** "Load more…" of a pattern folder: the next page, scanning further when all loaded keys are shown. */
  async loadMore(node: NodeOf<'loadMore'> & { pattern: string }): Promise<void> {
    const state = this.state(node.scope);
    const browser = await this.browser(state, node.pattern);
    const page = this.settings.keysPerPage;
    const shown = state.shown.get(node.pattern) ?? page;
    if (shown >= browser.counts(ROOT).leafCount && browser.canLoadMore(ROOT)) await this.host.load(browser, node.scope.connection.id, page, false);
    state.shown.set(node.pattern, shown + page);
    const folder = state.nodes.get(patternNodeId(node.scope, node.pattern));
    if (folder?.kind === 'pattern') this.showCount(folder, browser, false);
    this.host.refresh(node.scope, folder);
  }

  /** The folder's row says how many keys it holds once scanned (redrawn only when that changed). */
  private showCount(node: NodeOf<'pattern'>, browser: KeyspaceBrowser, redraw = true): void {
    const count = browser.counts(ROOT).keyCount;
    const complete = !browser.canLoadMore(ROOT);
    if (node.count === count && node.complete === complete) return;
    node.count = count;
    node.complete = complete;
    if (redraw) this.host.refresh(node.scope, node);
  }

  /** Refresh Keys on a pattern folder: its keys are scanned again when shown. */
  resetFolder(node: NodeOf<'pattern'>): void {
    const state = this.states.get(scopeId(node.scope));
    state?.browsers.delete(node.folder.glob);
    state?.shown.delete(node.folder.glob);
    this.host.refresh(node.scope, state?.nodes.get(node.id));
  }

  /** Forgets what was loaded (Refresh Keys on the database), or for every database. */
  reset(scope?: DatabaseScope): void {
    if (scope) this.states.delete(scopeId(scope));
    else this.states.clear();
  }

  resetConnection(connectionId: string): void {
    for (const id of [...this.states.keys()]) if (id.startsWith(`${connectionId}/`)) this.states.delete(id);
  }

  forgetRemoved(savedIds: ReadonlySet<string>): void {
    for (const map of [this.states, this.seen, this.modes]) for (const id of [...map.keys()]) if (!savedIds.has(id.slice(0, id.lastIndexOf('/db')))) map.delete(id);
  }

  /** A key written through this extension: the pattern folders that loaded it (or would list it) follow in place. */
  async applyKeyChange(scope: DatabaseScope, key: Buffer, change: KeyChange): Promise<void> {
    const state = this.states.get(scopeId(scope));
    if (!state || state.browsers.size === 0) return;
    if (change.kind === 'bulkDeleted') {
      state.browsers.clear();
      state.shown.clear();
      return;
    }
    if (change.kind === 'changed') {
      const rows = [...state.nodes.values()].filter((n): n is NodeOf<'key'> => n.kind === 'key' && n.key.equals(key));
      for (const row of rows) delete row.meta;
      await this.host.fillMetadata(scope, rows);
      for (const row of rows) this.host.refresh(scope, row);
      return;
    }
    const added = change.kind === 'renamed' ? change.to : change.kind === 'created' ? key : undefined;
    for (const [glob, browser] of state.browsers) {
      if (change.kind === 'deleted' || change.kind === 'renamed') browser.forget(key);
      if (added && globMatches(Buffer.from(glob, 'utf8'), added)) browser.tree.add(added);
    }
  }

  private wanted(scope: DatabaseScope, filtered: boolean): boolean {
    return !filtered && (this.modes.get(scopeId(scope)) ?? this.settings.codePatternFolders);
  }

  private plan(): PatternFolderPlan {
    const index = this.source?.index;
    if (!index) return { folders: [], tooBroad: [] };
    if (this.cachedPlan?.version !== index.version) this.cachedPlan = { version: index.version, plan: planPatternFolders(index.patterns()) };
    return this.cachedPlan.plan;
  }

  /** The plan as text (read once per version of the index). */
  private planSignature(): string {
    const plan = this.plan();
    // No index yet: an empty plan, made anew each time.
    if (!this.cachedPlan || this.cachedPlan.plan !== plan) return JSON.stringify(plan);
    return (this.cachedPlan.signature ??= JSON.stringify(plan));
  }

  private state(scope: DatabaseScope): ScopeState {
    const id = scopeId(scope);
    let state = this.states.get(id);
    if (!state) this.states.set(id, (state = { scope, browsers: new Map(), shown: new Map(), nodes: new Map() }));
    return state;
  }

  private async browser(state: ScopeState, glob: string): Promise<KeyspaceBrowser> {
    let browser = state.browsers.get(glob);
    if (!browser) {
      browser = patternFolderBrowser(await this.connections.client(state.scope), glob, { count: this.settings.scanCount });
      state.browsers.set(glob, browser);
    }
    return browser;
  }

  private node(state: ScopeState, fresh: KeyTreeNode): KeyTreeNode {
    return reuseNode(state.nodes, fresh);
  }
}

function metaOf(row: NodeOf<'key'>): NodeOf<'key'>['meta'] {
  return row.meta;
}

/** Pattern folder ids carry the glob (base64url: any bytes), so a folder keeps its open state across refreshes. */
function patternNodeId(scope: DatabaseScope, glob: string): string {
  return `${scopeId(scope)}/p/${Buffer.from(glob, 'utf8').toString('base64url')}`;
}
