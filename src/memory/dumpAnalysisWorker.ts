/**
 * Parses a dump file off the extension host's thread: the parser is synchronous and a big dump takes
 * seconds to minutes, so it runs here and Cancel simply terminates the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RdbError } from '../core/rdb';
import { analyzeDumpFile } from '../commandLine/memory/analyzeDumpFile';
import type { DumpWorkerInput, DumpWorkerMessage } from './dumpWorkerProtocol';

/** The parser's own sentence, or a short one for a file that cannot be opened or read. */
function describe(error: unknown): string {
  if (error instanceof RdbError) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return `the file cannot be read (${code}).`;
  return error instanceof Error ? error.message : String(error);
}

const post = (message: DumpWorkerMessage): void => parentPort?.postMessage(message);
const { path, top } = workerData as DumpWorkerInput;
try {
  post({ type: 'done', analysis: analyzeDumpFile(path, top, (read, total) => post({ type: 'progress', read, total })) });
} catch (error) {
  post({ type: 'error', message: describe(error) });
}
