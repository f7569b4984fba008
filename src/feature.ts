import type * as vscode from 'vscode';
import type { Settings } from './config';
import type { Connections } from './connections/connections';
import type { FolderOptions } from './diagnostics/folderOptions';
import type { KeyChanges } from './explorer/keyChanges';
import type { KeyEditors } from './keyEditor/keyEditors';
import type { LiveAnalyses } from './liveAnalysis/liveAnalyses';
import type { RedisView } from './keys/redisView';
import type { WorkspacePatterns } from './patterns/workspacePatterns';

/**
 * What every feature receives: the services the composition root builds once. A feature is a
 * function `(feature: FeatureContext) => void` that registers its commands and providers and
 * hands each disposable to `own()` (`registerCommand(feature, log, …)` owns through it too).
 */
export interface FeatureContext {
  readonly extension: Pick<vscode.ExtensionContext, 'extensionUri' | 'globalState' | 'globalStorageUri'>;
  /** Saved connections, their secrets and live clients, the write guard. */
  readonly connections: Connections;
  /** Typed settings, read when used (so changes apply without a reload). */
  readonly settings: Settings;
  readonly log: vscode.LogOutputChannel;
  /** Key changes made by any feature: the tree and open key editors follow them. */
  readonly keyChanges: KeyChanges;
  /** The Redis view: the Connections tree with the key browser below each database. */
  readonly view: RedisView;
  /** Key editor tabs and `redis-value:` documents. */
  readonly keyEditors: KeyEditors;
  /** The key patterns the workspace's code builds (indexed in the background on first use). */
  readonly keyPatterns: WorkspacePatterns;
  /**
   * The analysis options of each file (folder settings, client versions, project config), shared by
   * the analyzer and the data diagnostics of key patterns so a bad setting or config warns once.
   */
  readonly analysisOptions: FolderOptions;
  /** Live analyses (key patterns, memory): one per connection at a time, and the state of cancelled ones for a resume. */
  readonly liveAnalyses: LiveAnalyses;
  /** Hands a disposable to the composition root, which disposes it on deactivation (callable detached: `const { own } = feature`). */
  readonly own: <T extends vscode.Disposable>(disposable: T) => T;
}

export type Feature = (feature: FeatureContext) => void;
