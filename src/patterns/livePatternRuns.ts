import * as vscode from 'vscode';
import type { Settings } from '../config';
import type { Connections } from '../connections/connections';
import type { RedisClient } from '../core/redis/connection/clientFactory';
import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import { collectLivePatternStats, type LivePatternReport, type PatternPassState } from '../core/patterns/livePatternStats';
import { formatCount } from '../core/redis/bytes/formatCount';
import { resumeKey } from '../core/liveAnalysis/resumeStore';
import type { LiveAnalyses, ResumeChoice } from '../liveAnalysis/liveAnalyses';

export interface LiveResult {
  connection: ConnectionConfig;
  report: LivePatternReport;
  /** Which node was read when it is not simply the master ("read from replica 127.0.0.1:6381"). */
  readFrom?: string;
}

/**
 * Live statistics of the key patterns, per connection: one SCAN pass under the load budget, with a
 * cancellable progress notification, never two live analyses at once on one connection. Only
 * reads, so it runs on read-only connections too. A cancelled run keeps its partial figures,
 * marked as partial, and its state: the next run on the connection offers to resume it.
 */
export class LivePatternRuns implements vscode.Disposable {
  private readonly results = new Map<string, LiveResult>();
  private readonly running = new Set<string>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the connection id whose figures changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly connections: Connections,
    private readonly settings: Settings,
    private readonly analyses: LiveAnalyses,
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

  /**
   * Runs the analysis of `connection` for `templates`; when another live analysis runs on the
   * connection, says so and returns undefined. A stopped run of the same analysis is offered for a
   * resume (`choice`: ask, or decided by the caller).
   */
  async run(connection: ConnectionConfig, templates: readonly string[], choice: ResumeChoice = { ask: true }): Promise<LiveResult | undefined> {
    const abort = new AbortController();
    const release = this.analyses.begin(connection, 'key patterns', abort);
    if (!release) return undefined;
    this.running.add(connection.id);
    try {
      // Only reads: a Sentinel connection that opts in reads a replica (the resume check asks the same node).
      const read = await this.connections.readClient({ connection, db: connection.db });
      const key = resumeKey(connection.id, 'patterns', connection.db);
      const signature = JSON.stringify([templates, this.settings.patternSampleSize]);
      const resume = await this.analyses.resumable<PatternPassState>(key, signature, read.client, choice);
      if (resume === null) return undefined;
      const result = await this.analyse(connection, templates, abort, resume, read);
      this.analyses.save(key, signature, result.report.resume);
      return result;
    } finally {
      this.running.delete(connection.id);
      release();
    }
  }

  private analyse(connection: ConnectionConfig, templates: readonly string[], abort: AbortController, resume: PatternPassState | undefined, { client, readFrom }: { client: RedisClient; readFrom?: string }): Promise<LiveResult> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Redis: key patterns on ${connection.name}`, cancellable: true },
        async (progress, token) => {
          const listener = token.onCancellationRequested(() => abort.abort());
          try {
            progress.report({ message: resume ? 'resuming…' : 'connecting…' });
            const where = readFrom ? `; ${readFrom}` : '';
            const report = await collectLivePatternStats(client, {
              ...(resume ? { resume } : {}),
              templates,
              sampleSize: this.settings.patternSampleSize,
              count: this.settings.scanCount,
              budget: this.settings.loadBudgetFor(connection),
              signal: abort.signal,
              onProgress: (p) => {
                const what = p.phase === 'scan' ? `${formatCount(p.keysScanned)} keys scanned` : `${formatCount(p.samplesMeasured)} of ${formatCount(p.samplesTotal)} sampled keys measured`;
                progress.report({ message: `${p.budget ? `${what} (${p.budget})` : what}${where}` });
              },
            });
            const result: LiveResult = { connection, report, ...(readFrom ? { readFrom } : {}) };
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
