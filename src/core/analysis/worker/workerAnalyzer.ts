/** The host side of the analysis worker: one worker thread, requests answered in order. */
import { Worker } from 'node:worker_threads';
import type { AnalysisOptions } from '../options';
import type { WasmLocation } from '../parser/wasmLocation';
import type { AnalysisResult, Finding } from '../types';
import { mayReexport } from '../engine/reexports';
import type { AnalyzeRequest, AnalyzeResponse, WorkerInit } from './protocol';

export interface WorkerAnalyzerConfig {
  /** The bundled worker script (dist/analysisWorker.js). */
  script: string;
  wasm: string | WasmLocation;
  /** Extra Node flags for the worker (tests run the TypeScript entry through tsx). */
  execArgv?: string[];
}

export class WorkerAnalyzer {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: AnalysisResult) => void; reject: (e: Error) => void }>();

  constructor(private readonly config: WorkerAnalyzerConfig) {}

  analyze(fileName: string, text: string, options: AnalysisOptions, optionsKey: string): Promise<AnalysisResult> {
    return this.send({ id: this.nextId++, fileName, text, options, optionsKey });
  }

  /**
   * Publishes what a barrel re-exports before the files of its import cycle are analysed (Analyzer.noteReexports);
   * only files with a re-export are sent.
   */
  noteReexports(fileName: string, text: string): Promise<void> {
    if (!mayReexport(text)) return Promise.resolve();
    return this.send({ id: this.nextId++, fileName, text, options: {}, optionsKey: '', reexportsOnly: true }).then(() => undefined);
  }

  /** A file's findings of this scan without those another file of the scan settled (see AnalyzeRequest.settle). */
  settle(fileName: string, findings: Finding[]): Promise<Finding[]> {
    return this.send({ id: this.nextId++, fileName, text: '', options: {}, optionsKey: '', settle: findings }).then((r) => r.findings);
  }

  private send(request: AnalyzeRequest): Promise<AnalysisResult> {
    const worker = this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.ref(); // keep the process alive while answers are due
      worker.postMessage(request);
    });
  }

  /** Stops the worker; pending analyses reject. */
  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('The analysis worker was stopped'));
    void worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const init: WorkerInit = { wasm: this.config.wasm };
    const worker = new Worker(this.config.script, { workerData: init, execArgv: this.config.execArgv });
    worker.on('message', (response: AnalyzeResponse) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if (this.pending.size === 0) worker.unref();
      if (response.ok) waiting.resolve(response.result);
      else waiting.reject(new Error(response.error));
    });
    // A crashed worker fails what it held; the next request starts a fresh one.
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`The analysis worker exited (code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
