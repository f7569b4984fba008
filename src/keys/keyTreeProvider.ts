import * as vscode from 'vscode';
import { describeKeyFilter, isFiltered, nameMatches, NO_FILTER, type KeyFilter } from '../core/redis/keyspace/keyFilter';
import { fetchKeyMetadata } from '../core/redis/keyspace/keyMetadata';
import { keyId } from '../core/redis/keyspace/keyName';
import { KeyspaceBrowser, type LoadResult } from '../core/redis/keyspace/keyspaceBrowser';
import type { Settings } from '../config';
import type { Connections } from '../connections/connections';
import type { DatabaseChildrenProvider } from '../connections/connectionsTree';
import { userFacingMessage } from '../core/redis/connection/connectionErrors';
import type { KeyChange } from '../explorer/keyChanges';
import { scopeId, type DatabaseScope, type ExplorerNode, type KeyTreeNode, type NodeOf } from '../explorer/explorerNode';
import { ContextKeyValue } from '../contextKeys';
import { keyTreeItem } from './keyTreeItems';
import { formatCount } from '../core/redis/bytes/formatCount';
import { CodePatternFolders } from './codePatternFolders';
import { reuseNode } from './reuseNode';

const ROOT = Buffer.alloc(0);
/** Under a filter, folders holding at most this many matches are shown open. */
const REVEAL_LIMIT = 100;

interface DatabaseState {
  browser: KeyspaceBrowser;
  /** Whose scans these are: each load reads the connection's current scan ceilings. */
  connectionId: string;
  filter: KeyFilter;
  /** Leaves shown per folder (grows with "Load more…"). */
  shown: Map<string, number>;
  /** Node objects by id: VS Code refreshes an element by the reference it was given. */
  nodes: Map<string, KeyTreeNode>;
  /**
   * Folders (by prefix id) whose first load the user stopped, with the notice shown: a later redraw
   * shows it again instead of scanning again; Refresh Keys forgets the state.
   */
  halted: Map<string, KeyTreeNode>;
}

/**
 * The keys below a database node: folders by delimiter, filled by SCAN one round trip at a time
 * (never KEYS), a "Load more…" item while a folder's scan is unfinished, type and TTL for the
 * visible keys in one pipelined round trip.
 */
export class KeyTreeProvider implements DatabaseChildrenProvider, vscode.Disposable {
  private readonly databases = new Map<string, DatabaseState>();
  /** Filters outlive the loaded state: a refresh rescans with the same filter. */
  private readonly filters = new Map<string, KeyFilter>();
  /** The first-page scans the view is waiting for. */
  private readonly loads = new Set<AbortController>();
  /** What the view has selected (the keyboard's Delete acts on it). */
  selection: readonly ExplorerNode[] = [];
  /** The view title's Clear Filter button shows while any database is filtered. */
  private readonly filtered = new ContextKeyValue('redisSpecialist.keysFiltered');
  /** The view title's Stop button shows while a first-page scan runs. */
  private readonly loading = new ContextKeyValue('redisSpecialist.keysLoading');
  /** The workspace's key patterns as folders above "Other keys" (the ordinary browsing). */
  readonly patterns: CodePatternFolders;

  constructor(
    private readonly connections: Connections,
    private readonly settings: Settings,
    /** Refreshes a folder node, or the database node when the folder is the root. */
    private readonly refresh: (scope: DatabaseScope, node: KeyTreeNode | undefined) => void,
  ) {
    this.patterns = new CodePatternFolders(connections, settings, {
      load: (browser, connectionId, minNewKeys, inView) => this.load(browser, connectionId, ROOT, minNewKeys, inView),
      fillMetadata: (scope, keys) => this.fillMetadata(scope, keys),
      refresh,
    });
  }

  getTreeItem(node: KeyTreeNode): vscode.TreeItem {
    return keyTreeItem(node);
  }

  databaseDescription(scope: DatabaseScope): string | undefined {
    const filter = this.filterOf(scope);
    return isFiltered(filter) ? `filter: ${describeKeyFilter(filter)}` : undefined;
  }

