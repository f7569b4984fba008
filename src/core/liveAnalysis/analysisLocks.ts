/**
 * At most one live analysis (key patterns or memory) per connection at a time: two passes over
 * one server would double its load and neither would finish sooner. Keyed by connection id, not
 * database: the databases of a server share its CPU. Other connections run in parallel.
 */

export interface RunningAnalysis {
  /** "key patterns", "memory of db0" — for the sentence that says what is running. */
  readonly label: string;
  /** Stops the running analysis (it keeps its state for a resume). */
  cancel(): void;
}

export type Acquired = { acquired: true; release: () => void } | { acquired: false; running: RunningAnalysis };

export class AnalysisLocks<R extends RunningAnalysis = RunningAnalysis> {
  private readonly running = new Map<string, R>();

  /** Takes the connection's lock for `run`, or says which analysis holds it. */
  acquire(connectionId: string, run: R): Acquired {
    const holder = this.running.get(connectionId);
    if (holder) return { acquired: false, running: holder };
    this.running.set(connectionId, run);
    // Releasing twice, or after another run took the lock, must not free someone else's lock.
    return { acquired: true, release: () => void (this.running.get(connectionId) === run && this.running.delete(connectionId)) };
  }

  runningOn(connectionId: string): R | undefined {
    return this.running.get(connectionId);
  }
}

/** "The memory analysis of db0 is already running on "staging"; one analysis per connection at a time." */
export function alreadyRunningMessage(running: RunningAnalysis, connectionName: string): string {
  return `The ${running.label} analysis is already running on "${connectionName}": one analysis per connection at a time.`;
}
