import * as vscode from 'vscode';
import type { ConnectionConfig } from '../core/redis/connection/connectionConfig';
import type { RedisClient } from '../core/redis/connection/clientFactory';
import { formatCount } from '../core/redis/bytes/formatCount';
import { AnalysisLocks, alreadyRunningMessage, type RunningAnalysis } from '../core/liveAnalysis/analysisLocks';
import { analysedServer, connectionIdOf, ResumeStore } from '../core/liveAnalysis/resumeStore';
import { checkpointMismatch, readServerIds, resumeLabel, type ScanCheckpoint } from '../core/liveAnalysis/scanCheckpoint';

/** A saved state with what the run it belongs to was asked for (templates, sample…): another ask starts over. */
export interface Saved<S> {
  state: S;
  signature: string;
}

/** How a resumable run is asked: `ask` shows Resume / Start Over; otherwise `resume` decides (API, tests). */
export type ResumeChoice = { ask: true } | { ask: false; resume: boolean };

/** What LiveAnalyses needs of the saved connections: each one as it is now, and when the list changes. */
export interface SavedConnections {
  get(id: string): ConnectionConfig | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/**
 * The live analyses of every connection (key patterns, memory): one at a time per connection,
 * and the state of cancelled ones, kept in memory for a while so that running the same analysis
 * again offers to resume it. A connection removed, or edited to another address or database,
 * loses its saved states at once. One instance, shared by the features through the composition root.
 */
export class LiveAnalyses implements vscode.Disposable {
  private readonly locks = new AnalysisLocks();
  private readonly saved = new ResumeStore<Saved<{ checkpoint: ScanCheckpoint }>>();
  private readonly listener: vscode.Disposable;

  constructor(private readonly connections: SavedConnections) {
    this.listener = connections.onDidChange(() => this.saved.retainServers((id) => this.serverOf(id)));
  }

  /** How many stopped runs are kept for a resume. */
  get savedCount(): number {
    return this.saved.size;
  }

  /**
   * Takes the connection's lock for a run that `abort` stops; when another analysis holds it, says
   * so with "Show Progress" / "Cancel It" and returns undefined. Call the returned release when done.
   */
  begin(connection: ConnectionConfig, label: string, abort: AbortController): (() => void) | undefined {
    const running: RunningAnalysis = { label, cancel: () => abort.abort() };
    const lock = this.locks.acquire(connection.id, running);
    if (lock.acquired) return lock.release;
    const holder = lock.running;
    void vscode.window.showInformationMessage(alreadyRunningMessage(holder, connection.name), 'Show Progress', 'Cancel It').then((choice) => {
      if (choice === 'Show Progress') void vscode.commands.executeCommand('notifications.showList');
      else if (choice === 'Cancel It') holder.cancel();
    });
    return undefined;
  }

  /**
   * The saved state to continue from, when one is saved under `key` for the same `signature`, its
   * servers are the processes that issued its cursors, and the user (or `choice`) picks Resume;
   * otherwise undefined (start over; the state is discarded). Escape on the question: null.
   */
  async resumable<S extends { checkpoint: ScanCheckpoint }>(key: string, signature: string, client: RedisClient, choice: ResumeChoice): Promise<S | undefined | null> {
    // A state saved for other options (another sample size, changed code patterns) stays for them.
    const server = this.serverOf(connectionIdOf(key));
    if (server === undefined) return undefined;
    const saved = this.saved.peek(key, server) as Saved<S> | undefined;
    if (!saved || saved.signature !== signature) return undefined;
    this.saved.discard(key);
    const mismatch = checkpointMismatch(saved.state.checkpoint.servers, await readServerIds(client));
    if (mismatch) {
      void vscode.window.showInformationMessage(mismatch);
      return undefined;
    }
    if (!choice.ask) return choice.resume ? saved.state : undefined;
    const resume = resumeLabel(saved.state.checkpoint, formatCount);
    const answer = await vscode.window.showInformationMessage('The last run of this analysis was stopped part-way.', { modal: true, detail: 'Resuming continues its SCAN where it stopped and keeps what it counted; keys are counted once.' }, resume, 'Start Over');
    if (answer === undefined) {
      this.saved.save(key, saved, server); // Escape changes nothing: the state stays for the next time.
      return null;
    }
    return answer === resume ? saved.state : undefined;
  }

  /** Keeps the state of a stopped run (cancelled, or a node failed) for a resume. */
  save<S extends { checkpoint: ScanCheckpoint }>(key: string, signature: string, state: S | undefined): void {
    const server = this.serverOf(connectionIdOf(key));
    if (state && server !== undefined) this.saved.save(key, { state, signature }, server);
  }

  dispose(): void {
    this.listener.dispose();
  }

  private serverOf(connectionId: string): string | undefined {
    const config = this.connections.get(connectionId);
    return config ? analysedServer(config) : undefined;
  }
}
