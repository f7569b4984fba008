import * as vscode from 'vscode';
import type { CommandDeadlines } from './core/redis/connection/commandDeadline';
import { ANALYSIS_SECTION, readAnalysisSettings, type ReadSettings } from './core/workspace/analysisSettings';
import { readSetting, type SettingKey } from './core/workspace/settingDefaults';
import { budgetOptionsFor, type ScanCeilings } from './core/redis/keyspace/scanBudgetOptions';
import { LoadBudget } from './core/redis/keyspace/loadBudget';

/**
 * The one typed accessor for settings: defaults and ranges come from core/workspace/settingDefaults.ts
 * (package.json declares the same, a unit test checks); out-of-range values fall back to the default
 * instead of breaking a feature.
 */
export class Settings {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('redisSpecialist');
  }

  private read<K extends SettingKey>(key: K): ReturnType<typeof readSetting<K>> {
    return readSetting(key, this.section.get(key));
  }

  /** How long a request may wait for its reply before the server counts as not answering. */
  get commandDeadlines(): CommandDeadlines {
    return {
      commandTimeoutMs: this.read('connection.commandTimeoutMs'),
      slowCommandTimeoutMs: this.read('connection.slowCommandTimeoutMs'),
    };
  }

  /** Keys measured per key pattern (TYPE, PTTL, MEMORY USAGE); a pattern with no more keys is measured whole. */
  get patternSampleSize(): number {
    return this.read('patterns.sampleSize');
  }

  /** CodeLens with live figures above Redis calls (when a connection's key patterns were analysed). */
  get patternCodeLens(): boolean {
    return this.read('patterns.codeLens');
  }

  /** SCAN COUNT hint per round trip of the key browser. */
  get scanCount(): number {
    return this.read('keys.scanCount');
  }

  /** Ceilings of SCAN calls and keys per second for every scan (0 = none); a connection may set its own, see scanBudgetOptions.ts. */
  get scanCeilings(): ScanCeilings {
    return { maxScansPerSecond: this.read('scan.maxScansPerSecond'), maxKeysPerSecond: this.read('scan.maxKeysPerSecond') };
  }

  /** A fresh load budget for one scan walk of `connection` (its own ceilings win over the settings). */
  loadBudgetFor(connection: ScanCeilings): LoadBudget {
    return new LoadBudget(budgetOptionsFor(connection, this.scanCeilings));
  }

  /** Keys one expand or "Load more…" may load before asking the user. */
  get maxKeysPerLoad(): number {
    return this.read('keys.maxKeysPerLoad');
  }

  /** Keys shown per folder page in the tree. */
  get keysPerPage(): number {
    return this.read('keys.pageSize');
  }

  /** Below a database, the key patterns of the workspace's code as folders (scanned when opened) before "Other keys". */
  get codePatternFolders(): boolean {
    return this.read('keys.codePatternFolders');
  }

  /** Fetch MEMORY USAGE for the visible keys. */
  get showMemory(): boolean {
    return this.read('keys.showMemory');
  }

  /** Keys Analyze Memory… measures when asked for a sample. */
  get memorySampleSize(): number {
    return this.read('memory.sampleSize');
  }

  /** Collections with fewer elements get an exact MEMORY USAGE … SAMPLES 0 in a memory analysis. */
  get memoryExactBelowElements(): number {
    return this.read('memory.exactMemoryBelowElements');
  }

  /** Time between two polls of the server dashboard. */
  get dashboardIntervalMs(): number {
    return this.read('dashboard.intervalMs');
  }

  /** How much history the dashboard charts show. */
  get dashboardWindowSeconds(): number {
    return this.read('dashboard.windowSeconds');
  }

  /** Bytes of a string read at once: larger values are paged with GETRANGE and not edited as text. */
  get stringLimitBytes(): number {
    return this.read('values.stringLimitBytes');
  }

  /** Items per page in the key editor (fields, members, elements, stream entries). */
  get valuePageSize(): number {
    return this.read('values.pageSize');
  }

  /** Ask in the Redis CLI terminal before sending a command the server flags @dangerous. */
  get cliConfirmDangerous(): boolean {
    return this.read('cli.confirmDangerousCommands');
  }

  /** The OpenSSH client configuration SSH connections resolve their Host aliases in; empty for ~/.ssh/config. */
  get sshConfigPath(): string | undefined {
    const value = this.read('ssh.configPath').trim();
    return value || undefined;
  }

  /** `redisSpecialist.analysis.*` for a file: resource-scoped, so each workspace folder may differ. */
  analysis(scope: vscode.Uri | undefined): ReadSettings {
    const section = vscode.workspace.getConfiguration(ANALYSIS_SECTION, scope);
    return readAnalysisSettings((key) => section.get(key));
  }

  static onDidChange(listener: (e: vscode.ConfigurationChangeEvent) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('redisSpecialist')) listener(e);
    });
  }
}