  showsCodePatterns(scope: DatabaseScope): boolean {
    return this.patterns.shows(scope, isFiltered(this.filterOf(scope)));
  }

  async getChildren(parent: DatabaseScope | KeyTreeNode): Promise<KeyTreeNode[]> {
    const scope: DatabaseScope = 'kind' in parent ? parent.scope : parent;
    if ('kind' in parent && parent.kind === 'pattern') return this.patterns.keysOf(parent);
    if (!('kind' in parent) && (await this.patterns.showsAfterIndexing(scope, isFiltered(this.filterOf(scope))))) return this.patterns.children(scope);
    const prefix = 'kind' in parent && parent.kind === 'folder' ? parent.prefix : ROOT;
    let state: DatabaseState | undefined;
    try {
      state = await this.state(scope);
      const halted = state.halted.get(keyId(prefix));
      if (halted) return [halted];
      if (state.browser.counts(prefix).keyCount === 0 && state.browser.canLoadMore(prefix)) {
        await this.load(state.browser, state.connectionId, prefix, 1);
      }
      return await this.children(scope, state, prefix);
    } catch (error) {
      const stopped = error instanceof Error && error.name === 'AbortError';
      const text = stopped ? 'Loading stopped. Refresh Keys to try again.' : userFacingMessage(error, { config: scope.connection });
      const notice = this.node(undefined, { kind: 'notice', id: `${scopeId(scope)}/error/${keyId(prefix)}`, scope, text, icon: stopped ? 'debug-pause' : 'error' });
      // Stopped by the user: no scan starts again on the next redraw (another key's change redraws the view).
      if (stopped && state && state.browser.counts(prefix).keyCount === 0) state.halted.set(keyId(prefix), notice);
      return [notice];
    }
  }

  /** "Load more…": show the next page of loaded keys, scanning further when they are all shown. */
  async loadMore(node: Extract<KeyTreeNode, { kind: 'loadMore' }>): Promise<void> {
    if (node.pattern !== undefined) return this.patterns.loadMore({ ...node, pattern: node.pattern });
    const state = await this.state(node.scope);
    const folderId = keyId(node.prefix);
    const page = this.settings.keysPerPage;
    const shown = state.shown.get(folderId) ?? page;
    if (shown >= state.browser.counts(node.prefix).leafCount && state.browser.canLoadMore(node.prefix)) await this.load(state.browser, state.connectionId, node.prefix, page);
    state.shown.set(folderId, shown + page);
    this.refreshFolder(node.scope, node.prefix);
  }

  async setFilter(scope: DatabaseScope, filter: KeyFilter): Promise<void> {
    if (isFiltered(filter)) this.filters.set(scopeId(scope), filter);
    else this.filters.delete(scopeId(scope));
    await this.filtered.set(this.filters.size > 0);
    this.reset(scope);
    await this.state(scope);
  }

  /** Clear Filter from the view's title: every database shows all its keys again. */
  async clearFilters(): Promise<void> {
    for (const id of this.filters.keys()) this.databases.delete(id);
    this.filters.clear();
    await this.filtered.set(false);
  }

  /** Connections removed from settings take their filters along (the Clear Filter button must not outlive them). */
  async forgetRemoved(savedIds: ReadonlySet<string>): Promise<void> {
    for (const id of [...this.filters.keys()]) if (!savedIds.has(id.slice(0, id.lastIndexOf('/db')))) this.filters.delete(id);
    for (const id of [...this.databases.keys()]) if (!savedIds.has(id.slice(0, id.lastIndexOf('/db')))) this.databases.delete(id);
    this.patterns.forgetRemoved(savedIds);
    await this.filtered.set(this.filters.size > 0);
  }

  filterOf(scope: DatabaseScope): KeyFilter {
    return this.filters.get(scopeId(scope)) ?? NO_FILTER;
  }

  /** Stop Loading Keys: every scan the view is waiting for stops (what was loaded stays). */
  stopLoading(): number {
    const stopped = this.loads.size;
    for (const controller of this.loads) controller.abort();
    return stopped;
  }

