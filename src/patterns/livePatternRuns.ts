import * as vscode from 'vscode';
import type { Settings } from '../config';
import type { Connections } from '../connections/connections';
import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import { collectLivePatternStats, type LivePatternReport } from '../core/patterns/livePatternStats';
import { formatCount } from '../core/redis/bytes/formatCount';

export interface LiveResult {
  connection: ConnectionConfig;
  report: LivePatternReport;
}

/**
 * Live statistics of the key patterns, per connection: one SCAN pass under the load budget, with a
 * cancellable progress notification, never two at once on one connection. Only reads, so it runs
 * on read-only connections too. A cancelled run keeps its partial figures, marked as partial.
 */
export class LivePatternRuns implements vscode.Disposable {
  private readonly results = new Map<string, LiveResult>();
  private readonly running = new Map<string, Promise<LiveResult | undefined>>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the connection id whose figures changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly connections: Connections,
    private readonly settings: Settings,
  ) {}

  result(connectionId: string): LiveResult | undefined {
    return this.results.get(connectionId);
  }

  /** Drops the figures of connections that no longer exist. */
  forgetExcept(ids: ReadonlySet<string>): void {
    for (const id of [...this.results.keys()]) if (!ids.has(id) && this.results.delete(id)) this.changed.fire(id);
  }

  isRunning(connectionId: string): boolean {
    return this.running.has(connectionId);
  }

  /** Runs (or joins the run already going on) the analysis of `connection` for `templates`. */
  run(connection: ConnectionConfig, templates: readonly string[]): Promise<LiveResult | undefined> {
    const going = this.running.get(connection.id);
    if (going) {
      void vscode.window.showInformationMessage(`Key patterns of ${connection.name} are already being analysed.`);
      return going;
    }
    const run = this.analyse(connection, templates).finally(() => this.running.delete(connection.id));
    this.running.set(connection.id, run);
    return run;
  }

  private analyse(connection: ConnectionConfig, templates: readonly string[]): Promise<LiveResult | undefined> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Redis: key patterns on ${connection.name}`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          const listener = token.onCancellationRequested(() => abort.abort());
          try {
            progress.report({ message: 'connecting…' });
            const client = await this.connections.client({ connection, db: connection.db });
            const report = await collectLivePatternStats(client, {
              templates,
              sampleSize: this.settings.patternSampleSize,
              count: this.settings.scanCount,
              budget: this.settings.loadBudgetFor(connection),
              signal: abort.signal,
              onProgress: (p) => {
                const what = p.phase === 'scan' ? `${formatCount(p.keysScanned)} keys scanned` : `${formatCount(p.samplesMeasured)} of ${formatCount(p.samplesTotal)} sampled keys measured`;
                progress.report({ message: p.budget ? `${what} (${p.budget})` : what });
              },
            });
            const result = { connection, report };
            this.results.set(connection.id, result);
            this.changed.fire(connection.id);
            return result;
          } finally {
            listener.dispose();
          }
        },
      ),
    );
  }

  dispose(): void {
    this.changed.dispose();
  }
}
