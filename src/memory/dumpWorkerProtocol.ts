import type { DumpAnalysis } from '../commandLine/memory/analyzeDumpFile';

/** What the dump analysis worker is started with. */
export interface DumpWorkerInput {
  path: string;
  top: number;
}

/** What the worker posts back: progress while it reads, then the analysis or the error's sentence. */
export type DumpWorkerMessage = { type: 'progress'; read: number; total: number } | { type: 'done'; analysis: DumpAnalysis } | { type: 'error'; message: string };