  private startLoad(): AbortController {
    const controller = new AbortController();
    this.loads.add(controller);
    // The view's progress bar has no Cancel: the title shows a Stop button while a scan runs.
    if (this.loads.size === 1) void this.loading.set(true);
    return controller;
  }

  private endLoad(controller: AbortController): void {
    this.loads.delete(controller);
    if (this.loads.size === 0) void this.loading.set(false);
  }

  dispose(): void {
    this.stopLoading();
  }

  /** Forgets what was loaded (refresh): the next expand scans anew, keeping the filter. */
  reset(scope?: DatabaseScope): void {
    if (scope) this.databases.delete(scopeId(scope));
    else this.databases.clear();
    this.patterns.reset(scope);
  }

  /** Forgets the databases of a connection that disconnected or changed. */
  resetConnection(connectionId: string): void {
    for (const id of [...this.databases.keys()]) if (id.startsWith(`${connectionId}/`)) this.databases.delete(id);
    this.patterns.resetConnection(connectionId);
  }

  /**
   * A key changed through this extension: update what is loaded in place (that row, and the folder
   * counts above it) instead of scanning again, so pages loaded with "Load more…" stay.
   */
  async applyKeyChange(scope: DatabaseScope, key: Buffer, change: KeyChange): Promise<void> {
    await this.patterns.applyKeyChange(scope, key, change);
    const state = this.databases.get(scopeId(scope));
    if (!state) {
      // Pattern folders may show the key (their rows were updated above): redraw them.
      if (change.kind !== 'changed') this.refresh(scope, undefined);
      return;
    }
    if (change.kind === 'bulkDeleted') {
      this.reset(scope);
      this.refresh(scope, undefined);
      return;
    }
    if (change.kind === 'changed') {
      const node = state.nodes.get(keyNodeId(scope, key));
      if (node?.kind !== 'key') return;
      delete node.meta;
      await this.fillMetadata(scope, [node]);
      this.refresh(scope, node);
      return;
    }
    if (change.kind === 'deleted' || change.kind === 'renamed') state.browser.forget(key);
    const added = change.kind === 'renamed' ? change.to : change.kind === 'created' ? key : undefined;
    if (added && nameMatches(state.filter.pattern, added)) {
      const [meta] = await fetchKeyMetadata(await this.connections.client(scope), [added], { memory: this.settings.showMemory });
      if (!state.filter.type || meta?.type === state.filter.type) state.browser.tree.add(added);
    }
    // Folder counts change all the way up: refresh from the database down (nothing is rescanned).
    this.refresh(scope, undefined);
  }

  private async state(scope: DatabaseScope): Promise<DatabaseState> {
    const id = scopeId(scope);
    const existing = this.databases.get(id);
    if (existing) return existing;
    const client = await this.connections.client(scope);
    const filter = this.filterOf(scope);
    const state: DatabaseState = {
      browser: new KeyspaceBrowser(client, { delimiter: scope.connection.keyDelimiter, count: this.settings.scanCount, filter }),
      connectionId: scope.connection.id,
      filter,
      shown: new Map(),
      nodes: new Map(),
      halted: new Map(),
    };
    this.databases.set(id, state);
    return state;
  }

  /**
   * One SCAN round trip in the view's progress bar, stoppable from the view's title (Stop Loading
   * Keys), or a cancellable notification when more keys are wanted.
   */
  private async load(browser: KeyspaceBrowser, connectionId: string, prefix: Buffer, minNewKeys: number, inView = minNewKeys <= 1): Promise<LoadResult> {
    const result = await this.scan(browser, connectionId, prefix, minNewKeys, inView);
    // A failover or a Cluster topology change made the scan start over on another node: say so, once per load.
    if (result.restarted) void vscode.window.showInformationMessage(`Redis: ${result.restarted}`);
    return result;
  }

