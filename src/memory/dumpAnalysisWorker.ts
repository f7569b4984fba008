/**
 * Parses a dump file off the extension host's thread: the parser is synchronous and a big dump takes
 * seconds to minutes, so it runs here and Cancel simply terminates the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeDumpFile } from '../memoryCli/analyzeDumpFile';
import type { DumpWorkerInput, DumpWorkerMessage } from './dumpWorkerProtocol';

const post = (message: DumpWorkerMessage): void => parentPort?.postMessage(message);
const { path, top } = workerData as DumpWorkerInput;
try {
  post({ type: 'done', analysis: analyzeDumpFile(path, top, (read, total) => post({ type: 'progress', read, total })) });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
