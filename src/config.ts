import * as vscode from 'vscode';
import type { CommandDeadlines } from './core/redis/connection/commandDeadline';
import { ANALYSIS_SECTION, readAnalysisSettings, type ReadSettings } from './core/workspace/analysisSettings';

/**
 * The one typed accessor for settings: every value has its default here and its schema in
 * package.json; out-of-range values fall back to the default instead of breaking a feature.
 */
export class Settings {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('redisSpecialist');
  }

  private integer(key: string, fallback: number, min: number, max: number): number {
    const value = this.section.get<number>(key, fallback);
    return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
  }

  /** How long a request may wait for its reply before the server counts as not answering. */
  get commandDeadlines(): CommandDeadlines {
    return {
      commandTimeoutMs: this.integer('connection.commandTimeoutMs', 5000, 100, 600_000),
      slowCommandTimeoutMs: this.integer('connection.slowCommandTimeoutMs', 60_000, 1000, 3_600_000),
    };
  }

  /** SCAN COUNT hint per round trip of the key browser. */
  get scanCount(): number {
    return this.integer('keys.scanCount', 1000, 10, 100_000);
  }

  /** Keys one expand or "Load more…" may load before asking the user. */
  get maxKeysPerLoad(): number {
    return this.integer('keys.maxKeysPerLoad', 20_000, 100, 10_000_000);
  }

  /** Keys shown per folder page in the tree. */
  get keysPerPage(): number {
    return this.integer('keys.pageSize', 500, 10, 5000);
  }

  /** Fetch MEMORY USAGE for the visible keys. */
  get showMemory(): boolean {
    return this.section.get<boolean>('keys.showMemory', false);
  }

  /** Time between two polls of the server dashboard. */
  get dashboardIntervalMs(): number {
    return this.integer('dashboard.intervalMs', 1000, 250, 60_000);
  }

  /** How much history the dashboard charts show. */
  get dashboardWindowSeconds(): number {
    return this.integer('dashboard.windowSeconds', 300, 30, 3600);
  }

  /** Bytes of a string read at once: larger values are paged with GETRANGE and not edited as text. */
  get stringLimitBytes(): number {
    return this.integer('values.stringLimitBytes', 1024 * 1024, 1024, 512 * 1024 * 1024);
  }

  /** Items per page in the key editor (fields, members, elements, stream entries). */
  get valuePageSize(): number {
    return this.integer('values.pageSize', 200, 10, 10_000);
  }

  /** Ask in the Redis CLI terminal before sending a command the server flags @dangerous. */
  get cliConfirmDangerous(): boolean {
    return this.section.get<boolean>('cli.confirmDangerousCommands', true);
  }

  /** The OpenSSH client configuration SSH connections resolve their Host aliases in; empty for ~/.ssh/config. */
  get sshConfigPath(): string | undefined {
    const value = this.section.get<string>('ssh.configPath', '').trim();
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
