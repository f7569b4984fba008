import { Worker } from 'node:worker_threads';
import type { DumpAnalysis } from '../commandLine/memory/analyzeDumpFile';
import type { DumpWorkerInput, DumpWorkerMessage } from './dumpWorkerProtocol';

export interface DumpAnalysisRun {
  /** The bundled worker script (dist/dumpAnalysisWorker.js). */
  script: string;
  path: string;
  top: number;
  signal: AbortSignal;
  onProgress(read: number, total: number): void;
}

/** The error a cancelled analysis rejects with (the caller shows nothing for it). */
export class DumpAnalysisCancelled extends Error {
  override readonly name = 'DumpAnalysisCancelled';
  constructor() {
    super('The dump file analysis was cancelled.');
  }
}

/** Runs the dump analysis in a worker thread; aborting terminates the thread at once. */
export function runDumpAnalysis(run: DumpAnalysisRun): Promise<DumpAnalysis> {
  if (run.signal.aborted) return Promise.reject(new DumpAnalysisCancelled());
  const input: DumpWorkerInput = { path: run.path, top: run.top };
  const worker = new Worker(run.script, { workerData: input });
  return new Promise<DumpAnalysis>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void): void => {
      if (settled) return;
      settled = true;
      run.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const onAbort = (): void => finish(() => reject(new DumpAnalysisCancelled()));
    run.signal.addEventListener('abort', onAbort);
    worker.on('message', (message: DumpWorkerMessage) => {
      if (message.type === 'progress') run.onProgress(message.read, message.total);
      else if (message.type === 'done') finish(() => resolve(message.analysis));
      else finish(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`The dump analysis stopped unexpectedly (exit code ${code}).`))));
  });
}