  private async scan(browser: KeyspaceBrowser, connectionId: string, prefix: Buffer, minNewKeys: number, inView: boolean): Promise<LoadResult> {
    const maxNewKeys = this.settings.maxKeysPerLoad;
    // One budget per load: its pacing reflects the server's latency now, not that of an earlier load.
    const budget = this.settings.loadBudgetFor(this.connections.get(connectionId) ?? {});
    if (inView) {
      const controller = this.startLoad();
      try {
        return await vscode.window.withProgress({ location: { viewId: 'redisSpecialist.connections' } }, () => browser.loadMore(prefix, { minNewKeys, maxNewKeys, signal: controller.signal, budget }));
      } finally {
        this.endLoad(controller);
      }
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Scanning keys', cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return browser.loadMore(prefix, {
          minNewKeys,
          maxNewKeys,
          signal: controller.signal,
          budget,
          onProgress: (p) => progress.report({ message: `${formatCount(p.newKeys)} new keys, ${formatCount(p.roundTrips)} round trips${budget.describe() ? ` (${budget.describe()})` : ''}` }),
        });
      },
    );
  }

  private async children(scope: DatabaseScope, state: DatabaseState, prefix: Buffer): Promise<KeyTreeNode[]> {
    const base = `${scopeId(scope)}/${keyId(prefix)}`;
    const shown = state.shown.get(keyId(prefix)) ?? this.settings.keysPerPage;
    const level = state.browser.level(prefix, { leafLimit: shown });
    const folders = level.folders.map((f) =>
      this.node(state, { kind: 'folder', id: folderNodeId(scope, state.filter, f.prefix), scope, prefix: f.prefix, name: f.name, count: f.keyCount, complete: f.complete, expand: isFiltered(state.filter) && f.keyCount <= REVEAL_LIMIT }),
    );
    const keys = level.leaves.map((l) => this.node(state, { kind: 'key', id: keyNodeId(scope, l.key), scope, key: l.key, name: l.name }) as Extract<KeyTreeNode, { kind: 'key' }>);
    await this.fillMetadata(scope, keys);
    const result: KeyTreeNode[] = [...folders, ...keys];
    if (level.leafCount > level.leaves.length || state.browser.canLoadMore(prefix)) {
      result.push(this.node(state, { kind: 'loadMore', id: `${base}/more`, scope, prefix }));
    }
    if (result.length === 0) {
      result.push(this.node(state, { kind: 'notice', id: `${base}/empty`, scope, text: isFiltered(state.filter) ? 'No keys match the filter' : 'No keys', icon: 'info' }));
    }
    return result;
  }

  private async fillMetadata(scope: DatabaseScope, keys: NodeOf<'key'>[]): Promise<void> {
    const missing = keys.filter((k) => !k.meta);
    if (missing.length === 0) return;
    const client = await this.connections.client(scope);
    const metadata = await fetchKeyMetadata(client, missing.map((k) => k.key), { memory: this.settings.showMemory });
    metadata.forEach((meta, i) => (missing[i].meta = meta));
  }

  /** Reuses the node object with this id, updating its fields, so refreshes by reference work. */
  private node(state: DatabaseState | undefined, fresh: KeyTreeNode): KeyTreeNode {
    return state ? reuseNode(state.nodes, fresh) : fresh;
  }

  private refreshFolder(scope: DatabaseScope, prefix: Buffer): void {
    const state = this.databases.get(scopeId(scope));
    const folder = prefix.length && state ? state.nodes.get(folderNodeId(scope, state.filter, prefix)) : undefined;
    this.refresh(scope, folder);
  }
}

function keyNodeId(scope: DatabaseScope, key: Buffer): string {
  return `${scopeId(scope)}/k/${keyId(key)}`;
}

/**
 * Folder ids carry the filter: a filtered view is another view, whose folders open by themselves
 * (VS Code keeps the open/closed state of an id it has seen, so the same id would stay closed).
 */
function folderNodeId(scope: DatabaseScope, filter: KeyFilter, prefix: Buffer): string {
  const view = isFiltered(filter) ? `~${Buffer.from(describeKeyFilter(filter)).toString('base64url')}` : '';
  return `${scopeId(scope)}/f${view}/${keyId(prefix)}`;
}
